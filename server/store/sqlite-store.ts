/**
 * The embedded store: SQLite through Node 24's built-in `node:sqlite` (see sqlite-base.ts),
 * with its accounts part (sqlite-accounts.ts) and here the documents and their revisions,
 * releases, bundle versions and artifacts, the seed and the audit log.
 */
import { documentRef, type PinnedRevision, type ReleaseView } from '../../schemas/index.ts';
import { SqliteAccounts } from './sqlite-accounts.ts';
import { now } from './sqlite-base.ts';
import { artifact, auditEntry, head, release, storedDocument, storedRelease, version, type Row } from './rows.ts';
import type {
  Actor,
  Artifact,
  AuditEntry,
  BundleVersion,
  DocumentHead,
  DocumentKind,
  NewDocument,
  NewVersionInput,
  PutDocumentInput,
  PutResult,
  Release,
  Seed,
  Store,
  StoredDocument,
  StoredValidator,
  VersionState,
} from './store.ts';

/** The SQLite store: one file, opened and migrated by the constructor. */
export class SqliteStore extends SqliteAccounts implements Store {
  private readDocument(kind: DocumentKind, id: string): StoredDocument | null {
    const row = this.db
      .prepare('SELECT h.*, d.body FROM document_heads h JOIN documents d USING (kind, id, rev) WHERE h.kind = ? AND h.id = ?')
      .get(kind, id) as Row | undefined;
    return row ? storedDocument(row) : null;
  }

