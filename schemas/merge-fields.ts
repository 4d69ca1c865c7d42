/**
 * Step 3: one form. Fields with the same dictionary id become one field whose constraints
 * are the strictest of its sources; what cannot be reconciled is a `field.conflict` until
 * the bundle's field override picks a matter's version or states the constraints.
 */
import type { FieldSource, FormSection, MergedField } from './compiled-types.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import type {
  DictionaryElement,
  DictionarySection,
  FieldConstraints,
  FieldOverride,
  FieldType,
  Matter,
  MatterLocalField,
} from './types.ts';

/** The property name of a matter's own section in the one form. */
export function matterSectionKey(code: string): string {
  return 'matter_' + code.replace(/[^A-Za-z0-9]/g, '_');
}

interface Contribution {
  matter: string;
  required: boolean;
  constraints: FieldConstraints;
}

type Key = keyof FieldConstraints;

function merged(type: FieldType[]): FieldType | null {
  const set = new Set(type);
  if (set.size === 1) return type[0]!;
  if ([...set].every((t) => t === 'string' || t === 'text')) return 'text';
  if ([...set].every((t) => t === 'integer' || t === 'number')) return 'integer';
  return null;
}

/** Merges contributions key by key; returns the constraints and the conflicts found (in Chinese). */
function mergeConstraints(
  all: Contribution[],
  skip: ReadonlySet<Key>,
): { c: FieldConstraints & { patterns: string[] }; conflicts: string[] } {
  const conflicts: string[] = [];
  const cs = all.map((a) => a.constraints);
  const values = <K extends Key>(k: K) => cs.map((c) => c[k]).filter((v): v is NonNullable<FieldConstraints[K]> => v !== undefined);
  const out: FieldConstraints & { patterns: string[] } = { patterns: [] };
  if (!skip.has('type')) {
    const t = merged(values('type'));
    if (t) out.type = t;
    else conflicts.push(`类型 ${[...new Set(values('type'))].join(' / ')} 不一致`);
  }
  if (!skip.has('format')) {
    const f = [...new Set(values('format'))];
    if (f.length > 1) conflicts.push(`格式 ${f.join(' / ')} 不一致`);
    else if (f[0]) out.format = f[0];
  }
  if (!skip.has('pattern')) out.patterns = [...new Set(values('pattern'))];
  const lower = (k: 'minLength' | 'minimum') => (skip.has(k) || values(k).length === 0 ? undefined : Math.max(...values(k)));
  const upper = (k: 'maxLength' | 'maximum') => (skip.has(k) || values(k).length === 0 ? undefined : Math.min(...values(k)));
  const minLength = lower('minLength'),
    maxLength = upper('maxLength'),
    minimum = lower('minimum'),
    maximum = upper('maximum');
  if (minLength !== undefined) out.minLength = minLength;
  if (maxLength !== undefined) out.maxLength = maxLength;
  if (minimum !== undefined) out.minimum = minimum;
  if (maximum !== undefined) out.maximum = maximum;
  if (minLength !== undefined && maxLength !== undefined && minLength > maxLength)
    conflicts.push(`长度要求 ${minLength}–${maxLength} 无法同时满足`);
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) conflicts.push(`取值范围 ${minimum}–${maximum} 无法同时满足`);
  if (!skip.has('options')) {
    const lists = values('options');
    if (lists.length) {
      const common = lists[0]!.filter((o) => lists.every((l) => l.some((x) => x.value === o.value)));
      if (common.length === 0) conflicts.push('可选项没有交集');
      else out.options = common;
    }
  }
  return { c: out, conflicts };
}

