/**
 * Rows as both stores read them — JSON columns as text, times as ISO-8601 text — turned into
 * the store's records. One mapping for SQLite and PostgreSQL, so the two cannot drift.
 */
import type { AuditAction, Pins, ReleaseView } from '../../schemas/index.ts';
import type { Actor, Artifact, AuditEntry, BundleVersion, DocumentHead, DocumentKind, UserAccount, VersionState } from './store.ts';

/** A row as a driver returns it. */
export type Row = Record<string, unknown>;

const json = (value: unknown): unknown => JSON.parse(String(value));

export function head(row: Row): DocumentHead {
  return {
    kind: row.kind as DocumentKind,
    id: String(row.id),
    rev: Number(row.rev),
    region: (row.region as string | null) ?? null,
    updatedAt: String(row.updated_at),
    updatedBy: String(row.updated_by),
  };
}

/** A document head with its body. */
export const storedDocument = (row: Row) => ({ ...head(row), body: json(row.body) });

export function version(row: Row): BundleVersion {
  return {
    bundleId: String(row.bundle_id),
    version: Number(row.version),
    state: row.state as VersionState,
    pilotRegions: json(row.pilot_regions) as string[],
    body: json(row.body),
    createdAt: String(row.created_at),
    createdBy: String(row.created_by),
    publishedAt: (row.published_at as string | null) ?? null,
    retiredAt: (row.retired_at as string | null) ?? null,
    pins: json(row.pins ?? '{}') as Pins,
  };
}

export function artifact(r: Row): Artifact {
  return {
    bundleId: String(r.bundle_id),
    version: Number(r.version),
    region: String(r.region),
    compiled: String(r.compiled),
    etag: String(r.etag),
    variantStatus: r.variant_status as Artifact['variantStatus'],
    updatedAt: String(r.updated_at),
    ...(r.validator ? { validator: { code: String(r.validator), mac: String(r.validator_mac) } } : {}),
  };
}

export function release(row: Row): ReleaseView {
  return {
    kind: row.kind as DocumentKind,
    id: String(row.id),
    release: Number(row.release),
    rev: Number(row.rev),
    publishedAt: String(row.published_at),
    publishedBy: String(row.published_by),
  };
}

/** A release with its body. */
export const storedRelease = (row: Row) => ({ ...release(row), body: json(row.body) });

export function account(r: Row): UserAccount {
  return {
    username: String(r.username),
    role: r.role as UserAccount['role'],
    region: String(r.region),
    disabled: r.disabled_at !== null && r.disabled_at !== undefined,
    passwordChangedAt: (r.password_changed_at as string | null) ?? null,
  };
}

export function auditEntry(r: Row): AuditEntry {
  return {
    seq: Number(r.seq),
    at: String(r.at),
    actor: String(r.actor),
    action: String(r.action) as AuditAction,
    target: String(r.target),
    before: r.before === null ? null : json(r.before),
    after: r.after === null ? null : json(r.after),
  };
}

/** The columns of an audit line (at, actor, action, target, before, after), as both stores insert it. */
export const AUDIT_COLUMNS = 'audit_log (at, actor, action, target, before, after)';

/** An audit line's values, in AUDIT_COLUMNS' order. */
export function auditValues(actor: Actor, action: AuditAction, target: string, before: unknown, after: unknown): (string | null)[] {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  return [new Date().toISOString(), actor.username, action, target, json(before), json(after)];
}
