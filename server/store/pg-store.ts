/**
 * The PostgreSQL store (`DATABASE_URL`): the same contract as the embedded SQLite store, for a
 * province running several instances on one database. Writers of one document, one release
 * line or one bundle's versions are serialised by advisory locks held to the end of their
 * transaction, so a conditional write (If-Match, "after version n") means the same on every
 * instance. Rows are mapped by rows.ts, as SQLite's are.
 */
import pg from 'pg';
import { documentRef, POLICY_KINDS, type PinnedRevision, type ReleaseView } from '../../schemas/index.ts';
import { PgAccounts } from './pg-accounts.ts';
import { CHANGES_CHANNEL, now, one, rows, type Db } from './pg-base.ts';
import { artifact, auditEntry, head, release, storedDocument, storedRelease, version } from './rows.ts';
import type {
  Actor,
  Artifact,
  ChangeStamps,
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
  StoreChange,
  StoredDocument,
  StoredValidator,
  VersionState,
} from './store.ts';

const docLock = (kind: string, id: string) => `doc:${kind}:${id}`;

/** How an instance's listening connection is named in pg_stat_activity. */
export const LISTENER_NAME = 'yijianshi-listener';

/** The PostgreSQL store; `open` connects and migrates. */
export class PgStore extends PgAccounts implements Store {
  private readonly watchers = new Set<() => Promise<void>>();

