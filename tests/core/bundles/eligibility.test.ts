import { describe, expect, it } from 'vitest';
import {
  caseOutcome,
  compileBundle,
  derivedValues,
  domainOps,
  exampleApplication,
  policyOf,
  withIdCheck,
  withValue,
  type CaseOutcome,
} from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';

/**
 * Who the law lets apply, decided as the runtime decides an application: for each eligibility point of
 * the shipped catalog, an applicant just inside and one just outside the line. A refusal names the rule.
 */
const defs = loadDefinitions();
const policy = policyOf(defs);

function decide(bundle: string, scenario: string, matters: string[], values: Record<string, unknown>, receivedOn = '2026-03-02'): CaseOutcome {
  const compiled = compileBundle(defs, bundle, '320000');
  let app = exampleApplication(compiled, scenario, matters, { parameters: policy.parameters, on: receivedOn });
  for (const [path, value] of Object.entries(values)) app = withValue(app, path, value);
  return caseOutcome(compiled, app, receivedOn, policy);
}
const refusedBy = (o: CaseOutcome) => (o.accepted ? [] : (o.refusedBy ?? o.errors ?? ['?']));

describe('一次性工伤医疗补助金 (《工伤保险条例》第三十五条至第三十七条)', () => {
  const injured = (grade: string) =>
    decide('work-injury-benefits', 'main', ['JSRS-GS-0101', 'JSRS-GS-0103', 'JSRS-GS-0106'], {
      'answers.case': 'injured',
      'answers.recognized': true,
      'answers.terminated': true,
      'injury.disabilityGrade': grade,
    });
  it.each(['1', '4'])('refuses 伤残 grade %s: 一至四级 keep the employment relationship and draw 伤残津贴', (grade) => {
    expect(refusedBy(injured(grade))).toContain('JSRS-GS-0106/gradeFiveToTen');
  });
  it.each(['5', '10'])('accepts grade %s', (grade) => expect(injured(grade).accepted).toBe(true));
});

describe('特殊工种提前退休 years in the special job (劳社部发〔1999〕8号; 国发〔1978〕104号)', () => {
  const retire = (type: string, years: number) =>
    decide('retirement', 'enterprise-staff', ['JSRS-YL-0101', 'JSRS-YL-0103'], {
      'answers.specialJob': true,
      'person.idNumber': '320102196608151238',
      'retire.retireDate': '2026-03-02',
      'retire.specialJobType': type,
      'retire.specialJobYears': years,
    });
  it.each([
    ['underground', 9],
    ['hot', 9],
    ['highAltitude', 10],
    ['heavy', 10],
    ['harmful', 8],
  ])('%s: accepts %i years, refuses one less', (type, years) => {
    expect(retire(type, years).accepted).toBe(true);
    expect(refusedBy(retire(type, years - 1))).toContain('JSRS-YL-0103/specialJobYears');
  });
});

describe('失业保险金: 非因本人意愿中断就业 (人社部令第13号 第十三条)', () => {
  const claim = (reason: string) =>
    decide('unemployment', 'main', ['JSRS-JY-0101', 'JSRS-SY-0101'], { 'answers.benefits': ['insurance'], 'employment.separationReason': reason });
  it.each(['expire', 'employer', 'employerMutual', 'employeeForCause', 'bankrupt'])('accepts %s', (reason) => {
    expect(claim(reason).accepted).toBe(true);
  });
  it.each(['employee', 'employeeMutual'])('refuses %s', (reason) => {
    expect(refusedBy(claim(reason))).toContain('JSRS-SY-0101/notVoluntary');
  });
  it('no longer offers a 协商一致 that does not say who proposed it', () => {
    const reasons = defs.dictionary.elements.find((e) => e.id === 'employment.separationReason')!.options!;
    expect(reasons.map((o) => o.value)).not.toContain('mutual');
    expect(reasons.find((o) => o.value === 'employeeForCause')!.label).toContain('第三十八条');
  });
});

describe('失业保险金 最长领取期限: by the contributions, and never past the statutory retirement date', () => {
  /** The period the runtime works out for an applicant with this ID number and contributions, received on 2026-03-02. */
  const period = (idNumber: string, contributionMonths: number) => {
    const compiled = compileBundle(defs, 'unemployment', '320000');
    const on = { parameters: policy.parameters, on: '2026-03-02' };
    let app = exampleApplication(compiled, 'main', ['JSRS-JY-0101', 'JSRS-SY-0101'], on);
    app = withValue(withValue(app, 'person.idNumber', idNumber), 'employment.contributionMonths', contributionMonths);
    return derivedValues(compiled, app, on)['employment.benefitMonths'];
  };
  it('gives 12, 18 or 24 months by the years of contributions (《失业保险条例》第十七条)', () => {
    expect(period(withIdCheck('32010219850615123'), 59)).toBe(12);
    expect(period(withIdCheck('32010219850615123'), 72)).toBe(18);
    expect(period(withIdCheck('32010219850615123'), 120)).toBe(24);
  });
  it('stops at the statutory retirement date when that comes sooner (《失业保险条例》第十五条第（四）项)', () => {
    // a man born 1966-07-15 retires at 60 years and 5 months, on 2026-12-15: 9 whole months after 2026-03-02
    expect(domainOps.retirementDate('1966-07-15', '1', undefined, policy.parameters, '2026-03-02')).toBe('2026-12-15');
    expect(period(withIdCheck('32010219660715123'), 72)).toBe(9);
    // a woman: the earlier age of a woman worker (50 → 55), unless she is shown to hold a managerial or technical post
    expect(period(withIdCheck('32010219760115122'), 130)).toBe(
      domainOps.monthsBetween('2026-03-02', domainOps.retirementDate('1976-01-15', '2', 'worker', policy.parameters, '2026-03-02')),
    );
  });
});

