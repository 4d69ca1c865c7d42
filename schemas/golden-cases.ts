/**
 * 用例 (golden cases): sample applicants recorded with their outcome — accepted or refused and
 * by which rules, the matters, the materials handed in, when each matter and the bundle is
 * due. Every compile reruns them exactly as the runtime decides an application (normalise,
 * derive, the exported schema, the rules on the day received, the plan), so a change to a
 * shared matter, the dictionary or the bundle that changes what an applicant experiences
 * shows up as `case.changed` until an official records the new outcome.
 */
import type { CaseResult, CompiledBundle } from './compiled-types.ts';
import { describeErrors } from './error-messages.ts';
import { withDerived } from './field-logic.ts';
import { duplicateEmployees } from './roster.ts';
import { interpretedValidator, type InterpretedValidator } from './interpreted-validation.ts';
import type { CaseOutcome, GoldenCase } from './logic-types.ts';
import { NO_POLICY, type Policy } from './policy.ts';
import { brokenRules } from './rules.ts';
import { checklistForSelection, deadlinesFor, fieldTitles, normalizeApplication } from './selection.ts';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The outcome of an application received on `receivedOn`, as the runtime would decide it.
 * `policy` is the calendar the rules count working days with and the 政策参数, read as in force on
 * `receivedOn` — the day a case pins, so a case recorded for 2029 keeps its meaning after a
 * parameter's 2030 step. `validator` is the exported schema's (built once per compile). Due
 * dates are working days after acceptance, so the outcome does not move with the holidays.
 */
export function caseOutcome(
  compiled: CompiledBundle,
  application: unknown,
  receivedOn: string,
  policy: Policy = NO_POLICY,
  validator: InterpretedValidator = interpretedValidator(compiled.schema),
): CaseOutcome {
  const normalized = normalizeApplication(compiled, application);
  const app = isObject(normalized) ? withDerived(compiled, normalized, { parameters: policy.parameters, on: receivedOn }) : normalized;
  const errors = validator(app);
  const found = [
    ...(errors ? describeErrors(errors, () => undefined, { schema: compiled.schema, data: app }) : []),
    ...duplicateEmployees(compiled, app),
  ];
  if (found.length) return { accepted: false, errors: [...new Set(found.map((e) => e.path))].sort() };
  const valid = app as Record<string, unknown> & { scenario: string; matters: string[] };
  const broken = brokenRules(compiled.rules, { ...valid, applicationDate: receivedOn }, policy);
  const refused = [...new Set(broken.filter((r) => r.severity === 'reject').map((r) => r.id))];
  if (refused.length) return { accepted: false, refusedBy: refused };
  const scenario = compiled.scenarios.find((s) => s.id === valid.scenario)!;
  const matters = scenario.items.map((i) => i.matter.code).filter((c) => valid.matters.includes(c));
  const dates = deadlinesFor(scenario, matters, '2000-01-03', policy.calendar);
  return {
    accepted: true,
    warnings: [...new Set(broken.filter((r) => r.severity === 'warn').map((r) => r.id))],
    matters,
    materials: checklistForSelection(scenario, matters, valid)
      .filter((c) => !c.exempt)
      .map((c) => c.id),
    due: { bundle: dates.bundle.days, matters: Object.fromEntries(matters.map((c) => [c, dates.matters[c]!.ends])) },
  };
}

/** The names an outcome's ids are said with. */
export interface CaseNames {
  matter(code: string): string;
  material(id: string): string;
  rule(id: string): string;
  path(pointer: string): string;
}

/**
 * The names of a compile's matters, materials, rules and fields, for saying outcomes; `catalog`
 * names what the compile no longer has (a material a recorded outcome still lists).
 */
export function caseNames(compiled: CompiledBundle, catalog?: Pick<CaseNames, 'matter' | 'material'>): CaseNames {
  const matters = new Map(compiled.scenarios.flatMap((s) => s.items.map((i) => [i.matter.code, i.matter.name] as const)));
  const materials = new Map(compiled.scenarios.flatMap((s) => s.materials.map((m) => [m.id, m.name] as const)));
  const rules = new Map(compiled.rules.map((r) => [r.id, r.message] as const));
  const titles = fieldTitles(compiled);
  return {
    matter: (c) => matters.get(c) ?? catalog?.matter(c) ?? c,
    material: (id) => materials.get(id) ?? catalog?.material(id) ?? id,
    rule: (id) => rules.get(id) ?? id,
    path: (p) => titles.get(p) ?? p,
  };
}

