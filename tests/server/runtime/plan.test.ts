import { describe, expect, it } from 'vitest';
import { compileBundle, exampleApplication, prepareCalendar } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { buildPlan, planResponseJson, todayInChina } from '../../../server/runtime/plan.ts';

const defs = loadDefinitions();
const calendar = prepareCalendar(defs.calendar);

describe('plan', () => {
  it('serialises the cached response exactly as the plan itself', () => {
    for (const bundle of defs.bundles) {
      const compiled = compileBundle(defs, bundle.id, '320500');
      for (const s of compiled.scenarios) {
        const app = exampleApplication(compiled, s.id) as Parameters<typeof buildPlan>[1];
        const text = planResponseJson(compiled, app, '2026-09-30', calendar);
        expect(JSON.parse(text.toString())).toEqual({ valid: true, plan: buildPlan(compiled, app, '2026-09-30', calendar) });
        expect(planResponseJson(compiled, app, '2026-09-30', calendar).equals(text)).toBe(true); // cached path
      }
    }
  });

  it('dates each matter after its predecessors through the calendar', () => {
    const compiled = compileBundle(defs, 'unemployment', '320000');
    const app = exampleApplication(compiled, 'main', ['JSRS-JY-0101', 'JSRS-SY-0101', 'JSRS-JY-0201']) as Parameters<typeof buildPlan>[1];
    const plan = buildPlan(compiled, app, '2026-09-30', calendar);
    expect(plan.matters.map((m) => [m.code, m.due])).toEqual([
      ['JSRS-JY-0101', '2026-09-30'],
      ['JSRS-SY-0101', '2026-10-10'], // 10-10 is a 调休 Saturday,
      ['JSRS-JY-0201', '2026-10-23'],
    ]);
    expect(plan.bundle).toMatchObject({ days: 10, due: '2026-10-20' });
  });

  it("knows today's date in China", () => {
    expect(todayInChina(Date.UTC(2026, 10, 27, 17, 0))).toBe('2026-11-28');
    expect(todayInChina(Date.UTC(2026, 10, 27, 15, 59))).toBe('2026-11-27');
  });
});
