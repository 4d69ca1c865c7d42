/** Versioned schema migrations of the embedded store, applied in order, each in a transaction. */
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
        state TEXT NOT NULL CHECK (state IN ('trial', 'published', 'retired')),
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
        role TEXT NOT NULL CHECK (role IN ('admin', 'city-editor', 'viewer')),
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
];
