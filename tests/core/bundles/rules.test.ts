import { describe, expect, it } from 'vitest';
import { citesArticle, compileBundle, logicProblems } from '../../../schemas/index.ts';
import { loadDefinitions, loadRegions } from '../../../server/catalog/shipped.ts';

/** The shipped 受理条件 and 智能审核 rules: each has cases both ways, cites its basis or says nothing, and compiles clean everywhere. */
const defs = loadDefinitions();
const rules = [
  ...defs.matters.flatMap((m) => (m.rules ?? []).map((r) => ({ where: m.name, rule: r }))),
  ...defs.bundles.flatMap((b) => (b.rules ?? []).map((r) => ({ where: b.name, rule: r }))),
];

describe('the shipped rules', () => {
  it('are there where the issues ask: 失业保险金, retirement ages, contributions, 工伤认定, dates of death and accident, and one refusal a case can show in every bundle', () => {
    expect(rules.map(({ rule }) => rule.id).sort()).toEqual(
      [
        'accidentNotInFuture',
        'atStatutoryAge',
        'closedAfterRegistration',
        'contractAfterAppointment',
        'contributedOneYear',
        'beforeRetirementAge',
        'deathNotInFuture',
        'deathNotInFuture',
        'gradeFiveToTen',
        'noPension',
        'notAfterLatest',
        'notBeforeEarliest',
        'notTheDeceased',
        'oneFuneralGrant',
        'specialJobYears',
        'workingAge',
        'hasWorkingAge',
        'separatedBeforeApplying',
        'workingAge',
        'workingAgeReached',
        'minimumContributions',
        'notBeforeEarliest',
        'notTheDeceased',
        'notVoluntary',
        'recognized',
        'sixty',
        'specialJobAge',
      ].sort(),
    );
  });

  it.each(rules.map(({ where, rule }) => [`${where} / ${rule.message}`, rule] as const))('%s: has accept and reject cases, a basis with its article, and allowed logic', (_n, rule) => {
    expect(rule.cases?.some((c) => c.passes)).toBe(true);
    expect(rule.cases?.some((c) => !c.passes)).toBe(true);
    expect(logicProblems(rule.logic)).toEqual([]);
    // a basis names the instrument and the article (第…条 or a numbered part) a lawyer can check
    expect(citesArticle(rule.basis), rule.basis).toBe(true);
  });

  it.each(rules.filter(({ rule }) => rule.severity === 'reject').map(({ where, rule }) => [`${where} / ${rule.id}`, rule] as const))(
    '%s states its 受理条件 in positive words for the guide (who may apply), apart from the refusal',
    (_n, rule) => {
      expect(rule.condition).toBeTruthy();
      expect(rule.condition).not.toMatch(/不能|不予|(?<!申)请/);
    },
  );

  it('every case gives its recorded outcome, in every region (the compiler checks them)', () => {
    for (const b of defs.bundles)
      for (const r of loadRegions()) {
        const found = compileBundle(defs, b.id, r.code).diagnostics.filter((d) => d.severity === 'error');
        expect(found, `${b.id} ${r.code}`).toEqual([]);
      }
  });
});
