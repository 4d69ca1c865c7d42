/**
 * `npm run test:pg`: the store and server suites again, on PostgreSQL. Starts a throwaway
 * cluster, runs vitest on tests/server with TEST_DATABASE_URL set (each test server then gets
 * a database of its own on it), and removes the cluster. Extra arguments go to vitest.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startCluster } from '../support/pg-cluster.ts';

const root = join(import.meta.dirname, '..', '..');
const cluster = await startCluster();
let status: number;
try {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  // one test file at a time: the database server takes the second core, and the suites that time the runtime under a
  // hostile upload (p99 < 100 ms) must not share the machine with a second test worker as well
  const result = spawnSync(process.execPath, [vitest, 'run', 'tests/server', '--maxWorkers=1', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: cluster.url },
  });
  status = result.status ?? 1;
} finally {
  cluster.stop();
}
process.exit(status);
