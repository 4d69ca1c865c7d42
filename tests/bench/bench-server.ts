/**
 * A server for `npm run bench`, started as its own process so the load generator does not
 * share its event loop: `raw` (node:http hello-world, or a file's bytes from memory), `express` (Express hello-world, POST / that only parses
 * the JSON body, and — given a schema file — POST /schema-only that parses it and checks it against that schema with
 * the product's AJV, nothing else) or
 * `app` (the product on a seeded store: SQLite — in BENCH_DATA_DIR when set — or PostgreSQL when DATABASE_URL is set). Prints `PORT n`; answers `heap` over IPC
 * with the heap used after a full GC, and `cpu` with its CPU time so far.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import express from 'express';
import { createAjv } from '../../schemas/index.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/http/logger.ts';
import { startUp } from '../../server/startup/start.ts';

const kind = process.argv[2];
let server: Server;

if (kind === 'raw') {
  // hello-world, or — given a file — that file's bytes from memory, as JSON: the ceiling of any server of that schema
  const file = process.argv[3];
  const body = file ? readFileSync(file) : Buffer.from('hello world');
  const type = file ? 'application/json; charset=utf-8' : 'text/plain';
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(body);
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
  // the ceiling of a validating runtime: the floor and the schema check, with no plan, rules or logging
  // (given an answer size too: answering a JSON of that size, as the product answers its plan)
  const schemaFile = process.argv[3];
  if (schemaFile) {
    const validate = createAjv().compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    const pad = ' '.repeat(Math.max(0, Number(process.argv[4] ?? 0) - 20));
    app.post('/schema-only', express.json({ limit: '256kb' }), (req, res) => {
      res.statusCode = validate(req.body) ? 200 : 422;
      res.setHeader('Content-Type', 'application/json');
      res.end(`{"valid":${res.statusCode === 200}${pad}}`);
    });
  }
  server = createServer(app);
} else {
  // BENCH_DATA_DIR: a data directory seeded before (else a fresh one, seeded now)
  const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'yjs-bench-'));
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
