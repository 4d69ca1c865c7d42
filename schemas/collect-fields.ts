/**
 * Step 3a of the one form: every matter's fields gathered by field id — a dictionary id,
 * or `<matter section>.<id>` for a matter's own (local) field — each with what every
 * matter asks of it, in first-asked order.
 */
import type { FormSection } from './compiled-types.ts';
import type { DictionaryElement, FieldConstraints, Matter, MatterLocalField } from './types.ts';

/** The property name of a matter's own section in the one form. */
export function matterSectionKey(code: string): string {
  return 'matter_' + code.replace(/[^A-Za-z0-9]/g, '_');
}

/** What one matter asks of a field. */
export interface Contribution {
  matter: string;
  required: boolean;
  constraints: FieldConstraints;
}

/** One field of the one form before its contributions are reconciled. */
export interface CollectedField {
  id: string;
  def: DictionaryElement;
  local: boolean;
  section: string;
  key: string;
  contributions: Contribution[];
}

const CONSTRAINT_KEYS = ['type', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'options'] as const;

/** A dictionary element narrowed by a matter's override (override keys win). */
function narrowed(element: FieldConstraints, override: FieldConstraints | undefined): FieldConstraints {
  const base: FieldConstraints = {};
  for (const k of CONSTRAINT_KEYS) if (element[k] !== undefined) (base as Record<string, unknown>)[k] = element[k];
  return { ...base, ...override };
}

/** Gathers the matters' fields; a city's extra local fields join their matter's own section. */
export function collectFields(
  matters: readonly Matter[],
  elements: ReadonlyMap<string, DictionaryElement>,
  extraFields: readonly { matter: string; field: MatterLocalField }[],
): { fields: CollectedField[]; matterSections: FormSection[] } {
  const byId = new Map<string, CollectedField>();
  const matterSections: FormSection[] = [];
  const contribute = (def: DictionaryElement, local: boolean, c: Contribution) => {
    let entry = byId.get(def.id);
    if (!entry) {
      const dot = def.id.indexOf('.');
      entry = { id: def.id, def, local, section: def.id.slice(0, dot), key: def.id.slice(dot + 1), contributions: [] };
      byId.set(def.id, entry);
    }
    entry.contributions.push(c);
  };
  for (const m of matters) {
    const section = matterSectionKey(m.code);
    const locals = [
      ...m.fields.filter((f): f is MatterLocalField => 'local' in f),
      ...extraFields.filter((e) => e.matter === m.code).map((e) => e.field),
    ];
    if (locals.length) matterSections.push({ key: section, label: m.name, matter: m.code });
    for (const f of m.fields) {
      if ('local' in f) continue;
      const def = elements.get(f.ref);
      if (!def) continue; // reported by the reference check
      contribute(def, false, { matter: m.code, required: f.required, constraints: narrowed(def, f.override) });
    }
    for (const f of locals) {
      const def: DictionaryElement = { ...f.local, id: `${section}.${f.local.id}` };
      contribute(def, true, { matter: m.code, required: f.required, constraints: narrowed(def, undefined) });
    }
  }
  return { fields: [...byId.values()], matterSections };
}
