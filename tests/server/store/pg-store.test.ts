import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../../server/store/pg-store.ts';
import { freshDatabase, type FreshDatabase } from '../../support/pg-database.ts';

/**
 * The PostgreSQL store as several instances use it: two stores (two instances' pools) on one
 * database. Run by `npm run test:pg`, which provides the cluster; skipped without it.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const actor = { username: 'test' };

describe.skipIf(!adminUrl)('PostgreSQL store, two instances on one database', () => {
  let database: FreshDatabase;
  let a: PgStore;
  let b: PgStore;
  beforeAll(async () => {
    database = await freshDatabase(adminUrl!);
    // instances starting together migrate once
    [a, b] = await Promise.all([PgStore.open(database.url), PgStore.open(database.url)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
  });

  it('lets exactly one of two conditional writes of the same revision through', async () => {
    const first = await a.putDocument({
      kind: 'matter',
      id: 'M1',
      body: { n: 0 },
      region: null,
      expectedRev: null,
      actor,
      action: 'create',
    });
    expect(first.ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).putDocument({
          kind: 'matter',
          id: 'M1',
          body: { n: i + 1 },
          region: null,
          expectedRev: 1,
          actor,
          action: 'update',
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await b.getDocument('matter', 'M1'))!.rev).toBe(2);
  });

  it('creates a document once when two instances create it at the same moment', async () => {
    const results = await Promise.all(
      [a, b, a, b].map((s) =>
        s.putDocument({ kind: 'matter', id: 'M2', body: {}, region: null, expectedRev: null, actor, action: 'create' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('numbers versions without gaps or doubles when two instances publish at once', async () => {
    const make = (s: PgStore, after: number | null, n: number) =>
      s.createVersion({
        version: { bundleId: 'B', version: n, state: 'published', pilotRegions: [], body: {}, pins: {}, createdBy: 'test' },
        artifacts: [],
        actor,
        after,
      });
    const [x, y] = await Promise.all([make(a, null, 1), make(b, null, 1)]);
    expect([x, y].filter((v) => v !== null)).toHaveLength(1);
    expect((await a.listVersions('B')).map((v) => v.version)).toEqual([1]);
  });

  it('keeps revisions, releases and versions immutable in the database itself', async () => {
    // as someone with the database's password, past the application
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    try {
      await expect(direct.query("UPDATE documents SET body = '{}'")).rejects.toThrow(/immutable/);
      await expect(direct.query("UPDATE bundle_versions SET body = '{}'")).rejects.toThrow(/immutable/);
      await expect(direct.query('DELETE FROM bundle_versions')).rejects.toThrow(/immutable/);
    } finally {
      await direct.end();
    }
  });

  it('shares sign-in counters between instances', async () => {
    await a.countLoginAttempts(['k'], 60_000);
    expect(await b.countLoginAttempts(['k'], 60_000)).toEqual([2]);
  });
});
