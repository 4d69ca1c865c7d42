/**
 * The applicant's form as the preview draws it, derived from the compiled bundle and what
 * the applicant has answered and typed: which matters the answers require or rule out, which
 * sections and fields show (matters selected, field conditions holding), which are required,
 * what is derived and filled in, the checklist — and the verdict of an application: the
 * exported schema's errors (interpreted, held to the server's AJV by tests) and the rules
 * it breaks (the same JSON Logic the runtime evaluates). An employer's bundle lists its
 * employees: each employee's sections are shown, conditioned and derived on that employee's
 * view of the application.
 */
import {
  answeredSelection,
  brokenRules,
  checklistForSelection,
  derivedValues,
  type DerivationPolicy,
  type Policy,
  describeErrors,
  duplicateEmployees,
  fieldsFor,
  fieldTitles,
  holds,
  interpretedValidator,
  requiredMatters,
  rosterRows,
  rosterSectionKeys,
  rowView,
  ROSTER_KEY,
  withDerived,
  type ApplicationData,
  type ChecklistItem,
  type CompiledBundle,
  type RuleBreach,
  type InterpretedValidator,
  type JsonSchema,
  type MergedField,
  type Question,
} from '../../../schemas/index.ts';

/** A field as the preview shows it. */
export type PreviewFieldModel = MergedField & { required: boolean; readonly: boolean };

/** A section with the fields the application shows. */
export interface PreviewSection {
  key: string;
  label: string;
  fields: PreviewFieldModel[];
}

/** What the form shows for a scenario, a selection and what has been answered and typed. */
export interface PreviewModel {
  questions: Question[];
  sections: PreviewSection[];
  checklist: ChecklistItem[];
  /** Matters the scenario or the answers require, and those the answers rule out. */
  requiredMatters: string[];
  excludedMatters: string[];
  /** Values worked out from others (by field id). */
  derived: Record<string, unknown>;
  /** 职工名单 (an employer's bundle): each employee's sections, and the values worked out from each one's. */
  employees?: { sections: PreviewSection[]; derived: Record<string, unknown> }[];
}

const EMPTY: PreviewModel = { questions: [], sections: [], checklist: [], requiredMatters: [], excludedMatters: [], derived: {} };

/** The values an applicant has entered, by section and field. */
export type EnteredValues = Record<string, Record<string, unknown>>;

/** The form for a scenario, the selected matters, and the application so far (answers and values). */
export function previewModel(
  compiled: CompiledBundle,
  scenarioId: string,
  selected: readonly string[],
  app: ApplicationData = {},
  policy?: DerivationPolicy,
): PreviewModel {
  const scenario = compiled.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) return EMPTY;
  const data: ApplicationData = { ...app, scenario: scenarioId, matters: [...selected] };
  const chosen = new Set(selected);
  const questions = scenario.questions.filter((q) => !q.when || holds(q.when, data));
  const { required, excluded } = answeredSelection(scenario, data);
  const isRequired = (f: MergedField) =>
    !f.derived && (f.sources.some((s) => s.required && chosen.has(s.matter)) || f.condition?.required === true);
  const sectionsOf = (view: ApplicationData, keys: (key: string) => boolean): PreviewSection[] => {
    const shown = fieldsFor(compiled, selected).filter((f) => keys(f.section) && (!f.condition || holds(f.condition.when, view)));
    return compiled.sections
      .filter((s) => keys(s.key))
      .map((s) => ({
        key: s.key,
        label: s.label,
        fields: shown.filter((f) => f.section === s.key).map((f) => ({ ...f, required: isRequired(f), readonly: f.derived !== undefined })),
      }))
      .filter((s) => s.fields.length > 0);
  };
  const perEmployee = rosterSectionKeys(compiled.sections);
  const derived = derivedValues(compiled, data, policy);
  const model: PreviewModel = {
    questions,
    sections: sectionsOf(data, (key) => !perEmployee.has(key)),
    checklist: checklistForSelection(scenario, selected, data),
    requiredMatters: [...new Set([...requiredMatters(scenario), ...required])],
    excludedMatters: [...excluded],
    derived,
  };
  if (perEmployee.size) {
    const rows = rosterRows(data);
    const each = (derived[ROSTER_KEY] ?? []) as Record<string, unknown>[];
    model.employees = (rows.length ? rows : [{}]).map((row, i) => ({
      sections: sectionsOf(rowView(data, row), (key) => perEmployee.has(key)),
      derived: each[i] ?? {},
    }));
  }
  return model;
}

/** The values of the fields shown in `sections`: derived ones worked out, empty ones left out, every section present. */
function sectionValues(sections: readonly PreviewSection[], values: EnteredValues, derived: Record<string, unknown>) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const section of sections) {
    const part: Record<string, unknown> = {};
    for (const f of section.fields) {
      const v = f.derived ? derived[f.id] : values[section.key]?.[f.key];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      part[f.key] = v;
    }
    out[section.key] = part;
  }
  return out;
}

/**
 * Builds the application from what the applicant entered: the questions asked, the fields
 * shown (derived ones worked out, empty values left out); every shown section is present
 * (even empty), so each missing required field is reported at its own path; an employer's
 * bundle adds its employees, from what was entered for each (`employees`).
 */
export function applicationOf(
  model: PreviewModel,
  scenario: string,
  matters: readonly string[],
  values: EnteredValues,
  answers: Record<string, unknown> = {},
  employees: readonly EnteredValues[] = [],
): Record<string, unknown> {
  const app: Record<string, unknown> = { scenario, matters: [...matters] };
  const given = Object.fromEntries(model.questions.filter((q) => answers[q.id] !== undefined).map((q) => [q.id, answers[q.id]]));
  if (Object.keys(given).length || model.questions.length) app.answers = given;
  Object.assign(app, sectionValues(model.sections, values, model.derived));
  if (model.employees) app[ROSTER_KEY] = model.employees.map((e, i) => sectionValues(e.sections, employees[i] ?? {}, e.derived));
  return app;
}

const validators = new WeakMap<JsonSchema, InterpretedValidator>();

/** The validator of an exported schema, built once per schema object: interpreted, as the studio's CSP forbids eval. */
export function validatorFor(schema: JsonSchema): InterpretedValidator {
  let v = validators.get(schema);
  if (!v) {
    v = interpretedValidator(schema);
    validators.set(schema, v);
  }
  return v;
}

/** Errors by JSON Pointer (`/person/idNumber` → 「公民身份号码」为必填项), as the server words them. */
export function errorsOf(compiled: CompiledBundle, app: unknown): Map<string, string> {
  const errors = validatorFor(compiled.schema)(app);
  const titles = fieldTitles(compiled);
  const found = [
    ...(errors ? describeErrors(errors, (p) => titles.get(p), { schema: compiled.schema, data: app }) : []),
    ...duplicateEmployees(compiled, app),
  ];
  return new Map(found.map((e) => [e.path, e.message]));
}

/** The rules an application breaks on `date` (YYYY-MM-DD) under `policy`, as the runtime judges them. */
export function rulesBrokenBy(compiled: CompiledBundle, app: Record<string, unknown>, date: string, policy: Policy): RuleBreach[] {
  const derived = withDerived(compiled, app, { parameters: policy.parameters, on: date });
  return brokenRules(compiled.rules, { ...derived, applicationDate: date }, policy);
}
