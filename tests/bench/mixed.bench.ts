/**
 * `npm run bench` (last part): a province's mixed load — 50 connections reading published
 * schemas and posting applications, spread over three instances on one PostgreSQL database,
 * while a new version is published every 5 seconds through one instance after another. Prints
 * the errors (target 0) and how long each publish took to be served by every instance (target
 * ≤ 1 s), and the throughput. Needs Debian's postgresql; bounded by MIXED_SECONDS (default 60).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startCluster } from '../support/pg-cluster.ts';
import { freshDatabase } from '../support/pg-database.ts';
import { apiLogin, spawnServer, stopServer, type ServerProcess } from '../support/spawn-server.ts';

const SECONDS = Number(process.env.MIXED_SECONDS ?? 60);
const PASSWORD = 'Mixed-load-2026';
const BUNDLE = 'death';
const schemaPath = '/api/regions/320500/bundles/unemployment/schema';
const validatePath = '/api/regions/320500/bundles/unemployment/applications/validate';

const cluster = await startCluster();
const database = await freshDatabase(cluster.url);
const dirs: string[] = [];
const start = () => {
  const dir = mkdtempSync(join(tmpdir(), 'yjs-mixed-'));
  dirs.push(dir);
  return spawnServer({ DATABASE_URL: database.url, DATA_DIR: dir, ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error', RATE_LIMIT_POST: '0' });
};
let instances: ServerProcess[] = [];
try {
  const first = await start();
  instances = [first, ...(await Promise.all([start(), start()]))];
  const application = await (await fetch(`${first.url}/api/regions/320500/bundles/unemployment/example`)).text();

  // the publisher: on every 5 s tick a renamed draft published through the next instance; the lag until all serve it
  const lags: number[] = [];
  let publishing = true;
  const began = Date.now();
  const publisher = (async () => {
    for (let n = 1; publishing; n++) {
      await new Promise((r) => setTimeout(r, Math.max(0, began + n * 5000 - Date.now())));
      if (!publishing) break;
      const through = instances[n % 3]!;
      const session = await apiLogin(through.url, 'admin', PASSWORD);
      const doc = (await session.call('GET', `/api/studio/documents/bundle/${BUNDLE}`)).body as { rev: number; body: object };
      const name = `去世一件事（第 ${n} 次发布）`;
      await session.call('PUT', `/api/studio/documents/bundle/${BUNDLE}`, { ...doc.body, name }, { 'if-match': `"${doc.rev}"` });
      const published = await session.call('POST', `/api/studio/bundles/${BUNDLE}/versions`, { state: 'published' });
      if (published.status !== 201) throw new Error(`publish ${n}: ${published.status}`);
      const at = Date.now();
      await Promise.all(
        instances.map(async (i) => {
          for (;;) {
            const body = (await (await fetch(`${i.url}/api/regions/320000/bundles/${BUNDLE}`)).json()) as { name: string };
            if (body.name === name) return;
            if (Date.now() - at > 10_000) throw new Error(`${i.url} did not serve publish ${n}`);
            await new Promise((r) => setTimeout(r, 10));
          }
        }),
      );
      lags.push(Date.now() - at);
    }
  })();

  // 50 connections: per instance, readers of the schema and posters of the application
  const loads = instances.flatMap((i, k) => [
    autocannon({ url: i.url + schemaPath, connections: k === 0 ? 9 : 8, duration: SECONDS }),
    autocannon({
      url: i.url + validatePath,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: application,
      connections: 9,
      duration: SECONDS,
    }),
  ]);
  const results = await Promise.all(loads);
  publishing = false;
  await publisher;

  const total = results.reduce((n, r) => n + r.requests.total, 0);
  const errors = results.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  console.log(`\nmixed load (3 instances on PostgreSQL, 50 connections, ${SECONDS} s, a publish every 5 s; Node ${process.version})`);
  console.log(`requests ${total.toLocaleString()} (${(total / SECONDS).toFixed(0)} req/s), errors ${errors}  (target 0)`);
  console.log(
    `publishes ${lags.length}, served by every instance after ${lags.length ? `${Math.min(...lags)}–${Math.max(...lags)} ms` : '—'}  (target ≤ 1000 ms)`,
  );
} finally {
  await Promise.all(instances.map((i) => stopServer(i)));
  cluster.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
