/**
 * Step 3b of the one form: one field's contributions reconciled. Its constraints are the
 * strictest of its sources; what cannot be reconciled is a conflict until the bundle's
 * field override picks a matter's version (`prefer`) or states the constraints.
 */
import type { CollectedField, Contribution } from './collect-fields.ts';
import type { FieldSource, MergedField } from './compiled-types.ts';
import type { FieldConstraints, FieldOverride, FieldType } from './types.ts';

type Key = keyof FieldConstraints;

function mergedType(types: FieldType[]): FieldType | null {
  const set = new Set(types);
  if (set.size === 1) return types[0]!;
  if ([...set].every((t) => t === 'string' || t === 'text')) return 'text';
  if ([...set].every((t) => t === 'integer' || t === 'number')) return 'integer';
  return null;
}

/** Merges contributions key by key, skipping `skip`; returns the constraints and the conflicts found (in Chinese). */
function mergeConstraints(
  all: readonly Contribution[],
  skip: ReadonlySet<Key>,
): { c: FieldConstraints & { patterns: string[] }; conflicts: string[] } {
  const conflicts: string[] = [];
  const cs = all.map((a) => a.constraints);
  const values = <K extends Key>(k: K) => cs.map((c) => c[k]).filter((v): v is NonNullable<FieldConstraints[K]> => v !== undefined);
  const out: FieldConstraints & { patterns: string[] } = { patterns: [] };
  if (!skip.has('type')) {
    const t = mergedType(values('type'));
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

/** The constraints of a field after its override: a preferred matter's, stated ones, or the strictest merge. */
function reconcile(field: CollectedField, override: FieldOverride | undefined) {
  const preferred = override?.prefer ? field.contributions.find((c) => c.matter === override.prefer) : undefined;
  if (preferred) return { ...mergeConstraints([preferred], new Set()), resolvedBy: 'prefer' as const };
  const stated = override?.constraints ?? {};
  const skip = new Set(Object.keys(stated) as Key[]);
  const result = mergeConstraints(field.contributions, skip);
  if (!skip.size) return { ...result, resolvedBy: undefined };
  const { patterns, ...rest } = mergeConstraints([{ matter: '', required: false, constraints: stated }], new Set()).c;
  Object.assign(result.c, rest);
  if (skip.has('pattern')) result.c.patterns = patterns;
  return { ...result, resolvedBy: 'constraints' as const };
}

/** The matters whose own requirement already contradicts the dictionary: preferring any matter cannot resolve their conflict. */
export function selfContradicting(field: CollectedField): string[] {
  return field.contributions.filter((c) => mergeConstraints([c], new Set()).conflicts.length).map((c) => c.matter);
}

/** One merged field of the one form, with its sources and any unresolved conflicts. */
export function resolveField(field: CollectedField, override: FieldOverride | undefined): MergedField {
  const { c, conflicts, resolvedBy } = reconcile(field, override);
  const sources: FieldSource[] = field.contributions.map((x) => ({ matter: x.matter, required: x.required }));
  const out: MergedField = {
    id: field.id,
    section: field.section,
    key: field.key,
    label: override?.label ?? field.def.label,
    type: c.type ?? field.def.type,
    patterns: c.patterns,
    pii: field.def.pii === true,
    local: field.local,
    sources,
  };
  const description = override?.description ?? field.def.description;
  if (description) out.description = description;
  if (c.format) out.format = c.format;
  if (c.minLength !== undefined) out.minLength = c.minLength;
  if (c.maxLength !== undefined) out.maxLength = c.maxLength;
  if (c.minimum !== undefined) out.minimum = c.minimum;
  if (c.maximum !== undefined) out.maximum = c.maximum;
  if (c.options) out.options = c.options;
  // resolved only when nothing remains in conflict: a preference that leaves a conflict resolved nothing
  if (resolvedBy && !conflicts.length) out.resolvedBy = resolvedBy;
  if (field.def.example !== undefined) out.example = field.def.example;
  if (conflicts.length) out.conflicts = conflicts;
  return out;
}
