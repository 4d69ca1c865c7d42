import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyParameters } from '../../../schemas/index.ts';
import { shippedDocuments } from '../../../server/catalog/shipped.ts';
import { addMissingPolicy } from '../../../server/startup/seed.ts';
import { MIGRATIONS } from '../../../server/store/migrations.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

/**
 * 政策参数 are released like the calendar: the runtime judges every live version under the
 * published ones, a draft changes nothing, and only what cannot break a live rule is published.
 */
let server: TestServer;
let admin: Client;
let suzhou: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
  suzhou = await server.login('suzhou');
});
afterAll(() => server.close());

const base = '/api/regions/320000/bundles/unemployment';

/** The example application with `months` of contributions, as the runtime judges it today. */
async function judged(months: number) {
  const example = (await request(server.url).get(`${base}/example?matters=JSRS-JY-0101,JSRS-SY-0101`).expect(200)).body;
  example.employment.contributionMonths = months;
  return request(server.url).post(`${base}/applications/validate`).send(example);
}

/** The parameters draft with one parameter's values replaced. */
async function draftWith(name: string, values: PolicyParameters['parameters'][number]['values']) {
  const draft = (await admin.get('/api/studio/documents/parameters/parameters').expect(200)).body;
  const body = draft.body as PolicyParameters;
  return { rev: draft.rev as number, body: { parameters: body.parameters.map((p) => (p.name === name ? { ...p, values } : p)) } };
}

describe('releases of the 政策参数', () => {
  it('judge with the published parameters: a draft changes nothing, publishing applies at once to every live version', async () => {
    const before = await judged(12);
    expect(before.status).toBe(200);
    expect(before.body.plan.derived['employment.benefitMonths']).toBe(12);
    expect((await request(server.url).get('/api/parameters').expect(200)).body).toMatchObject({ release: 1 });

    // the qualifying period becomes 13 months from a day already past, and the short duration 10 months
    const { rev, body } = await draftWith('unemployment.minContributionMonths', [
      { from: '1999-01-22', value: 12, source: '《失业保险条例》（国务院令第258号）第十四条第（一）项' },
      { from: '2026-01-01', value: 13, source: '《某省失业保险规定》第十条' },
    ]);
    const edited = {
      parameters: body.parameters.map((p) =>
        p.name === 'unemployment.benefitMonthsUnderFiveYears'
          ? { ...p, values: [...p.values, { from: '2026-01-01', value: 10, source: '《某省失业保险规定》第十一条' }] }
          : p,
      ),
    };
    await admin.put('/api/studio/documents/parameters/parameters', edited, `"${rev}"`).expect(200);
    expect((await judged(12)).status).toBe(200);

    const release = await admin.post('/api/studio/documents/parameters/parameters/releases').expect(201);
    expect(release.body).toMatchObject({ kind: 'parameters', release: 2, rev: rev + 1 });
    const refused = await judged(12);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('缴纳失业保险费不满1年');
    const accepted = await judged(13);
    expect(accepted.status).toBe(200);
    expect(accepted.body.plan.derived['employment.benefitMonths']).toBe(10);
    const published = (await request(server.url).get('/api/parameters').expect(200)).body;
    expect(published).toMatchObject({ release: 2 });
    expect(
      published.parameters.parameters.find((p: { name: string }) => p.name === 'unemployment.minContributionMonths').values,
    ).toHaveLength(2);
    // nothing was republished to get there
    expect((await admin.get('/api/studio/bundles/unemployment/versions')).body).toHaveLength(1);
    await admin.post('/api/studio/documents/parameters/parameters/releases').expect(409);
  });

  it('refuse a draft that cannot be right, at the value typed', async () => {
    const { rev, body } = await draftWith('work.minimumAge', [
      { from: '1995-01-01', value: 16, source: '《中华人民共和国劳动法》第十五条' },
      { from: '1995-01-01', value: 18, source: '《中华人民共和国劳动法》第十五条' },
    ]);
    const res = await admin.put('/api/studio/documents/parameters/parameters', body, `"${rev}"`).expect(422);
    expect(res.body.errors).toContainEqual({
      path: expect.stringMatching(/^\/parameters\/\d+\/values\/1\/from$/),
      message: '「最低就业年龄」有两个取值都自 1995-01-01 起施行：同一天只能有一个取值',
    });
    const dated = await draftWith('retirement.male.delayFrom', [{ from: '2025-01-01', value: 1965, source: '《办法》第一条' }]);
    const wrong = await admin.put('/api/studio/documents/parameters/parameters', dated.body, `"${dated.rev}"`).expect(422);
    expect(wrong.body.errors[0].message).toContain('取值应为日期');
  });

  it('let only the province’s administrators change or publish them', async () => {
    const { rev, body } = await draftWith('work.minimumAge', [
      { from: '1995-01-01', value: 16, source: '《中华人民共和国劳动法》第十五条' },
    ]);
    await suzhou.put('/api/studio/documents/parameters/parameters', body, `"${rev}"`).expect(403);
    const refused = await suzhou.post('/api/studio/documents/parameters/parameters/releases').expect(403);
    expect(refused.body.detail).toBe('只有省级管理员可以发布政策参数');
  });

  it('refuse to publish parameters without one a live rule names', async () => {
    const draft = (await admin.get('/api/studio/documents/parameters/parameters').expect(200)).body;
    const without = { parameters: (draft.body as PolicyParameters).parameters.filter((p) => p.name !== 'residentPension.age') };
    await admin.put('/api/studio/documents/parameters/parameters', without, `"${draft.rev}"`).expect(200);
    const res = await admin.post('/api/studio/documents/parameters/parameters/releases').expect(409);
    expect(res.body.detail).toMatch(/引用了政策参数「residentPension\.age」，不能删除/);
    expect(
      (await request(server.url).get('/api/parameters').expect(200)).body.parameters.parameters.map((p: { name: string }) => p.name),
    ).toContain('residentPension.age');
    await admin.put('/api/studio/documents/parameters/parameters', draft.body, `"${draft.rev + 1}"`).expect(200);
  });
});

