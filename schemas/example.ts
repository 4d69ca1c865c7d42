/**
 * Example applications generated from a compiled bundle: complete and valid for a scenario
 * and selection. They feed the API's examples, front-end developers and the tests.
 */
import type { CompiledBundle, CompiledScenario, MergedField } from './compiled-types.ts';
import { holds } from './conditions.ts';
import { withDerived, type DerivationPolicy } from './field-logic.ts';
import { FORMATS } from './formats.ts';
import type { Question } from './logic-types.ts';
import { asRoster } from './roster.ts';
import { withValue } from './rules.ts';
import { allMatters, answeredSelection, fieldsFor } from './selection.ts';
import type { FieldFormat } from './types.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 18-digit ID number from its first 17 digits. */
export function withIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return first17 + '10X98765432'[sum % 11];
}

/** A valid unified social credit code from its first 17 characters. */
export function withUsccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const FORMAT_EXAMPLES: Record<FieldFormat, string> = {
  'cn-id-number': withIdCheck('32010219850615123'),
  'cn-uscc': withUsccCheck('91320100MA1XYT123'),
  'cn-mobile': '13912345678',
  'cn-phone': '025-83281234',
  'cn-bank-card': '6222021001234567890',
  'cn-postcode': '210000',
  email: 'zhangsan@example.cn',
};

function fits(f: MergedField, value: unknown): boolean {
  if (typeof value === 'string') {
    if (f.minLength !== undefined && [...value].length < f.minLength) return false;
    if (f.maxLength !== undefined && [...value].length > f.maxLength) return false;
    const patterns = [...f.patterns, ...(f.format ? [FORMATS[f.format].pattern] : [])];
    return patterns.every((p) => new RegExp(p, 'u').test(value));
  }
  if (typeof value === 'number') return (f.minimum === undefined || value >= f.minimum) && (f.maximum === undefined || value <= f.maximum);
  return value !== undefined;
}

function text(f: MergedField): string {
  const min = f.minLength ?? 1;
  const max = f.maxLength ?? Math.max(min, 20);
  let s = f.label.replace(/（.*?）/g, '');
  while ([...s].length < min) s += '示例';
  return [...s].slice(0, max).join('');
}

/** A value that satisfies one merged field. */
export function exampleValue(f: MergedField): unknown {
  if (f.example !== undefined && fits(f, f.example)) return f.example;
  switch (f.type) {
    case 'boolean':
      return true;
    case 'date':
      return '2026-03-02';
    case 'integer':
    case 'number': {
      const low = f.minimum ?? 0;
      const value = Math.max(low, Math.min(f.maximum ?? 1, 1));
      return f.type === 'integer' ? Math.ceil(value) : value;
    }
    case 'enum':
      return f.options?.[0]?.value ?? '';
    case 'multi-enum':
      return f.options?.length ? [f.options[0]!.value] : [];
    default:
      if (f.format) return FORMAT_EXAMPLES[f.format];
      return text(f);
  }
}

/** The answers worth trying for a question, the default first: no / yes, each option, small sets of options. */
export function candidateAnswers(q: Question): unknown[] {
  const values = (q.options ?? []).map((o) => o.value);
  switch (q.kind) {
    case 'yes-no':
      return [false, true];
    case 'one-of':
      return values.length ? values : [''];
    case 'several-of': {
      // every non-empty subset of up to six options (64 candidates at most), the first option alone first
      const some = values.slice(0, 6);
      const subsets = Array.from({ length: (1 << some.length) - 1 }, (_, i) => some.filter((_, b) => (i + 1) & (1 << b)));
      return subsets.sort((a, b) => a.length - b.length);
    }
    case 'number':
      return [1];
    case 'date':
      return ['2026-03-02'];
  }
}

/** How far what the answers do is from a wanted selection: matters they require that are not wanted, or exclude that are. */
function disagreement(scenario: CompiledScenario, app: Record<string, unknown>, wanted: readonly string[]): number {
  const { required, excluded } = answeredSelection(scenario, app);
  return [...required].filter((c) => !wanted.includes(c)).length + [...excluded].filter((c) => wanted.includes(c)).length;
}

