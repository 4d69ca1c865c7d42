/**
 * Versioned schema migrations of the embedded store, applied in order, each in a
 * transaction. The CHECKs on states and roles are written from the same tables the
 * route guards and the studio read (schemas/lifecycle.ts, schemas/api.ts).
 */
import { DOCUMENT_KINDS, ROLES, VERSION_STATES } from '../../schemas/index.ts';

/** `'a', 'b'` for a CHECK (… IN (…)) from a list of codes. */
const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE documents (
        kind TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        author TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (kind, id, rev)
      ) STRICT;
      CREATE TABLE document_heads (
        kind TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL, region TEXT,
        updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
        PRIMARY KEY (kind, id),
        FOREIGN KEY (kind, id, rev) REFERENCES documents (kind, id, rev)
      ) STRICT;
      CREATE TABLE bundle_versions (
        bundle_id TEXT NOT NULL, version INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN (${sqlList(VERSION_STATES)})),
        pilot_regions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pilot_regions)),
        body TEXT NOT NULL CHECK (json_valid(body)),
        created_at TEXT NOT NULL, created_by TEXT NOT NULL,
        published_at TEXT, retired_at TEXT,
        PRIMARY KEY (bundle_id, version)
      ) STRICT;
      -- a version's content never changes; only its lifecycle moves on
      CREATE TRIGGER bundle_versions_immutable BEFORE UPDATE OF body, bundle_id, version ON bundle_versions
      BEGIN SELECT RAISE(ABORT, 'bundle versions are immutable'); END;
      CREATE TRIGGER bundle_versions_no_delete BEFORE DELETE ON bundle_versions
      BEGIN SELECT RAISE(ABORT, 'bundle versions are immutable'); END;
      CREATE TABLE artifacts (
        bundle_id TEXT NOT NULL, version INTEGER NOT NULL, region TEXT NOT NULL,
        compiled TEXT NOT NULL, etag TEXT NOT NULL, variant_status TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (bundle_id, version, region),
        FOREIGN KEY (bundle_id, version) REFERENCES bundle_versions (bundle_id, version)
      ) STRICT;
      CREATE TABLE users (
        username TEXT PRIMARY KEY, password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN (${sqlList(ROLES)})),
        region TEXT NOT NULL, created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username),
        csrf TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, target TEXT NOT NULL, before TEXT, after TEXT
      ) STRICT;
    `,
  },
  {
    version: 2,
    sql: `
      -- revisions are history: versions pin them and releases publish them
      CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
      BEGIN SELECT RAISE(ABORT, 'document revisions are immutable'); END;
      CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
      BEGIN SELECT RAISE(ABORT, 'document revisions are immutable'); END;
      -- the catalog revisions a version was compiled against ('{}' for versions made before pinning)
      ALTER TABLE bundle_versions ADD COLUMN pins TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(pins));
      -- documents with a lifecycle of their own (the calendar): release n publishes one revision
      CREATE TABLE releases (
        kind TEXT NOT NULL CHECK (kind IN (${sqlList(DOCUMENT_KINDS)})), id TEXT NOT NULL, release INTEGER NOT NULL,
        rev INTEGER NOT NULL, published_at TEXT NOT NULL, published_by TEXT NOT NULL,
        PRIMARY KEY (kind, id, release),
        FOREIGN KEY (kind, id, rev) REFERENCES documents (kind, id, rev)
      ) STRICT;
      CREATE TRIGGER releases_immutable BEFORE UPDATE ON releases
      BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
    `,
  },
  {
    version: 3,
    sql: `
      -- a publish request names itself (Idempotency-Key): its repetition finds the version it made
      CREATE TABLE version_requests (
        key TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL,
        FOREIGN KEY (bundle_id, version) REFERENCES bundle_versions (bundle_id, version)
      ) STRICT;
      -- accounts can be disabled (their sessions end at once); passwords record when they changed
      ALTER TABLE users ADD COLUMN disabled_at TEXT;
      ALTER TABLE users ADD COLUMN password_changed_at TEXT;
      -- failed sign-ins counted per hashed key (client, account, device), shared by every instance
      CREATE TABLE login_attempts (
        key TEXT PRIMARY KEY, failures INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL
      ) STRICT;
      -- devices that signed in before: an attacker elsewhere cannot lock their owner out
      CREATE TABLE trusted_devices (
        token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        created_at TEXT NOT NULL, last_used_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    sql: `
      -- cities publish their variants and their own matters: what was live before is their first release
      INSERT INTO releases (kind, id, release, rev, published_at, published_by)
      SELECT h.kind, h.id, 1, h.rev, h.updated_at, h.updated_by FROM document_heads h
      WHERE (h.kind = 'variant' OR (h.kind = 'matter' AND h.region IS NOT NULL))
        AND NOT EXISTS (SELECT 1 FROM releases r WHERE r.kind = h.kind AND r.id = h.id);
    `,
  },
  {
    version: 5,
    sql: `
      -- an artifact's application validator, precompiled (AJV standalone code) and signed
      ALTER TABLE artifacts ADD COLUMN validator TEXT;
      ALTER TABLE artifacts ADD COLUMN validator_mac TEXT;
    `,
  },
  {
    version: 6,
    sql: `
      -- the 政策参数 are released like the calendar: the kinds a release may have are checked anew
      CREATE TABLE releases_next (
        kind TEXT NOT NULL CHECK (kind IN (${sqlList(DOCUMENT_KINDS)})), id TEXT NOT NULL, release INTEGER NOT NULL,
        rev INTEGER NOT NULL, published_at TEXT NOT NULL, published_by TEXT NOT NULL,
        PRIMARY KEY (kind, id, release),
        FOREIGN KEY (kind, id, rev) REFERENCES documents (kind, id, rev)
      ) STRICT;
      INSERT INTO releases_next (kind, id, release, rev, published_at, published_by)
      SELECT kind, id, release, rev, published_at, published_by FROM releases;
      DROP TABLE releases;
      ALTER TABLE releases_next RENAME TO releases;
      CREATE TRIGGER releases_immutable BEFORE UPDATE ON releases
      BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
    `,
  },
];
