import { describe, expect, it } from 'vitest';
import {
  caseOutcome,
  catalogChanges,
  compileBundle,
  derivedValues,
  impactOf,
  namesIn,
  normalizeApplication,
  parameterOn,
  parameterProblems,
  policyOf,
  prepareParameters,
  validateDocument,
  valueInForce,
  withIdCheck,
  type CompiledBundle,
  type Definitions,
  type PolicyParameters,
} from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';

/**
 * 政策参数: each figure with the values it has had, each from its 施行日期; rules read the value in
 * force on the application date, and a case pins its date, so a later step changes no recorded case.
 */
const defs = loadDefinitions();
const shipped = defs.parameters!;

/** The 最长领取期限 the runtime derives for an application received on `on` under `parameters`. */
function benefitMonths(compiled: CompiledBundle, app: unknown, on: string, parameters: PolicyParameters): unknown {
  const normalized = normalizeApplication(compiled, app) as Record<string, unknown>;
  return derivedValues(compiled, normalized, { parameters: prepareParameters(parameters), on })['employment.benefitMonths'];
}

/** The shipped parameters with one parameter's values replaced. */
function withValues(name: string, values: PolicyParameters['parameters'][number]['values']): PolicyParameters {
  return { parameters: shipped.parameters.map((p) => (p.name === name ? { ...p, values } : p)) };
}

describe('政策参数', () => {
  it('ship valid, every value with a 施行日期 and a source that cites an article', () => {
    expect(validateDocument('parameters', shipped, 'parameters')).toEqual([]);
    expect(parameterProblems(shipped)).toEqual([]);
    for (const p of shipped.parameters)
      for (const v of p.values)
        expect(v.source, `${p.name} ${v.from}`).toMatch(/《[^》]+》.*(第[^；《]+?[条项]|[一二三四五六七八九十]+、)/);
  });

  it('give the value in force on a day: the latest whose 施行日期 is not after it', () => {
    const p = prepareParameters(shipped);
    expect(parameterOn(p, 'pension.minContributionMonths', '2029-12-31')).toBe(180);
    expect(parameterOn(p, 'pension.minContributionMonths', '2030-01-01')).toBe(186);
    expect(parameterOn(p, 'pension.minContributionMonths', '2034-06-30')).toBe(210);
    expect(parameterOn(p, 'pension.minContributionMonths', '2060-01-01')).toBe(240);
    expect(valueInForce(p, 'pension.minContributionMonths', '2030-01-01')?.source).toContain('第二条');
    expect(parameterOn(p, 'pension.minContributionMonths', '2011-06-30')).toBeNull();
    expect(parameterOn(p, 'no.such', '2030-01-01')).toBeNull();
    expect(parameterOn(p, 'retirement.male.delayFrom', '2026-01-01')).toBe('1965-01-01');
  });

  it('refuse what the schema cannot see: a name twice, two values from one day, a value of the wrong kind', () => {
    const [first, second] = shipped.parameters;
    const doc: PolicyParameters = {
      parameters: [
        first!,
        { ...second!, name: first!.name },
        { ...first!, name: 'x.sameDay', values: [first!.values[0]!, { ...first!.values[0]!, value: 17 }] },
        { ...first!, name: 'x.dateAsNumber', unit: '日期' },
        { ...first!, name: 'x.numberAsDate', values: [{ ...first!.values[0]!, value: '2025-01-01' }] },
      ],
    };
    expect(parameterProblems(doc).map((d) => [d.path, d.message])).toEqual([
      ['/parameters/1/name', `参数名称「${first!.name}」重复：每个参数只能定义一次`],
      ['/parameters/2/values/1/from', `「${first!.label}」有两个取值都自 1995-01-01 起施行：同一天只能有一个取值`],
      ['/parameters/3/values/0/value', `「${first!.label}」的单位是日期，取值应为日期（如 1965-01-01）`],
      ['/parameters/4/values/0/value', `「${first!.label}」的取值应为数字（单位：周岁）`],
    ]);
    expect(validateDocument('parameters', { parameters: [{ ...first!, values: [] }] }, 'parameters')[0]?.path).toBe('/parameters/0/values');
  });

  it('say what changed in the words of the officials who keep them', () => {
    const after = withValues('pension.minContributionMonths', [
      ...shipped.parameters.find((p) => p.name === 'pension.minContributionMonths')!.values,
      { from: '2040-01-01', value: 246, source: '《某规定》第一条' },
    ]);
    expect(catalogChanges('parameters', shipped, after, namesIn(defs))).toEqual([
      '参数「按月领取基本养老金的最低累计缴费年限」：新增取值 自 2040-01-01 起 246 月（《某规定》第一条）',
    ]);
  });
});

