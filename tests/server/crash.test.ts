import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'yjs-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `server/main.ts` as its own process on an ephemeral loopback port. */
function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'server', 'main.ts')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ADMIN_PASSWORD: 'crash-test-password', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function login(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/studio/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'crash-test-password' }) });
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: String(res.headers.get('set-cookie')).split(';')[0]!, csrf: body.csrfToken };
}

const matter = (i: number) => ({
  code: `JSRS-ZZ-${String(i).padStart(4, '0')}`, name: `崩溃测试事项${i}`, kind: '20', target: 'individual', department: '公共就业服务机构',
  legalDays: 5, promisedDays: 1, visits: 0, fields: [{ ref: 'person.name', required: true }], materials: [],
});

describe('crash safety', () => {
  it('keeps every acknowledged write and an intact file after SIGKILL during a stream of writes', async () => {
    const first = await start();
    const auth = await login(first.url);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (lane: number) => {
      for (let i = lane; !stop && i < 4000; i += 4) {
        try {
          const res = await fetch(`${first.url}/api/studio/documents/matter`, {
            method: 'POST', headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: JSON.stringify(matter(i)),
          });
          if (res.status === 201) acknowledged.push(matter(i).code);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    let writing = true;
    const writers = Promise.all([0, 1, 2, 3].map(writer)).finally(() => (writing = false));
    while (writing && acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5));
    expect(writing, 'writes were still streaming when the server was killed').toBe(true);
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    stop = true;
    await writers;
    await exited;

    const db = new DatabaseSync(join(dataDir, 'yijianshi.db'));
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    db.close();

    const second = await start();
    try {
      const again = await login(second.url);
      const list = (await (await fetch(`${second.url}/api/studio/documents/matter`, { headers: { cookie: again.cookie } })).json()) as { id: string; rev: number }[];
      const present = new Set(list.map((d) => d.id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      expect(acknowledged.filter((code) => !present.has(code))).toEqual([]);
      // every stored head points at a complete revision
      for (const d of list.filter((x) => x.id.startsWith('JSRS-ZZ-')).slice(0, 20)) {
        const doc = (await (await fetch(`${second.url}/api/studio/documents/matter/${d.id}`, { headers: { cookie: again.cookie } })).json()) as { body: { code: string } };
        expect(doc.body.code).toBe(d.id);
      }
    } finally {
      second.child.kill('SIGTERM');
    }
  }, 120_000);
});