  private writeRevision(kind: DocumentKind, id: string, rev: number, body: unknown, region: string | null, actor: Actor): void {
    const at = now();
    this.db
      .prepare('INSERT INTO documents (kind, id, rev, body, author, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(kind, id, rev, JSON.stringify(body), actor.username, at);
    this.db
      .prepare(
        `INSERT INTO document_heads (kind, id, rev, region, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, id) DO UPDATE SET rev = excluded.rev, region = excluded.region, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(kind, id, rev, region, at, actor.username);
  }

  async isEmpty(): Promise<boolean> {
    return (this.db.prepare('SELECT count(*) AS n FROM document_heads').get() as Row).n === 0;
  }

  async listDocuments(kind: DocumentKind): Promise<DocumentHead[]> {
    return (this.db.prepare('SELECT * FROM document_heads WHERE kind = ? ORDER BY id').all(kind) as Row[]).map(head);
  }

  async getDocument(kind: DocumentKind, id: string): Promise<StoredDocument | null> {
    return this.readDocument(kind, id);
  }

  async currentDocuments(): Promise<StoredDocument[]> {
    const rows = this.db
      .prepare('SELECT h.*, d.body FROM document_heads h JOIN documents d USING (kind, id, rev) ORDER BY h.kind, h.id')
      .all() as Row[];
    return rows.map(storedDocument);
  }

  async getRevisions(refs: readonly PinnedRevision[]): Promise<StoredDocument[]> {
    const stmt = this.db.prepare(
      `SELECT d.kind, d.id, d.rev, d.body, d.author AS updated_by, d.created_at AS updated_at, h.region
       FROM documents d LEFT JOIN document_heads h USING (kind, id) WHERE d.kind = ? AND d.id = ? AND d.rev = ?`,
    );
    const out: StoredDocument[] = [];
    for (const r of refs) {
      const row = stmt.get(r.kind, r.id, r.rev) as Row | undefined;
      if (row) out.push(storedDocument(row));
    }
    return out;
  }

  async releaseDocument(input: { kind: DocumentKind; id: string; actor: Actor }): Promise<Release | null> {
    return this.tx(() => this.writeRelease(input.kind, input.id, input.actor));
  }

  private writeRelease(kind: DocumentKind, id: string, actor: Actor): Release | null {
    const current = this.readDocument(kind, id);
    if (!current) return null;
    const last = this.db.prepare('SELECT * FROM releases WHERE kind = ? AND id = ? ORDER BY release DESC LIMIT 1').get(kind, id) as
      Row | undefined;
    if (last && Number(last.rev) === current.rev) return null;
    const number = (last ? Number(last.release) : 0) + 1;
    this.db
      .prepare('INSERT INTO releases (kind, id, release, rev, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(kind, id, number, current.rev, now(), actor.username);
    this.audit(actor, 'release', `${kind}:${id}@${current.rev}`, last ? { release: Number(last.release) } : undefined, {
      release: number,
      rev: current.rev,
    });
    return this.readRelease(kind, id, number);
  }

  private readRelease(kind: DocumentKind, id: string, number?: number): Release | null {
    const row = (
      number === undefined
        ? this.db
            .prepare(
              'SELECT r.*, d.body FROM releases r JOIN documents d USING (kind, id, rev) WHERE r.kind = ? AND r.id = ? ORDER BY r.release DESC LIMIT 1',
            )
            .get(kind, id)
        : this.db
            .prepare(
              'SELECT r.*, d.body FROM releases r JOIN documents d USING (kind, id, rev) WHERE r.kind = ? AND r.id = ? AND r.release = ?',
            )
            .get(kind, id, number)
    ) as Row | undefined;
    return row ? storedRelease(row) : null;
  }

  async latestReleases(kind: DocumentKind): Promise<Release[]> {
    const rows = this.db
      .prepare(
        `SELECT r.*, d.body FROM releases r JOIN documents d USING (kind, id, rev)
         WHERE r.kind = ? AND r.release = (SELECT max(release) FROM releases x WHERE x.kind = r.kind AND x.id = r.id) ORDER BY r.id`,
      )
      .all(kind) as Row[];
    return rows.map(storedRelease);
  }

  async latestRelease(kind: DocumentKind, id: string): Promise<Release | null> {
    return this.readRelease(kind, id);
  }

  async listReleases(kind: DocumentKind, id: string): Promise<ReleaseView[]> {
    return (this.db.prepare('SELECT * FROM releases WHERE kind = ? AND id = ? ORDER BY release').all(kind, id) as Row[]).map(release);
  }

  async putDocument(input: PutDocumentInput): Promise<PutResult> {
    return this.tx(() => {
      const current = this.readDocument(input.kind, input.id);
      if ((current?.rev ?? null) !== input.expectedRev) return { ok: false, current };
      const rev = (current?.rev ?? 0) + 1;
      this.writeRevision(input.kind, input.id, rev, input.body, input.region, input.actor);
      this.audit(input.actor, input.action, `${input.kind}:${input.id}@${rev}`, current?.body, input.body);
      return { ok: true, doc: this.readDocument(input.kind, input.id)! };
    });
  }

  async putDocuments(
    docs: (NewDocument & { expectedRev: number | null })[],
    actor: Actor,
  ): Promise<{ ok: true } | { ok: false; moved: string[] }> {
    return this.tx(() => {
      const current = docs.map((d) => this.readDocument(d.kind, d.id));
      const moved = docs.filter((d, i) => (current[i]?.rev ?? null) !== d.expectedRev).map((d) => documentRef(d.kind, d.id));
      if (moved.length) return { ok: false as const, moved };
      docs.forEach((d, i) => {
        const rev = (current[i]?.rev ?? 0) + 1;
        this.writeRevision(d.kind, d.id, rev, d.body, d.region, actor);
        this.audit(actor, 'import', `${d.kind}:${d.id}@${rev}`, current[i]?.body, d.body);
      });
      return { ok: true as const };
    });
  }

  async importDocuments(docs: NewDocument[], actor: Actor): Promise<void> {
    this.tx(() => this.writeImport(docs, actor));
  }

  private writeImport(docs: NewDocument[], actor: Actor): void {
    for (const d of docs) {
      const current = this.readDocument(d.kind, d.id);
      this.writeRevision(d.kind, d.id, (current?.rev ?? 0) + 1, d.body, d.region, actor);
    }
    this.audit(actor, 'import', `${docs.length} documents`, undefined, { count: docs.length });
  }

  async seed(input: Seed, actor: Actor): Promise<void> {
    this.tx(() => {
      this.writeImport(input.documents, actor);
      for (const r of input.releases) this.writeRelease(r.kind, r.id, actor);
      for (const v of input.versions) this.writeVersion({ ...v, after: null, actor });
      this.writeUser(input.admin, actor);
    });
  }

  async findVersionRequest(key: string): Promise<{ bundleId: string; version: number } | null> {
    const r = this.db.prepare('SELECT bundle_id, version FROM version_requests WHERE key = ?').get(key) as Row | undefined;
    return r ? { bundleId: String(r.bundle_id), version: Number(r.version) } : null;
  }

  async listVersions(bundleId?: string): Promise<BundleVersion[]> {
    const rows = bundleId
      ? this.db.prepare('SELECT * FROM bundle_versions WHERE bundle_id = ? ORDER BY version').all(bundleId)
      : this.db.prepare('SELECT * FROM bundle_versions ORDER BY bundle_id, version').all();
    return (rows as Row[]).map(version);
  }

  async getVersion(bundleId: string, v: number): Promise<BundleVersion | null> {
    const row = this.db.prepare('SELECT * FROM bundle_versions WHERE bundle_id = ? AND version = ?').get(bundleId, v) as Row | undefined;
    return row ? version(row) : null;
  }

  async createVersion(input: NewVersionInput): Promise<BundleVersion | null> {
    return this.tx(() => this.writeVersion(input));
  }

  private writeVersion(input: NewVersionInput): BundleVersion | null {
    const v = input.version;
    const latest = this.db.prepare('SELECT max(version) AS v FROM bundle_versions WHERE bundle_id = ?').get(v.bundleId) as Row;
    // someone else made a version since the caller looked: the caller decides again
    if ((latest.v === null ? null : Number(latest.v)) !== input.after) return null;
    const at = now();
    this.db
      .prepare(
        'INSERT INTO bundle_versions (bundle_id, version, state, pilot_regions, body, pins, created_at, created_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        v.bundleId,
        v.version,
        v.state,
        JSON.stringify(v.pilotRegions),
        JSON.stringify(v.body),
        JSON.stringify(v.pins),
        at,
        input.actor.username,
        v.state === 'published' ? at : null,
      );
    this.writeArtifacts(input.artifacts);
    if (input.requestKey)
      this.db
        .prepare('INSERT INTO version_requests (key, bundle_id, version, created_at) VALUES (?, ?, ?, ?)')
        .run(input.requestKey, v.bundleId, v.version, at);
    this.audit(input.actor, v.state === 'published' ? 'publish' : 'trial', `bundle:${v.bundleId}@${v.version}`, undefined, {
      state: v.state,
      pilotRegions: v.pilotRegions,
      ...(input.changes ? { changes: input.changes } : {}),
    });
    return version(this.db.prepare('SELECT * FROM bundle_versions WHERE bundle_id = ? AND version = ?').get(v.bundleId, v.version) as Row);
  }

  async setVersionState(input: {
    bundleId: string;
    version: number;
    state: VersionState;
    pilotRegions?: string[];
    actor: Actor;
  }): Promise<BundleVersion | null> {
    return this.tx(() => {
      const row = this.db
        .prepare('SELECT * FROM bundle_versions WHERE bundle_id = ? AND version = ?')
        .get(input.bundleId, input.version) as Row | undefined;
      if (!row) return null;
      const before = version(row);
      const at = now();
      this.db
        .prepare(
          `UPDATE bundle_versions SET state = ?, pilot_regions = ?,
                  published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END,
                  retired_at = CASE WHEN ? = 'retired' THEN ? ELSE retired_at END
                  WHERE bundle_id = ? AND version = ?`,
        )
        .run(
          input.state,
          JSON.stringify(input.pilotRegions ?? before.pilotRegions),
          input.state,
          at,
          input.state,
          at,
          input.bundleId,
          input.version,
        );
      this.audit(
        input.actor,
        input.state === 'published' ? 'publish' : input.state === 'retired' ? 'retire' : 'trial',
        `bundle:${input.bundleId}@${input.version}`,
        { state: before.state },
        { state: input.state },
      );
      return version(
        this.db.prepare('SELECT * FROM bundle_versions WHERE bundle_id = ? AND version = ?').get(input.bundleId, input.version) as Row,
      );
    });
  }

  private writeArtifacts(artifacts: Omit<Artifact, 'updatedAt'>[]): void {
    const stmt = this.db
      .prepare(`INSERT INTO artifacts (bundle_id, version, region, compiled, etag, variant_status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (bundle_id, version, region) DO UPDATE SET compiled = excluded.compiled, etag = excluded.etag, variant_status = excluded.variant_status, updated_at = excluded.updated_at,
        validator = CASE WHEN artifacts.etag = excluded.etag THEN artifacts.validator END,
        validator_mac = CASE WHEN artifacts.etag = excluded.etag THEN artifacts.validator_mac END`);
    const at = now();
    for (const a of artifacts) stmt.run(a.bundleId, a.version, a.region, a.compiled, a.etag, a.variantStatus, at);
  }

  async putValidator(bundleId: string, v: number, region: string, etag: string, validator: StoredValidator): Promise<boolean> {
    const changed = this.db
      .prepare('UPDATE artifacts SET validator = ?, validator_mac = ? WHERE bundle_id = ? AND version = ? AND region = ? AND etag = ?')
      .run(validator.code, validator.mac, bundleId, v, region, etag).changes;
    return changed > 0;
  }

  async listArtifacts(bundleId?: string): Promise<Artifact[]> {
    const all = bundleId
      ? this.db.prepare('SELECT * FROM artifacts WHERE bundle_id = ?').all(bundleId)
      : this.db.prepare('SELECT * FROM artifacts').all();
    return (all as Row[]).map(artifact);
  }

  /** One process on one file: no other instance to hear. */
  async watch(): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  async changeStamps(): Promise<null> {
    return null;
  }

  async documentsStamp(): Promise<null> {
    return null;
  }

  async getArtifact(bundleId: string, v: number, region: string): Promise<Artifact | null> {
    const r = this.db.prepare('SELECT * FROM artifacts WHERE bundle_id = ? AND version = ? AND region = ?').get(bundleId, v, region) as
      Row | undefined;
    return r ? artifact(r) : null;
  }

  async putArtifacts(artifacts: Omit<Artifact, 'updatedAt'>[]): Promise<void> {
    this.tx(() => this.writeArtifacts(artifacts));
  }

  async listAudit(options: { limit: number; before?: number }): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as Row[];
    return rows.map(auditEntry);
  }
}
