import { describe, expect, it } from 'vitest';
import { compileBundle, policyOf, withIdCheck, type Rule } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { fieldsRead, trialInputs, tryRule, valueAt } from '../../../studio/src/editor/rule-trial.ts';

const defs = loadDefinitions();
const policy = policyOf(defs);
const compiled = compileBundle(defs, 'death', '320000');
const rule = compiled.rules.find((r) => r.id === 'deathNotInFuture')!;
const draft: Rule = {
  id: 'deathNotInFuture',
  message: rule.message,
  severity: 'reject',
  fields: ['death.date'],
  logic: { '<=': [{ var: 'death.date' }, { var: 'applicationDate' }] },
};

describe('rule-trial', () => {
  it('offers an input for each value the rule reads, typed as the form types it', () => {
    expect(trialInputs(compiled, draft.logic).map((i) => [i.path, i.kind])).toEqual([
      ['death.date', 'date'],
      ['applicationDate', 'date'],
    ]);
    const byAgent = trialInputs(compiled, { '==': [{ var: 'answers.byAgent' }, true] });
    expect(byAgent).toEqual([expect.objectContaining({ path: 'answers.byAgent', kind: 'boolean' })]);
    expect(fieldsRead(compiled, { and: [draft.logic, { var: 'answers.byAgent' }] })).toEqual(['death.date']);
  });

  it('judges a draft as the compiler judges its saved cases: each shipped case gives its recorded outcome', () => {
    for (const c of rule.cases!) expect(tryRule(compiled, draft, c.values, policy)?.passes).toBe(c.passes);
    const trial = tryRule(compiled, draft, {}, policy)!;
    expect(valueAt(trial.application, 'applicationDate')).toBe('2026-01-01');
    expect(typeof valueAt(trial.application, 'death.date')).toBe('string');
  });

  it('reads a 政策参数 as in force on the trial’s application date', () => {
    const unemployment = compileBundle(defs, 'unemployment', '320000');
    const needs: Rule = {
      ...draft,
      id: 'x',
      fields: ['employment.contributionMonths'],
      logic: { '>=': [{ var: 'employment.contributionMonths' }, { param: 'unemployment.minContributionMonths' }] },
    };
    expect(tryRule(unemployment, needs, { 'employment.contributionMonths': 12 }, policy)?.passes).toBe(true);
    expect(tryRule(unemployment, needs, { 'employment.contributionMonths': 11 }, policy)?.passes).toBe(false);
  });

  it('offers the field a derived value comes from, since what is typed into a derived field is worked out again', () => {
    const hardship = compileBundle(defs, 'hardship-subsidy', '320000');
    const logic = { '>=': [{ age: [{ var: 'person.birthDate' }, { var: 'applicationDate' }] }, { param: 'work.minimumAge' }] };
    expect(trialInputs(hardship, logic).map((i) => [i.path, i.label])).toEqual([
      ['person.idNumber', '公民身份号码（「出生日期」由此得出）'],
      ['applicationDate', '申请日期'],
    ]);
    const needs: Rule = { ...draft, id: 'x', fields: ['person.birthDate'], logic };
    const at = { applicationDate: '2026-06-01' };
    expect(tryRule(hardship, needs, { ...at, 'person.idNumber': withIdCheck('32010220100602123') }, policy)?.passes).toBe(false);
    expect(tryRule(hardship, needs, { ...at, 'person.idNumber': withIdCheck('32010220100601123') }, policy)?.passes).toBe(true);
  });

  it('says when the rule applies in no scenario of the bundle', () => {
    expect(tryRule(compiled, { ...draft, scenarios: ['nowhere'] }, {}, policy)).toBeNull();
  });
});