/** Answers to the questions asked, each the candidate that best agrees with the wanted selection (the default when all agree). */
function exampleAnswers(
  scenario: CompiledScenario,
  base: Record<string, unknown>,
  wanted: readonly string[] | undefined,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of scenario.questions) {
    if (q.when && !holds(q.when, { ...base, answers })) continue;
    const candidates = candidateAnswers(q);
    if (!wanted) {
      answers[q.id] = candidates[0];
      continue;
    }
    let best = candidates[0];
    let bestScore = Infinity;
    for (const answer of candidates) {
      const score = disagreement(scenario, { ...base, answers: { ...answers, [q.id]: answer } }, wanted);
      if (score < bestScore) [best, bestScore] = [answer, score];
    }
    answers[q.id] = best;
  }
  return answers;
}

/** A selection the scenario's logic allows: what the answers require, nothing they exclude, no more than a group allows. */
function allowedSelection(scenario: CompiledScenario, app: Record<string, unknown>, wanted: readonly string[]): string[] {
  const { required, excluded } = answeredSelection(scenario, app);
  let selected = allMatters(scenario).filter((c) => (wanted.includes(c) || required.has(c)) && !excluded.has(c));
  for (const g of scenario.groups) {
    const inGroup = selected.filter((c) => g.matters.includes(c));
    const pick = inGroup[0] ?? g.matters.find((c) => !excluded.has(c));
    if (g.kind !== 'at-least-one') selected = selected.filter((c) => !g.matters.includes(c) || c === pick);
    if (pick && g.kind !== 'at-most-one' && !selected.includes(pick)) selected.push(pick);
  }
  return allMatters(scenario).filter((c) => selected.includes(c));
}

/**
 * A complete application for a scenario and selection that the bundle's logic accepts: its
 * questions answered (no, or the first option, unless a rule's accepted case says better),
 * the matters the answers require and none they exclude, every field the selected matters ask
 * for and its conditions show filled, derived fields worked out, and the values of each rule's
 * first passing case set. Defaults: the first scenario with all the matters it allows. A
 * derivation that reads 政策参数 is worked out only with `policy` (the parameters and the day).
 */
export function exampleApplication(
  compiled: CompiledBundle,
  scenarioId?: string,
  matters?: readonly string[],
  policy?: DerivationPolicy,
): Record<string, unknown> {
  return withDerived(compiled, asRoster(compiled, exampleView(compiled, scenarioId, matters)), policy);
}

/**
 * The example as one person's view of it: every section at the top, an employer's bundle's
 * one employee included (what conditions and rules read; `asRoster` gives it the roster's shape).
 */
export function exampleView(compiled: CompiledBundle, scenarioId?: string, matters?: readonly string[]): Record<string, unknown> {
  const scenario = compiled.scenarios.find((s) => s.id === scenarioId) ?? compiled.scenarios[0];
  if (!scenario) return { scenario: '', matters: [] };
  let app: Record<string, unknown> = { scenario: scenario.id, matters: matters ? [...matters] : allMatters(scenario) };
  const accepted = compiled.rules.map((r) => r.cases?.find((c) => c.passes)?.values).filter((v): v is Record<string, unknown> => !!v);
  const withCases = (data: Record<string, unknown>) =>
    accepted.reduce((d, values) => Object.entries(values).reduce((x, [path, v]) => withValue(x, path, v), d), data);
  // answers and selection decide each other: settle them twice
  for (let round = 0; round < 2; round++) {
    app = withCases({ ...app, answers: exampleAnswers(scenario, app, matters) });
    if (!matters) app.matters = allowedSelection(scenario, app, allMatters(scenario));
  }
  const selected = app.matters as string[];
  for (const f of fieldsFor(compiled, selected)) {
    if (f.derived || (f.condition && !holds(f.condition.when, app))) continue;
    const section = (app[f.section] ??= {}) as Record<string, unknown>;
    section[f.key] = exampleValue(f);
  }
  return withCases(app);
}