/** Dictionary element narrowed by a matter's override (override keys win). */
function narrowed(element: FieldConstraints, override: FieldConstraints | undefined): FieldConstraints {
  const base: FieldConstraints = {};
  for (const k of ['type', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'options'] as const) {
    if (element[k] !== undefined) (base as Record<string, unknown>)[k] = element[k];
  }
  return { ...base, ...override };
}

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
  const contributions = new Map<string, { def: DictionaryElement; local: boolean; section: string; key: string; list: Contribution[] }>();
  const sectionLabels = new Map(input.sections.map((s) => [s.id, s.label]));
  const matterSections: FormSection[] = [];

  const contribute = (id: string, def: DictionaryElement, local: boolean, c: Contribution) => {
    let entry = contributions.get(id);
    if (!entry) {
      const dot = id.indexOf('.');
      entry = { def, local, section: id.slice(0, dot), key: id.slice(dot + 1), list: [] };
      contributions.set(id, entry);
    }
    entry.list.push(c);
  };

  for (const m of input.matters) {
    const section = matterSectionKey(m.code);
    const locals = [
      ...m.fields.filter((f): f is MatterLocalField => 'local' in f),
      ...input.extraFields.filter((e) => e.matter === m.code).map((e) => e.field),
    ];
    if (locals.length) matterSections.push({ key: section, label: m.name, matter: m.code });
    for (const f of m.fields) {
      if ('local' in f) continue;
      const def = input.elements.get(f.ref);
      if (!def) continue; // reported by the reference check
      contribute(f.ref, def, false, { matter: m.code, required: f.required, constraints: narrowed(def, f.override) });
    }
    for (const f of locals) {
      const def: DictionaryElement = { ...f.local, id: `${section}.${f.local.id}` };
      contribute(def.id, def, true, { matter: m.code, required: f.required, constraints: narrowed(def, undefined) });
    }
  }

  const overrides = new Map(input.overrides.map((o, i) => [o.field, { o, i }]));
  const fields: MergedField[] = [];
  for (const [id, entry] of contributions) {
    const found = overrides.get(id);
    const override = found?.o;
    let resolvedBy: MergedField['resolvedBy'];
    let result: ReturnType<typeof mergeConstraints>;
    const preferred = override?.prefer ? entry.list.find((c) => c.matter === override.prefer) : undefined;
    if (preferred) {
      result = mergeConstraints([preferred], new Set());
      resolvedBy = 'prefer';
    } else {
      const skip = new Set(Object.keys(override?.constraints ?? {}) as Key[]);
      result = mergeConstraints(entry.list, skip);
      if (skip.size) {
        const { patterns, ...stated } = mergeConstraints(
          [{ matter: '', required: false, constraints: override!.constraints! }],
          new Set(),
        ).c;
        Object.assign(result.c, stated);
        if (skip.has('pattern')) result.c.patterns = patterns;
        resolvedBy = 'constraints';
      }
    }
    if (result.conflicts.length) {
      diagnostics.push(
        diagnostic('field.conflict', input.bundleDoc, found ? pointer('fieldOverrides', found.i) : pointer('fieldOverrides'), {
          label: entry.def.label,
          detail: result.conflicts.join('；'),
          field: id,
        }),
      );
    }
    const c = result.c;
    const sources: FieldSource[] = entry.list.map((x) => ({ matter: x.matter, required: x.required }));
    const field: MergedField = {
      id,
      section: entry.section,
      key: entry.key,
      label: override?.label ?? entry.def.label,
      type: c.type ?? entry.def.type,
      patterns: c.patterns,
      pii: entry.def.pii === true,
      local: entry.local,
      sources,
    };
    const description = override?.description ?? entry.def.description;
    if (description) field.description = description;
    if (c.format) field.format = c.format;
    if (c.minLength !== undefined) field.minLength = c.minLength;
    if (c.maxLength !== undefined) field.maxLength = c.maxLength;
    if (c.minimum !== undefined) field.minimum = c.minimum;
    if (c.maximum !== undefined) field.maximum = c.maximum;
    if (c.options) field.options = c.options;
    if (resolvedBy) field.resolvedBy = resolvedBy;
    if (entry.def.example !== undefined) field.example = entry.def.example;
    if (result.conflicts.length) field.conflicts = result.conflicts;
    fields.push(field);
  }
  input.overrides.forEach((o, i) => {
    if (!contributions.has(o.field))
      diagnostics.push(diagnostic('field.override-unknown', input.bundleDoc, pointer('fieldOverrides', i, 'field'), { field: o.field }));
  });

  const used = new Set(fields.filter((f) => !f.local).map((f) => f.section));
  const commonSections: FormSection[] = input.sections.filter((s) => used.has(s.id)).map((s) => ({ key: s.id, label: s.label }));
  for (const s of used) if (!sectionLabels.has(s)) commonSections.push({ key: s, label: s });
  const sections = [...commonSections, ...matterSections];
  const order = new Map(sections.map((s, i) => [s.key, i]));
  // by section, then the official's order, then first-asked (the sort is stable)
  const position = (f: MergedField) => overrides.get(f.id)?.o.order ?? Number.MAX_SAFE_INTEGER;
  fields.sort((a, b) => order.get(a.section)! - order.get(b.section)! || position(a) - position(b));
  return { fields, sections, diagnostics };
}
