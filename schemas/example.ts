/**
 * Example applications generated from a compiled bundle: complete and valid for a scenario
 * and selection. They feed the API's examples, front-end developers and the tests.
 */
import type { CompiledBundle, CompiledScenario, MergedField } from './compiled-types.ts';
import { holds } from './conditions.ts';
import { withDerived } from './field-logic.ts';
import { FORMATS } from './formats.ts';
import type { Question } from './logic-types.ts';
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

/** The example answer to a question: no, the first option, the first date of the examples. */
function exampleAnswer(q: Question): unknown {
  switch (q.kind) {
    case 'yes-no':
      return false;
    case 'one-of':
      return q.options?.[0]?.value ?? '';
    case 'several-of':
      return q.options?.length ? [q.options[0]!.value] : [];
    case 'number':
      return 1;
    case 'date':
      return '2026-03-02';
  }
}

/** A selection the scenario's logic allows: what the answers require, nothing they exclude, one of each exactly-one group. */
function allowedSelection(scenario: CompiledScenario, app: Record<string, unknown>, wanted: readonly string[]): string[] {
  const { required, excluded } = answeredSelection(scenario, app);
  let selected = allMatters(scenario).filter((c) => (wanted.includes(c) || required.has(c)) && !excluded.has(c));
  for (const g of scenario.groups) {
    const inGroup = selected.filter((c) => g.matters.includes(c));
    const pick = inGroup[0] ?? g.matters.find((c) => !excluded.has(c));
    if (g.kind === 'exactly-one') selected = selected.filter((c) => !g.matters.includes(c) || c === pick);
    if (pick && !selected.includes(pick)) selected.push(pick);
  }
  return allMatters(scenario).filter((c) => selected.includes(c));
}

/**
 * A complete application for a scenario and selection that the bundle's logic accepts: its
 * questions answered (no, or the first option, unless a rule's accepted case says better),
 * the matters the answers require and none they exclude, every field the selected matters ask
 * for and its conditions show filled, derived fields worked out, and the values of each rule's
 * first passing case set. Defaults: the first scenario with all the matters it allows.
 */
export function exampleApplication(compiled: CompiledBundle, scenarioId?: string, matters?: readonly string[]): Record<string, unknown> {
  const scenario = compiled.scenarios.find((s) => s.id === scenarioId) ?? compiled.scenarios[0];
  if (!scenario) return { scenario: '', matters: [] };
  let app: Record<string, unknown> = { scenario: scenario.id, matters: matters ? [...matters] : allMatters(scenario) };
  const accepted = compiled.rules.map((r) => r.cases?.find((c) => c.passes)?.values).filter((v): v is Record<string, unknown> => !!v);
  const withCases = (data: Record<string, unknown>) =>
    accepted.reduce((d, values) => Object.entries(values).reduce((x, [path, v]) => withValue(x, path, v), d), data);
  // answers and selection decide each other: settle them twice
  for (let round = 0; round < 2; round++) {
    const answers: Record<string, unknown> = {};
    for (const q of scenario.questions) if (!q.when || holds(q.when, { ...app, answers })) answers[q.id] = exampleAnswer(q);
    app = withCases({ ...app, answers });
    if (!matters) app.matters = allowedSelection(scenario, app, allMatters(scenario));
  }
  const selected = app.matters as string[];
  for (const f of fieldsFor(compiled, selected)) {
    if (f.derived || (f.condition && !holds(f.condition.when, app))) continue;
    const section = (app[f.section] ??= {}) as Record<string, unknown>;
    section[f.key] = exampleValue(f);
  }
  return withDerived(compiled, withCases(app));
}