describe('失业登记 and 失业保险金 are for people of working age', () => {
  // born 1959-03-01: 67 on the day; a man born 1985: 40
  it.each([
    ['JSRS-JY-0101', ['JSRS-JY-0101', 'JSRS-SK-0101'], ['card'], 'JSRS-JY-0101/workingAge'],
    ['JSRS-SY-0101', ['JSRS-JY-0101', 'JSRS-SY-0101'], ['insurance'], 'JSRS-SY-0101/beforeRetirementAge'],
  ])('%s refuses a 67-year-old', (_m, matters, benefits, rule) => {
    const o = decide('unemployment', 'main', matters, { 'answers.benefits': benefits, 'person.idNumber': '320102195903011233' });
    expect(refusedBy(o)).toContain(rule);
  });
  it('accepts a 40-year-old for both', () => {
    const o = decide('unemployment', 'main', ['JSRS-JY-0101', 'JSRS-SY-0101'], { 'answers.benefits': ['insurance'], 'person.idNumber': '320102198506151236' });
    expect(o.accepted).toBe(true);
  });
  it('失业保险金 refuses whoever draws a basic pension (《失业保险条例》第十五条)', () => {
    const o = decide('unemployment', 'main', ['JSRS-JY-0101', 'JSRS-SY-0101'], { 'answers.benefits': ['insurance'], 'employment.drawsPension': true });
    expect(refusedBy(o)).toContain('JSRS-SY-0101/noPension');
  });
});

describe('去世一件事: one 丧葬补助金 (《社会保险法》第四十九条第二款)', () => {
  const both = ['JSRS-YL-0401', 'JSRS-SY-0102'];
  it('refuses both funds’ 丧葬补助金 without a choice', () => {
    const o = decide('death', 'employee', both, { 'answers.unemployedAtDeath': true, 'answers.funeralGrantFrom': null });
    expect(o.accepted).toBe(false);
  });
  it.each(['pension', 'unemployment'])('accepts the family’s choice: %s', (from) => {
    const o = decide('death', 'employee', both, { 'answers.unemployedAtDeath': true, 'answers.funeralGrantFrom': from });
    expect(o.accepted).toBe(true);
  });
  it('asks only when the deceased drew 失业保险金', () => {
    const q = defs.bundles.find((b) => b.id === 'death')!.scenarios.find((s) => s.id === 'employee')!.questions!.find((x) => x.id === 'funeralGrantFrom')!;
    expect(q.when).toEqual({ answer: 'unemployedAtDeath', equals: true });
  });
});

describe('退休·机关事业单位人员 retires at the statutory age', () => {
  const retire = (values: Record<string, unknown>) => decide('retirement', 'public-institution', ['JSRS-YL-0201'], values);
  it('refuses an applicant born 1990', () => {
    expect(refusedBy(retire({ 'person.idNumber': '320102199001011232', 'retire.retireDate': '2026-03-02' }))).toContain(
      'JSRS-YL-0201/notBeforeEarliest',
    );
  });
  it('accepts a man at 60 and 7 months born 1965-07', () => {
    expect(retire({ 'person.idNumber': '320102196507011236', 'retire.retireDate': '2026-03-02' }).accepted).toBe(true);
  });
  it('accepts 《公务员法》第九十三条 early retirement after 30 years of service, approved', () => {
    const o = retire({ 'person.idNumber': '320102197001151236', 'retire.retireDate': '2026-03-02', 'retire.earlyByService': true });
    expect(o.accepted).toBe(true);
    expect(o.materials).toContain('earlyRetirementApproval');
  });
});

describe('退休·企业职工: 原法定退休年龄 asked of women only, 弹性延迟 at most three years', () => {
  it('refuses a retirement date more than three years after the statutory one', () => {
    // born 1966-08-15: 60 years and 5 months, 2027-01-15; three years later 2030-01-15
    const late = (date: string) =>
      decide('retirement', 'enterprise-staff', ['JSRS-YL-0101'], { 'answers.specialJob': false, 'person.idNumber': '320102196608151238', 'retire.retireDate': date });
    expect(domainOps.retirementDate('1966-08-15', '1', undefined, policy.parameters, '2026-03-02')).toBe('2027-01-15');
    expect(late('2030-01-15').accepted).toBe(true);
    expect(refusedBy(late('2030-01-16'))).toContain('JSRS-YL-0101/notAfterLatest');
  });
  it('shows 人员身份 only to women', () => {
    const c = defs.bundles.find((b) => b.id === 'retirement')!.fieldConditions!.find((x) => x.target === 'retire.staffType');
    expect(c?.when).toEqual({ field: 'person.gender', equals: '2' });
  });
});

describe('城乡居民养老保险注销: the applicant is not the deceased', () => {
  it('refuses an application whose applicant and deceased share an ID number', () => {
    const o = decide('resident-pension-cancellation', 'main', ['JSRS-YL-0304'], {
      'person.idNumber': '320102195809011237',
      'death.idNumber': '320102195809011237',
    });
    expect(refusedBy(o)).toContain('notTheDeceased');
  });
  it('its shipped cases use another ID number for the applicant', () => {
    for (const c of defs.bundles.find((b) => b.id === 'resident-pension-cancellation')!.cases!) {
      const a = c.application as { person?: { idNumber?: string }; death?: { idNumber?: string } };
      expect(a.person?.idNumber, c.id).not.toBe(a.death?.idNumber);
    }
  });
});
