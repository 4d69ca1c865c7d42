import { describe, expect, it } from 'vitest';
import {
  asRoster,
  brokenRules,
  compileBundle,
  createAjv,
  derivedValues,
  describeErrors,
  exampleApplication,
  fieldTitles,
  type Condition,
  type UiElement,
} from '../../../schemas/index.ts';
import { splitForRow } from '../../../schemas/roster.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';

const defs = loadDefinitions();
const separation = compileBundle(defs, 'separation', '320000');
const hiring = compileBundle(defs, 'hiring', '320000');
const roster = new Set(['person', 'bank']);

describe('职工名单', () => {
  it('marks the sections filled in per employee, and keeps the employer’s once', () => {
    expect(separation.roster).toEqual({ key: 'employees', label: '职工名单', maxItems: 50, unique: ['person.idNumber'] });
    expect(separation.sections.filter((s) => s.roster).map((s) => s.key)).toEqual(['person', 'contact', 'bank', 'employment', 'injury']);
    const properties = separation.schema.properties as Record<string, { items?: { properties: object } }>;
    expect(Object.keys(properties)).toEqual(['scenario', 'answers', 'matters', 'org', 'agent', 'employees']);
    expect(Object.keys(properties.employees!.items!.properties)).toEqual(['person', 'contact', 'bank', 'employment', 'injury']);
    expect(separation.schema.required).toEqual(['scenario', 'matters', 'employees']);
  });

  it('splits a field’s condition into what is read once and what is read per employee', () => {
    const once: Condition = { matter: 'A', selected: true };
    const own: Condition = { field: 'bank.payTo', equals: 'other' };
    expect(splitForRow(own, roster)).toEqual({ row: own });
    expect(splitForRow(once, roster)).toEqual({ shared: once });
    expect(splitForRow({ all: [once, own] }, roster)).toEqual({ shared: once, row: own });
    expect(splitForRow({ any: [once, own] }, roster)).toBeNull();
    expect(splitForRow({ not: { all: [once, own] } }, roster)).toBeNull();
    // an employee's two fields under 「或」 are still one employee's
    expect(splitForRow({ any: [own, { field: 'person.name', filled: true }] }, roster)).not.toBeNull();
  });

  it('checks an employee’s rule on each employee, with the shared sections in view, and says whose', () => {
    const app = exampleApplication(separation) as { employees: Record<string, Record<string, unknown>>[] };
    const second = structuredClone(app.employees[0]!);
    second.employment = { ...second.employment, endDate: '2030-01-01' };
    const data = { ...app, employees: [app.employees[0]!, second], applicationDate: '2026-11-27' };
    const broken = brokenRules(separation.rules, data);
    expect(broken.map((b) => ({ id: b.id, row: b.row, paths: b.paths }))).toEqual([
      { id: 'JSRS-SB-0103/separatedBeforeApplying', row: 1, paths: ['/employees/1/employment/endDate'] },
    ]);
    expect(separation.rules[0]!.paths).toEqual(['/employees/*/employment/endDate']);
  });

  it('derives each employee’s values from that employee’s ID number', () => {
    const app = exampleApplication(hiring) as { employees: Record<string, Record<string, unknown>>[] };
    const woman = { ...app.employees[0]!, person: { ...app.employees[0]!.person, idNumber: '320104199803124522' } };
    const derived = derivedValues(hiring, { ...app, employees: [app.employees[0]!, woman] });
    expect(derived.employees).toEqual([{ 'person.gender': '1' }, { 'person.gender': '2' }]);
  });

  it('names the employee in each error, as AJV reports them', () => {
    const app = exampleApplication(hiring) as { employees: Record<string, Record<string, unknown>>[] };
    const second = structuredClone(app.employees[0]!);
    delete second.person!.name;
    const validate = createAjv().compile(hiring.schema);
    expect(validate({ ...app, employees: [app.employees[0], second] })).toBe(false);
    const titles = fieldTitles(hiring);
    const errors = describeErrors(validate.errors, (p) => titles.get(p), { schema: hiring.schema });
    expect(errors).toEqual([{ path: '/employees/1/person/name', keyword: 'required', message: '第 2 名职工的「姓名」为必填项' }]);
  });

  it('gives a one-person application the roster’s shape, the employee’s sections in form order', () => {
    expect(asRoster(separation, { scenario: 'main', injury: { a: 1 }, org: { b: 2 }, person: { c: 3 } })).toEqual({
      scenario: 'main',
      org: { b: 2 },
      employees: [{ person: { c: 3 }, injury: { a: 1 } }],
    });
    expect(asRoster(compileBundle(defs, 'unemployment', '320000'), { person: { c: 3 } })).toEqual({ person: { c: 3 } });
  });

  it('puts the employee’s sections in the detail of one array control, conditioned on the employee’s own fields', () => {
    const list = (separation.uiSchema.elements ?? []).find((e) => e.scope === '#/properties/employees')!;
    expect(list.label).toBe('职工名单');
    const detail = (list.options!.detail as UiElement).elements!;
    expect(detail.map((g) => g.label)).toEqual(['申请人信息', '联系信息', '银行账户', '就业与参保信息', '工伤信息']);
    const account = detail[2]!.elements!.find((c) => c.scope === '#/properties/bank/properties/accountNumber')!;
    expect(account.rule).toEqual({
      effect: 'SHOW',
      condition: {
        scope: '#',
        schema: { required: ['bank'], properties: { bank: { required: ['payTo'], properties: { payTo: { const: 'other' } } } } },
      },
    });
    // the employer's sections stay at the top
    expect((separation.uiSchema.elements ?? []).some((e) => e.label === '用人单位信息')).toBe(true);
  });
});
