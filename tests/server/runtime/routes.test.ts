import { Validator } from '@cfworker/json-schema';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { todayInChina } from '../../../server/runtime/plan.ts';
import { startServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ CORS_ORIGINS: 'https://hall.jiangsu.example', BODY_LIMIT: '64kb' });
});
afterAll(() => server.close());

const api = () => request(server.url);
const base = '/api/regions/320000/bundles';

describe('public runtime API', () => {
  it('lists the province and its 13 cities', async () => {
    const res = await api().get('/api/regions').expect(200);
    expect(res.body).toHaveLength(14);
    expect(res.body[0]).toEqual({ code: '320000', name: '江苏省' });
  });

  it('lists the 14 published bundles in effect in a city', async () => {
    const res = await api().get('/api/regions/320500/bundles').expect(200);
    expect(res.body).toHaveLength(14);
    expect(res.body.find((b: { id: string }) => b.id === 'unemployment')).toMatchObject({
      name: '失业一件事',
      version: 1,
      state: 'published',
      scenarios: [{ label: '失业人员', target: 'individual', mode: 'serial' }],
    });
  });

  it('serves the compiled bundle with matters, checklist, time limit and reductions', async () => {
    const res = await api().get(`${base}/unemployment`).expect(200);
    const s = res.body.scenarios[0];
    expect(res.body).toMatchObject({ id: 'unemployment', name: '失业一件事', version: 1 });
    expect(s.items[0]).toMatchObject({
      selection: 'required',
      matter: {
        code: 'JSRS-JY-0101',
        name: '失业登记',
        target: 'individual',
        department: '公共就业服务机构',
        legalDays: null,
        promisedDays: 0,
      },
    });
    expect(s.edges.length).toBe(4);
    expect(s.checklist.map((c: { id: string; exempt: { reason: string } | null }) => [c.id, c.exempt?.reason ?? null])).toEqual([
      ['idCard', 'e-license'],
      ['separationCert', 'commitment'],
      ['unemploymentRegCert', 'prior-result'],
      ['bankCard', null],
      ['householdRegister', 'e-license'],
      ['commitmentLetter', null],
    ]);
    expect(s.timeLimit.days).toBe(10);
    expect(s.reductions).toEqual({
      fields: { before: 45, after: 26 },
      materials: { before: 12, after: 2 },
      days: { before: 13, after: 10 },
      steps: { before: 5, after: 1 },
      visits: { before: 2, after: 1 },
    });
  });

  it("serves a city's variant, and pins a version with id@version", async () => {
    const suzhou = await api().get('/api/regions/320500/bundles/unemployment@1').expect(200);
    expect(suzhou.body.variant).toEqual({ id: 'suzhou-unemployment', baseVersion: 1 });
    expect(suzhou.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await api().get('/api/regions/320500/bundles/unemployment@2').expect(404);
  });

  it.each(['', '/schema', '/ui-schema', '/guide'])('answers If-None-Match with 304 on %s', async (suffix) => {
    const first = await api().get(`${base}/retirement${suffix}`).expect(200);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await api().get(`${base}/retirement${suffix}`).set('If-None-Match', first.headers.etag!).expect(304);
    expect(again.text).toBe('');
  });

  it('serves the JSON Schema and the UI schema', async () => {
    const schema = await api().get(`${base}/hiring/schema`).expect(200);
    expect(schema.headers['content-type']).toContain('application/schema+json');
    expect(JSON.parse(schema.text)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
    const ui = await api().get(`${base}/hiring/ui-schema`).expect(200);
    expect(ui.body.type).toBe('VerticalLayout');
  });

  it('serves a printable guide in Chinese', async () => {
    const res = await api().get(`${base}/retirement/guide`).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('退休一件事办事指南');
    expect(res.text).toContain('@media print');
    expect(res.text).not.toContain('<script');
  });

  it("puts the 情形 questions, the 受理条件 and the calendar's provisional years in the guide", async () => {
    const compiled = (await api().get(`${base}/retirement`).expect(200)).body as {
      guide: { scenarios: { questions: { text: string; options: string[] }[]; conditions: { text: string; basis?: string }[] }[] };
    };
    const html = (await api().get(`${base}/retirement/guide`).expect(200)).text;
    const staff = compiled.guide.scenarios[0]!;
    expect(staff.questions.map((q) => q.text)).toEqual(['是否申请特殊工种提前退休？']);
    expect(staff.conditions.length).toBeGreaterThan(0);
    for (const s of compiled.guide.scenarios) {
      for (const q of s.questions) expect(html).toContain(`${q.text}</b>（${q.options.join(' / ')}）`);
      for (const c of s.conditions) expect(html).toContain(c.text.replace(/"/g, '&quot;'));
    }
    expect(html).toContain('<h3>不予受理情形</h3>');
    const calendar = (await api().get('/api/calendar').expect(200)).body as { calendar: { provisional?: number[] } };
    expect(calendar.calendar.provisional).toEqual([2027]);
    expect(html).toContain('2027 年的节假日安排为暂定');
    // the matters' notes on their materials reach the checklist
    const unemployment = (await api().get(`${base}/unemployment/guide`).expect(200)).text;
    expect(unemployment).toContain('<div class="note">用人单位已在线备案解除劳动关系的，无需提交</div>');
  });

  it('generates an example for every bundle and scenario that the runtime and a second validator accept', async () => {
    const bundles = (await api().get(base)).body as { id: string; scenarios: { id: string }[] }[];
    for (const b of bundles) {
      const schema = JSON.parse((await api().get(`${base}/${b.id}/schema`)).text);
      for (const s of b.scenarios) {
        const example = (await api().get(`${base}/${b.id}/example?scenario=${s.id}`).expect(200)).body;
        const res = await api().post(`${base}/${b.id}/applications/validate`).send(example);
        expect(res.status, `${b.id}/${s.id}: ${JSON.stringify(res.body.errors)}`).toBe(200);
        expect(new Validator(schema, '2020-12', false).validate(example).valid).toBe(true);
      }
    }
  });

  it('validates an application into a plan per matter with due dates', async () => {
    const example = (await api().get(`${base}/unemployment/example?matters=JSRS-JY-0101,JSRS-SY-0101`)).body;
    const res = await api().post(`${base}/unemployment/applications/validate`).send(example).expect(200);
    expect(res.body.valid).toBe(true);
    const [first, second] = res.body.plan.matters;
    expect(first).toMatchObject({ code: 'JSRS-JY-0101', department: '公共就业服务机构', days: 0, startsAfter: [] });
    expect(second).toMatchObject({ code: 'JSRS-SY-0101', startsAfter: ['JSRS-JY-0101'], days: 3 });
    // paid to the 社保卡 by default: the 失业保险金 matter gets the choice, and no bank account is asked for
    expect(second.fields.bank).toEqual({ payTo: 'card' });
    expect(second.materials).toContain('unemploymentRegCert');
    expect(res.body.plan.checklist.find((m: { id: string }) => m.id === 'unemploymentRegCert').exempt.reason).toBe('prior-result');
    expect(res.body.plan.bundle.due >= res.body.plan.bundle.acceptedOn).toBe(true);
  });

  it('refuses an invalid application with 422 problem+json, every error with a path and a Chinese message', async () => {
    const example = (await api().get(`${base}/unemployment/example`)).body;
    delete example.person.idNumber;
    example.contact.mobile = '12345';
    example.matters = example.matters.filter((m: string) => m !== 'JSRS-JY-0101');
    const res = await api().post(`${base}/unemployment/applications/validate`).send(example).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    // only the applicant's own mistakes, matters and fields named in Chinese
    expect(res.body.errors).toEqual([
      { path: '/matters', message: '「办理事项」缺少必须办理的事项「失业登记」' },
      { path: '/person/idNumber', message: '「公民身份号码」为必填项' },
      { path: '/contact/mobile', message: '「手机号码」格式不正确' },
    ]);
    expect(res.body.detail).toBe('申请有 3 处需要修改');
  });

  it('names a matter the scenario does not have, and a scenario that does not exist', async () => {
    const example = (await api().get(`${base}/unemployment/example`)).body;
    const wrongMatter = await api()
      .post(`${base}/unemployment/applications/validate`)
      .send({ ...example, matters: [...example.matters, 'JSRS-YL-0101'] })
      .expect(422);
    expect(wrongMatter.body.errors).toEqual([
      { path: `/matters/${example.matters.length}`, message: '「办理事项」中的「JSRS-YL-0101」不是本一件事的事项' },
    ]);
    const wrongScenario = await api()
      .post(`${base}/unemployment/applications/validate`)
      .send({ ...example, scenario: 'nope' })
      .expect(422);
    expect(wrongScenario.body.errors).toEqual([{ path: '/scenario', message: '「办事情形」不是允许的选项' }]);
  });

  it('accepts an ID number ending in a lowercase x and hands it on in upper case', async () => {
    const example = (await api().get(`${base}/unemployment/example`)).body;
    const id = '32010219850615105X'; // of working age: 失业登记 refuses whoever has reached retirement age
    const res = await api()
      .post(`${base}/unemployment/applications/validate`)
      .send({ ...example, person: { ...example.person, idNumber: id.toLowerCase() } })
      .expect(200);
    expect(res.body.plan.matters[0].fields.person.idNumber).toBe(id);
  });

  it.each([
    ['an unknown region', '/api/regions/990000/bundles', 404],
    ['an unknown bundle', `${base}/no-such-thing`, 404],
    ['a malformed reference', `${base}/Bad@x`, 404],
    ['an unknown API route', '/api/nothing/here', 404],
    ['an unknown scenario for an example', `${base}/unemployment/example?scenario=nope`, 400],
    ['an unknown matter for an example', `${base}/unemployment/example?matters=X`, 400],
  ])('answers %s with a JSON problem', async (_name, path, status) => {
    const res = await api().get(path).expect(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['malformed JSON', '{"scenario":', 'application/json', 400],
    ['a body over the limit', JSON.stringify({ x: 'x'.repeat(70_000) }), 'application/json', 413],
    ['a __proto__ key', '{"scenario":"main","__proto__":{"polluted":true}}', 'application/json', 400],
    ['a nested constructor key', '{"person":{"constructor":{"prototype":{"polluted":true}}}}', 'application/json', 400],
    ['a non-JSON content type', 'scenario=main', 'application/x-www-form-urlencoded', 415],
  ])('refuses %s with a problem and no stack trace', async (_name, body, type, status) => {
    const res = await api().post(`${base}/unemployment/applications/validate`).set('Content-Type', type).send(body).expect(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await api().get('/api/regions');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('prints for applicants, not officials: who and how in words, each matter with its code, limits and basis, no 四减', async () => {
    const html = (await api().get(`${base}/retirement/guide`).expect(200)).text;
    expect(html).toContain('办事对象：单位');
    expect(html).toContain('办理方式：依次办理');
    expect(html).not.toMatch(/单位 · 依次办理/);
    expect(html).not.toContain('一张表单：');
    expect(html).toContain('JSRS-YL-0101');
    expect(html).toContain('《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）');
    const card = (await api().get(`${base}/hiring/guide`).expect(200)).text;
    expect(card).toMatch(
      /社会保障卡申领<\/td><td class="nowrap">JSRS-SK-0101<\/td><td class="nowrap">[^<]*<\/td><td>[^<]*<\/td><td class="nowrap">无<\/td>/,
    );
  });

  it('says where, when and how each matter is handled: once what all share, by matter what differs', async () => {
    const html = (await api().get(`${base}/hiring/guide`).expect(200)).text;
    expect(html).toContain('<h3>办理地点、时间与咨询</h3>');
    for (const shared of ['<b>收费：</b>不收费', '<b>咨询电话：</b>12333', '<b>投诉电话：</b>12345', 'href="https://www.jszwfw.gov.cn/"'])
      expect(html).toContain(shared);
    expect(html).toMatch(/<th>通办范围<\/th>/);
    expect(html).toMatch(/社会保障卡申领<\/td>(<td>[^<]*<\/td>)*<td>全国通办<\/td>/);
    const json = (await api().get(`${base}/hiring/guide.json`).expect(200)).body;
    const card = json.scenarios[0].matters.find((m: { code: string }) => m.code === 'JSRS-SK-0101');
    expect(card.service).toMatchObject({ fee: '不收费', consultPhone: '12333', scope: '全国通办', delivery: '窗口领取' });
    expect(card.visits).toBe(1);
  });

  it('states who may apply in words, beside the cases refused, each with its basis', async () => {
    const json = (await api().get(`${base}/unemployment/guide.json`).expect(200)).body;
    const eligibility = json.scenarios[0].eligibility as { text: string; basis?: string }[];
    expect(eligibility).toContainEqual({
      text: '失业前所在单位和本人已按规定参加失业保险，累计缴费满 1 年（失业保险金申领）',
      basis: '《中华人民共和国社会保险法》第四十五条第（一）项；《失业保险条例》（国务院令第258号）第十四条第（一）项',
    });
    const html = (await api().get(`${base}/unemployment/guide`).expect(200)).text;
    expect(html.indexOf('<h3>受理条件</h3>')).toBeGreaterThan(-1);
    expect(html.indexOf('<h3>受理条件</h3>')).toBeLessThan(html.indexOf('<h3>不予受理情形</h3>'));
  });

  it('tells the applicant how to seek redress, with the laws that set the time limits', async () => {
    const json = (await api().get(`${base}/unemployment/guide.json`).expect(200)).body;
    expect(json.remedy).toContain('六十日内依法申请行政复议');
    expect(json.remedy).toContain('《中华人民共和国行政诉讼法》第四十六条');
    const html = (await api().get(`${base}/unemployment/guide`).expect(200)).text;
    expect(html).toContain('<h3>救济途径</h3>');
    expect(html).toContain('六个月内依法提起行政诉讼');
  });

  it('states each matter’s share of a shortened bundle promise beside its own (减时限 its back office must know)', async () => {
    const json = (await api().get(`${base}/retirement/guide.json`).expect(200)).body;
    const special = json.scenarios[0].matters.find((m: { code: string }) => m.code === 'JSRS-YL-0103');
    expect(special).toMatchObject({ promisedDays: 20, bundleDays: 8 });
    const card = json.scenarios[0].matters.find((m: { code: string }) => m.code === 'JSRS-SK-0101');
    expect(card.bundleDays).toBeUndefined();
    const html = (await api().get(`${base}/retirement/guide`).expect(200)).text;
    expect(html).toContain('本件中 8 个工作日（单独办理 20 个工作日）');
  });

  it('tells each back office its share of the bundle promise beside its own promise, in the plan', async () => {
    const example = (await api().get(`${base}/retirement/example?matters=JSRS-YL-0101,JSRS-YL-0102,JSRS-YL-0103`).expect(200)).body;
    const res = await api().post(`${base}/retirement/applications/validate`).send(example).expect(200);
    const special = res.body.plan.matters.find((m: { code: string }) => m.code === 'JSRS-YL-0103');
    expect(special).toMatchObject({ days: 8, ownDays: 20 });
  });

  it.each([
    [12, 12],
    [59, 12],
    [60, 18],
    [119, 18],
    [120, 24],
  ])(
    'works out 失业保险金’s longest period from %i months of contributions: %i months (《失业保险条例》第十七条)',
    async (months, period) => {
      const example = (await api().get(`${base}/unemployment/example?matters=JSRS-JY-0101,JSRS-SY-0101`).expect(200)).body;
      const res = await api()
        .post(`${base}/unemployment/applications/validate`)
        .send({ ...example, employment: { ...example.employment, contributionMonths: months } })
        .expect(200);
      const benefit = res.body.plan.matters.find((m: { code: string }) => m.code === 'JSRS-SY-0101');
      expect(benefit.fields.employment.benefitMonths).toBe(period);
    },
  );

  it('tells the applicant in the guide what the system works out for them', async () => {
    const json = (await api().get(`${base}/unemployment/guide.json`).expect(200)).body;
    expect(json.scenarios[0].computed).toContainEqual(expect.objectContaining({ label: '失业保险金最长领取期限（月）' }));
    const html = (await api().get(`${base}/unemployment/guide`).expect(200)).text;
    expect(html).toContain('<h3>系统为您计算</h3>');
    expect(html).toContain('满5年不足10年的，最长为18个月');
  });

  it('names the 政策参数 each scenario is judged with, and shows their values in force today with the next step', async () => {
    const json = (await api().get(`${base}/retirement/guide.json`).expect(200)).body;
    const staff = json.scenarios[0];
    // named in a rule, or read through the retirement operations
    expect(staff.parameters).toEqual(
      expect.arrayContaining([
        'specialJob.yearsUndergroundOrHot',
        'retirement.male.baseAge',
        'retirement.flexibleDelayMonths',
        'pension.minContributionMonths',
      ]),
    );
    expect((await api().get(`${base}/unemployment/guide.json`).expect(200)).body.scenarios[0].parameters).toContain(
      'unemployment.benefitMonthsFiveToTenYears',
    );
    const html = (await api().get(`${base}/retirement/guide`).expect(200)).text;
    expect(html).toContain('<h3>适用的政策参数</h3>');
    // as in force today: the shipped schedule steps up each 1 January from 2030
    const values = loadDefinitions().parameters!.parameters.find((p) => p.name === 'pension.minContributionMonths')!.values;
    const now = values.filter((v) => v.from <= todayInChina()).at(-1)!;
    const next = values.find((v) => v.from > todayInChina());
    expect(html).toContain(
      `按月领取基本养老金的最低累计缴费年限</td><td class="nowrap">${now.value} 月</td><td class="nowrap">${now.from}`,
    );
    if (next) expect(html).toContain(`${next.from} 起 ${next.value} 月`);
  });

  it('says why a matter’s 设立依据 is empty instead of leaving a dash', async () => {
    const json = (await api().get(`${base}/entrepreneurship/guide.json`).expect(200)).body;
    const rent = json.scenarios[0].matters.find((m: { code: string }) => m.code === 'JSRS-CY-0301');
    expect(rent.basis).toBeUndefined();
    expect(rent.basisNote).toContain('江苏省');
    const html = (await api().get(`${base}/entrepreneurship/guide`).expect(200)).text;
    expect(html).toContain(rent.basisNote);
  });

  it('serves the guide as JSON for other front ends', async () => {
    const res = await api().get(`${base}/retirement/guide.json`).expect(200);
    expect(res.body.title).toBe('退休一件事办事指南');
    const special = res.body.scenarios[0].matters.find((m: { code: string }) => m.code === 'JSRS-YL-0103');
    expect(special).toMatchObject({ name: '企业职工基本养老保险特殊工种提前退休审批', legalDays: null });
    expect(special.basis).toContain('劳社部发〔1999〕8号');
  });

  it('prints a 告知承诺书 for each material accepted by commitment, and the guide links to it', async () => {
    const guide = (await api().get(`${base}/unemployment/guide`).expect(200)).text;
    expect(guide).toContain('href="commitments/separationCert"');
    const res = await api().get(`${base}/unemployment/commitments/separationCert`).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    for (const element of ['告知承诺书', '承诺事项', '承诺内容', '核查方式', '不实承诺的后果', '承诺人（签字）', '日期'])
      expect(res.text).toContain(element);
    expect(res.text).toContain('解除（终止）劳动合同证明');
    expect(res.text).not.toContain('<script');
    await api().get(`${base}/unemployment/commitments/photo`).expect(404);
  });

  it('says in the 告知承诺书 what 国办发〔2020〕42号 asks: the fact certified, its 设定依据, the effect, when it is checked, a true intention, two copies', async () => {
    const res = await api().get(`${base}/unemployment/commitments/separationCert`).expect(200);
    // the concrete fact, not "the conditions the document proves"
    expect(res.text).toContain('已与原用人单位解除或者终止劳动关系');
    expect(res.text).toContain('设定依据');
    expect(res.text).toContain('《中华人民共和国劳动合同法》第五十条');
    expect(res.text).toContain('承诺的效力');
    expect(res.text).toMatch(/受理后 \d+ 个工作日内/);
    expect(res.text).toContain('真实意思表示');
    expect(res.text).toContain('一式两份');
  });

  it('accepts no commitment where 42号 excludes it: 亲属关系 for 工亡 benefits is checked through data sharing', async () => {
    await api().get(`${base}/work-injury-benefits/commitments/kinshipProof`).expect(404);
    await api().get(`${base}/death/commitments/kinshipProof`).expect(200);
  });

  it('lets a keyboard reach every table of the guide, which scrolls sideways on a phone (WCAG 2.1.1)', async () => {
    const html = (await api().get(`${base}/retirement/guide`).expect(200)).text;
    const tables = html.match(/<table[^>]*>/g)!;
    expect(tables.length).toBeGreaterThan(2);
    for (const t of tables) expect(t).toMatch(/^<table tabindex="0" aria-label="[^"]+">$/);
  });

  it('lets the printable guide load nothing and run no script', async () => {
    const res = await api().get(`${base}/unemployment/guide`).expect(200);
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';/);
    expect(res.headers['content-security-policy']).not.toContain('script-src');
  });

  it('allows CORS only for origins on the allow-list', async () => {
    const ok = await api()
      .options(`${base}/unemployment/applications/validate`)
      .set('Origin', 'https://hall.jiangsu.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://hall.jiangsu.example');
    const denied = await api().get(`${base}/unemployment`).set('Origin', 'https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logs a rejected application as error paths and counts, never what the applicant typed', async () => {
    const example = (await api().get(`${base}/unemployment/example`)).body;
    const idNumber = example.person.idNumber as string;
    delete example.contact.mobile;
    example.person.idNo = idNumber; // personal data under a key the form does not have
    example.mobile = '13912345678';
    const res = await api().post(`${base}/unemployment/applications/validate`).set('X-Request-Id', 'portal-42').send(example).expect(422);
    expect(res.headers['x-request-id']).toBe('portal-42');
    const lines = server.logs.filter((l) => l.includes('portal-42'));
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['application rejected', 'request']);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      bundle: 'unemployment',
      errors: 3,
      paths: expect.arrayContaining(['/contact/mobile']),
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({
      method: 'POST',
      path: '/api/regions/320000/bundles/unemployment/applications/validate',
      status: 422,
    });
    const all = server.logs.join('\n');
    for (const secret of [idNumber, '13912345678', '张三']) expect(all).not.toContain(secret);
  });
});
