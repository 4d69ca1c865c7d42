/**
 * What the compiler checks of a bundle's logic: questions (unique ids, options where they
 * choose), what their answers do, groups of optional matters, the rules (allowed operations,
 * data they read) and the rules' cases (each must give its recorded outcome). Every finding
 * names the question, matter, field or rule in the official's words.
 */
import type { CompiledBundle, ExportedRule, MergedField } from './compiled-types.ts';
import { conditionRefs } from './conditions.ts';
import { diagnostic, pointer, type Diagnostic, type DiagnosticLoc } from './diagnostics.ts';
import { exampleView } from './example.ts';
import { withDerived } from './field-logic.ts';
import type { Condition, Question } from './logic-types.ts';
import { asRoster, rosterRows, rowView } from './roster.ts';
import type { Policy } from './policy.ts';
import { citesArticle, logicHolds, logicParameters, logicProblems, logicVars, withValue } from './rules.ts';
import type { Bundle, Matter, Scenario } from './types.ts';

/** The date a rule's case is judged on when it sets none (cases are data; the compile stays deterministic). */
export const CASE_DATE = '2026-01-01';

/** What the checks read of the compile so far. */
export interface LogicContext {
  bundle: Bundle;
  fields: readonly MergedField[];
  matterName(code: string): string;
  diagnostics: Diagnostic[];
  /** The calendar and 政策参数 rules are judged under (their cases, and the parameters they may name). */
  policy: Policy;
}

/** Reports a condition's references that are not there: answers of the scenario, fields of the form, matters of the scenario. */
function checkCondition(
  c: Condition,
  where: string,
  at: string,
  answers: ReadonlySet<string>,
  matters: ReadonlySet<string>,
  ctx: LogicContext,
  loc: DiagnosticLoc,
) {
  const doc = `bundle:${ctx.bundle.id}`;
  const refs = conditionRefs(c);
  const fields = new Set(ctx.fields.map((f) => f.id));
  for (const answer of refs.answers)
    if (!answers.has(answer)) ctx.diagnostics.push(diagnostic('logic.unknown-answer', doc, at, { where, answer }, loc));
  for (const field of refs.fields)
    if (!fields.has(field)) ctx.diagnostics.push(diagnostic('logic.unknown-field', doc, at, { where, field }, loc));
  for (const matter of refs.matters)
    if (!matters.has(matter))
      ctx.diagnostics.push(diagnostic('logic.unknown-matter', doc, at, { where, matter: ctx.matterName(matter) }, loc));
}

/** Checks one scenario's questions, effects and groups. */
export function checkScenarioLogic(s: Scenario, si: number, ctx: LogicContext): void {
  const doc = `bundle:${ctx.bundle.id}`;
  const answers = new Set((s.questions ?? []).map((q) => q.id));
  const matters = new Set(s.items.map((i) => i.matter));
  const required = new Set(s.items.filter((i) => i.selection === 'required').map((i) => i.matter));
  (s.questions ?? []).forEach((q, qi) => {
    const loc = { scenario: s.id, question: q.id };
    const at = pointer('scenarios', si, 'questions', qi);
    if ((q.kind === 'one-of' || q.kind === 'several-of') && (q.options?.length ?? 0) < 2)
      ctx.diagnostics.push(diagnostic('question.no-options', doc, at, { question: q.text }, loc));
    if (q.when) checkCondition(q.when, `问题「${q.text}」的提问条件`, `${at}/when`, answers, matters, ctx, loc);
  });
  (s.effects ?? []).forEach((e, ei) => {
    const loc = { scenario: s.id };
    const at = pointer('scenarios', si, 'effects', ei);
    const where = '回答的效果';
    checkCondition(e.when, where, `${at}/when`, answers, matters, ctx, loc);
    for (const code of [...(e.require ?? []), ...(e.exclude ?? []), ...(e.materials ?? []).flatMap((m) => (m.matter ? [m.matter] : []))])
      if (!matters.has(code))
        ctx.diagnostics.push(diagnostic('logic.unknown-matter', doc, at, { where, matter: ctx.matterName(code) }, loc));
    for (const code of e.exclude ?? [])
      if (required.has(code))
        ctx.diagnostics.push(diagnostic('logic.excludes-required', doc, `${at}/exclude`, { where, matter: ctx.matterName(code) }, loc));
  });
  (s.groups ?? []).forEach((g, gi) => {
    const optional = g.matters.filter((code) => matters.has(code) && !required.has(code));
    if (optional.length < 2 || optional.length < g.matters.length)
      ctx.diagnostics.push(
        diagnostic('group.invalid', doc, pointer('scenarios', si, 'groups', gi), { group: g.label }, { scenario: s.id }),
      );
  });
}

/**
 * The answers of all a bundle's scenarios share one object: a question id names one question.
 * Scenarios may ask the same question (代办); one id for two different questions is an error.
 */
export function checkQuestionIds(bundle: Bundle, diagnostics: Diagnostic[]): void {
  const seen = new Map<string, string>();
  const shape = (q: Question) => JSON.stringify([q.text, q.kind, q.options ?? []]);
  bundle.scenarios.forEach((s, si) =>
    (s.questions ?? []).forEach((q, qi) => {
      const first = seen.get(q.id);
      if (first !== undefined && first !== shape(q)) {
        const at = pointer('scenarios', si, 'questions', qi, 'id');
        diagnostics.push(diagnostic('question.duplicate-id', `bundle:${bundle.id}`, at, { id: q.id }, { scenario: s.id, question: q.id }));
      }
      if (first === undefined) seen.set(q.id, shape(q));
    }),
  );
}

