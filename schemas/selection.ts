/**
 * Per-selection answers from a compiled bundle: which matters an application may select,
 * its checklist, required fields, time limit and deadlines. The compiler uses the same
 * functions for its defaults, so studio, runtime and export never disagree.
 */
import { deadline, type PreparedCalendar } from './calendar.ts';
import type { ChecklistItem, CompiledBundle, CompiledScenario, MergedField, TimeLimit } from './compiled-types.ts';
import { prepareFlow, timeLimitOf, type PreparedFlow } from './flow.ts';
import { FORMATS } from './formats.ts';
import { checklistFor } from './materials.ts';

const flows = new WeakMap<CompiledScenario, PreparedFlow>();

/** The scenario's flow, prepared once per compiled scenario. */
export function flowOf(scenario: CompiledScenario): PreparedFlow {
  let flow = flows.get(scenario);
  if (!flow) {
    flow = prepareFlow(
      scenario.items.map((i) => i.matter.code),
      scenario.edges,
      new Map(scenario.items.map((i) => [i.matter.code, i.matter.promisedDays])),
    );
    flows.set(scenario, flow);
  }
  return flow;
}

/** Codes of the scenario's required matters. */
export function requiredMatters(scenario: CompiledScenario): string[] {
  return scenario.items.filter((i) => i.selection === 'required').map((i) => i.matter.code);
}

/** Codes of every matter of the scenario. */
export function allMatters(scenario: CompiledScenario): string[] {
  return scenario.items.map((i) => i.matter.code);
}

/** The time limit of a selection: longest path, capped by the scenario's promise. */
export function timeLimitFor(scenario: CompiledScenario, selected: readonly string[]): TimeLimit {
  return timeLimitOf(flowOf(scenario), selected, scenario.promisedDays);
}

/** The deduplicated checklist of a selection. */
export function checklistForSelection(scenario: CompiledScenario, selected: readonly string[]): ChecklistItem[] {
  const reach = flowOf(scenario).reach;
  return checklistFor(scenario.materials, new Set(selected), (a, b) => reach.get(a)?.has(b) === true);
}

/** The merged fields a selection requires (a field is required when any selected matter requires it). */
export function requiredFieldsFor(compiled: CompiledBundle, selected: readonly string[]): MergedField[] {
  const chosen = new Set(selected);
  return compiled.fields.filter((f) => f.sources.some((s) => s.required && chosen.has(s.matter)));
}

/** The merged fields a selection shows (any selected matter asks for them). */
export function fieldsFor(compiled: CompiledBundle, selected: readonly string[]): MergedField[] {
  const chosen = new Set(selected);
  return compiled.fields.filter((f) => f.sources.some((s) => chosen.has(s.matter)));
}

/** Due dates of each selected matter and of the whole bundle, counted in working days from `start`. */
export function deadlinesFor(
  scenario: CompiledScenario,
  selected: readonly string[],
  start: string,
  calendar: PreparedCalendar,
): { matters: Record<string, { days: number; startsAfter: string[]; due: string }>; bundle: { days: number; due: string } } {
  const flow = flowOf(scenario);
  const chosen = new Set(selected);
  const finish = new Map<string, number>();
  const matters: Record<string, { days: number; startsAfter: string[]; due: string }> = {};
  for (const code of flow.topo) {
    if (!chosen.has(code)) continue;
    const before = flow.topo.filter((p) => chosen.has(p) && flow.reach.get(p)?.has(code));
    const direct = before.filter((p) => !before.some((q) => q !== p && flow.reach.get(p)?.has(q)));
    const days = flow.days.get(code) ?? 0;
    const end = Math.max(0, ...before.map((p) => finish.get(p)!)) + days;
    finish.set(code, end);
    matters[code] = { days, startsAfter: direct, due: deadline(start, end, calendar) };
  }
  const limit = timeLimitFor(scenario, selected);
  return { matters, bundle: { days: limit.days, due: deadline(start, limit.days, calendar) } };
}

/** Field labels by JSON Pointer (`/person/idNumber`), for naming fields in error messages. */
export function fieldTitles(compiled: CompiledBundle): Map<string, string> {
  const titles = new Map<string, string>([
    ['/scenario', '办事情形'],
    ['/matters', '办理事项'],
  ]);
  for (const s of compiled.sections) titles.set(`/${s.key}`, s.label);
  for (const f of compiled.fields) titles.set(`/${f.section}/${f.key}`, f.label);
  return titles;
}

/**
 * An application as the back offices receive it: values typed loosely but unambiguously are
 * normalised (an ID number's check character x becomes X). Anything that is not an object is
 * returned as it is, for the validator to refuse.
 */
export function normalizeApplication(compiled: CompiledBundle, app: unknown): unknown {
  if (!app || typeof app !== 'object' || Array.isArray(app)) return app;
  let out = app as Record<string, unknown>;
  for (const f of compiled.fields) {
    const normalize = f.format ? FORMATS[f.format].normalize : undefined;
    const section = out[f.section] as Record<string, unknown> | undefined;
    const value = section?.[f.key];
    if (!normalize || typeof value !== 'string' || normalize(value) === value) continue;
    out = { ...out, [f.section]: { ...section, [f.key]: normalize(value) } };
  }
  return out;
}
