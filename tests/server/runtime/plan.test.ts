import { describe, expect, it } from 'vitest';
import { compileBundle, deadlinesFor, exampleApplication, prepareCalendar } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { buildPlan, CalendarGapError, planResponseJson, todayInChina } from '../../../server/runtime/plan.ts';

const defs = loadDefinitions();
const calendar = prepareCalendar(defs.calendar);

describe('plan', () => {
  it('serialises the cached response exactly as the plan itself', () => {
    for (const bundle of defs.bundles) {
      const compiled = compileBundle(defs, bundle.id, '320500');
      for (const s of compiled.scenarios) {
        const app = exampleApplication(compiled, s.id) as Parameters<typeof buildPlan>[1];
        const text = planResponseJson(compiled, app, '2026-09-30', calendar);
        // the same text, member for member, as encoding the plan whole
        expect(text.toString()).toBe(JSON.stringify({ valid: true, plan: buildPlan(compiled, app, '2026-09-30', calendar) }));
        expect(planResponseJson(compiled, app, '2026-09-30', calendar).equals(text)).toBe(true); // cached path
      }
    }
  });

  it('encodes every value exactly as JSON.stringify would: quotes, backslashes, control characters, surrogates, odd numbers', () => {
    const compiled = compileBundle(defs, 'unemployment', '320500');
    const app = exampleApplication(compiled, 'main') as Parameters<typeof buildPlan>[1];
    const tricky = ['张"三', 'a\\b', 'line\nbreak\t', '\u0001\u001f', '😀 王', '\ud800 lone', 'end\udfff', '\u2028', ''];
    for (const [i, name] of tricky.entries()) {
      const person = { ...(app.person as object), name, residenceAddress: tricky[(i + 1) % tricky.length] };
      const employment = { ...(app.employment as object), contributionMonths: [-0, 1e21, 0.1, -5, 12][i % 5] };
      const odd = { ...app, person, employment };
      expect(planResponseJson(compiled, odd, '2026-09-30', calendar).toString()).toBe(
        JSON.stringify({ valid: true, plan: buildPlan(compiled, odd, '2026-09-30', calendar) }),
      );
    }
  });

  it('dates each matter after its predecessors through the calendar', () => {
    const compiled = compileBundle(defs, 'unemployment', '320000');
    const app = exampleApplication(compiled, 'main', ['JSRS-JY-0101', 'JSRS-SY-0101', 'JSRS-JY-0201']) as Parameters<typeof buildPlan>[1];
    const plan = buildPlan(compiled, app, '2026-09-30', calendar);
    // 0 + 3 + 10 working days in a chain, promised in 10: each matter gets its share, none is due after the bundle
    expect(plan.matters.map((m) => [m.code, m.days, m.due])).toEqual([
      ['JSRS-JY-0101', 0, '2026-09-30'],
      ['JSRS-SY-0101', 2, '2026-10-09'],
      ['JSRS-JY-0201', 7, '2026-10-19'], // 10-10 is a 调休 Saturday
    ]);
    expect(plan.bundle).toMatchObject({ receivedOn: '2026-09-30', acceptedOn: '2026-09-30', days: 10, due: '2026-10-20' });
  });

  it('accepts an application received on a day off on the next working day', () => {
    const compiled = compileBundle(defs, 'unemployment', '320000');
    const app = exampleApplication(compiled, 'main', ['JSRS-JY-0101']) as Parameters<typeof buildPlan>[1];
    // 2026-10-01 is National Day; 10-08 is the first working day after the holiday
    expect(buildPlan(compiled, app, '2026-10-01', calendar).bundle).toMatchObject({ receivedOn: '2026-10-01', acceptedOn: '2026-10-08' });
  });

  it('never has a matter due after the bundle, for any selection of any scenario', () => {
    for (const bundle of defs.bundles) {
      const compiled = compileBundle(defs, bundle.id, '320000');
      for (const s of compiled.scenarios) {
        const codes = s.items.map((i) => i.matter.code);
        for (let mask = 1; mask < 1 << Math.min(codes.length, 8); mask++) {
          const selected = codes.filter((_, i) => mask & (1 << i));
          const dates = deadlinesFor(s, selected, '2026-06-01', calendar);
          for (const [code, m] of Object.entries(dates.matters)) expect(m.due <= dates.bundle.due, `${bundle.id} ${code}`).toBe(true);
        }
      }
    }
  });

  it('refuses to promise dates in a year the calendar does not cover, and flags a provisional one', () => {
    const compiled = compileBundle(defs, 'work-injury-benefits', '320000');
    const s = compiled.scenarios[0]!;
    const all = s.items.map((i) => i.matter.code);
    expect(deadlinesFor(s, all, '2028-06-01', calendar).uncovered).toEqual([2028]);
    expect(deadlinesFor(s, all, '2026-12-20', calendar)).toMatchObject({ uncovered: [], provisional: [2027] });
    const app = exampleApplication(compiled, s.id) as Parameters<typeof buildPlan>[1];
    expect(() => buildPlan(compiled, app, '2028-06-01', calendar)).toThrow(CalendarGapError);
    expect(buildPlan(compiled, app, '2026-12-21', calendar).provisionalYears).toEqual([2027]);
  });

  it("knows today's date in China", () => {
    expect(todayInChina(Date.UTC(2026, 10, 27, 17, 0))).toBe('2026-11-28');
    expect(todayInChina(Date.UTC(2026, 10, 27, 15, 59))).toBe('2026-11-27');
    // the day is remembered with the instants it spans: its first and last millisecond, and either side
    expect(todayInChina(Date.UTC(2026, 10, 27, 16, 0))).toBe('2026-11-28');
    expect(todayInChina(Date.UTC(2026, 10, 28, 15, 59, 59, 999))).toBe('2026-11-28');
    expect(todayInChina(Date.UTC(2026, 10, 28, 16, 0))).toBe('2026-11-29');
    expect(todayInChina(Date.UTC(2026, 10, 27, 15, 59, 59, 999))).toBe('2026-11-27');
    expect(todayInChina(Date.UTC(1969, 11, 31, 20, 0))).toBe('1970-01-01');
  });
});
