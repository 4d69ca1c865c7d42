/**
 * `npm run bench`: a cold instance's first validation of every bundle in every region (14 × 14)
 * — compiling each schema, as an instance does on a store without precompiled validators, and
 * loading the stored code, as the next instance (or a restart) does — with the start-up itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, stopServer } from '../support/spawn-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'yjs-cold-'));
const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: 'Cold-start-bench-2026', LOG_LEVEL: 'error', RATE_LIMIT_POST: '0' };

/** Starts an instance and validates each region's example of each bundle once; the milliseconds each took. */
async function coldRun(): Promise<{ start: number; first: number; count: number }> {
  let t = Date.now();
  const server = await spawnServer(env);
  const start = Date.now() - t;
  const regions = (await (await fetch(`${server.url}/api/regions`)).json()) as { code: string }[];
  const examples: { path: string; body: string }[] = [];
  for (const r of regions)
    for (const b of (await (await fetch(`${server.url}/api/regions/${r.code}/bundles`)).json()) as { id: string }[]) {
      const path = `/api/regions/${r.code}/bundles/${b.id}`;
      examples.push({ path, body: await (await fetch(`${server.url}${path}/example`)).text() });
    }
  t = Date.now();
  for (const e of examples) {
    const res = await fetch(`${server.url}${e.path}/applications/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: e.body,
    });
    if (res.status !== 200) throw new Error(`${e.path}: ${res.status}`);
  }
  const first = Date.now() - t;
  await new Promise((r) => setTimeout(r, 500)); // the last write-backs
  await stopServer(server);
  return { start, first, count: examples.length };
}

try {
  const compiling = await coldRun();
  const loading = await coldRun();
  console.log(`\ncold start (${compiling.count} bundle × region artifacts, SQLite; Node ${process.version})`);
  console.log(`start-up (store opened, artifacts loaded)   ${loading.start} ms`);
  console.log(`first validation of each, compiling        ${compiling.first} ms`);
  console.log(
    `first validation of each, precompiled      ${loading.first} ms   ÷ compiling = ${(loading.first / compiling.first).toFixed(2)}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
