import { describe, expect, it } from 'vitest';
import { caseOutcome, compileBundle, outcomeChanges, policyOf, type Definitions } from '../../../schemas/index.ts';
import { loadDefinitions, loadRegions } from '../../../server/catalog/shipped.ts';

/** 用例: what each shipped bundle carries, and how a change to a shared matter shows in them. */
const defs = loadDefinitions();
const regions = loadRegions().map((r) => r.code);

describe('golden cases', () => {
  it.each(defs.bundles.map((b) => [b.id, b] as const))(
    '%s carries one accepted case, one refused by a rule where its matters have a legal 受理条件, one with other matters',
    (_id, b) => {
      const compiled = compileBundle(defs, b.id, '320000');
      const cases = compiled.cases;
      const refuses = compiled.rules.some((r) => r.severity === 'reject');
      expect(cases.length).toBeGreaterThanOrEqual(refuses ? 3 : 2);
      const accepted = cases.filter((c) => c.actual.accepted);
      expect(accepted.length).toBeGreaterThanOrEqual(2);
      expect(new Set(accepted.map((c) => JSON.stringify(c.actual.matters))).size).toBeGreaterThanOrEqual(2);
      // 招聘 and 高校毕业生 have no 受理条件 in law; the date checks they carried were not legal statements
      if (refuses) expect(cases.some((c) => !c.actual.accepted && c.actual.refusedBy?.length)).toBe(true);
      else expect(['graduation', 'recruitment']).toContain(b.id);
      expect(cases.every((c) => c.changes.length === 0)).toBe(true);
    },
  );

  it('hold their recorded outcome in every region, the cities’ own records included', () => {
    for (const b of defs.bundles)
      for (const region of regions) {
        const changed = compileBundle(defs, b.id, region).cases.filter((c) => c.changes.length);
        expect(changed, `${b.id} in ${region}`).toEqual([]);
      }
  });

  it('say in words what a change to a shared matter does to them', () => {
    // 失业保险金申领 promised in 10 working days instead of 3
    const slower: Definitions = {
      ...defs,
      matters: defs.matters.map((m) => (m.code === 'JSRS-SY-0101' ? { ...m, promisedDays: 10 } : m)),
    };
    const changed = compileBundle(slower, 'unemployment', '320000').cases.filter((c) => c.changes.length);
    expect(changed.map((c) => c.id)).toEqual(['all-matters', 'only-jsrs-sy-0101']);
    expect(changed[0]!.changes[0]).toMatch(/^「失业保险金申领」由受理后第 \d+ 个工作日办结变为第 \d+ 个工作日$/);
    const diagnostics = compileBundle(slower, 'unemployment', '320000').diagnostics.filter((d) => d.code === 'case.changed');
    expect(diagnostics.map((d) => [d.severity, d.path, d.loc])).toEqual([
      ['error', '/cases/0', { case: 'all-matters' }],
      ['error', '/cases/2', { case: 'only-jsrs-sy-0101' }],
    ]);
  });

  it('name a material the change took away by its name, though the compile no longer has it', () => {
    const noBankCard: Definitions = {
      ...defs,
      matters: defs.matters.map((m) =>
        m.code === 'JSRS-SY-0101' ? { ...m, materials: m.materials.filter((x) => x.ref !== 'bankCard') } : m,
      ),
    };
    const changed = compileBundle(noBankCard, 'unemployment', '320000').cases.find((c) => c.id === 'all-matters')!;
    expect(changed.changes).toContain('需提交的材料减少「本人银行卡（折）」');
  });

  it('decide as the runtime does: the form first, then the rules on the day received, then the plan', () => {
    const compiled = compileBundle(defs, 'unemployment', '320000');
    const kase = defs.bundles.find((b) => b.id === 'unemployment')!.cases!.find((c) => c.id === 'refused-contributed-one-year')!;
    expect(caseOutcome(compiled, kase.application, kase.receivedOn, policyOf(defs))).toEqual({
      accepted: false,
      refusedBy: ['JSRS-SY-0101/contributedOneYear'],
    });
    // a broken form is refused for the form, before any rule is asked
    const { scenario: _s, ...noScenario } = kase.application;
    expect(caseOutcome(compiled, noScenario, kase.receivedOn)).toEqual({ accepted: false, errors: ['/scenario'] });
    // an outcome reads the same way it is compared
    const accepted = caseOutcome(
      compiled,
      defs.bundles.find((b) => b.id === 'unemployment')!.cases![0]!.application,
      '2026-01-05',
      policyOf(defs),
    );
    const names = { matter: (c: string) => c, material: (m: string) => m, rule: (r: string) => r, path: (p: string) => p };
    expect(outcomeChanges(accepted, { accepted: false, refusedBy: ['r'] }, names)).toEqual(['由受理变为不予受理（「r」）']);
    expect(outcomeChanges(accepted, { ...accepted, materials: [...accepted.materials!, 'x'] }, names)).toEqual(['需提交的材料增加「x」']);
  });
});
