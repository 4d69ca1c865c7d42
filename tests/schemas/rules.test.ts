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
  withIdCheck,
  withValue,
  type Rule,
} from '../../schemas/index.ts';
import { bundle, definitions, matter } from '../support/fixtures.ts';

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
    };
    // an impossible ID number gives no birth date: the rule does not hold
    expect(logicHolds(rule.logic, young)).toBe(false);
    const man1960 = withIdCheck('11010519600615123');
    expect(domainOps.idBirthDate(man1960)).toBe('1960-06-15');
    expect(logicHolds(rule.logic, withValue(young, 'person.idNumber', man1960))).toBe(true);
    expect(logicHolds(rule.logic, { ...young, matters: ['JSRS-SK-0101'] })).toBe(true);
    expect(logicHolds(rule.logic, { ...young, scenario: 'resident' })).toBe(true);
    expect(brokenRules([rule], young).map((r) => r.id)).toEqual(['JSRS-YL-0101/reachedAge']);
  });

  it('evaluate as an independent JSON Logic implementation does', () => {
    const engine = new LogicEngine();
    for (const [name, fn] of Object.entries({
      idBirthDate: domainOps.idBirthDate,
      age: domainOps.age,
      minContributionMonths: domainOps.minContributionMonths,
    }))
      engine.addMethod(name, (args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args));
    // well-typed rules, as the builder writes them: numbers compared with numbers, strings tested for equality, truth values combined
    const exprs = fc.letrec((tie) => ({
      num: fc.oneof(
        { depthSize: 'small' },
        fc.integer({ min: -5, max: 300 }),
        fc.constant({ var: 'x.months' }),
        fc.constant({ age: [{ var: 'x.date' }, '2026-11-27'] }),
        fc.constant({ minContributionMonths: [{ var: 'x.date' }] }),
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
    });
    fc.assert(
      fc.property(expr, data, (e, d) => {
        const logic = { '!!': [e] };
        expect(logicHolds(logic, d), JSON.stringify(logic)).toBe(Boolean(engine.run(logic, d)));
      }),
      { numRuns: 2000, seed: 11 },
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
