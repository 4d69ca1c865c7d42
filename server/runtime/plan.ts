/**
 * The plan of a valid application: the one application split into what each selected
 * matter's back office receives (its fields, its materials, its department), in flow order,
 * with each matter's and the bundle's due date from today through the working-day calendar.
 */
import { checklistForSelection, deadlinesFor, type CompiledBundle, type PreparedCalendar } from '../../schemas/index.ts';

/** Today in China (Asia/Shanghai), as YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** Splits a valid application per selected matter. */
export function buildPlan(compiled: CompiledBundle, app: { scenario: string; matters: string[] } & Record<string, unknown>, acceptedOn: string, calendar: PreparedCalendar) {
  const scenario = compiled.scenarios.find((s) => s.id === app.scenario)!;
  const selected = scenario.items.map((i) => i.matter.code).filter((c) => app.matters.includes(c));
  const dates = deadlinesFor(scenario, selected, acceptedOn, calendar);
  const checklist = checklistForSelection(scenario, selected);
  const stage = new Map(scenario.stages.flatMap((codes, i) => codes.map((c) => [c, i + 1] as const)));
  const matters = scenario.items
    .filter((i) => selected.includes(i.matter.code))
    .map((i) => {
      const code = i.matter.code;
      const fields: Record<string, Record<string, unknown>> = {};
      for (const f of compiled.fields) {
        if (!f.sources.some((s) => s.matter === code)) continue;
        const value = (app[f.section] as Record<string, unknown> | undefined)?.[f.key];
        if (value === undefined) continue;
        (fields[f.section] ??= {})[f.key] = value;
      }
      return {
        code, name: i.matter.name, department: i.matter.department, selection: i.selection,
        stage: stage.get(code) ?? 1,
        startsAfter: dates.matters[code]!.startsAfter,
        days: dates.matters[code]!.days,
        due: dates.matters[code]!.due,
        fields,
        materials: checklist.filter((c) => c.matters.includes(code)).map((c) => ({ id: c.id, name: c.name, necessity: c.necessity, exempt: c.exempt })),
      };
    });
  return {
    bundle: { id: compiled.id, version: compiled.version, region: compiled.region, scenario: scenario.id, acceptedOn, days: dates.bundle.days, due: dates.bundle.due },
    matters,
    checklist,
  };
}
