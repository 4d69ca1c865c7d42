/**
 * Per-selection answers from a compiled bundle: which matters an application may select,
 * its checklist, required fields, time limit and deadlines. The compiler uses the same
 * functions for its defaults, so studio, runtime and export never disagree.
 */
import { deadline, uncoveredYears, type PreparedCalendar } from './calendar.ts';
import type { ChecklistItem, CompiledBundle, CompiledScenario, MergedField, TimeLimit } from './compiled-types.ts';
import { describeCondition, holds, type ApplicationData, type ConditionWords } from './conditions.ts';
import { prepareFlow, timeLimitOf, type PreparedFlow } from './flow.ts';
import { FORMATS } from './formats.ts';
import { checklistFor } from './materials.ts';
import { mapParts, ROSTER_KEY } from './roster.ts';

const flows = new WeakMap<CompiledScenario, PreparedFlow>();

/** The scenario's flow, prepared once per compiled scenario. */
export function flowOf(scenario: CompiledScenario): PreparedFlow {
  let flow = flows.get(scenario);
  if (!flow) {
    flow = prepareFlow(
      scenario.items.map((i) => i.matter.code),
      scenario.edges,
      new Map(scenario.items.map((i) => [i.matter.code, i.promisedDays ?? i.matter.promisedDays])),
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

/**
 * Each selected matter's working days in this bundle: its days in the flow, scaled down when the
 * bundle promises less than its longest chain (减时限: a commitment each back office is told).
 */
export function matterShares(
  scenario: CompiledScenario,
  selected: readonly string[],
  limit: TimeLimit = timeLimitFor(scenario, selected),
): Map<string, number> {
  const flow = flowOf(scenario);
  const share = limit.criticalDays > limit.days ? limit.days / limit.criticalDays : 1;
  return new Map(selected.map((code) => [code, Math.floor((flow.days.get(code) ?? 0) * share + 1e-9)]));
}

/**
 * The deduplicated checklist of a selection; with an application, the materials its answers
 * ask for are on it when they apply, and without one they are listed with the case they are for.
 */
export function checklistForSelection(
  scenario: CompiledScenario,
  selected: readonly string[],
  app?: ApplicationData,
  words?: ConditionWords,
): ChecklistItem[] {
  const reach = flowOf(scenario).reach;
  const describe = words ? (c: Parameters<typeof describeCondition>[0]) => describeCondition(c, words) : undefined;
  return checklistFor(scenario.materials, new Set(selected), (a, b) => reach.get(a)?.has(b) === true, app, describe);
}

/** How conditions of this bundle are said in words: its questions, its fields, its matters. */
export function conditionWords(compiled: { scenarios: readonly CompiledScenario[]; fields: readonly MergedField[] }): ConditionWords {
  const questions = new Map(compiled.scenarios.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  const fields = new Map(compiled.fields.map((f) => [f.id, f]));
  const matters = new Map(compiled.scenarios.flatMap((s) => s.items.map((i) => [i.matter.code, i.matter.name] as const)));
  return { question: (id) => questions.get(id), field: (id) => fields.get(id), matter: (code) => matters.get(code) ?? code };
}

/** What the answers make of a scenario's matters: which must be handled, which must not. */
export function answeredSelection(scenario: CompiledScenario, app: ApplicationData): { required: Set<string>; excluded: Set<string> } {
  const required = new Set(requiredMatters(scenario));
  const excluded = new Set<string>();
  for (const e of scenario.effects) {
    if (!holds(e.when, app)) continue;
    for (const code of e.require ?? []) required.add(code);
    for (const code of e.exclude ?? []) excluded.add(code);
  }
  return { required, excluded };
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

/** Due dates of a selection: each matter's and the whole bundle's, and the calendar years they fall in that are not known. */
export interface Deadlines {
  /** `ends`: working days after acceptance by which the matter is due. */
  matters: Record<string, { days: number; startsAfter: string[]; due: string; ends: number }>;
  bundle: { days: number; due: string };
  /** Years the calendar does not cover: no date there can be trusted. */
  uncovered: number[];
  /** Years whose holidays are not yet announced: dates there may move. */
  provisional: number[];
}

/**
 * Due dates of each selected matter and of the whole bundle, in working days from `start`
 * (the day of acceptance). When the bundle promises less than its critical path, every
 * matter's days shrink in proportion (rounded down), so no path — and no matter — ends
 * after the bundle's promise.
 */
export function deadlinesFor(
  scenario: CompiledScenario,
  selected: readonly string[],
  start: string,
  calendar: PreparedCalendar,
): Deadlines {
  const flow = flowOf(scenario);
  const chosen = new Set(selected);
  const limit = timeLimitFor(scenario, selected);
  const shares = matterShares(scenario, selected, limit);
  const finish = new Map<string, number>();
  const matters: Deadlines['matters'] = {};
  for (const code of flow.topo) {
    if (!chosen.has(code)) continue;
    const before = flow.topo.filter((p) => chosen.has(p) && flow.reach.get(p)?.has(code));
    const direct = before.filter((p) => !before.some((q) => q !== p && flow.reach.get(p)?.has(q)));
    const days = shares.get(code) ?? 0;
    const end = Math.max(0, ...before.map((p) => finish.get(p)!)) + days;
    finish.set(code, end);
    matters[code] = { days, startsAfter: direct, due: deadline(start, end, calendar), ends: end };
  }
  const due = deadline(start, limit.days, calendar);
  const years = (from: string, to: string) =>
    Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) => Number(from.slice(0, 4)) + i);
  return {
    matters,
    bundle: { days: limit.days, due },
    uncovered: uncoveredYears(start, due, calendar),
    provisional: years(start, due).filter((y) => calendar.provisional.has(y)),
  };
}

/**
 * Field labels by JSON Pointer (`/person/idNumber`), for naming fields in error messages; an
 * employee's fields are named by their path within the entry (`describeErrors` says whose).
 */
export function fieldTitles(compiled: CompiledBundle): Map<string, string> {
  const titles = new Map<string, string>([
    ['/scenario', '办事情形'],
    ['/matters', '办理事项'],
  ]);
  titles.set('/answers', '情形问题');
  for (const s of compiled.scenarios) for (const q of s.questions) titles.set(`/answers/${q.id}`, q.text);
  for (const s of compiled.sections) titles.set(`/${s.key}`, s.label);
  for (const f of compiled.fields) titles.set(`/${f.section}/${f.key}`, f.label);
  if (compiled.roster) titles.set(`/${ROSTER_KEY}`, compiled.roster.label);
  return titles;
}

/**
 * An application as the back offices receive it: values typed loosely but unambiguously are
 * normalised (an ID number's check character x becomes X). Anything that is not an object is
 * returned as it is, for the validator to refuse.
 */
export function normalizeApplication(compiled: CompiledBundle, app: unknown): unknown {
  if (!app || typeof app !== 'object' || Array.isArray(app)) return app;
  return mapParts(compiled, app as Record<string, unknown>, (part, fields) => {
    let out = part;
    for (const { section: key, field, normalize } of normalizersOf(fields)) {
      const section = out[key] as Record<string, unknown> | undefined;
      const value = section?.[field];
      if (typeof value !== 'string') continue;
      const normalized = normalize(value);
      if (normalized !== value) out = { ...out, [key]: { ...section, [field]: normalized } };
    }
    return out;
  });
}

const normalizersByFields = new WeakMap<
  readonly MergedField[],
  { section: string; field: string; normalize: (value: string) => string }[]
>();

/** The fields among `fields` whose format normalises values, prepared once per array (`mapParts` hands the same ones). */
function normalizersOf(fields: readonly MergedField[]) {
  let out = normalizersByFields.get(fields);
  if (!out) {
    out = fields.flatMap((f) => {
      const normalize = f.format ? FORMATS[f.format].normalize : undefined;
      return normalize ? [{ section: f.section, field: f.key, normalize }] : [];
    });
    normalizersByFields.set(fields, out);
  }
  return out;
}
