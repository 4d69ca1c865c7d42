import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheck } from '../../../schemas/index.ts';
import { startServer, type TestServer } from '../../support/test-server.ts';

/**
 * Employer bundles (企业录用职工, 退工停保) take a list of employees: the runtime checks each
 * employee on its own, names the employee in every message, applies the 受理条件 to each, and
 * sends every matter's back office each employee's values.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const base = '/api/regions/320000/bundles';
type Employee = Record<string, Record<string, unknown>>;
type App = Record<string, unknown> & { matters: string[]; employees: Employee[] };
const example = async (bundle: string) => (await request(server.url).get(`${base}/${bundle}/example`).expect(200)).body as App;
const validate = (bundle: string, app: object) => request(server.url).post(`${base}/${bundle}/applications/validate`).send(app);
const WOMAN_1998 = withIdCheck('32010419980312452');

/** `n` different employees: the example's, each another person. */
const employeesLike = (first: Employee, n: number) =>
  Array.from({ length: n }, (_, i) => another(first, { name: `职工${i + 1}`, idNumber: withIdCheck(`320102198506${1000 + i}1`) }));

/** A second employee: the example's, with another person. */
function another(first: Employee, person: Record<string, unknown>): Employee {
  return { ...structuredClone(first), person: { ...first.person, ...person } };
}

describe('a list of employees', () => {
  it('hires two employees in one application: each matter receives both, in order, with what was derived for each', async () => {
    const app = await example('hiring');
    expect(app.employees).toHaveLength(1);
    expect(app).not.toHaveProperty('person');
    app.employees.push(another(app.employees[0]!, { name: '李梅', idNumber: WOMAN_1998 }));
    const res = await validate('hiring', app).expect(200);
    const plan = res.body.plan as { matters: { code: string; fields: Record<string, unknown> }[]; derived: Record<string, unknown> };
    const insurance = plan.matters.find((m) => m.code === 'JSRS-SB-0101')!;
    const employees = insurance.fields.employees as Employee[];
    expect(employees.map((e) => e.person!.name)).toEqual(['张三', '李梅']);
    // the employer's own sections once, outside the list
    expect(insurance.fields.org).toMatchObject({ name: '南京示例科技有限公司' });
    // only what the matter asks for: 参保登记 does not receive the graduate's school
    expect(employees[1]).not.toHaveProperty('graduate');
    expect((plan.derived.employees as Record<string, unknown>[])[1]).toEqual({ 'person.gender': '2' });
  });

  it('names the employee whose value is missing or wrong', async () => {
    const app = await example('hiring');
    app.employees.push(another(app.employees[0]!, { name: '李梅', idNumber: '320104199803124520' }));
    delete app.employees[1]!.employment!.startDate;
    const res = await validate('hiring', app).expect(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/employees/1/person/idNumber', message: '第 2 名职工的「公民身份号码」不是有效的18 位公民身份号码' },
        { path: '/employees/1/employment/startDate', message: '第 2 名职工的「入职日期」为必填项' },
      ]),
    );
    expect((res.body.errors as { path: string }[]).some((e) => e.path.startsWith('/employees/0'))).toBe(false);
  });

  it('refuses an application without employees, and one with more than the bundle allows', async () => {
    const app = await example('separation');
    const none = await validate('separation', { ...app, employees: [] }).expect(422);
    expect(none.body.errors).toEqual([{ path: '/employees', message: '「职工名单」至少填写 1 名职工' }]);
    const many = await validate('separation', { ...app, employees: employeesLike(app.employees[0]!, 51) }).expect(422);
    expect(many.body.errors).toEqual([{ path: '/employees', message: '「职工名单」最多填写 50 名职工' }]);
  });

  it('applies a 受理条件 to each employee: one who has not yet left refuses the application, named', async () => {
    const app = await example('separation');
    const later = another(app.employees[0]!, { name: '李梅', idNumber: WOMAN_1998 });
    later.employment = { ...later.employment, endDate: '2099-01-01' };
    app.employees.push(later);
    const res = await validate('separation', app).expect(422);
    expect(res.body.errors).toEqual([
      {
        path: '/employees/1/employment/endDate',
        message: '第 2 名职工：解除（终止）劳动关系日期晚于申请日期：劳动关系解除或终止后才能办理退工停保',
      },
    ]);
  });

  it('asks for a bank account only of the employee paid to one, not of the others', async () => {
    const app = await example('separation');
    const other = another(app.employees[0]!, { name: '李梅', idNumber: WOMAN_1998 });
    other.bank = { payTo: 'other' };
    app.employees.push(other);
    const res = await validate('separation', app).expect(422);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      '/employees/1/bank/accountName',
      '/employees/1/bank/accountNumber',
      '/employees/1/bank/name',
    ]);
  });

  it('says in the guide how the list is filled in, and does not ask for a 花名册 the list already gives', async () => {
    const guide = (await request(server.url).get(`${base}/hiring/guide`).expect(200)).text;
    expect(guide).toContain('一次申请可为多名职工一并办理（每次最多 50 名）：每名职工分别填写申请人信息、联系信息、就业与参保信息');
    expect(guide).toMatch(/用人单位信息、经办人信息、银行账户只填一次/);
    const compiled = (await request(server.url).get(`${base}/hiring`).expect(200)).body as {
      scenarios: { checklist: { id: string; exempt: { reason: string } | null }[] }[];
    };
    expect(compiled.scenarios[0]!.checklist.find((c) => c.id === 'employeeRoster')!.exempt?.reason).toBe('roster');
  });

  it('refuses the same person listed twice, naming both', async () => {
    const app = await example('hiring');
    app.employees.push(another(app.employees[0]!, { name: '张三' }));
    const res = await validate('hiring', app).expect(422);
    expect(res.body.errors).toEqual([
      { path: '/employees/1/person/idNumber', message: '第 2 名职工的「公民身份号码」与第 1 名职工相同：同一名职工只填一次' },
    ]);
  });

  it('takes the most employees the bundle allows in one request', async () => {
    const app = await example('hiring');
    app.employees = employeesLike(app.employees[0]!, 50);
    const res = await validate('hiring', app).expect(200);
    const plan = res.body.plan as { matters: { code: string; fields: { employees?: unknown[] } }[] };
    expect(plan.matters.find((m) => m.code === 'JSRS-SB-0101')!.fields.employees).toHaveLength(50);
  });
});
