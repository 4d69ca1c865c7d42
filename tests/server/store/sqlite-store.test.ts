import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { numberedMatter } from '../../support/fixtures.ts';
import { apiLogin, seededDataDir, spawnServer, stopServer } from '../../support/spawn-server.ts';
import { PASSWORD } from '../../support/test-store.ts';

const dataDir = seededDataDir('yjs-crash-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () => spawnServer({ DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'error' });

const matter = (i: number) => numberedMatter(i, '崩溃测试事项');

describe('crash safety', () => {
  it('keeps every acknowledged write and an intact file after SIGKILL during a stream of writes', async () => {
    const first = await start();
    const auth = await apiLogin(first.url, 'admin', PASSWORD);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (lane: number) => {
      for (let i = lane; !stop && i < 4000; i += 4) {
        try {
          const res = await fetch(`${first.url}/api/studio/documents/matter`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrf },
            body: JSON.stringify(matter(i)),
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
    const killed = stopServer(first, 'SIGKILL');
    stop = true;
    await writers;
    await killed;

    const db = new DatabaseSync(join(dataDir, 'yijianshi.db'));
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    db.close();

    const second = await start();
    try {
      const again = await apiLogin(second.url, 'admin', PASSWORD);
      const list = (await (await fetch(`${second.url}/api/studio/documents/matter`, { headers: { cookie: again.cookie } })).json()) as {
        id: string;
        rev: number;
      }[];
      const present = new Set(list.map((d) => d.id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      expect(acknowledged.filter((code) => !present.has(code))).toEqual([]);
      // every stored head points at a complete revision
      for (const d of list.filter((x) => x.id.startsWith('JSRS-ZZ-')).slice(0, 20)) {
        const doc = (await (
          await fetch(`${second.url}/api/studio/documents/matter/${d.id}`, { headers: { cookie: again.cookie } })
        ).json()) as { body: { code: string } };
        expect(doc.body.code).toBe(d.id);
      }
    } finally {
      await stopServer(second);
    }
  }, 120_000);
});