describe('rules and cases under dated parameters', () => {
  const retirement = (d: Definitions) => compileBundle(d, 'retirement', '320000');
  const application = (retireDate: string, contributionMonths: number) => {
    const kase = defs.bundles.find((b) => b.id === 'retirement')!.cases!.find((c) => c.id === 'all-matters')!;
    const app = structuredClone(kase.application) as Record<string, Record<string, unknown>>;
    app.person!.idNumber = withIdCheck('32010219681115123'); // a man born 1968-11-15: statutory age 61, reached 2029-11-15
    app.retire!.retireDate = retireDate;
    app.employment!.contributionMonths = contributionMonths;
    return app;
  };

  it('judge 最低缴费年限 by the value in force on the retirement date: 15 years in 2029, 15½ from 2030', () => {
    const policy = policyOf(defs);
    const refused = (o: ReturnType<typeof caseOutcome>) => (o.accepted ? [] : (o.refusedBy ?? o.errors));
    expect(refused(caseOutcome(retirement(defs), application('2029-12-31', 180), '2029-12-01', policy))).toEqual([]);
    expect(refused(caseOutcome(retirement(defs), application('2030-01-02', 180), '2029-12-01', policy))).toEqual([
      'JSRS-YL-0102/minimumContributions',
    ]);
    expect(refused(caseOutcome(retirement(defs), application('2030-01-02', 186), '2029-12-01', policy))).toEqual([]);
  });

  it('keep a recorded case’s meaning when a later step is added, and show the cases a change in force reaches', () => {
    const unemployment = defs.bundles.find((b) => b.id === 'unemployment')!;
    const minimum = (from: string, value: number) =>
      withValues('unemployment.minContributionMonths', [
        { from: '1999-01-22', value: 12, source: '《失业保险条例》第十四条第（一）项' },
        { from, value, source: '《某规定》第一条' },
      ]);
    // the shipped cases are received in 2026: a step from 2031 changes none of them
    expect(unemployment.cases!.every((c) => c.receivedOn < '2031-01-01')).toBe(true);
    const later = impactOf(defs, { kind: 'parameters', id: 'parameters', body: minimum('2031-01-01', 24) as never });
    expect(later.flatMap((b) => b.regions.flatMap((r) => r.cases))).toEqual([]);
    // a value in force on the cases' day reaches them, and the impact says which
    const now = impactOf(defs, { kind: 'parameters', id: 'parameters', body: minimum('2025-01-01', 240) as never });
    const reached = now.find((b) => b.bundleId === 'unemployment')!.regions.find((r) => r.region === '320000')!;
    expect(reached.cases.map((c) => c.id)).toContain('all-matters');
    expect(reached.cases.find((c) => c.id === 'all-matters')!.changes[0]).toMatch(/由受理变为不予受理/);
  });

  it('derive 失业保险金 最长领取期限 from the durations in force', () => {
    const compiled = compileBundle(defs, 'unemployment', '320000');
    const kase = defs.bundles.find((b) => b.id === 'unemployment')!.cases![0]!;
    const app = structuredClone(kase.application) as Record<string, Record<string, unknown>>;
    app.employment!.contributionMonths = 72;
    const longer = withValues('unemployment.benefitMonthsFiveToTenYears', [
      { from: '1999-01-22', value: 18, source: '《失业保险条例》第十七条' },
      { from: '2027-01-01', value: 20, source: '《某规定》第一条' },
    ]);
    const months = (on: string, parameters: PolicyParameters) =>
      caseOutcome(compiled, app, on, policyOf({ ...defs, parameters })).accepted && benefitMonths(compiled, app, on, parameters);
    expect(months('2026-06-01', shipped)).toBe(18);
    expect(months('2026-06-01', longer)).toBe(18);
    expect(months('2027-01-04', longer)).toBe(20);
  });
});