  /** Connects to `url` and applies the migrations. */
  static async open(url: string): Promise<PgStore> {
    const store = new PgStore(url);
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private async readDocument(db: Db, kind: DocumentKind, id: string): Promise<StoredDocument | null> {
    const row = await one(
      db,
      'SELECT h.*, d.body FROM document_heads h JOIN documents d USING (kind, id, rev) WHERE h.kind = $1 AND h.id = $2',
      [kind, id],
    );
    return row ? storedDocument(row) : null;
  }

  private async writeRevision(
    c: pg.PoolClient,
    kind: DocumentKind,
    id: string,
    rev: number,
    body: unknown,
    region: string | null,
    actor: Actor,
  ): Promise<void> {
    const at = now();
    await c.query('INSERT INTO documents (kind, id, rev, body, author, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      kind,
      id,
      rev,
      JSON.stringify(body),
      actor.username,
      at,
    ]);
    await c.query(
      `INSERT INTO document_heads (kind, id, rev, region, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, id) DO UPDATE SET rev = excluded.rev, region = excluded.region, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [kind, id, rev, region, at, actor.username],
    );
  }

  async isEmpty(): Promise<boolean> {
    return Number((await one(this.pool, 'SELECT count(*) AS n FROM document_heads'))!.n) === 0;
  }

  async listDocuments(kind: DocumentKind): Promise<DocumentHead[]> {
    return (await rows(this.pool, 'SELECT * FROM document_heads WHERE kind = $1 ORDER BY id', [kind])).map(head);
  }

  async getDocument(kind: DocumentKind, id: string): Promise<StoredDocument | null> {
    return this.readDocument(this.pool, kind, id);
  }

  async currentDocuments(): Promise<StoredDocument[]> {
    const all = await rows(
      this.pool,
      'SELECT h.*, d.body FROM document_heads h JOIN documents d USING (kind, id, rev) ORDER BY h.kind, h.id',
    );
    return all.map(storedDocument);
  }

  async getRevisions(refs: readonly PinnedRevision[]): Promise<StoredDocument[]> {
    if (refs.length === 0) return [];
    const found = await rows(
      this.pool,
      `SELECT d.kind, d.id, d.rev, d.body, d.author AS updated_by, d.created_at AS updated_at, h.region
       FROM unnest($1::text[], $2::text[], $3::int[]) AS r (kind, id, rev)
       JOIN documents d USING (kind, id, rev) LEFT JOIN document_heads h ON h.kind = d.kind AND h.id = d.id`,
      [refs.map((r) => r.kind), refs.map((r) => r.id), refs.map((r) => r.rev)],
    );
    // in the order asked for
    const byRef = new Map(found.map((row) => [`${String(row.kind)}:${String(row.id)}@${String(row.rev)}`, storedDocument(row)]));
    return refs.map((r) => byRef.get(`${r.kind}:${r.id}@${r.rev}`)).filter((d): d is StoredDocument => d !== undefined);
  }

  async releaseDocument(input: { kind: DocumentKind; id: string; actor: Actor }): Promise<Release | null> {
    return this.tx(async (c) => {
      await this.lock(c, docLock(input.kind, input.id));
      return this.writeRelease(c, input.kind, input.id, input.actor);
    });
  }

  private async writeRelease(c: pg.PoolClient, kind: DocumentKind, id: string, actor: Actor): Promise<Release | null> {
    const current = await this.readDocument(c, kind, id);
    if (!current) return null;
    const last = await one(c, 'SELECT * FROM releases WHERE kind = $1 AND id = $2 ORDER BY release DESC LIMIT 1', [kind, id]);
    if (last && Number(last.rev) === current.rev) return null;
    const number = (last ? Number(last.release) : 0) + 1;
    await c.query('INSERT INTO releases (kind, id, release, rev, published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6)', [
      kind,
      id,
      number,
      current.rev,
      now(),
      actor.username,
    ]);
    if ((POLICY_KINDS as readonly string[]).includes(kind)) await this.notify(c, { kind: 'policy' });
    await this.audit(c, actor, 'release', `${kind}:${id}@${current.rev}`, last ? { release: Number(last.release) } : undefined, {
      release: number,
      rev: current.rev,
    });
    return this.readRelease(c, kind, id, number);
  }

  private async readRelease(db: Db, kind: DocumentKind, id: string, number?: number): Promise<Release | null> {
    const row =
      number === undefined
        ? await one(
            db,
            'SELECT r.*, d.body FROM releases r JOIN documents d USING (kind, id, rev) WHERE r.kind = $1 AND r.id = $2 ORDER BY r.release DESC LIMIT 1',
            [kind, id],
          )
        : await one(
            db,
            'SELECT r.*, d.body FROM releases r JOIN documents d USING (kind, id, rev) WHERE r.kind = $1 AND r.id = $2 AND r.release = $3',
            [kind, id, number],
          );
    return row ? storedRelease(row) : null;
  }

  async latestReleases(kind: DocumentKind): Promise<Release[]> {
    const all = await rows(
      this.pool,
      `SELECT r.*, d.body FROM releases r JOIN documents d USING (kind, id, rev)
       WHERE r.kind = $1 AND r.release = (SELECT max(release) FROM releases x WHERE x.kind = r.kind AND x.id = r.id) ORDER BY r.id`,
      [kind],
    );
    return all.map(storedRelease);
  }

  async latestRelease(kind: DocumentKind, id: string): Promise<Release | null> {
    return this.readRelease(this.pool, kind, id);
  }

  async listReleases(kind: DocumentKind, id: string): Promise<ReleaseView[]> {
    return (await rows(this.pool, 'SELECT * FROM releases WHERE kind = $1 AND id = $2 ORDER BY release', [kind, id])).map(release);
  }

  async putDocument(input: PutDocumentInput): Promise<PutResult> {
    return this.tx(async (c) => {
      await this.lock(c, docLock(input.kind, input.id));
      const current = await this.readDocument(c, input.kind, input.id);
      if ((current?.rev ?? null) !== input.expectedRev) return { ok: false, current };
      const rev = (current?.rev ?? 0) + 1;
      await this.writeRevision(c, input.kind, input.id, rev, input.body, input.region, input.actor);
      await this.audit(c, input.actor, input.action, `${input.kind}:${input.id}@${rev}`, current?.body, input.body);
      return { ok: true, doc: (await this.readDocument(c, input.kind, input.id))! };
    });
  }

  async putDocuments(
    docs: (NewDocument & { expectedRev: number | null })[],
    actor: Actor,
  ): Promise<{ ok: true } | { ok: false; moved: string[] }> {
    return this.tx(async (c) => {
      await this.lock(c, ...docs.map((d) => docLock(d.kind, d.id)));
      const current = await Promise.all(docs.map((d) => this.readDocument(c, d.kind, d.id)));
      const moved = docs.filter((d, i) => (current[i]?.rev ?? null) !== d.expectedRev).map((d) => documentRef(d.kind, d.id));
      if (moved.length) return { ok: false as const, moved };
      for (const [i, d] of docs.entries()) {
        const rev = (current[i]?.rev ?? 0) + 1;
        await this.writeRevision(c, d.kind, d.id, rev, d.body, d.region, actor);
        await this.audit(c, actor, 'import', `${d.kind}:${d.id}@${rev}`, current[i]?.body, d.body);
      }
      return { ok: true as const };
    });
  }

  async importDocuments(docs: NewDocument[], actor: Actor): Promise<void> {
    await this.tx(async (c) => {
      await this.lock(c, ...docs.map((d) => docLock(d.kind, d.id)));
      await this.writeImport(c, docs, actor);
    });
  }

  private async writeImport(c: pg.PoolClient, docs: NewDocument[], actor: Actor): Promise<void> {
    for (const d of docs) {
      const current = await this.readDocument(c, d.kind, d.id);
      await this.writeRevision(c, d.kind, d.id, (current?.rev ?? 0) + 1, d.body, d.region, actor);
    }
    await this.audit(c, actor, 'import', `${docs.length} documents`, undefined, { count: docs.length });
  }

  /** A first start; instances starting together seed once (the others find the store seeded and leave it). */
  async seed(input: Seed, actor: Actor): Promise<void> {
    await this.tx(async (c) => {
      await this.lock(c, 'seed');
      if (Number((await one(c, 'SELECT count(*) AS n FROM document_heads'))!.n) > 0) return;
      await this.writeImport(c, input.documents, actor);
      for (const r of input.releases) await this.writeRelease(c, r.kind, r.id, actor);
      for (const v of input.versions) await this.writeVersion(c, { ...v, after: null, actor });
      await this.writeUser(c, input.admin, actor);
    });
  }

  async findVersionRequest(key: string): Promise<{ bundleId: string; version: number } | null> {
    const r = await one(this.pool, 'SELECT bundle_id, version FROM version_requests WHERE key = $1', [key]);
    return r ? { bundleId: String(r.bundle_id), version: Number(r.version) } : null;
  }

  async listVersions(bundleId?: string): Promise<BundleVersion[]> {
    const all = bundleId
      ? await rows(this.pool, 'SELECT * FROM bundle_versions WHERE bundle_id = $1 ORDER BY version', [bundleId])
      : await rows(this.pool, 'SELECT * FROM bundle_versions ORDER BY bundle_id, version');
    return all.map(version);
  }

  async getVersion(bundleId: string, v: number): Promise<BundleVersion | null> {
    const row = await one(this.pool, 'SELECT * FROM bundle_versions WHERE bundle_id = $1 AND version = $2', [bundleId, v]);
    return row ? version(row) : null;
  }

  async createVersion(input: NewVersionInput): Promise<BundleVersion | null> {
    return this.tx(async (c) => {
      await this.lock(c, `versions:${input.version.bundleId}`);
      return this.writeVersion(c, input);
    });
  }

  private async writeVersion(c: pg.PoolClient, input: NewVersionInput): Promise<BundleVersion | null> {
    const v = input.version;
    const latest = (await one(c, 'SELECT max(version) AS v FROM bundle_versions WHERE bundle_id = $1', [v.bundleId]))!;
    // someone else made a version since the caller looked: the caller decides again
    if ((latest.v === null ? null : Number(latest.v)) !== input.after) return null;
    const at = now();
    await c.query(
      `INSERT INTO bundle_versions (bundle_id, version, state, pilot_regions, body, pins, created_at, created_by, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        v.bundleId,
        v.version,
        v.state,
        JSON.stringify(v.pilotRegions),
        JSON.stringify(v.body),
        JSON.stringify(v.pins),
        at,
        input.actor.username,
        v.state === 'published' ? at : null,
      ],
    );
    await this.writeArtifacts(c, input.artifacts);
    await this.notify(c, { kind: 'bundle', bundleId: v.bundleId });
    if (input.requestKey)
      await c.query('INSERT INTO version_requests (key, bundle_id, version, created_at) VALUES ($1, $2, $3, $4)', [
        input.requestKey,
        v.bundleId,
        v.version,
        at,
      ]);
    await this.audit(c, input.actor, v.state === 'published' ? 'publish' : 'trial', `bundle:${v.bundleId}@${v.version}`, undefined, {
      state: v.state,
      pilotRegions: v.pilotRegions,
      ...(input.changes ? { changes: input.changes } : {}),
    });
    return version((await one(c, 'SELECT * FROM bundle_versions WHERE bundle_id = $1 AND version = $2', [v.bundleId, v.version]))!);
  }

