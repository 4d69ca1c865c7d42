/**
 * The applicant's form as the preview draws it, derived from the compiled bundle: which
 * sections and fields a selection shows, which are required, and the errors of an
 * application — judged on the exported schema by the interpreted validator, whose verdicts and
 * words tests hold identical to the server's AJV.
 */
import {
  checklistForSelection,
  describeErrors,
  interpretedValidator,
  type InterpretedValidator,
  fieldsFor,
  fieldTitles,
  requiredFieldsFor,
  requiredMatters,
  type ChecklistItem,
  type CompiledBundle,
  type JsonSchema,
  type MergedField,
} from '../../../schemas/index.ts';

/** A section with the fields the selection shows. */
export interface PreviewSection {
  key: string;
  label: string;
  fields: (MergedField & { required: boolean })[];
}

/** What the form shows for a scenario and selection. */
export interface PreviewModel {
  sections: PreviewSection[];
  checklist: ChecklistItem[];
  requiredMatters: string[];
}

/** The form for a scenario and the selected matters. */
export function previewModel(compiled: CompiledBundle, scenarioId: string, selected: readonly string[]): PreviewModel {
  const scenario = compiled.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) return { sections: [], checklist: [], requiredMatters: [] };
  const required = new Set(requiredFieldsFor(compiled, selected).map((f) => f.id));
  const visible = fieldsFor(compiled, selected);
  const sections = compiled.sections
    .map((s) => ({
      key: s.key,
      label: s.label,
      fields: visible.filter((f) => f.section === s.key).map((f) => ({ ...f, required: required.has(f.id) })),
    }))
    .filter((s) => s.fields.length > 0);
  return { sections, checklist: checklistForSelection(scenario, selected), requiredMatters: requiredMatters(scenario) };
}

/**
 * Builds the application from form values: only fields the selection shows, empty values
 * left out; every shown section is present (even empty), so each missing required field
 * is reported at its own path.
 */
export function applicationOf(
  model: PreviewModel,
  scenario: string,
  matters: readonly string[],
  values: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  const app: Record<string, unknown> = { scenario, matters: [...matters] };
  for (const section of model.sections) {
    const out: Record<string, unknown> = {};
    for (const f of section.fields) {
      const v = values[section.key]?.[f.key];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      out[f.key] = v;
    }
    app[section.key] = out;
  }
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
  if (!errors) return new Map();
  const titles = fieldTitles(compiled);
  return new Map(describeErrors(errors, (p) => titles.get(p), { schema: compiled.schema, data: app }).map((e) => [e.path, e.message]));
}
