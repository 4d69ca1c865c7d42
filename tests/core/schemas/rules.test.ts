import { LogicEngine } from 'json-logic-engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  brokenRules,
  citesArticle,
  compileBundle,
  compileRule,
  domainOps,
  logicHolds,
  logicProblems,
  logicVars,
  NO_POLICY,
  policyOf,
  withIdCheck,
  withValue,
  type Rule,
} from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { bundle, definitions, matter } from '../../support/fixtures.ts';
import { runs } from '../../support/runs.ts';

/** The shipped calendar and 政策参数. */
const policy = policyOf(loadDefinitions());

const retirementAge: Rule = {
  id: 'reachedAge',
  message: '未达到法定退休年龄',
  severity: 'reject',
  fields: ['person.idNumber', 'retire.retireDate'],
  logic: {
    '>=': [
      { var: 'retire.retireDate' },
      {
        retirementDate: [
          { idBirthDate: [{ var: 'person.idNumber' }] },
          { idGender: [{ var: 'person.idNumber' }] },
          { var: 'retire.staffType' },
        ],
      },
    ],
  },
};

describe('rules', () => {
  it('accept JSON Logic and the domain operations, and refuse anything else, naming it', () => {
    expect(logicProblems(retirementAge.logic)).toEqual([]);
    expect(logicProblems({ map: [{ var: 'x' }, { '+': [1, 1] }] })).toEqual(['不支持的运算「map」']);
    expect(logicProblems({ method: ['x', 'repeat', [1e9]] })).toEqual(['不支持的运算「method」']);
    expect(logicProblems({ '==': [1, 1], '!=': [1, 2] })).toEqual(['规则的每一步只能有一个运算']);
    expect(logicProblems([1])).toEqual(['规则应为一个运算']);
    let deep: unknown = true;
    for (let i = 0; i < 30; i++) deep = { '!': [deep] };
    expect(logicProblems(deep)).toEqual(['规则嵌套过深（超过 24 层）']);
  });

  it('name the data they read', () => {
    expect(logicVars(retirementAge.logic)).toEqual(['retire.retireDate', 'person.idNumber', 'retire.staffType']);
    expect(logicVars({ missing: ['a.b', 'c.d'] })).toEqual(['a.b', 'c.d']);
  });

  it('apply a matter’s rule only when the matter is applied for, a bundle’s only in its scenarios', () => {
    const rule = compileRule({ ...retirementAge, scenarios: ['enterprise-staff'] }, 'JSRS-YL-0101');
    expect(rule).toMatchObject({
      id: 'JSRS-YL-0101/reachedAge',
      matter: 'JSRS-YL-0101',
      paths: ['/person/idNumber', '/retire/retireDate'],
    });
    const young = {
      scenario: 'enterprise-staff',
      matters: ['JSRS-YL-0101'],
      person: { idNumber: '11010519850615123X' },
      retire: { retireDate: '2026-12-01' },
      applicationDate: '2026-11-02',
    };
    // an impossible ID number gives no birth date: the rule does not hold
    expect(logicHolds(rule.logic, young, policy)).toBe(false);
    const man1960 = withIdCheck('11010519600615123');
    expect(domainOps.idBirthDate(man1960)).toBe('1960-06-15');
    expect(logicHolds(rule.logic, withValue(young, 'person.idNumber', man1960), policy)).toBe(true);
    // without the 政策参数 no retirement age is known: the rule cannot be judged, and does not hold
    expect(logicHolds(rule.logic, withValue(young, 'person.idNumber', man1960), NO_POLICY)).toBe(false);
    expect(logicHolds(rule.logic, { ...young, matters: ['JSRS-SK-0101'] }, policy)).toBe(true);
    expect(logicHolds(rule.logic, { ...young, scenario: 'resident' }, policy)).toBe(true);
    expect(brokenRules([rule], young, policy).map((r) => r.id)).toEqual(['JSRS-YL-0101/reachedAge']);
  });

  it('read a 政策参数 as in force on the application date, or on the day named; none refuses', () => {
    const needs = { '>=': [{ var: 'months' }, { param: 'pension.minContributionMonths' }] };
    expect(logicHolds(needs, { months: 180, applicationDate: '2029-12-31' }, policy)).toBe(true);
    expect(logicHolds(needs, { months: 180, applicationDate: '2030-01-01' }, policy)).toBe(false);
    expect(logicHolds(needs, { months: 186, applicationDate: '2030-01-01' }, policy)).toBe(true);
    const onRetirement = { '>=': [{ var: 'months' }, { param: ['pension.minContributionMonths', { var: 'retireDate' }] }] };
    expect(logicHolds(onRetirement, { months: 180, applicationDate: '2029-06-01', retireDate: '2031-03-01' }, policy)).toBe(false);
    // a day before the first 施行日期, an unknown name, no parameters at all: `x >= null` would pass, the rule must not
    expect(logicHolds(needs, { months: 999, applicationDate: '2011-06-30' }, policy)).toBe(false);
    expect(logicHolds({ '>=': [1, { param: 'no.such' }] }, { applicationDate: '2026-01-01' }, policy)).toBe(false);
    expect(logicHolds(needs, { months: 999, applicationDate: '2026-01-01' }, NO_POLICY)).toBe(false);
    expect(logicProblems({ param: [{ var: 'x' }] })).toEqual(['政策参数应写明参数名称，如 {"param": "pension.minContributionMonths"}']);
  });

  it('evaluate as an independent JSON Logic implementation does', () => {
    const engine = new LogicEngine();
    const values = loadDefinitions().parameters!.parameters.find((p) => p.name === 'pension.minContributionMonths')!.values;
    /** The value in force on a day, as a front end reads `GET /api/parameters`; none throws (the rule does not hold). */
    const inForce = (on: unknown) => {
      const v = values.filter((x) => typeof on === 'string' && x.from <= on).sort((a, b) => b.from.localeCompare(a.from))[0];
      if (!v) throw new Error('no value');
      return v.value;
    };
    let applicationDate: unknown;
    for (const [name, fn] of Object.entries({
      idBirthDate: domainOps.idBirthDate,
      age: domainOps.age,
      minContributionMonths: (date: unknown) => inForce(typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null),
      param: (_name: unknown, on?: unknown) => inForce(on === undefined ? applicationDate : on),
    }))
      engine.addMethod(name, (args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...([] as unknown[]).concat(args)));
    // well-typed rules, as the builder writes them: numbers compared with numbers, strings tested for equality, truth values combined
    const exprs = fc.letrec((tie) => ({
      num: fc.oneof(
        { depthSize: 'small' },
        fc.integer({ min: -5, max: 300 }),
        fc.constant({ var: 'x.months' }),
        fc.constant({ age: [{ var: 'x.date' }, '2026-11-27'] }),
        fc.constant({ minContributionMonths: [{ var: 'x.date' }] }),
        fc.constant({ param: 'pension.minContributionMonths' }),
        fc.constant({ param: ['pension.minContributionMonths', { var: 'x.date' }] }),
        fc.tuple(fc.constantFrom('+', '-', '*', 'min', 'max'), tie('num'), tie('num')).map(([op, a, b]) => ({ [op]: [a, b] })),
      ),
      str: fc.oneof(
        fc.constantFrom('1960-06-15', '2030-03-01', ''),
        fc.constant({ var: 'x.date' }),
        fc.constant({ idBirthDate: [{ var: 'x.id' }] }),
      ),
      bool: fc.oneof(
        { depthSize: 'small' },
        fc.boolean(),
        fc.constant({ var: 'x.flag' }),
        fc.tuple(fc.constantFrom('==', '!=', '>', '>=', '<', '<='), tie('num'), tie('num')).map(([op, a, b]) => ({ [op]: [a, b] })),
        fc.tuple(fc.constantFrom('===', '!=='), tie('str'), tie('str')).map(([op, a, b]) => ({ [op]: [a, b] })),
        fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('bool'), { minLength: 1, maxLength: 3 })).map(([op, xs]) => ({ [op]: xs })),
        fc.tuple(tie('bool'), tie('bool'), tie('bool')).map((xs) => ({ if: xs })),
        tie('bool').map((a) => ({ '!': [a] })),
      ),
    }));
    const expr = exprs.bool;
    const data = fc.record({
      x: fc.record({
        months: fc.integer({ min: 0, max: 300 }),
        date: fc.constantFrom('1960-06-15', '2030-03-01'),
        flag: fc.boolean(),
        id: fc.constantFrom('11010519491231002X', 'bad'),
      }),
      applicationDate: fc.constantFrom('2029-12-31', '2030-01-01', '2010-01-01'),
    });
    const reference = (logic: unknown, d: { applicationDate: string }) => {
      applicationDate = d.applicationDate;
      try {
        return Boolean(engine.run(logic, d));
      } catch {
        return false; // what cannot be judged does not hold
      }
    };
    fc.assert(
      fc.property(expr, data, (e, d) => {
        const logic = { '!!': [e] };
        expect(logicHolds(logic, d, policy), JSON.stringify(logic)).toBe(reference(logic, d));
      }),
      { numRuns: runs(2000), seed: 11 },
    );
  });
});

