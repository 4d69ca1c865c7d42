/**
 * Versioned schema migrations of the PostgreSQL store, applied in order, each in a
 * transaction, under an advisory lock so that instances starting together migrate once.
 * The same tables, constraints and immutability rules as the embedded store's
 * (migrations.ts); JSON documents are `json` (kept as written), times ISO-8601 text.
 */
import { DOCUMENT_KINDS, ROLES, VERSION_STATES } from '../../schemas/index.ts';

const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

export const PG_MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% are immutable', TG_ARGV[0]; END $$;

      CREATE TABLE documents (
        kind TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL, body JSON NOT NULL,
        author TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (kind, id, rev)
      );
      -- revisions are history: versions pin them and releases publish them
      CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
        FOR EACH ROW EXECUTE FUNCTION refuse_change('document revisions');
      CREATE TABLE document_heads (
        kind TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL, region TEXT,
        updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
        PRIMARY KEY (kind, id),
        FOREIGN KEY (kind, id, rev) REFERENCES documents (kind, id, rev)
      );
      CREATE TABLE releases (
        kind TEXT NOT NULL CHECK (kind IN (${sqlList(DOCUMENT_KINDS)})), id TEXT NOT NULL, release INTEGER NOT NULL,
        rev INTEGER NOT NULL, published_at TEXT NOT NULL, published_by TEXT NOT NULL,
        PRIMARY KEY (kind, id, release),
        FOREIGN KEY (kind, id, rev) REFERENCES documents (kind, id, rev)
      );
      CREATE TRIGGER releases_immutable BEFORE UPDATE ON releases
        FOR EACH ROW EXECUTE FUNCTION refuse_change('releases');

      CREATE TABLE bundle_versions (
        bundle_id TEXT NOT NULL, version INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN (${sqlList(VERSION_STATES)})),
        pilot_regions JSON NOT NULL DEFAULT '[]', body JSON NOT NULL, pins JSON NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL, created_by TEXT NOT NULL, published_at TEXT, retired_at TEXT,
        PRIMARY KEY (bundle_id, version)
      );
      -- a version's content never changes; only its lifecycle moves on
      CREATE TRIGGER bundle_versions_immutable BEFORE UPDATE OF body, pins, bundle_id, version ON bundle_versions
        FOR EACH ROW EXECUTE FUNCTION refuse_change('bundle versions');
      CREATE TRIGGER bundle_versions_no_delete BEFORE DELETE ON bundle_versions
        FOR EACH ROW EXECUTE FUNCTION refuse_change('bundle versions');
      CREATE TABLE artifacts (
        bundle_id TEXT NOT NULL, version INTEGER NOT NULL, region TEXT NOT NULL,
        compiled TEXT NOT NULL, etag TEXT NOT NULL, variant_status TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (bundle_id, version, region),
        FOREIGN KEY (bundle_id, version) REFERENCES bundle_versions (bundle_id, version)
      );
      -- a publish request names itself (Idempotency-Key): its repetition finds the version it made
      CREATE TABLE version_requests (
        key TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL,
        FOREIGN KEY (bundle_id, version) REFERENCES bundle_versions (bundle_id, version)
      );

      CREATE TABLE users (
        username TEXT PRIMARY KEY, password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN (${sqlList(ROLES)})),
        region TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT, password_changed_at TEXT
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username),
        csrf TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL
      );
      CREATE TABLE login_attempts (
        key TEXT PRIMARY KEY, failures INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL
      );
      CREATE TABLE trusted_devices (
        token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        created_at TEXT NOT NULL, last_used_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, target TEXT NOT NULL, before JSON, after JSON
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- an artifact's application validator, precompiled (AJV standalone code) and signed
      ALTER TABLE artifacts ADD COLUMN validator TEXT, ADD COLUMN validator_mac TEXT;
    `,
  },
  {
    version: 3,
    sql: `
      -- the 政策参数 are released like the calendar: the kinds a release may have are checked anew
      ALTER TABLE releases DROP CONSTRAINT releases_kind_check;
      ALTER TABLE releases ADD CONSTRAINT releases_kind_check CHECK (kind IN (${sqlList(DOCUMENT_KINDS)}));
    `,
  },
  {
    version: 4,
    sql: `
      -- the public POSTs' rate limits, shared by every instance (rate-limiter-flexible's table: key, points, expiry in ms)
      CREATE TABLE rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT);
    `,
  },
];