  async setVersionState(input: {
    bundleId: string;
    version: number;
    state: VersionState;
    pilotRegions?: string[];
    actor: Actor;
  }): Promise<BundleVersion | null> {
    return this.tx(async (c) => {
      const row = await one(c, 'SELECT * FROM bundle_versions WHERE bundle_id = $1 AND version = $2 FOR UPDATE', [
        input.bundleId,
        input.version,
      ]);
      if (!row) return null;
      const before = version(row);
      const at = now();
      await c.query(
        `UPDATE bundle_versions SET state = $1, pilot_regions = $2,
                published_at = CASE WHEN $1 = 'published' THEN $3 ELSE published_at END,
                retired_at = CASE WHEN $1 = 'retired' THEN $3 ELSE retired_at END
         WHERE bundle_id = $4 AND version = $5`,
        [input.state, JSON.stringify(input.pilotRegions ?? before.pilotRegions), at, input.bundleId, input.version],
      );
      await this.notify(c, { kind: 'bundle', bundleId: input.bundleId });
      await this.audit(
        c,
        input.actor,
        input.state === 'published' ? 'publish' : input.state === 'retired' ? 'retire' : 'trial',
        `bundle:${input.bundleId}@${input.version}`,
        { state: before.state },
        { state: input.state },
      );
      return version(
        (await one(c, 'SELECT * FROM bundle_versions WHERE bundle_id = $1 AND version = $2', [input.bundleId, input.version]))!,
      );
    });
  }