describe('a rule is a legal statement', () => {
  const rule = (over: Partial<Rule>): Rule => ({
    id: 'adult',
    message: '未满十六周岁',
    severity: 'reject',
    fields: ['person.idNumber'],
    logic: { '>=': [{ age: [{ idBirthDate: [{ var: 'person.idNumber' }] }, { var: 'applicationDate' }] }, 16] },
    ...over,
  });
  const found = (r: Rule) =>
    compileBundle(definitions([matter('A001')], [bundle(['A001'], {}, { rules: [r] })]), 'test-bundle', '320000')
      .diagnostics.filter((d) => d.code.startsWith('rule.'))
      .map((d) => `${d.code} ${d.severity}`);
  const cases = [
    { label: '16 周岁', values: { 'person.idNumber': withIdCheck('32010220100101123') }, passes: true },
    { label: '差一天', values: { 'person.idNumber': withIdCheck('32010220100102123') }, passes: false },
  ];

  it.each([
    [undefined, false],
    ['劳动法', false],
    ['《中华人民共和国劳动法》', false],
    ['《中华人民共和国劳动法》第十五条', true],
    ['《失业保险条例》（国务院令第258号）第十四条第（一）项', true],
    ['《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）七、', true],
    ['《事业单位人事管理条例》第三章', true],
  ])('reads %s as citing an article: %s', (basis, cites) => expect(citesArticle(basis)).toBe(cites));

  it('is an error to publish without a basis that names its article', () => {
    expect(found(rule({ cases }))).toEqual(['rule.no-basis error']);
    expect(found(rule({ cases, basis: '《中华人民共和国劳动法》' }))).toEqual(['rule.no-basis error']);
    expect(found(rule({ cases, basis: '《中华人民共和国劳动法》第十五条' }))).toEqual([]);
  });

  it('warns until it has a passing and a failing case', () => {
    const basis = '《中华人民共和国劳动法》第十五条';
    expect(found(rule({ basis }))).toEqual(['rule.one-sided-cases warning']);
    expect(found(rule({ basis, cases: cases.slice(0, 1) }))).toEqual(['rule.one-sided-cases warning']);
  });
});
