import { patternProblems, patternsIn } from '../../../server/studio-api/pattern-safety.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Client, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  admin = await server.login('admin');
});
afterAll(() => server.close());

const doc = (path: string) => admin.get(`/api/studio/documents/${path}`);

describe('studio documents', () => {
  it('reads a document with its revision as ETag', async () => {
    const res = await doc('matter/JSRS-JY-0101').expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ kind: 'matter', id: 'JSRS-JY-0101', rev: 1, updatedBy: 'system', body: { name: '失业登记' } });
  });

  it('refuses a matter that promises more days than the law allows, at the promise, and keeps the stored one', async () => {
    const current = (await doc('matter/JSRS-SB-0201')).body;
    const res = await admin
      .put('/api/studio/documents/matter/JSRS-SB-0201', { ...current.body, promisedDays: 60 }, `"${current.rev}"`)
      .expect(422);
    expect(res.body.errors).toEqual([
      { path: '/promisedDays', message: expect.stringContaining('承诺时限 60 个工作日超过了法定时限 45 个工作日') },
    ]);
    expect((await doc('matter/JSRS-SB-0201')).body.rev).toBe(current.rev);
  });

  it('updates with If-Match, bumps the revision and records before and after in the audit log', async () => {
    const current = (await doc('matter/JSRS-JY-0102')).body;
    const changed = { ...current.body, promisedDays: 0, visits: 0, name: '就业意愿采集', legalDays: 2 };
    const res = await admin.put('/api/studio/documents/matter/JSRS-JY-0102', changed, '"1"').expect(200);
    expect(res.headers.etag).toBe('"2"');
    const audit = (await admin.get('/api/studio/audit?limit=5').expect(200)).body;
    expect(audit[0]).toMatchObject({
      actor: 'admin',
      action: 'update',
      target: 'matter:JSRS-JY-0102@2',
      before: { legalDays: null },
      after: { legalDays: 2 },
    });
  });

  it('refuses a stale write with 412 and the current revision, overwriting nothing', async () => {
    const current = (await doc('matter/JSRS-JY-0301')).body;
    await admin.put('/api/studio/documents/matter/JSRS-JY-0301', { ...current.body, legalDays: 3 }, '"1"').expect(200);
    const stale = await admin.put('/api/studio/documents/matter/JSRS-JY-0301', { ...current.body, legalDays: 9 }, '"1"').expect(412);
    expect(stale.body.current).toMatchObject({ rev: 2, updatedBy: 'admin', body: { legalDays: 3 } });
    expect((await doc('matter/JSRS-JY-0301')).body.body.legalDays).toBe(3);
  });

  it('requires If-Match on updates', async () => {
    const current = (await doc('matter/JSRS-JY-0302')).body;
    await admin.put('/api/studio/documents/matter/JSRS-JY-0302', current.body).expect(428);
  });

  it('lets exactly one of many concurrent writes on the same revision win, and loses none silently', async () => {
    const current = (await doc('matter/JSRS-RC-0101')).body;
    const attempts = Array.from({ length: 12 }, (_, i) => ({ ...current.body, legalDays: 10 + i }));
    const results = await Promise.all(
      attempts.map((body) => admin.put('/api/studio/documents/matter/JSRS-RC-0101', body, `"${current.rev}"`)),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(11);
    const final = (await doc('matter/JSRS-RC-0101')).body;
    expect(final.rev).toBe(current.rev + 1);
    expect(final.body.legalDays).toBe(winners[0]!.body.body.legalDays);
  });

  it.each([
    ['a document that breaks its schema', 'matter', { code: 'JSRS-XX-0001', name: '' }, 422],
    ['an existing id', 'matter', null, 409],
    ['an unknown kind', 'widget', { id: 'x' }, 404],
    ['an array', 'matter', [1, 2], 400],
  ])('refuses %s', async (_name, kind, body, status) => {
    const payload = body ?? (await doc('matter/JSRS-JY-0101')).body.body;
    const res = await admin.post(`/api/studio/documents/${kind}`, payload).expect(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (status === 422)
      expect(res.body.errors[0]).toMatchObject({ path: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('says in officials’ words which field is too long, and which document already exists', async () => {
    const current = (await doc('bundle/unemployment')).body;
    const long = { ...current.body, name: '长'.repeat(300) };
    const refused = await admin.put('/api/studio/documents/bundle/unemployment', long, `"${current.rev}"`).expect(422);
    expect(refused.body.detail).toBe('一件事未保存：「名称」最多 40 个字符');
    expect(refused.body.errors).toEqual([{ path: '/name', message: '「名称」最多 40 个字符' }]);
    const scenario = structuredClone(current.body);
    scenario.scenarios[0].label = '';
    const empty = await admin.put('/api/studio/documents/bundle/unemployment', scenario, `"${current.rev}"`).expect(422);
    expect(empty.body.detail).toBe('一件事未保存：「第 1 个办事情形的名称」不能为空');
    const again = await admin.post('/api/studio/documents/bundle', current.body).expect(409);
    expect(again.body.detail).toBe('一件事「失业一件事」已存在（标识 unemployment），请换一个标识，或打开已有的修改');
  });

  it('refuses an update whose body names another document', async () => {
    const current = (await doc('matter/JSRS-JY-0201')).body;
    await admin.put('/api/studio/documents/matter/JSRS-JY-0201', { ...current.body, code: 'JSRS-JY-0202' }, `"${current.rev}"`).expect(422);
  });

  it('compiles a draft without saving it, with diagnostics', async () => {
    const bundle = (await doc('bundle/unemployment')).body.body;
    const broken = {
      ...bundle,
      promisedDays: 99,
      scenarios: bundle.scenarios.map((s: { promisedDays?: number }) => ({ ...s, promisedDays: undefined })),
    };
    const res = await admin.post('/api/studio/compile', { bundle: broken }).expect(200);
    expect(res.body.diagnostics.map((d: { code: string }) => d.code)).toContain('time.promise-exceeds-critical-path');
    expect((await doc('bundle/unemployment')).body.rev).toBe(1);
  });
});

describe('text that hides itself', () => {
  const RLO = '\u202e';
  it('refuses names and labels with bidi controls, invisible characters or lone surrogates, at the place typed', async () => {
    const matter = (await doc('matter/JSRS-JY-0101')).body;
    for (const name of [`失业${RLO}登记`, '失业\u200b登记', '失业\u2066登记\u2069', '失业\ud800登记', '失业\u0007登记']) {
      const res = await admin.put('/api/studio/documents/matter/JSRS-JY-0101', { ...matter.body, name }, `"${matter.rev}"`).expect(422);
      expect(res.body.errors, JSON.stringify(name)).toEqual([{ path: '/name', message: expect.stringContaining('不可见字符') }]);
    }
    const bundle = (await doc('bundle/unemployment')).body;
    const scenarios = bundle.body.scenarios.map((s: { label: string }, i: number) => (i ? s : { ...s, label: `${s.label}\u200f` }));
    const res = await admin.put('/api/studio/documents/bundle/unemployment', { ...bundle.body, scenarios }, `"${bundle.rev}"`).expect(422);
    expect(res.body.errors[0].path).toBe('/scenarios/0/label');
    expect((await doc('matter/JSRS-JY-0101')).body.rev).toBe(matter.rev);
  });

  it('stores text normalised (NFC): the same name typed with a combining accent is the same name', async () => {
    const matter = (await doc('matter/JSRS-JY-0102')).body;
    const saved = await admin
      .put('/api/studio/documents/matter/JSRS-JY-0102', { ...matter.body, name: `${matter.body.name}Cafe\u0301` }, `"${matter.rev}"`)
      .expect(200);
    expect(saved.body.body.name).toBe(`${matter.body.name}Café`);
    expect(saved.body.body.name.normalize('NFC')).toBe(saved.body.body.name);
  });
});

describe('authored patterns', () => {
  it('refuses an invalid or super-linear pattern in the dictionary with the field path', async () => {
    const current = (await doc('dictionary/dictionary')).body;
    for (const pattern of ['^(a', '^(a+)+$']) {
      const element = { id: 'person.nickname', label: '昵称', type: 'string', pattern };
      const res = await admin
        .put(
          '/api/studio/documents/dictionary/dictionary',
          { ...current.body, elements: [...current.body.elements, element] },
          `"${current.rev}"`,
        )
        .expect(422);
      expect(res.body.errors).toEqual([
        { path: `/elements/${current.body.elements.length}/pattern`, message: expect.stringContaining('格式规则') },
      ]);
    }
  });

  it('refuses every exponential or polynomial pattern (a ReDoS checker, not a list of shapes), and keeps linear ones', async () => {
    const current = (await doc('dictionary/dictionary')).body;
    const put = (pattern: string) =>
      admin.put(
        '/api/studio/documents/dictionary/dictionary',
        { ...current.body, elements: [...current.body.elements, { id: 'person.nickname', label: '昵称', type: 'string', pattern }] },
        `"${current.rev}"`,
      );
    // known-bad: ambiguity under a repetition, nested repetition, overlapping neighbours
    for (const pattern of [
      '^(a|aa)+$',
      '^(a|a?)+$',
      '^(\\d|\\d\\d)+$',
      '^([a-z]+[0-9]*)+$',
      '^\\d+\\d+$',
      '^[a-z]*[a-z]*x$',
      '^(x+x+)+y$',
    ]) {
      const res = await put(pattern).expect(422);
      expect(res.body.errors, pattern).toEqual([
        { path: `/elements/${current.body.elements.length}/pattern`, message: expect.stringMatching(/回溯|格式规则/) },
      ]);
    }
    // what the pattern builder writes is linear, and kept
    await put('^[A-Z]{2}[0-9]{4}$').expect(200);
  });

  it('lets only province administrators author patterns', async () => {
    const suzhou = await server.login('suzhou');
    const variant = (await suzhou.get('/api/studio/documents/variant/suzhou-unemployment')).body;
    const field = { local: { id: 'code', label: '编号', type: 'string', pattern: '^[0-9]{6}$' }, required: false };
    const res = await suzhou
      .put(
        '/api/studio/documents/variant/suzhou-unemployment',
        { ...variant.body, operations: [...variant.body.operations, { op: 'addLocalField', matter: 'SZRS-JY-0101', field }] },
        `"${variant.rev}"`,
      )
      .expect(403);
    expect(res.body.detail).toBe('只有省级管理员可以设置格式规则（正则表达式）');
    const matter = (await suzhou.get('/api/studio/documents/matter/SZRS-JY-0101')).body;
    await suzhou
      .put(
        '/api/studio/documents/matter/SZRS-JY-0101',
        { ...matter.body, fields: [...matter.body.fields, { ref: 'person.name', required: true, override: { pattern: '^.+$' } }] },
        `"${matter.rev}"`,
      )
      .expect(403);
  });

  it('runs every pattern in linear time: an exponential one that slipped past the save checks cannot stall the server', async () => {
    // (a|a)* is exponential for backtracking engines; the save refuses it, so it is planted in the store (data from before the check)
    const dict = (await doc('dictionary/dictionary')).body;
    const element = { id: 'person.nickname', label: '昵称', type: 'string', pattern: '^(a|a)*$' };
    const body = { ...dict.body, elements: [...dict.body.elements, element] };
    await admin.put('/api/studio/documents/dictionary/dictionary', body, `"${dict.rev}"`).expect(422);
    const planted = await server.store.putDocument({
      kind: 'dictionary',
      id: 'dictionary',
      body,
      region: null,
      expectedRev: dict.rev,
      actor: { username: 'legacy' },
      action: 'update',
    });
    expect(planted.ok).toBe(true);
    const matter = (await doc('matter/JSRS-SK-0101')).body;
    await admin
      .put(
        '/api/studio/documents/matter/JSRS-SK-0101',
        { ...matter.body, fields: [...matter.body.fields, { ref: 'person.nickname', required: true }] },
        `"${matter.rev}"`,
      )
      .expect(200);
    const bundle = (await doc('bundle/separation')).body;
    const scenarios = bundle.body.scenarios.map((s: { items: object[] }) => ({
      ...s,
      items: [...s.items, { matter: 'JSRS-SK-0101', selection: 'optional' }],
    }));
    await admin.put('/api/studio/documents/bundle/separation', { ...bundle.body, scenarios }, `"${bundle.rev}"`).expect(200);
    await admin.post('/api/studio/bundles/separation/versions', { state: 'published' }).expect(201);
    const base = '/api/regions/320000/bundles/separation';
    const example = (await admin.get(`${base}/example`)).body;
    const started = Date.now();
    // 退工停保 lists its employees: the first one's nickname
    const [first] = example.employees;
    const employees = [{ ...first, person: { ...first.person, nickname: 'a'.repeat(40) + 'b' } }];
    const res = await admin.post(`${base}/applications/validate`, { ...example, employees }).expect(422);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.body.errors).toEqual([{ path: '/employees/0/person/nickname', message: '第 1 名职工的「昵称」格式不正确' }]);
  });
});

describe('deciding patterns once', () => {
  it('decides only the patterns a save adds: the stored document’s own were decided when it was saved', () => {
    const stored = { fields: [{ id: 'a', pattern: '^[0-9]{6}$' }] };
    const edited = {
      fields: [
        { id: 'a', pattern: '^[0-9]{6}$' },
        { id: 'b', pattern: '^(a|aa)+$' },
      ],
    };
    // even an unsafe pattern that somehow stands in the stored revision is not the save's to refuse again…
    expect(patternProblems({ fields: [{ pattern: '^(a|aa)+$' }] }, undefined, patternsIn({ x: { pattern: '^(a|aa)+$' } }))).toEqual([]);
    // …while every pattern the save adds is decided
    expect(patternProblems(edited, undefined, patternsIn(stored))).toEqual([
      { path: '/fields/1/pattern', message: expect.stringContaining('回溯（ReDoS）') },
    ]);
    expect([...patternsIn(edited)]).toEqual(['^[0-9]{6}$', '^(a|aa)+$']);
  });
});