  private async writeArtifacts(c: pg.PoolClient, artifacts: Omit<Artifact, 'updatedAt'>[]): Promise<void> {
    const at = now();
    for (const a of artifacts)
      await c.query(
        `INSERT INTO artifacts (bundle_id, version, region, compiled, etag, variant_status, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (bundle_id, version, region) DO UPDATE SET compiled = excluded.compiled, etag = excluded.etag,
           variant_status = excluded.variant_status, updated_at = excluded.updated_at,
           validator = CASE WHEN artifacts.etag = excluded.etag THEN artifacts.validator END,
           validator_mac = CASE WHEN artifacts.etag = excluded.etag THEN artifacts.validator_mac END`,
        [a.bundleId, a.version, a.region, a.compiled, a.etag, a.variantStatus, at],
      );
    for (const bundleId of new Set(artifacts.map((a) => a.bundleId))) await this.notify(c, { kind: 'bundle', bundleId });
  }

  async putValidator(bundleId: string, v: number, region: string, etag: string, validator: StoredValidator): Promise<boolean> {
    return this.tx(async (c) => {
      const changed = await c.query(
        'UPDATE artifacts SET validator = $1, validator_mac = $2 WHERE bundle_id = $3 AND version = $4 AND region = $5 AND etag = $6',
        [validator.code, validator.mac, bundleId, v, region, etag],
      );
      // the other instances load it instead of compiling
      if (changed.rowCount) await this.notify(c, { kind: 'bundle', bundleId });
      return (changed.rowCount ?? 0) > 0;
    });
  }