/** How an outcome reads: 受理, or 不予受理 and why. */
export function verdictWords(o: CaseOutcome, names: Pick<CaseNames, 'rule' | 'path'>): string {
  if (o.accepted) return '受理';
  if (o.refusedBy?.length) return `不予受理（${o.refusedBy.map((r) => `「${names.rule(r)}」`).join('、')}）`;
  return `不予受理（表单有误：${(o.errors ?? []).map((p) => names.path(p)).join('、') || '申请'}）`;
}

function listChange(what: string, before: readonly string[] = [], after: readonly string[] = [], name: (x: string) => string): string[] {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  const out: string[] = [];
  if (added.length) out.push(`${what}增加${added.map((x) => `「${name(x)}」`).join('、')}`);
  if (removed.length) out.push(`${what}减少${removed.map((x) => `「${name(x)}」`).join('、')}`);
  return out;
}

/** What differs between the recorded and the rerun outcome, in words (empty: it holds). */
export function outcomeChanges(expected: CaseOutcome, actual: CaseOutcome, names: CaseNames): string[] {
  const before = verdictWords(expected, names);
  const after = verdictWords(actual, names);
  if (before !== after) return [`由${before}变为${after}`];
  if (!actual.accepted) return [];
  const out = [
    ...listChange('办理事项', expected.matters, actual.matters, names.matter),
    ...listChange('需提交的材料', expected.materials, actual.materials, names.material),
    ...listChange('提示核查', expected.warnings, actual.warnings, names.rule),
  ];
  const was = expected.due ?? { bundle: 0, matters: {} };
  const now = actual.due ?? { bundle: 0, matters: {} };
  for (const code of actual.matters ?? []) {
    const a = was.matters[code];
    const b = now.matters[code];
    if (a !== undefined && b !== undefined && a !== b)
      out.push(`「${names.matter(code)}」由受理后第 ${a} 个工作日办结变为第 ${b} 个工作日`);
  }
  if (was.bundle !== now.bundle) out.push(`整件由受理后第 ${was.bundle} 个工作日办结变为第 ${now.bundle} 个工作日`);
  return out;
}

/** Reruns the cases on a compile: the province's, with a city's outcome of one (same id) in its place, and the city's own. */
export function runCases(
  compiled: CompiledBundle,
  province: readonly GoldenCase[],
  city: readonly GoldenCase[],
  policy: Policy,
  catalog?: Pick<CaseNames, 'matter' | 'material'>,
): CaseResult[] {
  if (province.length === 0 && city.length === 0) return [];
  const validator = interpretedValidator(compiled.schema);
  const names = caseNames(compiled, catalog);
  const cityIds = new Set(city.map((c) => c.id));
  const cases = [
    ...province.filter((c) => !cityIds.has(c.id)).map((c) => ({ c, origin: 'province' as const })),
    ...city.map((c) => ({ c, origin: 'city' as const })),
  ];
  return cases.map(({ c, origin }) => {
    const actual = caseOutcome(compiled, c.application, c.receivedOn, policy, validator);
    return { id: c.id, label: c.label, origin, expected: c.expected, actual, changes: outcomeChanges(c.expected, actual, names) };
  });
}

/**
 * A bundle's or a city variant's cases with the outcomes of `ids` recorded as the compile
 * now gives them. A city records a province case by keeping its own copy (same id) with the
 * city's outcome. Returns the ids it could not find among the compile's cases.
 */
export function recordOutcomes<T extends { cases?: GoldenCase[] }>(
  doc: T,
  province: readonly GoldenCase[],
  results: readonly CaseResult[],
  ids: readonly string[],
  by: string,
  at: string,
): { doc: T; unknown: string[] } {
  const cases = [...(doc.cases ?? [])];
  const unknown: string[] = [];
  for (const id of ids) {
    const result = results.find((r) => r.id === id);
    const own = cases.findIndex((c) => c.id === id);
    const source = own >= 0 ? cases[own] : province.find((c) => c.id === id);
    if (!result || !source) {
      unknown.push(id);
      continue;
    }
    const recorded: GoldenCase = { ...source, expected: result.actual, recordedBy: by, recordedAt: at };
    if (own >= 0) cases[own] = recorded;
    else cases.push(recorded);
  }
  return { doc: { ...doc, cases }, unknown };
}
