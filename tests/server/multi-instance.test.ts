import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LISTENER_NAME } from '../../server/store/pg-store.ts';
import { numberedMatter } from '../support/fixtures.ts';
import { freshDatabase, type FreshDatabase } from '../support/pg-database.ts';
import { apiLogin, spawnServer, stopServer, type ServerProcess } from '../support/spawn-server.ts';

/**
 * Three instances of the product on one PostgreSQL database, as a province runs them behind a
 * load balancer: what is published through one is served by the others within a second, a
 * draft saved through one is what another publishes, and an instance killed mid-stream loses no
 * acknowledged write while the others keep serving. Run by `npm run test:pg`.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const PASSWORD = 'three-instances-2026';

describe.skipIf(!adminUrl)('several instances on one database', () => {
  let database: FreshDatabase;
  const dirs: string[] = [];
  let instances: ServerProcess[] = [];
  const start = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yjs-multi-'));
    dirs.push(dir);
    return spawnServer({
      DATABASE_URL: database.url,
      DATA_DIR: dir,
      ADMIN_PASSWORD: PASSWORD,
      PASSWORD_COST: '14',
      LOG_LEVEL: 'error',
      SYNC_INTERVAL_MS: '500',
      VALIDATOR_KEY: 'three-instances-share-this-validator-key',
    });
  };

  beforeAll(async () => {
    database = await freshDatabase(adminUrl!);
    const first = await start(); // seeds the database
    instances = [first, ...(await Promise.all([start(), start()]))];
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => stopServer(i)));
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Polls an instance until `ok` holds for its answer; the milliseconds it took. */
  async function until(url: string, path: string, ok: (body: Record<string, unknown>) => boolean, since: number): Promise<number> {
    for (;;) {
      const res = await fetch(url + path);
      if (res.ok && ok((await res.json()) as Record<string, unknown>)) return Date.now() - since;
      if (Date.now() - since > 10_000) throw new Error(`${url}${path} did not change within 10 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('serves a version published through one instance from the others within a second, compiled from the draft saved through a third', async () => {
    const [a, b, c] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const onA = await apiLogin(a.url, 'admin', PASSWORD);
    const onB = await apiLogin(b.url, 'admin', PASSWORD);
    const doc = (await onA.call('GET', '/api/studio/documents/bundle/death')).body as { rev: number; body: Record<string, unknown> };
    const saved = await onA.call(
      'PUT',
      '/api/studio/documents/bundle/death',
      { ...doc.body, name: '去世一件事（三实例）' },
      { 'if-match': `"${doc.rev}"` },
    );
    expect(saved.status).toBe(200);
    // B publishes at once: its drafts must already be A's
    const published = await onB.call('POST', '/api/studio/bundles/death/versions', { state: 'published' });
    expect(published.status).toBe(201);
    const at = Date.now();
    const named = (body: Record<string, unknown>) => body.name === '去世一件事（三实例）';
    const took = await Promise.all([a, c].map((i) => until(i.url, '/api/regions/320000/bundles/death', named, at)));
    expect(Math.max(...took)).toBeLessThan(1000);
  });

  it('validates a newly published version with the validators the publishing instance compiled and stored', async () => {
    const [a, , c] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const path = '/api/regions/320000/bundles/death';
    const precompiled = async (url: string) =>
      Number(/^yjs_validators_total\{source="precompiled"\} (\d+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);
    // the publish above made the version; B compiles its validators in the background and stores them
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      for (const started = Date.now(); ;) {
        const { rows } = await db.query(
          `SELECT count(*) FILTER (WHERE validator IS NOT NULL) AS stored, count(*) AS artifacts FROM artifacts
           WHERE bundle_id = 'death' AND version = (SELECT max(version) FROM bundle_versions WHERE bundle_id = 'death')`,
        );
        if (Number(rows[0].stored) === Number(rows[0].artifacts)) break;
        if (Date.now() - started > 10_000) throw new Error('the validators were not stored after the publish');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await db.end();
    }
    // the other instances, told of them, load them on the first validation instead of compiling
    await new Promise((r) => setTimeout(r, 200));
    for (const i of [a, c]) {
      const before = await precompiled(i.url);
      const body = await (await fetch(`${i.url}${path}/example`)).text();
      const res = await fetch(`${i.url}${path}/applications/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(200);
      expect(await precompiled(i.url)).toBe(before + 1);
    }
  });

  it('plans with a calendar published through another instance within a second', async () => {
    const [a, b, c] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const onC = await apiLogin(c.url, 'admin', PASSWORD);
    const before = ((await (await fetch(`${a.url}/api/calendar`)).json()) as { release: number }).release;
    const doc = (await onC.call('GET', '/api/studio/documents/calendar/calendar')).body as { rev: number; body: { years: number[] } };
    const body = { ...doc.body, years: [...new Set([...doc.body.years, 2030])].sort() };
    expect((await onC.call('PUT', '/api/studio/documents/calendar/calendar', body, { 'if-match': `"${doc.rev}"` })).status).toBe(200);
    expect((await onC.call('POST', '/api/studio/documents/calendar/calendar/releases')).status).toBe(201);
    const at = Date.now();
    const newer = (res: Record<string, unknown>) => Number(res.release) > before;
    const took = await Promise.all([a, b].map((i) => until(i.url, '/api/calendar', newer, at)));
    expect(Math.max(...took)).toBeLessThan(1000);
  });

  it('judges with 政策参数 published through another instance within a second', async () => {
    const [a, b, c] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const onC = await apiLogin(c.url, 'admin', PASSWORD);
    const before = ((await (await fetch(`${a.url}/api/parameters`)).json()) as { release: number }).release;
    const doc = (await onC.call('GET', '/api/studio/documents/parameters/parameters')).body as {
      rev: number;
      body: { parameters: { name: string; values: unknown[] }[] };
    };
    const step = { from: '2040-01-01', value: 17, source: '《中华人民共和国劳动法》第十五条' };
    const body = { parameters: doc.body.parameters.map((p) => (p.name === 'work.minimumAge' ? { ...p, values: [...p.values, step] } : p)) };
    expect((await onC.call('PUT', '/api/studio/documents/parameters/parameters', body, { 'if-match': `"${doc.rev}"` })).status).toBe(200);
    expect((await onC.call('POST', '/api/studio/documents/parameters/parameters/releases')).status).toBe(201);
    const at = Date.now();
    const newer = (res: Record<string, unknown>) => Number(res.release) > before;
    const took = await Promise.all([a, b].map((i) => until(i.url, '/api/parameters', newer, at)));
    expect(Math.max(...took)).toBeLessThan(1000);
  });

  it('catches up by reconciling when the notifications were lost with the connection', async () => {
    const [a, , c] = instances as [ServerProcess, ServerProcess, ServerProcess];
    // every instance's listening connection is cut: what is published next is not heard
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [LISTENER_NAME]);
    await admin.end();
    const onA = await apiLogin(a.url, 'admin', PASSWORD);
    const doc = (await onA.call('GET', '/api/studio/documents/bundle/retirement')).body as { rev: number; body: Record<string, unknown> };
    const renamed = { ...doc.body, name: '退休一件事（对账）' };
    expect((await onA.call('PUT', '/api/studio/documents/bundle/retirement', renamed, { 'if-match': `"${doc.rev}"` })).status).toBe(200);
    expect((await onA.call('POST', '/api/studio/bundles/retirement/versions', { state: 'published' })).status).toBe(201);
    const at = Date.now();
    const took = await until(c.url, '/api/regions/320000/bundles/retirement', (body) => body.name === '退休一件事（对账）', at);
    expect(took).toBeLessThan(2000);
  });

  it('loses no acknowledged write when one instance is killed during a stream of writes through all three', async () => {
    const [a, b, c] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const sessions = await Promise.all(instances.map((i) => apiLogin(i.url, 'admin', PASSWORD)));
    const acknowledged: string[] = [];
    let stop = false;
    const matter = (i: number) => numberedMatter(i, '多实例事项');
    const writer = async (lane: number) => {
      const session = sessions[lane % 3]!;
      for (let i = lane; !stop && i < 3000; i += 6) {
        try {
          const res = await session.call('POST', '/api/studio/documents/matter', matter(i));
          if (res.status === 201) acknowledged.push(matter(i).code);
        } catch {
          if (lane % 3 === 1) return; // B's lanes end with B
        }
      }
    };
    const writers = Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 5));
    await stopServer(b, 'SIGKILL');
    const atKill = acknowledged.length;
    while (acknowledged.length < atKill + 30) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await writers;
    // the survivors serve, and have every acknowledged write
    for (const survivor of [a, c]) expect((await fetch(`${survivor.url}/api/ready`)).status).toBe(200);
    const listed = (await sessions[2]!.call('GET', '/api/studio/documents/matter')).body as unknown as { id: string }[];
    const ids = new Set(listed.map((d) => d.id));
    expect(acknowledged.filter((code) => !ids.has(code))).toEqual([]);
    instances = [a, c];
  });
});

describe.skipIf(!adminUrl)('a rate limit shared by the instances', () => {
  it('allows a client the rate once across two instances, not once on each', async () => {
    const database = await freshDatabase(adminUrl!, inject('seededTemplate').pgDatabase);
    const dir = mkdtempSync(join(tmpdir(), 'yjs-limit-'));
    const env = { DATABASE_URL: database.url, DATA_DIR: dir, LOG_LEVEL: 'error', RATE_LIMIT_POST: '6' };
    const [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    try {
      const path = '/api/regions/320000/bundles/unemployment/applications/validate';
      const body = await (await fetch(`${a.url}/api/regions/320000/bundles/unemployment/example`)).text();
      const post = async (url: string) =>
        (await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push(await post(i % 2 ? b.url : a.url));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      const refused = await fetch(b.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await Promise.all([stopServer(a), stopServer(b)]);
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
