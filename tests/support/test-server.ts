/**
 * A real server for tests: a SQLite file of its own in a temp directory — or, under `npm run
 * test:pg` (TEST_DATABASE_URL set), a PostgreSQL database of its own — copied from the run's
 * seeded template (test-store.ts), listening on 127.0.0.1 on an ephemeral port; helpers to log
 * in as any role.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/http/logger.ts';
import { startUp } from '../../server/startup/start.ts';
import type { Store } from '../../server/store/store.ts';
import { addTestUsers, copyTemplate, PASSWORD, seedTestStore, testConfig } from './test-store.ts';

export { PASSWORD, USERS } from './test-store.ts';

/** A response read as bytes (a workbook), not as text. */
export const binaryBody = (t: request.Test) =>
  t.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** A signed-in client: supertest against the server with the session cookie and CSRF token. */
export interface Client {
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
  put(path: string, body: unknown, ifMatch?: string): request.Test;
  patch(path: string, body: unknown): request.Test;
  delete(path: string): request.Test;
  csrf: string;
  cookie: string;
}

/** A started test server. */
export interface TestServer {
  url: string;
  store: Store;
  logs: string[];
  dataDir: string;
  /** The instance's health flags (draining while it stops). */
  health: { draining: boolean };
  /** log2 of the scrypt cost the server hashes new passwords with. */
  passwordCost: number;
  /** Runs SQL on the store's database directly, as an intruder with the file or the database would. */
  sql(query: string): Promise<Record<string, unknown>[]>;
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

/** Starts a seeded server; `env` overrides configuration (CORS_ORIGINS, BODY_LIMIT …). */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yjs-test-'));
  const logs: string[] = [];
  const logger = createLogger('info', (line) => {
    logs.push(line);
    // a 500's stack goes where the test run's output is read: a failing status alone does not say why
    if (line.includes('"msg":"unhandled error"')) process.stderr.write(`test server: ${line}`);
  });
  const template = inject('seededTemplate');
  const database = await copyTemplate(template, dataDir);
  const config = testConfig(dataDir, database?.url, env);
  // without the run's template (a file run outside vitest's setup), the server is seeded here
  if (!template) await seedTestStore(config);
  const { context } = await startUp(config, logger);
  const store = context.store;
  await addTestUsers(store, config.passwordCost);
  const app = createApp(context);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const client = (cookie: string | undefined, csrf: string): Client => {
    const withAuth = (t: request.Test) => {
      if (cookie) t.set('Cookie', cookie);
      if (csrf) t.set('X-CSRF-Token', csrf);
      return t;
    };
    return {
      csrf,
      cookie: cookie ?? '',
      get: (path) => withAuth(request(url).get(path)),
      post: (path, body) => withAuth(request(url).post(path)).send(body as object),
      put: (path, body, ifMatch) => {
        const t = withAuth(request(url).put(path));
        if (ifMatch) t.set('If-Match', ifMatch);
        return t.send(body as object);
      },
      patch: (path, body) => withAuth(request(url).patch(path)).send(body as object),
      delete: (path) => withAuth(request(url).delete(path)),
    };
  };

  return {
    url,
    store,
    logs,
    dataDir,
    passwordCost: config.passwordCost,
    health: context.health,
    async sql(query) {
      if (database) {
        const c = new pg.Client({ connectionString: database.url });
        await c.connect();
        try {
          return (await c.query(query)).rows as Record<string, unknown>[];
        } finally {
          await c.end();
        }
      }
      const db = new DatabaseSync(join(dataDir, 'yijianshi.db'));
      try {
        return db.prepare(query).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async login(username, password = PASSWORD) {
      const res = await request(url).post('/api/studio/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      const cookie = cookies.find((c) => c.startsWith('yjs_session='))?.split(';')[0];
      return client(cookie, res.body.csrfToken as string);
    },
    anonymous: () => client(undefined, ''),
    async close() {
      await new Promise((ok) => server.close(ok));
      await store.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Records, as an official does once they have looked, every 用例 of a bundle (or of the city's variant of it) whose outcome changed. */
export async function recordChangedCases(client: Client, kind: 'bundle' | 'variant', id: string, bundleId = id): Promise<string[]> {
  const list = (await client.get(`/api/studio/bundles/${bundleId}/cases`).expect(200)).body as {
    cases: { id: string; changes: string[] }[];
  };
  const changed = list.cases.filter((c) => c.changes.length).map((c) => c.id);
  if (changed.length === 0) return [];
  const doc = (await client.get(`/api/studio/documents/${kind}/${id}`).expect(200)).body as { rev: number };
  await client.post(`/api/studio/documents/${kind}/${id}/cases/record`, { cases: changed }).set('If-Match', `"${doc.rev}"`).expect(200);
  return changed;
}
