/**
 * Step 3: one form. The matters' fields are collected by id, each field's contributions
 * resolved into the strictest constraints (conflicts reported until the official resolves
 * them), then the sections and the order of the form are settled.
 */
import { collectFields } from './collect-fields.ts';
import type { FormSection, MergedField } from './compiled-types.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import { formSections, orderFields } from './order-fields.ts';
import { resolveField, selfContradicting } from './resolve-field.ts';
import type { DictionaryElement, DictionarySection, FieldOverride, Matter, MatterLocalField } from './types.ts';

export { matterSectionKey } from './collect-fields.ts';

/** Input of the merge: the bundle's matters in order, the dictionary, extra local fields, overrides. */
export interface MergeInput {
  matters: readonly Matter[];
  elements: ReadonlyMap<string, DictionaryElement>;
  sections: readonly DictionarySection[];
  extraFields: readonly { matter: string; field: MatterLocalField }[];
  overrides: readonly FieldOverride[];
  bundleDoc: string;
}

/** Merges every matter's fields into the one form. */
export function mergeFields(input: MergeInput): { fields: MergedField[]; sections: FormSection[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const collected = collectFields(input.matters, input.elements, input.extraFields);
  const overrides = new Map(input.overrides.map((o, i) => [o.field, { o, i }]));
  const names = new Map(input.matters.map((m) => [m.code, m.name]));
  const merged = collected.fields.map((field) => {
    const found = overrides.get(field.id);
    const out = resolveField(field, found?.o);
    if (out.conflicts) {
      const at = found ? pointer('fieldOverrides', found.i) : pointer('fieldOverrides');
      const alone = selfContradicting(field).map((code) => `「${names.get(code) ?? code}」`);
      const params = { label: field.def.label, detail: out.conflicts.join('；'), field: field.id, alone: alone.join('、') };
      diagnostics.push(diagnostic('field.conflict', input.bundleDoc, at, params, { field: field.id }));
    }
    return out;
  });
  const ids = new Set(collected.fields.map((f) => f.id));
  input.overrides.forEach((o, i) => {
    if (!ids.has(o.field))
      diagnostics.push(
        diagnostic(
          'field.override-unknown',
          input.bundleDoc,
          pointer('fieldOverrides', i, 'field'),
          { field: o.field },
          { field: o.field },
        ),
      );
  });
  const sections = formSections(merged, input.sections, collected.matterSections);
  return { fields: orderFields(merged, sections, input.overrides), sections, diagnostics };
}
