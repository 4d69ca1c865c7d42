import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VariantOperation } from '../../../schemas/index.ts';
import { recordChangedCases, startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
let suzhou: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
  suzhou = await server.login('suzhou');
});
afterAll(() => server.close());

const runtime = (region: string, ref: string) => request(server.url).get(`/api/regions/${region}/bundles/${ref}`);
const variant = (operations: VariantOperation[]) => ({
  id: 'retirement-320500',
  bundle: 'retirement',
  baseVersion: 1,
  region: '320500',
  operations,
});

describe('city variants on the server', () => {
  it.each<[string, VariantOperation, string, string, Record<string, unknown>, RegExp]>([
    [
      'changing a locked item',
      { op: 'setSelection', scenario: 'enterprise-staff', matter: 'JSRS-YL-0101', selection: 'optional' },
      'variant.conflict',
      '/operations/0',
      { operation: 0, scenario: 'enterprise-staff', matter: 'JSRS-YL-0101' },
      /已被省级锁定，不能修改/,
    ],
    [
      'removing a locked, required provincial matter',
      { op: 'removeItem', scenario: 'public-institution', matter: 'JSRS-YL-0201' },
      'variant.conflict',
      '/operations/0',
      { operation: 0, scenario: 'public-institution', matter: 'JSRS-YL-0201' },
      /已被省级锁定，不能删除/,
    ],
    [
      'promising more days than the province',
      { op: 'tightenDays', scenario: 'enterprise-staff', days: 30 },
      'variant.conflict',
      '/operations/0',
      { operation: 0, scenario: 'enterprise-staff' },
      /承诺时限只能缩短：30 个工作日长于省级的 15 个工作日/,
    ],
    [
      'requiring a material the province exempted by e-licence',
      { op: 'addLocalMaterial', matter: 'JSRS-YL-0102', material: { ref: 'idCard', necessity: 'required', form: 'paper', copies: 1 } },
      'variant.conflict',
      '/operations/0',
      { operation: 0, matter: 'JSRS-YL-0102' },
      /已通过告知承诺或电子证照免于提交，地方不能再要求提交/,
    ],
    [
      "adding another city's local matter",
      { op: 'addItem', scenario: 'resident', matter: 'SZRS-JY-0101', selection: 'optional' },
      'matter.other-region',
      '/scenarios/2/items/4/matter',
      { scenario: 'resident', matter: 'SZRS-JY-0101' },
      /失业人员职业技能培训补贴申领/,
    ],
  ])('refuses a variant %s, with the diagnostics', async (_name, op, code, path, loc, message) => {
    const nanjingStyle = op.op === 'addItem' ? { ...variant([op]), id: 'retirement-320200', region: '320200' } : variant([op]);
    const client = op.op === 'addItem' ? admin : suzhou;
    const res = await client.post('/api/studio/documents/variant', nanjingStyle).expect(422);
    expect(res.body.diagnostics).toEqual([
      { code, severity: 'error', document: expect.any(String), path, loc, message: expect.stringMatching(message) },
    ]);
    expect(res.body.errors).toEqual([{ path, message: res.body.diagnostics[0].message }]);
  });

  it('accepts a variant within the guardrails and serves it in the city only', async () => {
    await suzhou
      .post(
        '/api/studio/documents/variant',
        variant([{ op: 'setSelection', scenario: 'enterprise-staff', matter: 'JSRS-YL-0102', selection: 'required' }]),
      )
      .expect(201);
    // a saved draft is not yet the city's: it goes live when the city publishes it
    expect((await runtime('320500', 'retirement')).body.scenarios[0].items[1].selection).toBe('optional');
    // the province's 用例 without 待遇审核 now fail in Suzhou: not published until the city records their outcome here
    const refused = await suzhou.post('/api/studio/documents/variant/retirement-320500/releases').expect(422);
    expect(refused.body.detail).toBe('用例的结果变了，确认新结果并重新记录后才能发布');
    expect(await recordChangedCases(suzhou, 'variant', 'retirement-320500', 'retirement')).toEqual(['required-only']);
    await suzhou.post('/api/studio/documents/variant/retirement-320500/releases').expect(201);
    expect((await runtime('320500', 'retirement')).body.scenarios[0].items[1].selection).toBe('required');
    expect((await runtime('320400', 'retirement')).body.scenarios[0].items[1].selection).toBe('optional');
    const diff = await request(server.url).get('/api/regions/320500/bundles/retirement/diff?against=base').expect(200);
    expect(diff.body.changes).toEqual([expect.objectContaining({ kind: 'selection-changed', subject: 'JSRS-YL-0102' })]);
  });

  it('keeps a conflicting city on its last good version after the province publishes, and reports it', async () => {
    // Suzhou's shipped variant anchors its local matter after 就业意愿采集; the province removes that matter
    const draft = (await admin.get('/api/studio/documents/bundle/unemployment')).body;
    const body = {
      ...draft.body,
      scenarios: draft.body.scenarios.map((s: { items: { matter: string }[] }) => ({
        ...s,
        items: s.items.filter((i) => i.matter !== 'JSRS-JY-0102'),
      })),
    };
    await admin.put('/api/studio/documents/bundle/unemployment', body, `"${draft.rev}"`).expect(200);
    await recordChangedCases(admin, 'bundle', 'unemployment');
    await admin.post('/api/studio/bundles/unemployment/versions', { state: 'published' }).expect(201);

    expect((await runtime('320100', 'unemployment')).body.version).toBe(2);
    const suzhouServed = (await runtime('320500', 'unemployment')).body;
    expect(suzhouServed.version).toBe(1);
    expect(suzhouServed.scenarios[0].items.map((i: { matter: { code: string } }) => i.matter.code)).toContain('SZRS-JY-0101');

    const status = (await admin.get('/api/studio/variants/status').expect(200)).body as {
      id: string;
      status: string;
      conflicts: number;
      servingVersion: number;
    }[];
    expect(status.find((s) => s.id === 'suzhou-unemployment')).toMatchObject({
      status: 'conflicting',
      conflicts: 2,
      servingVersion: 1,
      latestVersion: 2,
    });
    expect(status.find((s) => s.id === 'nanjing-retirement')).toMatchObject({ status: 'up-to-date' });

    // Suzhou resolves: re-anchor its matter and drop the selection of the removed one
    const current = (await suzhou.get('/api/studio/documents/variant/suzhou-unemployment')).body;
    const resolved = {
      ...current.body,
      baseVersion: 2,
      operations: [
        { op: 'addItem', scenario: 'main', matter: 'SZRS-JY-0101', selection: 'optional', anchor: { after: 'JSRS-SY-0101' } },
        current.body.operations[2],
      ],
    };
    await suzhou.put('/api/studio/documents/variant/suzhou-unemployment', resolved, `"${current.rev}"`).expect(200);
    await recordChangedCases(suzhou, 'variant', 'suzhou-unemployment', 'unemployment');
    await suzhou.post('/api/studio/documents/variant/suzhou-unemployment/releases').expect(201);
    const after = (await runtime('320500', 'unemployment')).body;
    expect(after.version).toBe(2);
    expect(after.scenarios[0].items.map((i: { matter: { code: string } }) => i.matter.code)).toEqual([
      'JSRS-JY-0101',
      'JSRS-SY-0101',
      'SZRS-JY-0101',
      'JSRS-JY-0201',
      'JSRS-SK-0101',
    ]);
    const again = (await admin.get('/api/studio/variants/status')).body as { id: string; status: string }[];
    expect(again.find((s) => s.id === 'suzhou-unemployment')!.status).toBe('up-to-date');
  });

  it('lets a city opt in to or out of trial runs', async () => {
    const draft = (await admin.get('/api/studio/documents/bundle/retirement')).body;
    await admin
      .put('/api/studio/documents/bundle/retirement', { ...draft.body, description: '退休一件事（试运行修订）' }, `"${draft.rev}"`)
      .expect(200);
    const nanjing = await server.login('nanjing');
    const current = (await nanjing.get('/api/studio/documents/variant/nanjing-retirement')).body;
    await nanjing
      .put(
        '/api/studio/documents/variant/nanjing-retirement',
        { ...current.body, operations: [...current.body.operations, { op: 'pilot', participate: true }] },
        `"${current.rev}"`,
      )
      .expect(200);
    await nanjing.post('/api/studio/documents/variant/nanjing-retirement/releases').expect(201);
    const trial = await admin.post('/api/studio/bundles/retirement/versions', { state: 'trial', pilotRegions: ['320200'] }).expect(201);
    expect(trial.body.pilotRegions).toEqual(['320100', '320200']);
  });
});
