/**
 * A city's layer has a lifecycle of its own: the city edits a draft of its variant and of
 * its local matters; the public serves the city's last published variant (or the province's
 * base); a city editor publishes, guardrails re-checked; the audit log and the status matrix
 * show it. Cities see only what is in effect or on trial in their city, and nothing of
 * another city's.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
let suzhou: Client;
let nanjing: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
  suzhou = await server.login('suzhou');
  nanjing = await server.login('nanjing');
});
afterAll(() => server.close());

const served = async (region: string, id: string) =>
  (await request(server.url).get(`/api/regions/${region}/bundles/${id}`).expect(200)).body;

describe('a city publishes its own layer', () => {
  it('serves a variant edit only once the city publishes it, and audits who did', async () => {
    const draft = (await suzhou.get('/api/studio/documents/variant/suzhou-unemployment')).body;
    const edited = { ...draft.body, operations: [...draft.body.operations, { op: 'tightenDays', scenario: 'main', days: 8 }] };
    await suzhou.put('/api/studio/documents/variant/suzhou-unemployment', edited, `"${draft.rev}"`).expect(200);
    expect((await served('320500', 'unemployment')).scenarios[0].timeLimit.days).toBe(10);
    const status = (await suzhou.get('/api/studio/variants/status')).body.find((s: { id: string }) => s.id === 'suzhou-unemployment');
    expect(status).toMatchObject({ release: 1, draftRev: 2, unpublished: true });

    await nanjing.post('/api/studio/documents/variant/suzhou-unemployment/releases').expect(403);
    const release = await suzhou.post('/api/studio/documents/variant/suzhou-unemployment/releases').expect(201);
    expect(release.body).toMatchObject({ kind: 'variant', id: 'suzhou-unemployment', release: 2, rev: 2, publishedBy: 'suzhou' });
    expect((await served('320500', 'unemployment')).scenarios[0].timeLimit.days).toBe(8);
    expect(
      (await suzhou.get('/api/studio/variants/status')).body.find((s: { id: string }) => s.id === 'suzhou-unemployment'),
    ).toMatchObject({ release: 2, unpublished: false });
    const audit = (await admin.get('/api/studio/audit?limit=3')).body as { actor: string; action: string; target: string }[];
    expect(audit[0]).toMatchObject({ actor: 'suzhou', action: 'release', target: 'variant:suzhou-unemployment@2' });
  });

  it('serves a city-local matter edit only once the city publishes it', async () => {
    const matter = (await suzhou.get('/api/studio/documents/matter/SZRS-JY-0101')).body;
    await suzhou
      .put('/api/studio/documents/matter/SZRS-JY-0101', { ...matter.body, name: '失业人员技能培训补贴申领（苏州）' }, `"${matter.rev}"`)
      .expect(200);
    const names = async () =>
      (await served('320500', 'unemployment')).scenarios[0].items.map((i: { matter: { name: string } }) => i.matter.name);
    expect(await names()).toContain('失业人员职业技能培训补贴申领');
    await suzhou.post('/api/studio/documents/matter/SZRS-JY-0101/releases').expect(201);
    expect(await names()).toContain('失业人员技能培训补贴申领（苏州）');
    await suzhou.post('/api/studio/documents/matter/JSRS-JY-0101/releases').expect(404);
  });

  it('serves the province’s base to a city whose variant was never published', async () => {
    const before = await served('320200', 'retirement');
    const variant = {
      id: 'retirement-320200',
      bundle: 'retirement',
      baseVersion: 1,
      region: '320200',
      operations: [{ op: 'tightenDays', scenario: 'enterprise-staff', days: 9 }],
    };
    await admin.post('/api/studio/documents/variant', variant).expect(201);
    expect(await served('320200', 'retirement')).toEqual(before);
  });

  it('re-checks the guardrails when a city publishes', async () => {
    // the province locks a matter the Nanjing draft changes; the draft was saved before the lock
    const draft = (await nanjing.get('/api/studio/documents/variant/nanjing-retirement')).body;
    await nanjing
      .put(
        '/api/studio/documents/variant/nanjing-retirement',
        {
          ...draft.body,
          operations: [
            ...draft.body.operations,
            { op: 'setSelection', scenario: 'enterprise-staff', matter: 'JSRS-YL-0102', selection: 'required' },
          ],
        },
        `"${draft.rev}"`,
      )
      .expect(200);
    const bundle = (await admin.get('/api/studio/documents/bundle/retirement')).body;
    const locked = {
      ...bundle.body,
      scenarios: bundle.body.scenarios.map((s: { id: string; items: { matter: string }[] }) => ({
        ...s,
        items: s.items.map((i) => (i.matter === 'JSRS-YL-0102' ? { ...i, locked: true } : i)),
      })),
    };
    await admin.put('/api/studio/documents/bundle/retirement', locked, `"${bundle.rev}"`).expect(200);
    await admin.post('/api/studio/bundles/retirement/versions', { state: 'published' }).expect(201);
    const refused = await nanjing.post('/api/studio/documents/variant/nanjing-retirement/releases').expect(422);
    expect(refused.body.diagnostics[0]).toMatchObject({ code: 'variant.conflict', loc: { matter: 'JSRS-YL-0102' } });
  });
});

describe('what a city sees', () => {
  it('refuses a variant of a bundle that is not in effect in the city', async () => {
    const bundle = {
      id: 'talent',
      name: '人才落户一件事',
      version: 1,
      region: '320000',
      lead: '省人才流动服务中心',
      scenarios: [
        { id: 'main', label: '人才', target: 'individual', mode: 'parallel', items: [{ matter: 'JSRS-RC-0101', selection: 'required' }] },
      ],
    };
    await admin.post('/api/studio/documents/bundle', bundle).expect(201);
    const res = await suzhou
      .post('/api/studio/documents/variant', { id: 'talent-320500', bundle: 'talent', baseVersion: 1, region: '320500', operations: [] })
      .expect(409);
    expect(res.body.detail).toBe('一件事「talent」在苏州市没有在用或试运行的版本，不能创建地方版本');
  });

  it('sees versions in effect in its city, not the province’s drafts or other cities’ trials', async () => {
    const definitions = (await suzhou.get('/api/studio/definitions')).body;
    expect(definitions.documents.some((d: { kind: string }) => d.kind === 'bundle')).toBe(false);
    expect(definitions.served.map((s: { bundleId: string }) => s.bundleId)).toHaveLength(14);
    expect(definitions.served.find((s: { bundleId: string }) => s.bundleId === 'unemployment')).toMatchObject({
      version: 1,
      state: 'published',
      servingVersion: 1,
      body: { id: 'unemployment' },
    });
    await suzhou.get('/api/studio/documents/bundle/unemployment').expect(403);
    await admin.post('/api/studio/bundles/graduation/versions', { state: 'trial', pilotRegions: ['320100'] }).expect(409); // nothing changed
    const draft = (await admin.get('/api/studio/documents/bundle/graduation')).body;
    await admin.put('/api/studio/documents/bundle/graduation', { ...draft.body, description: '试运行' }, `"${draft.rev}"`).expect(200);
    await admin.post('/api/studio/bundles/graduation/versions', { state: 'trial', pilotRegions: ['320100'] }).expect(201);
    await suzhou.get('/api/studio/bundles/graduation/versions/2').expect(404);
    await nanjing.get('/api/studio/bundles/graduation/versions/2').expect(200);
    expect(
      (await suzhou.get('/api/studio/definitions')).body.versions.some(
        (v: { bundleId: string; version: number }) => v.bundleId === 'graduation' && v.version === 2,
      ),
    ).toBe(false);
  });

  it('learns nothing of another city’s local matter from a compile or a refused save', async () => {
    const variant = {
      id: 'retirement-320100',
      bundle: 'retirement',
      baseVersion: 2,
      region: '320100',
      operations: [{ op: 'addItem', scenario: 'resident', matter: 'SZRS-JY-0101', selection: 'optional' }],
    };
    const compiled = (await nanjing.post('/api/studio/compile', { variant }).expect(200)).body;
    const refused = (
      await nanjing.put('/api/studio/documents/variant/nanjing-retirement', { ...variant, id: 'nanjing-retirement' }, '"2"').expect(422)
    ).body;
    for (const text of [JSON.stringify(compiled.diagnostics), JSON.stringify(refused)]) {
      expect(text).not.toContain('失业人员');
      expect(text).toContain('SZRS-JY-0101');
    }
  });

  it('checks a local matter’s rules with the one set of allowed operations, and serves a released rule where it applies', async () => {
    const draft = (await suzhou.get('/api/studio/documents/matter/SZRS-JY-0101').expect(200)).body;
    const rule = {
      id: 'adult',
      message: '未满十六周岁，不能申请',
      severity: 'reject',
      fields: ['person.idNumber'],
      basis: '《中华人民共和国劳动法》第十五条',
      logic: { '>=': [{ age: [{ idBirthDate: [{ var: 'person.idNumber' }] }, { var: 'applicationDate' }] }, { param: 'work.minimumAge' }] },
    };
    const refused = await suzhou
      .put(
        '/api/studio/documents/matter/SZRS-JY-0101',
        { ...draft.body, rules: [{ ...rule, logic: { map: [{ var: 'x' }, 1] } }] },
        `"${draft.rev}"`,
      )
      .expect(422);
    expect(refused.body.errors).toContainEqual({
      path: '/rules/0/logic',
      message: '规则「未满十六周岁，不能申请」不能使用：不支持的运算「map」',
    });
    await suzhou.put('/api/studio/documents/matter/SZRS-JY-0101', { ...draft.body, rules: [rule] }, `"${draft.rev}"`).expect(200);
    await suzhou.post('/api/studio/documents/matter/SZRS-JY-0101/releases').expect(201);
    const rules = (await request(server.url).get('/api/regions/320500/bundles/unemployment/rules').expect(200)).body as { id: string }[];
    expect(rules.map((r) => r.id)).toContain('SZRS-JY-0101/adult');
  });
});