/** The data paths a rule may read in this bundle. */
function readablePaths(bundle: Bundle, fields: readonly MergedField[]): Set<string> {
  const out = new Set(['scenario', 'matters', 'answers', 'applicationDate']);
  for (const s of bundle.scenarios) for (const q of s.questions ?? []) out.add(`answers.${q.id}`);
  for (const f of fields) {
    out.add(f.section);
    out.add(f.id);
  }
  return out;
}

/** Where a rule lives: in a matter's document, or in the bundle's. */
function ruleHome(rule: ExportedRule, bundle: Bundle, matters: ReadonlyMap<string, Matter>): { doc: string; at: string } {
  if (rule.matter) {
    const index = (matters.get(rule.matter)?.rules ?? []).findIndex((r) => `${rule.matter}/${r.id}` === rule.id);
    return { doc: `matter:${rule.matter}`, at: pointer('rules', index) };
  }
  return {
    doc: `bundle:${bundle.id}`,
    at: pointer(
      'rules',
      (bundle.rules ?? []).findIndex((r) => r.id === rule.id),
    ),
  };
}

/** Checks every rule: allowed operations, and only data the application has. */
export function checkRules(rules: readonly ExportedRule[], matters: ReadonlyMap<string, Matter>, ctx: LogicContext): void {
  const readable = readablePaths(ctx.bundle, ctx.fields);
  for (const rule of rules) {
    const { doc, at } = ruleHome(rule, ctx.bundle, matters);
    const loc = { rule: rule.id, ...(rule.matter ? { matter: rule.matter } : {}) };
    // a matter's rules are checked with the matter (matterOwnProblems), wherever it is used
    if (!rule.matter)
      for (const detail of logicProblems(rule.logic))
        ctx.diagnostics.push(diagnostic('rule.invalid', doc, `${at}/logic`, { rule: rule.message, detail }, loc));
    for (const path of logicVars(rule.logic))
      if (!readable.has(path))
        ctx.diagnostics.push(diagnostic('rule.unknown-field', doc, `${at}/logic`, { rule: rule.message, path }, loc));
    for (const parameter of logicParameters(rule.logic))
      if (!ctx.policy.parameters.byName.has(parameter))
        ctx.diagnostics.push(diagnostic('rule.unknown-parameter', doc, `${at}/logic`, { rule: rule.message, parameter }, loc));
    if (!citesArticle(rule.basis)) ctx.diagnostics.push(diagnostic('rule.no-basis', doc, `${at}/basis`, { rule: rule.message }, loc));
    const missing = [rule.cases?.some((c) => c.passes) ? '' : '通过', rule.cases?.some((c) => !c.passes) ? '' : '不通过'].filter(Boolean);
    if (missing.length)
      ctx.diagnostics.push(
        diagnostic('rule.one-sided-cases', doc, `${at}/cases`, { rule: rule.message, missing: missing.join('和') }, loc),
      );
  }
}

/** A scenario where a rule applies (its matter is in it, it is among the rule's scenarios), if any. */
export function ruleScenario(compiled: CompiledBundle, rule: ExportedRule): string | undefined {
  return compiled.scenarios.find(
    (s) => (!rule.matter || s.items.some((i) => i.matter.code === rule.matter)) && (!rule.scenarios || rule.scenarios.includes(s.id)),
  )?.id;
}

/**
 * The application a rule's case is judged on: the example application of `scenario`, dated
 * CASE_DATE, the rule's matter applied for (unless the values say otherwise), the case's
 * values set, derived fields filled in; for an employee's rule, the example employee's view.
 */
export function caseApplication(
  compiled: CompiledBundle,
  rule: ExportedRule,
  scenario: string,
  values: Readonly<Record<string, unknown>>,
  policy?: Policy,
): Record<string, unknown> {
  let data: Record<string, unknown> = { ...exampleView(compiled, scenario), applicationDate: CASE_DATE };
  if (rule.matter) data.matters = [...new Set([...(data.matters as string[]), rule.matter])];
  for (const [path, value] of Object.entries(values)) data = withValue(data, path, value);
  const on = typeof data.applicationDate === 'string' ? data.applicationDate : CASE_DATE;
  const app = withDerived(compiled, asRoster(compiled, data), policy && { parameters: policy.parameters, on });
  // an employee's rule reads the one employee's view
  return rule.each ? rowView(app, rosterRows(app)[0] ?? {}) : app;
}

/** Each rule's cases must give their recorded outcome, judged as `caseApplication` says. */
export function checkRuleCases(compiled: CompiledBundle, matters: ReadonlyMap<string, Matter>, ctx: LogicContext): void {
  for (const rule of compiled.rules) {
    if (!rule.cases?.length) continue;
    const { doc, at } = ruleHome(rule, ctx.bundle, matters);
    const scenario = ruleScenario(compiled, rule);
    if (!scenario) continue;
    rule.cases.forEach((c, ci) => {
      const passes = logicHolds(rule.logic, caseApplication(compiled, rule, scenario, c.values, ctx.policy), ctx.policy);
      if (passes !== c.passes)
        ctx.diagnostics.push(
          diagnostic(
            'rule.case-fails',
            doc,
            `${at}/cases/${ci}`,
            { rule: rule.message, case: c.label, expected: c.passes ? '通过' : '不通过', actual: passes ? '通过' : '不通过' },
            { rule: rule.id },
          ),
        );
    });
  }
}
