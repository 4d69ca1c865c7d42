import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheck } from '../../../schemas/index.ts';
import { startServer, type TestServer } from '../../support/test-server.ts';

/**
 * The runtime enforces a bundle's logic: the answers to its questions decide the matters,
 * conditions decide the fields, and its rules refuse (不予受理) or warn (提示) — the shipped
 * rules on the cases the issue names, in the applicant's words.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const base = '/api/regions/320000/bundles';
type App = Record<string, Record<string, unknown>> & { matters: string[]; answers: Record<string, unknown> };
const example = async (bundle: string, query = '') =>
  (await request(server.url).get(`${base}/${bundle}/example${query}`).expect(200)).body as App;
const validate = (bundle: string, app: object) => request(server.url).post(`${base}/${bundle}/applications/validate`).send(app);
const MAN_1985 = withIdCheck('32010219850615123');
const MAN_1970 = withIdCheck('32010219700115123');

describe('the runtime enforces a bundle’s logic', () => {
  it('accepts every bundle’s example, for every scenario', async () => {
    const bundles = (await request(server.url).get('/api/regions/320000/bundles').expect(200)).body as {
      id: string;
      scenarios: { id: string }[];
    }[];
    for (const b of bundles)
      for (const s of b.scenarios) {
        const res = await validate(b.id, await example(b.id, `?scenario=${s.id}`));
        expect(res.status, `${b.id}/${s.id}: ${JSON.stringify(res.body.errors)}`).toBe(200);
      }
  });

  it('refuses a retirement at 41 with one month of contributions, saying why', async () => {
    const app = await example('retirement', '?scenario=enterprise-staff');
    app.person = { ...app.person, idNumber: MAN_1985 };
    app.retire = { ...app.retire, retireDate: '2026-03-02' };
    app.employment = { ...app.employment, contributionMonths: 1 };
    const res = await validate('retirement', app).expect(422);
    const messages = (res.body.errors as { path: string; message: string }[]).map((e) => `${e.path} ${e.message}`);
    expect(messages).toContain('/retire/retireDate 退休日期早于可以弹性提前退休的最早日期（法定退休年龄前3年，且不低于原法定退休年龄）');
    expect(messages).toContain(
      '/employment/contributionMonths 累计缴费未达到按月领取基本养老金的最低缴费年限，可延长缴费或一次性缴费补足后再申请',
    );
    expect(res.body.detail).toMatch(/^申请不符合受理条件：/);
  });

  it('accepts a flexible early retirement with a warning for the clerk', async () => {
    const app = await example('retirement', '?scenario=enterprise-staff');
    app.person = { ...app.person, idNumber: MAN_1970 };
    app.retire = { ...app.retire, retireDate: '2030-01-15' };
    app.employment = { ...app.employment, contributionMonths: 200 };
    const res = await validate('retirement', app).expect(200);
    expect(res.body.plan.warnings).toEqual([
      {
        rule: 'JSRS-YL-0101/atStatutoryAge',
        message: '退休日期早于法定退休年龄，将按弹性提前退休办理：须达到最低缴费年限，并由本人书面申请',
        paths: ['/person/idNumber', '/retire/retireDate', '/retire/staffType'],
      },
    ]);
  });

  it('refuses unemployment benefit after one month of contributions (《失业保险条例》第十四条)', async () => {
    const app = await example('unemployment');
    expect(app.matters).toContain('JSRS-SY-0101');
    app.employment = { ...app.employment, contributionMonths: 1 };
    const res = await validate('unemployment', app).expect(422);
    expect(res.body.errors).toEqual([
      { path: '/employment/contributionMonths', message: '失业前所在单位和本人按规定缴纳失业保险费不满1年，不能领取失业保险金' },
    ]);
  });

  it('works out birth date and gender from the ID number, whatever was sent', async () => {
    const app = await example('unemployment');
    app.person = { ...app.person, idNumber: MAN_1985, gender: '2', birthDate: '2001-01-01' };
    const res = await validate('unemployment', app).expect(200);
    expect(res.body.plan.derived).toEqual({ 'person.gender': '1', 'person.birthDate': '1985-06-15', 'employment.benefitMonths': 12 });
    const registration = res.body.plan.matters.find((m: { code: string }) => m.code === 'JSRS-JY-0101');
    expect(registration.fields.person).toMatchObject({ gender: '1', idNumber: MAN_1985 });
  });

  it('lets the answers decide the matters: what they require must be there, what they rule out must not', async () => {
    const app = await example('unemployment');
    const missing = await validate('unemployment', { ...app, matters: ['JSRS-JY-0101'] }).expect(422);
    expect(missing.body.errors).toEqual([{ path: '/matters', message: '「办理事项」缺少必须办理的事项「失业保险金申领」' }]);
    const excluded = await validate('unemployment', { ...app, matters: [...app.matters, 'JSRS-JY-0201'] }).expect(422);
    expect(excluded.body.errors).toContainEqual({
      path: '/matters',
      message: '按您的回答，「就业困难人员认定」无需办理，请从「办理事项」中去掉',
    });
    const unanswered = await validate('unemployment', { ...app, answers: {} }).expect(422);
    expect(unanswered.body.errors).toContainEqual({
      path: '/answers/benefits',
      message: '「除失业登记外，您还需要办理哪些事项？」为必填项',
    });
  });

  it('refuses matters that are not a list, in words (found by the fuzz test: it was a 500)', async () => {
    const app = await example('unemployment');
    const res = await validate('unemployment', { ...app, matters: { h: true, x: null } }).expect(422);
    expect(res.body.errors).toContainEqual({ path: '/matters', message: '「办理事项」应为列表' });
  });

  it('allows one kind of 录用手续 at most in 事业单位新进人员', async () => {
    const app = await example('institution-hiring');
    const both = { ...app, matters: [...app.matters, 'JSRS-RS-0104'], answers: { hireKind: 'graduate' } };
    const res = await validate('institution-hiring', both).expect(422);
    expect(res.body.errors.map((e: { message: string }) => e.message)).toContain(
      '「办理事项」中「事业单位录用应届高校毕业生手续办理」「事业单位录用流动人才手续办理」只能选择其一',
    );
  });

  it('asks for the agent and the power of attorney when someone else applies', async () => {
    const app = await example('death', '?scenario=employee');
    const byAgent = { ...app, answers: { ...app.answers, byAgent: true } };
    expect((await validate('death', byAgent).expect(422)).body.errors).toEqual([{ path: '/agent', message: '「经办人信息」为必填项' }]);
    const res = await validate('death', { ...byAgent, agent: {} }).expect(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['/agent/name', '/agent/idNumber', '/agent/mobile']);
    const complete = { ...byAgent, agent: { name: '李四', idNumber: MAN_1970, mobile: '13912345678' } };
    const plan = (await validate('death', complete).expect(200)).body.plan;
    expect(plan.checklist.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['powerOfAttorney', 'agentIdCard']));
  });

  it('refuses work-injury benefits without a 工伤认定', async () => {
    const app = await example('work-injury-benefits');
    const res = await validate('work-injury-benefits', { ...app, answers: { ...app.answers, recognized: false } }).expect(422);
    expect(res.body.errors).toEqual([
      { path: '/injury/certificateNo', message: '工伤待遇须先经社会保险行政部门认定为工伤，请先申请工伤认定' },
    ]);
  });

  it('serves the rules any front end can run', async () => {
    const res = await request(server.url).get(`${base}/retirement/rules`).expect(200);
    expect(res.headers.etag).toBeDefined();
    const ids = (res.body as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['JSRS-YL-0101/notBeforeEarliest', 'JSRS-YL-0103/specialJobAge', 'JSRS-YL-0301/sixty']));
    const schema = (await request(server.url).get(`${base}/retirement/schema`).expect(200)).body;
    expect(schema['x-rules'].map((r: { id: string }) => r.id)).toEqual(ids);
  });
});
