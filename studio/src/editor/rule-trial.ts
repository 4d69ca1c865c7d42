/**
 * Trying a rule in the studio before it is saved: the values it reads, each with the input it
 * needs, set on the example application of a scenario where it applies — judged exactly as
 * the compiler judges the rule's saved cases (caseApplication), so a trial saved as a case
 * gives the same outcome at publishing.
 */
import {
  caseApplication,
  compileRule,
  logicHolds,
  logicVars,
  ruleScenario,
  type CompiledBundle,
  type FieldOption,
  type MergedField,
  type Policy,
  type QuestionKind,
  type Rule,
} from '../../../schemas/index.ts';

/** One value a rule reads, with what its input needs. */
export interface TrialInput {
  path: string;
  label: string;
  kind: 'text' | 'number' | 'boolean' | 'date' | 'option' | 'options' | 'matters';
  options?: FieldOption[];
}

/** The input a question's answer needs. */
const QUESTION_INPUT: Record<QuestionKind, TrialInput['kind']> = {
  'yes-no': 'boolean',
  'one-of': 'option',
  'several-of': 'options',
  number: 'number',
  date: 'date',
};

/** The input a field needs (text for any other type). */
const FIELD_INPUT: Partial<Record<MergedField['type'], TrialInput['kind']>> = {
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  enum: 'option',
  'multi-enum': 'options',
};

/**
 * The inputs for the values a rule reads (fields, answers, the application date, the matters). A
 * derived field is worked out again from its source whatever is typed into it, so the source is
 * offered in its place (「出生日期」由「公民身份号码」得出).
 */
export function trialInputs(compiled: CompiledBundle, logic: unknown): TrialInput[] {
  const fields = new Map(compiled.fields.map((f) => [f.id, f]));
  const questions = new Map(compiled.scenarios.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  const matters = new Map(compiled.scenarios.flatMap((s) => s.items.map((i) => [i.matter.code, i.matter.name] as const)));
  const paths = [...new Set(logicVars(logic).flatMap((path) => (fields.get(path)?.derived ? [fields.get(path)!.derived!.from] : [path])))];
  return paths.flatMap((path): TrialInput[] => {
    if (path === 'applicationDate') return [{ path, label: '申请日期', kind: 'date' }];
    if (path === 'matters')
      return [{ path, label: '所办事项', kind: 'matters', options: [...matters].map(([value, label]) => ({ value, label })) }];
    if (path.startsWith('answers.')) {
      const q = questions.get(path.slice('answers.'.length));
      if (!q) return [];
      return [{ path, label: q.text, kind: QUESTION_INPUT[q.kind], ...(q.options ? { options: q.options } : {}) }];
    }
    const f = fields.get(path);
    if (!f) return [];
    const read = logicVars(logic).filter((p) => fields.get(p)?.derived?.from === path);
    const label = read.length ? `${f.label}（${read.map((p) => `「${fields.get(p)!.label}」`).join('')}由此得出）` : f.label;
    return [{ path, label, kind: FIELD_INPUT[f.type] ?? 'text', ...(f.options ? { options: f.options } : {}) }];
  });
}

/** The value at a dotted path. */
export function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((x, key) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[key] : undefined), data);
}

/** The outcome of a trial: the application judged, and whether the rule passes on it; null when the rule applies in no scenario. */
export interface Trial {
  scenario: string;
  application: Record<string, unknown>;
  passes: boolean;
}

/** The bundle's rule (as drafted) on the example application with `values` set, under `policy` (its 政策参数 as on the application date). */
export function tryRule(compiled: CompiledBundle, rule: Rule, values: Readonly<Record<string, unknown>>, policy: Policy): Trial | null {
  const compiledRule = compileRule(rule, null);
  const scenario = ruleScenario(compiled, compiledRule);
  if (!scenario) return null;
  const application = caseApplication(compiled, compiledRule, scenario, values, policy);
  return { scenario, application, passes: logicHolds(compiledRule.logic, application, policy) };
}

/** The fields a rule's logic reads (what it points at unless the official says otherwise). */
export function fieldsRead(compiled: CompiledBundle, logic: unknown): string[] {
  const fields = new Set(compiled.fields.map((f) => f.id));
  return logicVars(logic).filter((p) => fields.has(p));
}