describe('an installation from before the 政策参数', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yjs-upgrade-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates its store and gets the shipped parameters as their first release, once', async () => {
    // the store as the previous release left it: migrations 1–5, whose releases took only the kinds of then
    const file = join(dir, 'yijianshi.db');
    const db = new DatabaseSync(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    for (const m of MIGRATIONS.filter((x) => x.version <= 5)) {
      db.exec(m.sql.replace("'calendar', 'parameters'", "'calendar'"));
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, '2026-01-01T00:00:00Z');
    }
    const calendar = shippedDocuments().find((d) => d.kind === 'calendar')!;
    db.prepare('INSERT INTO documents VALUES (?, ?, 1, ?, ?, ?)').run(
      'calendar',
      'calendar',
      JSON.stringify(calendar.body),
      'system',
      '2026-01-01',
    );
    db.prepare('INSERT INTO document_heads VALUES (?, ?, 1, NULL, ?, ?)').run('calendar', 'calendar', '2026-01-01', 'system');
    db.prepare('INSERT INTO releases VALUES (?, ?, 1, 1, ?, ?)').run('calendar', 'calendar', '2026-01-01', 'system');
    expect(() => db.prepare("INSERT INTO releases VALUES ('parameters', 'parameters', 1, 1, 'x', 'y')").run()).toThrow(/CHECK|FOREIGN/);
    db.close();

    const store = new SqliteStore(file);
    try {
      expect(await store.latestRelease('calendar', 'calendar')).toMatchObject({ release: 1, rev: 1 });
      expect(await addMissingPolicy(store)).toEqual(['parameters']);
      expect(await store.latestRelease('parameters', 'parameters')).toMatchObject({ release: 1, rev: 1, publishedBy: 'system' });
      expect(await addMissingPolicy(store)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