  async listArtifacts(bundleId?: string): Promise<Artifact[]> {
    const all = bundleId
      ? await rows(this.pool, 'SELECT * FROM artifacts WHERE bundle_id = $1', [bundleId])
      : await rows(this.pool, 'SELECT * FROM artifacts');
    return all.map(artifact);
  }

  async getArtifact(bundleId: string, v: number, region: string): Promise<Artifact | null> {
    const r = await one(this.pool, 'SELECT * FROM artifacts WHERE bundle_id = $1 AND version = $2 AND region = $3', [bundleId, v, region]);
    return r ? artifact(r) : null;
  }

  async putArtifacts(artifacts: Omit<Artifact, 'updatedAt'>[]): Promise<void> {
    await this.tx((c) => this.writeArtifacts(c, artifacts));
  }

  async listAudit(options: { limit: number; before?: number }): Promise<AuditEntry[]> {
    const all = await rows(this.pool, 'SELECT * FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [
      options.before ?? Number.MAX_SAFE_INTEGER,
      options.limit,
    ]);
    return all.map(auditEntry);
  }

  async watch(listener: (change: StoreChange) => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: this.url, application_name: LISTENER_NAME });
      // a lost connection is opened again; what was said meanwhile the reconciliation finds
      c.on('error', () => undefined);
      c.on('end', () => {
        if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000).unref();
      });
      c.on('notification', (n) => {
        if (n.channel !== CHANGES_CHANNEL || !n.payload) return;
        const { from, ...change } = JSON.parse(n.payload) as StoreChange & { from: string };
        if (from !== this.instance) listener(change as StoreChange);
      });
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      client = c;
    };
    await connect();
    const stop = async () => {
      stopped = true;
      this.watchers.delete(stop);
      await client?.end().catch(() => undefined);
    };
    this.watchers.add(stop);
    return stop;
  }

  /** Stops listening, then closes the pool. */
  override async close(): Promise<void> {
    await Promise.all([...this.watchers].map((stop) => stop()));
    await super.close();
  }

  async changeStamps(): Promise<ChangeStamps> {
    const bundles = await rows(
      this.pool,
      `SELECT v.bundle_id, md5(string_agg(v.version || ':' || v.state || ':' || v.pilot_regions::text || ':' || coalesce(a.stamp, ''), ','
              ORDER BY v.version)) AS stamp
       FROM bundle_versions v
       LEFT JOIN (SELECT bundle_id, version, string_agg(region || '=' || etag, ',' ORDER BY region) AS stamp FROM artifacts GROUP BY bundle_id, version) a
         USING (bundle_id, version)
       GROUP BY v.bundle_id`,
    );
    const policy = await one(
      this.pool,
      "SELECT coalesce(string_agg(kind || ':' || release, ',' ORDER BY kind), '') AS s FROM (SELECT kind, max(release) AS release FROM releases WHERE kind = ANY($1) GROUP BY kind) p",
      [[...POLICY_KINDS]],
    );
    return { bundles: new Map(bundles.map((r) => [String(r.bundle_id), String(r.stamp)])), policy: String(policy!.s) };
  }

  async documentsStamp(): Promise<string> {
    // every write adds a revision: the count and the sum of the heads' revisions grow with each
    const r = (await one(this.pool, 'SELECT count(*) AS n, coalesce(sum(rev), 0) AS revs FROM document_heads'))!;
    return `${String(r.n)}:${String(r.revs)}`;
  }
}
