/**
 * A server for `npm run bench`, started as its own process so the load generator does not
 * share its event loop: `raw` (node:http hello-world), `express` (Express hello-world, and POST / that only parses
 * the JSON body) or
 * `app` (the product on a fresh seeded store: SQLite, or PostgreSQL when DATABASE_URL is set). Prints `PORT n`; answers `heap` over IPC
 * with the heap used after a full GC, and `cpu` with its CPU time so far.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/http/logger.ts';
import { startUp } from '../../server/startup/start.ts';

const kind = process.argv[2];
let server: Server;

if (kind === 'raw') {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('hello world');
  });
} else if (kind === 'express') {
  const app = express();
  app.get('/', (_req, res) => {
    res.send('hello world');
  });
  // the floor of any JSON POST: read and parse the body, answer a constant
  app.post('/', express.json({ limit: '256kb' }), (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end('{"ok":true}');
  });
  server = createServer(app);
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'yjs-bench-'));
  const config = {
    // DATABASE_URL in the environment: the same product on PostgreSQL
    ...loadConfig({
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: 'Bench-server-2026',
      RATE_LIMIT_POST: '0',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    }),
    studioDir: join(dataDir, 'none'),
  };
  const { context } = await startUp(config, createLogger('error'));
  const app = createApp(context);
  server = createServer(app);
}

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
});

process.on('message', (msg) => {
  if (msg === 'cpu') process.send!({ cpu: process.cpuUsage() });
  if (msg === 'heap') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ heap: process.memoryUsage().heapUsed });
  }
});
process.on('SIGINT', () => process.exit(0));
