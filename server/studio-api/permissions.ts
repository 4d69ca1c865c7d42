/**
 * Who may touch which document. Province admins: everything. City editors: their own
 * city's variants and city-local matters, nothing else. Viewers: read only. Reads of
 * variants and city-local matters are limited to the reader's own city too.
 */
import { DOCUMENT_LABELS, PROVINCE, type DocumentKind, type User } from '../../schemas/index.ts';

/** May `user` read a document owned by `region` (null: the province's)? */
export function mayRead(user: User, region: string | null): boolean {
  return user.role === 'admin' || region === null || region === PROVINCE || region === user.region;
}

/** Does `user` work on the province's drafts (administrators and the province's read-only staff)? A city sees versions. */
export function seesProvinceDrafts(user: User): boolean {
  return user.role !== 'city-editor';
}

/** May `user` read this document: in their reach, and a bundle draft only for province staff. */
export function mayReadDocument(user: User, kind: DocumentKind, region: string | null): boolean {
  return mayRead(user, region) && (kind !== 'bundle' || seesProvinceDrafts(user));
}

/** May `user` see a version: province staff all; a city what is published or retired, and trials it pilots. */
export function maySeeVersion(user: User, version: { state: string; pilotRegions: readonly string[] }): boolean {
  return seesProvinceDrafts(user) || version.state !== 'trial' || version.pilotRegions.includes(user.region);
}

/** Why `user` may not write this document (Chinese), or null when allowed. */
export function writeRefusal(
  user: User,
  kind: DocumentKind,
  newRegion: string | null,
  currentRegion: string | null | undefined,
): string | null {
  if (user.role === 'admin') return null;
  const refusal = kindRefusal(user, kind);
  if (refusal) return refusal;
  if (newRegion !== user.region)
    return `设区市用户只能维护本市（${user.region}）的${kind === 'variant' ? DOCUMENT_LABELS.variant : '地方事项'}`;
  if (currentRegion !== undefined && currentRegion !== user.region) return '不能修改其他地区的文档';
  return null;
}

/**
 * Why `user` may write no document of `kind` at all, whatever its body says — checked before the body
 * is validated, so that a role that may never write costs the server no validation and no pattern check.
 */
export function kindRefusal(user: User, kind: DocumentKind): string | null {
  if (user.role === 'admin') return null;
  if (user.role === 'viewer') return '只读用户不能修改任何内容';
  if (kind !== 'variant' && kind !== 'matter') return '设区市用户只能维护本市的地方版本和地方事项';
  return null;
}

/** True when a matter or variant body sets a pattern (a data element's own patterns live in the dictionary, the province's). */
export function setsPattern(kind: DocumentKind, body: unknown): boolean {
  const fieldPatterns = (fields: unknown[]) =>
    fields.some((f) => {
      const field = f as { override?: { pattern?: unknown }; local?: { pattern?: unknown } } | null;
      return field?.override?.pattern !== undefined || field?.local?.pattern !== undefined;
    });
  if (kind === 'matter') return fieldPatterns(((body as { fields?: unknown[] }).fields ?? []) as unknown[]);
  if (kind === 'variant')
    return ((body as { operations?: { op?: string; field?: unknown }[] }).operations ?? []).some(
      (op) => op.op === 'addLocalField' && fieldPatterns([op.field]),
    );
  return false;
}
