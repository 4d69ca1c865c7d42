import { describe, expect, it } from 'vitest';
import { compileBundle, legalDaysText } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { bundle, definitions, matter } from '../../support/fixtures.ts';

/** 法定时限: what the law sets, or 无 — never a number the law does not give. */
const defs = loadDefinitions();

describe('法定时限', () => {
  it.each(['JSRS-SK-0101', 'JSRS-ZP-0103', 'JSRS-LD-0101', 'JSRS-JY-0301'])('%s has none in law (无)', (code) => {
    expect(defs.matters.find((m) => m.code === code)!.legalDays).toBeNull();
  });

  it('keeps a figure only with its source beside it', () => {
    const figures = defs.matters.filter((m) => m.legalDays !== null);
    expect(figures.map((m) => m.code)).toEqual(['JSRS-SB-0201']);
    for (const m of figures) expect(m.legalDaysBasis, m.code).toMatch(/《.+》.*第.+条/);
  });

  it('flags a bundle share below the minimum the matter’s back office agreed to', () => {
    const slow = matter('A001', { promisedDays: 20, minimumDays: 12 });
    const defsOf = (promisedDays: number) => definitions([slow, matter('B001', { promisedDays: 10 })], [bundle(['A001', 'B001'], { mode: 'serial', promisedDays })]);
    const found = (promisedDays: number) =>
      compileBundle(defsOf(promisedDays), 'test-bundle', '320000').diagnostics.filter((d) => d.code === 'time.share-below-minimum');
    // 30 days on a 30-day chain: 20 for A001; 15 on 30: 10 for A001, below its 12
    expect(found(30)).toEqual([]);
    expect(found(18)).toEqual([]);
    expect(found(15)).toMatchObject([{ severity: 'warning', loc: { scenario: 'main', matter: 'A001' } }]);
    expect(found(15)[0]!.message).toContain('本件中 10 个工作日');
    expect(found(15)[0]!.message).toContain('不少于 12 个工作日');
  });

  it('reads 无 when the law sets none, and the days when it does', () => {
    expect(legalDaysText(null)).toBe('无');
    expect(legalDaysText(15)).toBe('15 个工作日');
  });

  it('never finds a promise longer than a limit the law does not set', () => {
    const free = matter('A001', { legalDays: null, promisedDays: 30 });
    const compiled = compileBundle(definitions([free, matter('B001')], [bundle(['A001', 'B001'])]), 'test-bundle', '320000');
    expect(compiled.diagnostics.filter((d) => d.code === 'time.promise-exceeds-legal')).toEqual([]);
    expect(compiled.scenarios[0]!.items[0]!.matter.legalDays).toBeNull();
  });
});

describe('what is really parallel', () => {
  it('工伤待遇: the matters are independent once 工伤认定 exists; only 一次性工伤医疗补助金 waits for the 伤残 decision', () => {
    const compiled = compileBundle(defs, 'work-injury-benefits', '320000');
    const s = compiled.scenarios[0]!;
    expect(s.mode).toBe('parallel');
    expect(s.edges).toEqual([{ before: 'JSRS-GS-0103', after: 'JSRS-GS-0106' }]);
    // the longest chain: 伤残待遇 15 then 一次性工伤医疗补助金 10; no promise above it, none made up below it
    expect(s.timeLimit).toMatchObject({ criticalDays: 25, days: 25 });
  });
});
