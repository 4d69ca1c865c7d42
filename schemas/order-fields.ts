/**
 * Step 3c of the one form: its sections and the order of fields within them. Sections
 * follow the dictionary (then any unknown ones, then matters' own sections); within a
 * section the official's order (`fieldOverrides.order`) comes first, then first-asked order.
 */
import type { FormSection, MergedField } from './compiled-types.ts';
import type { DictionarySection, FieldOverride } from './types.ts';

/** The sections the fields use, in form order. */
export function formSections(
  fields: readonly MergedField[],
  dictionary: readonly DictionarySection[],
  matterSections: readonly FormSection[],
): FormSection[] {
  const used = new Set(fields.filter((f) => !f.local).map((f) => f.section));
  const known = new Set(dictionary.map((s) => s.id));
  const common: FormSection[] = dictionary.filter((s) => used.has(s.id)).map((s) => ({ key: s.id, label: s.label }));
  for (const s of used) if (!known.has(s)) common.push({ key: s, label: s });
  return [...common, ...matterSections];
}

/** The fields sorted by section, then the official's order, then first-asked order (the sort is stable). */
export function orderFields(
  fields: readonly MergedField[],
  sections: readonly FormSection[],
  overrides: readonly FieldOverride[],
): MergedField[] {
  const sectionIndex = new Map(sections.map((s, i) => [s.key, i]));
  const position = new Map(overrides.filter((o) => o.order !== undefined).map((o) => [o.field, o.order!]));
  const at = (f: MergedField) => position.get(f.id) ?? Number.MAX_SAFE_INTEGER;
  return [...fields].sort((a, b) => sectionIndex.get(a.section)! - sectionIndex.get(b.section)! || at(a) - at(b));
}
