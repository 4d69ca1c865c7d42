/**
 * The logic of the one form's fields: which are derived from another field of the form (not
 * asked, filled in — a birth date from an ID number), and which are shown only under a
 * condition (and then perhaps required). And the derived values of an application.
 */
import type { CompiledBundle, MergedField } from './compiled-types.ts';
import { conditionRefs, type ApplicationData } from './conditions.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import { idBirthDate, idGender, idRegion } from './domain-ops.ts';
import { mapParts, rosterRows, rosterSectionKeys, ROSTER_KEY } from './roster.ts';
import type { FieldCondition } from './logic-types.ts';
import type { DerivingOperation, DictionaryElement } from './types.ts';

const DERIVE: Record<DerivingOperation, (value: unknown) => unknown> = { idBirthDate, idGender, idRegion };

/** The fields with their derivation and conditions; unknown targets are reported. */
export function withFieldLogic(
  fields: readonly MergedField[],
  elements: ReadonlyMap<string, DictionaryElement>,
  conditions: readonly FieldCondition[],
  doc: string,
  diagnostics: Diagnostic[],
): MergedField[] {
  const ids = new Set(fields.map((f) => f.id));
  const sections = new Set(fields.map((f) => f.section));
  const out = fields.map((f) => {
    const from = f.local ? undefined : elements.get(f.id)?.derivedFrom;
    return from && ids.has(from.element) ? { ...f, derived: { from: from.element, operation: from.operation } } : { ...f };
  });
  conditions.forEach((c, i) => {
    const isField = c.target.includes('.');
    if (!(isField ? ids.has(c.target) : sections.has(c.target)))
      diagnostics.push(
        diagnostic('logic.unknown-field', doc, pointer('fieldConditions', i, 'target'), { where: '字段条件', field: c.target }),
      );
    for (const field of conditionRefs(c.when).fields)
      if (!ids.has(field))
        diagnostics.push(diagnostic('logic.unknown-field', doc, pointer('fieldConditions', i, 'when'), { where: '字段条件', field }));
    for (const f of out) {
      if (isField ? f.id !== c.target : f.section !== c.target) continue;
      f.condition = f.condition
        ? { when: { all: [f.condition.when, c.when] }, required: f.condition.required || c.required === true }
        : { when: c.when, required: c.required === true };
    }
  });
  return out;
}

/** The derived values of one part of an application (the shared sections, or one employee), by field id. */
function derivedOf(fields: readonly MergedField[], part: ApplicationData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.derived) continue;
    const dot = f.derived.from.indexOf('.');
    const source = (part[f.derived.from.slice(0, dot)] as Record<string, unknown> | undefined)?.[f.derived.from.slice(dot + 1)];
    const value = DERIVE[f.derived.operation](source);
    if (value !== null && value !== undefined) out[f.id] = value;
  }
  return out;
}

/**
 * The values derived from an application, by field id (only those the application's source
 * field gives); an employer's bundle adds each employee's, in `employees` in roster order.
 */
export function derivedValues(compiled: Pick<CompiledBundle, 'fields' | 'sections'>, app: ApplicationData): Record<string, unknown> {
  const roster = rosterSectionKeys(compiled.sections);
  const out = derivedOf(
    compiled.fields.filter((f) => !roster.has(f.section)),
    app,
  );
  if (roster.size === 0) return out;
  const own = compiled.fields.filter((f) => roster.has(f.section));
  out[ROSTER_KEY] = rosterRows(app).map((row) => derivedOf(own, row));
  return out;
}

/** The application with its derived fields filled in (what a front end sent for them is replaced). */
export function withDerived(compiled: Pick<CompiledBundle, 'fields' | 'sections'>, app: ApplicationData): ApplicationData {
  return mapParts(compiled, app, (part, fields) => {
    let out = part;
    for (const [id, value] of Object.entries(derivedOf(fields, part))) {
      const f = fields.find((x) => x.id === id)!;
      out = { ...out, [f.section]: { ...(out[f.section] as Record<string, unknown> | undefined), [f.key]: value } };
    }
    return out;
  });
}
