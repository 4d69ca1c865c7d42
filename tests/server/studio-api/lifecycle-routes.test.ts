import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChangedCases, startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

const runtime = (region: string, ref: string) => request(server.url).get(`/api/regions/${region}/bundles/${ref}`);

async function editDraft(id: string, change: (b: Record<string, unknown>) => Record<string, unknown>) {
  const current = (await admin.get(`/api/studio/documents/bundle/${id}`)).body;
  return admin.put(`/api/studio/documents/bundle/${id}`, change(current.body), `"${current.rev}"`).expect(200);
}

describe('bundle lifecycle', () => {
  it('ships every bundle published as version 1', async () => {
    const versions = (await admin.get('/api/studio/bundles/graduation/versions').expect(200)).body;
    expect(versions).toEqual([expect.objectContaining({ bundleId: 'graduation', version: 1, state: 'published', createdBy: 'system' })]);
  });

  it('serves a trial version only in its pilot regions, then everywhere once published', async () => {
    await editDraft('graduation', (b) => ({ ...b, description: '高校毕业生离校一件事（第二版）' }));
    const trial = await admin
      .post('/api/studio/bundles/graduation/versions', { state: 'trial', pilotRegions: ['320500', '320200'] })
      .expect(201);
    expect(trial.body).toMatchObject({ version: 2, state: 'trial', pilotRegions: ['320200', '320500'] });
    expect((await runtime('320500', 'graduation').expect(200)).body.version).toBe(2);
    expect((await runtime('320500', 'graduation')).headers['cache-control']).toBe('no-cache');
    expect((await runtime('320100', 'graduation').expect(200)).body.version).toBe(1);
    await runtime('320100', 'graduation@2').expect(404);
    // nor does a diff show the trial to a region that does not pilot it
    await request(server.url).get('/api/regions/320100/bundles/graduation/diff?against=2').expect(404);
    const diff = await request(server.url).get('/api/regions/320500/bundles/graduation/diff?against=1').expect(200);
    expect(diff.body.changes.map((c: { kind: string }) => c.kind)).toContain('description-changed');
    const guide = () => request(server.url).get('/api/regions/320500/bundles/graduation@2/guide').expect(200);
    expect((await guide()).text).toContain('<span class="state">试运行</span>');
    await admin.post('/api/studio/bundles/graduation/versions/2/state', { state: 'published' }).expect(200);
    // the guide says what the version is now, not what it was when first printed
    expect((await guide()).text).toContain('<span class="state">已发布</span>');
    expect((await runtime('320100', 'graduation').expect(200)).body.version).toBe(2);
    expect((await runtime('320100', 'graduation@1').expect(200)).body.version).toBe(1);
  });

  it('refuses to publish a draft with error diagnostics', async () => {
    await editDraft('separation', (b) => ({ ...b, promisedDays: 200 }));
    const res = await admin.post('/api/studio/bundles/separation/versions', { state: 'published' }).expect(422);
    expect(res.body.diagnostics[0]).toMatchObject({ code: 'time.promise-exceeds-critical-path', severity: 'error' });
    expect((await admin.get('/api/studio/bundles/separation/versions')).body).toHaveLength(1);
  });

  it('requires pilot regions for a trial', async () => {
    await admin.post('/api/studio/bundles/hiring/versions', { state: 'trial', pilotRegions: [] }).expect(422);
    await admin.post('/api/studio/bundles/hiring/versions', { state: 'trial', pilotRegions: ['999999'] }).expect(422);
  });

  it('keeps published versions immutable: a change to the draft makes a new version, the old one serves unchanged', async () => {
    const before = (await runtime('320000', 'death@1')).body;
    await editDraft('death', (b) => ({ ...b, name: '去世一件事（修订）' }));
    expect((await runtime('320000', 'death@1')).body).toEqual(before);
    await admin.post('/api/studio/bundles/death/versions', { state: 'published' }).expect(201);
    expect((await runtime('320000', 'death')).body.name).toBe('去世一件事（修订）');
    const audit = (await admin.get('/api/studio/audit?limit=1')).body;
    expect(audit[0]).toMatchObject({
      action: 'publish',
      target: 'bundle:death@2',
      after: { changes: [{ kind: 'name-changed', text: '名称由「去世一件事」改为「去世一件事（修订）」' }] },
    });
    expect((await runtime('320000', 'death@1')).body.name).toBe('去世一件事');
    await expect(server.sql("UPDATE bundle_versions SET body = '{}' WHERE bundle_id = 'death'")).rejects.toThrow(/immutable/);
  });

  it('retires a version: it leaves the list of bundles in effect, and pinned it answers 410', async () => {
    await admin.post('/api/studio/bundles/resident-pension-cancellation/versions/1/state', { state: 'retired' }).expect(200);
    const list = (await request(server.url).get('/api/regions/320000/bundles')).body as { id: string }[];
    expect(list.some((b) => b.id === 'resident-pension-cancellation')).toBe(false);
    await runtime('320000', 'resident-pension-cancellation').expect(404);
    const gone = await runtime('320000', 'resident-pension-cancellation@1').expect(410);
    expect(gone.body.detail).toBe('一件事「城乡居民养老保险关系注销一件事」的第 1 版已停用，请使用在用的版本');
    await admin.post('/api/studio/bundles/resident-pension-cancellation/versions/1/state', { state: 'published' }).expect(409);
  });

  it("re-serves a city's bundle when it publishes its variant, and refuses a variant that breaks a guardrail", async () => {
    const nanjing = await server.login('nanjing');
    const variant = (await nanjing.get('/api/studio/documents/variant/nanjing-retirement')).body;
    const tighter = { ...variant.body, operations: [{ op: 'tightenDays', scenario: 'enterprise-staff', days: 9 }] };
    await nanjing.put('/api/studio/documents/variant/nanjing-retirement', tighter, `"${variant.rev}"`).expect(200);
    // 9 days instead of 12: Nanjing's recorded 用例 changes, and is recorded again before the release
    await nanjing.post('/api/studio/documents/variant/nanjing-retirement/releases').expect(422);
    expect(await recordChangedCases(nanjing, 'variant', 'nanjing-retirement', 'retirement')).toEqual(['all-matters']);
    const saved = await nanjing.get('/api/studio/documents/variant/nanjing-retirement').expect(200);
    await nanjing.post('/api/studio/documents/variant/nanjing-retirement/releases').expect(201);
    expect((await runtime('320100', 'retirement')).body.scenarios[0].timeLimit.days).toBe(9);
    const broken = { ...tighter, operations: [{ op: 'removeItem', scenario: 'enterprise-staff', matter: 'JSRS-YL-0101' }] };
    const refused = await nanjing.put('/api/studio/documents/variant/nanjing-retirement', broken, saved.headers.etag).expect(422);
    expect(refused.body.diagnostics[0]).toMatchObject({ code: 'variant.conflict', path: '/operations/0' });
    expect((await runtime('320100', 'retirement')).body.scenarios[0].timeLimit.days).toBe(9);
  });

  it('refuses a publish with no business change, naming the version it would repeat', async () => {
    const res = await admin.post('/api/studio/bundles/hiring/versions', { state: 'published' }).expect(409);
    expect(res.body.detail).toBe('与第 1 版（已发布）相比没有业务上的变化，不需要发布新版本');
    // moving nodes on the canvas is no business change either
    await editDraft('hiring', (b) => ({
      ...b,
      scenarios: (b.scenarios as { layout?: object }[]).map((s) => ({ ...s, layout: { 'JSRS-JY-0301': { x: 500, y: 500 } } })),
    }));
    await admin.post('/api/studio/bundles/hiring/versions', { state: 'published' }).expect(409);
    expect((await admin.get('/api/studio/bundles/hiring/versions')).body).toHaveLength(1);
  });

  it('publishes once for ten concurrent requests with the same Idempotency-Key, and answers each with that version', async () => {
    await editDraft('insurance-transfer-in', (b) => ({ ...b, description: '跨地区流动就业人员社保关系转入（修订）' }));
    const publish = () =>
      admin.post('/api/studio/bundles/insurance-transfer-in/versions', { state: 'published' }).set('Idempotency-Key', 'click-7f3a');
    const answers = await Promise.all(Array.from({ length: 10 }, publish));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.version))).toEqual(new Set([2]));
    expect((await admin.get('/api/studio/bundles/insurance-transfer-in/versions')).body).toHaveLength(2);
  });

  it('makes one version of ten concurrent publishes without a key; the others are told nothing changed', async () => {
    await editDraft('separation', (b) => ({ ...b, promisedDays: undefined, description: '退工停保一件事（修订）' }));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => admin.post('/api/studio/bundles/separation/versions', { state: 'published' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect((await admin.get('/api/studio/bundles/separation/versions')).body).toHaveLength(2);
  });

  it('previews what publishing does to the cities: who follows automatically, who conflicts and keeps its last good version', async () => {
    const draft = (await admin.get('/api/studio/documents/bundle/unemployment')).body;
    const body = {
      ...draft.body,
      scenarios: draft.body.scenarios.map((s: { items: { matter: string }[] }) => ({
        ...s,
        items: s.items.filter((i) => i.matter !== 'JSRS-JY-0102'),
      })),
    };
    await admin.put('/api/studio/documents/bundle/unemployment', body, `"${draft.rev}"`).expect(200);
    expect(await recordChangedCases(admin, 'bundle', 'unemployment')).not.toEqual([]);
    const preview = (await admin.post('/api/studio/bundles/unemployment/versions/preview', { state: 'published' }).expect(200)).body;
    expect(preview).toMatchObject({ bundleId: 'unemployment', version: 2, diagnostics: [] });
    expect(preview.changes.map((c: { kind: string }) => c.kind)).toContain('matter-removed');
    expect(preview.cities).toEqual([
      {
        region: '320500',
        regionName: '苏州市',
        variant: 'suzhou-unemployment',
        status: 'conflict',
        servingVersion: 1,
        conflicts: [
          expect.objectContaining({ operation: 0, reason: expect.stringContaining('就业意愿采集') }),
          expect.objectContaining({ operation: 1, reason: expect.stringContaining('就业意愿采集') }),
        ],
        // Suzhou's own record of a province case no longer holds once its operations conflict
        cases: [
          {
            id: 'only-jsrs-sy-0101',
            label: '失业人员：必办事项加「失业保险金申领」',
            changes: ['由不予受理（表单有误：办理事项）变为受理'],
          },
        ],
      },
    ]);
    const retirement = (await admin.post('/api/studio/bundles/retirement/versions/preview', { state: 'published' }).expect(409)).body;
    expect(retirement.detail).toMatch(/没有业务上的变化/);
    expect((await admin.get('/api/studio/bundles/unemployment/versions')).body).toHaveLength(1);
  });
});
