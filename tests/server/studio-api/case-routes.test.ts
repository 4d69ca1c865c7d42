import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CaseList, Matter } from '../../../schemas/index.ts';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

const cases = async (client: Client, bundle: string) =>
  (await client.get(`/api/studio/bundles/${bundle}/cases`).expect(200)).body as CaseList;
const record = (client: Client, kind: string, id: string, ids: string[], rev: number | string) =>
  client.post(`/api/studio/documents/${kind}/${id}/cases/record`, { cases: ids }).set('If-Match', `"${rev}"`);

describe('用例 on the server', () => {
  it('reruns a bundle’s cases on its draft: three shipped, all holding', async () => {
    const list = await cases(admin, 'unemployment');
    expect(list).toMatchObject({ bundleId: 'unemployment', region: '320000' });
    expect(list.cases.map((c) => [c.id, c.actual.accepted, c.changes])).toEqual([
      ['all-matters', true, []],
      ['refused-contributed-one-year', false, []],
      ['only-jsrs-sy-0101', true, []],
    ]);
  });

  it('shows what a change to a shared matter does, refuses the publish, and publishes once an official records the new outcome', async () => {
    const matter = (await admin.get('/api/studio/documents/matter/JSRS-SY-0101')).body as { rev: number; body: Matter };
    await admin.put('/api/studio/documents/matter/JSRS-SY-0101', { ...matter.body, promisedDays: 10 }, `"${matter.rev}"`).expect(200);
    const changed = (await cases(admin, 'unemployment')).cases.filter((c) => c.changes.length);
    expect(changed.map((c) => c.id)).toEqual(['all-matters', 'only-jsrs-sy-0101']);
    expect(changed[0]!.changes.join('')).toMatch(/「失业保险金申领」由受理后第 \d+ 个工作日办结变为第 \d+ 个工作日/);

    // the time limit shares changed, so a publish would change what applicants are told: refused until recorded
    const draft = (await admin.get('/api/studio/documents/bundle/unemployment')).body as { rev: number };
    await admin
      .put(
        '/api/studio/documents/bundle/unemployment',
        { ...(await admin.get('/api/studio/documents/bundle/unemployment')).body.body, description: '失业一件事（新时限）' },
        `"${draft.rev}"`,
      )
      .expect(200);
    const refused = await admin.post('/api/studio/bundles/unemployment/versions', { state: 'published' }).expect(422);
    expect(refused.body.diagnostics.map((d: { code: string }) => d.code)).toEqual(['case.changed', 'case.changed']);

    // recording needs the current revision, and names only cases that exist
    await admin.post('/api/studio/documents/bundle/unemployment/cases/record', { cases: ['all-matters'] }).expect(428);
    await record(admin, 'bundle', 'unemployment', ['all-matters'], draft.rev).expect(412);
    const current = (await admin.get('/api/studio/documents/bundle/unemployment')).body as { rev: number };
    const unknown = await record(admin, 'bundle', 'unemployment', ['nobody'], current.rev).expect(422);
    expect(unknown.body.detail).toBe('没有用例「nobody」');
    const saved = await record(admin, 'bundle', 'unemployment', ['all-matters', 'only-jsrs-sy-0101'], current.rev).expect(200);
    expect(saved.body.body.cases[0]).toMatchObject({ recordedBy: 'admin', expected: changed[0]!.actual });
    expect((await cases(admin, 'unemployment')).cases.every((c) => c.changes.length === 0)).toBe(true);

    // the audit log keeps who accepted which change
    const audit = (await admin.get('/api/studio/audit?limit=5').expect(200)).body as AuditEntry[];
    expect(audit[0]).toMatchObject({ actor: 'admin', action: 'record-cases', target: `bundle:unemployment@${current.rev + 1}` });
    await admin.post('/api/studio/bundles/unemployment/versions', { state: 'published' }).expect(201);
  });

  it('lets only those who may write the document record its cases', async () => {
    const viewer = await server.login('viewer');
    const bundle = (await admin.get('/api/studio/documents/bundle/retirement')).body as { rev: number };
    await record(viewer, 'bundle', 'retirement', ['all-matters'], bundle.rev).expect(403);
    const suzhou = await server.login('suzhou');
    await record(suzhou, 'bundle', 'retirement', ['all-matters'], bundle.rev).expect(403);
    const nanjingVariant = (await admin.get('/api/studio/documents/variant/nanjing-retirement')).body as { rev: number };
    await record(suzhou, 'variant', 'nanjing-retirement', ['all-matters'], nanjingVariant.rev).expect(404);
    await record(admin, 'matter', 'JSRS-SY-0101', ['all-matters'], 1).expect(404);
  });

  it('gives a city the cases of its own variant, the province’s it inherits and its own record of them', async () => {
    const nanjing = await server.login('nanjing');
    const list = await cases(nanjing, 'retirement');
    expect(list.region).toBe('320100');
    expect(list.cases.find((c) => c.id === 'all-matters')).toMatchObject({ origin: 'city', changes: [] });
    expect(list.cases.find((c) => c.id === 'required-only')).toMatchObject({ origin: 'province', changes: [] });
  });
});
