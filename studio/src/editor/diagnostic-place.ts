/**
 * Where a diagnostic is, in officials' words (办事情形「失业人员」 · 事项「失业登记」), from its
 * location data and the document it concerns — never a JSON Pointer.
 */
import { DOCUMENT_LABELS, documentFieldName, type Bundle, type Diagnostic, type DocumentKind } from '../../../schemas/index.ts';

/** How to name what a location refers to. */
export interface PlaceNames {
  matter(code: string): string;
  field(id: string): string;
}

/** The place of a diagnostic, e.g. 办事情形「失业人员」 · 事项「失业登记」, or 事项「失业登记」的第 2 个字段. */
export function placeOf(d: Diagnostic, bundle: Bundle | null, names: PlaceNames): string {
  const [kind, id] = d.document.split(':') as [DocumentKind, string | undefined];
  const loc = d.loc ?? {};
  const documentPart =
    kind === 'matter' && id
      ? `事项「${names.matter(id)}」`
      : kind === 'variant'
        ? loc.operation !== undefined
          ? `地方调整第 ${loc.operation + 1} 条`
          : '地方版本'
        : kind === 'bundle'
          ? null
          : (DOCUMENT_LABELS[kind] ?? d.document);
  const located: string[] = [];
  if (loc.scenario) located.push(`办事情形「${bundle?.scenarios.find((s) => s.id === loc.scenario)?.label ?? loc.scenario}」`);
  if (loc.matter && kind !== 'matter') located.push(`事项「${names.matter(loc.matter)}」`);
  if (loc.field) located.push(`一张表单 · 字段「${names.field(loc.field)}」`);
  // nothing located: which part of the document, in words
  const words = located.length === 0 && !(kind === 'variant' && loc.operation !== undefined) ? documentFieldName(d.path) : undefined;
  const parts = [documentPart, ...located, words].filter((p): p is string => !!p);
  return parts.join(' · ') || '一件事';
}
