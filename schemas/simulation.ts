/**
 * Simulation: every path an applicant can take through a bundle — scenario × answers to its
 * questions × optional matters ticked — decided as the runtime would decide it, with a
 * complete, example application on each. Above `MAX_PATHS` the paths are sampled, always
 * the same ones (a fixed seed). The report says how many paths there are, which fields,
 * materials, matters and rules some path never reaches (or every path does), how the time
 * limit spreads, the four reductions over the paths, and what looks wrong.
 */
import { CASE_DATE } from './check-logic.ts';
import type { CompiledBundle, CompiledScenario, MergedField } from './compiled-types.ts';
import { holds } from './conditions.ts';
import { candidateAnswers, exampleValue, exampleView } from './example.ts';
import { asRoster } from './roster.ts';
import { withDerived } from './field-logic.ts';
import { NO_POLICY, type Policy } from './policy.ts';
import { interpretedValidator } from './interpreted-validation.ts';
import type { Question } from './logic-types.ts';
import { brokenRules } from './rules.ts';
import { answeredSelection, checklistForSelection, fieldsFor, normalizeApplication, timeLimitFor } from './selection.ts';

/** Paths beyond this many are sampled. */
export const MAX_PATHS = 4096;

/** What some path never reaches, and what every path does (ids, with their names). */
export interface Coverage {
  total: number;
  /** Fields never shown; materials never in the checklist; matters never handled; rules never applied. */
  never: { id: string; name: string }[];
  /** Fields always required; materials always in the checklist; matters always handled; rules always applied. */
  always: { id: string; name: string }[];
}

/** Smallest, middle and largest of a number over the paths. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** The simulation of one bundle. */
export interface SimulationReport {
  bundleId: string;
  /** The applicant's choices there are: scenario × answers to its questions × optional matters ticked. */
  paths: number;
  /** Distinct paths simulated (choices the answers' effects make the same are one path): all of them, or a fixed sample's. */
  simulated: number;
  sampled: boolean;
  /** Simulated paths whose application the bundle refuses (a combination the logic does not allow). */
  refused: number;
  coverage: { fields: Coverage; materials: Coverage; matters: Coverage; rules: Coverage };
  /** The time limit, in working days, over the accepted paths; `histogram` counts paths by days. */
  days: Spread & { histogram: { days: number; paths: number }[] };
  /** The four reductions over the accepted paths: before and after. */
  reductions: Record<'fields' | 'materials' | 'days' | 'steps' | 'visits', { before: Spread; after: Spread }>;
  /** What looks wrong, in the official's words. */
  findings: string[];
}

/** One path: a scenario, the answers, the optional matters ticked. */
interface Path {
  scenario: CompiledScenario;
  answers: Record<string, unknown>;
  selected: string[];
}

/** The answers a question may get on a path: each candidate, and none when it may be left open. */
function answerChoices(q: Question): unknown[] {
  const candidates = candidateAnswers(q);
  return q.optional ? [undefined, ...candidates] : candidates;
}

/** A small deterministic generator (mulberry32), so a sample is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The raw choices of a scenario: one dimension per question and per optional matter. */
function dimensions(s: CompiledScenario): { questions: unknown[][]; optional: string[]; size: number } {
  const questions = s.questions.map(answerChoices);
  const optional = s.items.filter((i) => i.selection !== 'required').map((i) => i.matter.code);
  const size = questions.reduce((n, q) => n * q.length, 1) * 2 ** optional.length;
  return { questions, optional, size };
}

/** The path at `index` of a scenario's raw choices (mixed radix), with the answers' effects applied. */
function pathAt(s: CompiledScenario, dims: ReturnType<typeof dimensions>, index: number): Path {
  let rest = index;
  const answers: Record<string, unknown> = {};
  s.questions.forEach((q, qi) => {
    const choices = dims.questions[qi]!;
    const value = choices[rest % choices.length];
    rest = Math.floor(rest / choices.length);
    // a follow-up is asked only when its condition holds
    if (value !== undefined && (!q.when || holds(q.when, { answers }))) answers[q.id] = value;
  });
  const ticked = dims.optional.filter((_, i) => rest & (1 << i));
  const { required, excluded } = answeredSelection(s, { answers });
  const selected = s.items.map((i) => i.matter.code).filter((c) => (ticked.includes(c) || required.has(c)) && !excluded.has(c));
  return { scenario: s, answers, selected };
}

/** Every distinct path of the bundle, or a fixed sample of `MAX_PATHS` raw choices when there are more. */
function pathsOf(compiled: CompiledBundle): { paths: Path[]; total: number; sampled: boolean } {
  const all = compiled.scenarios.map((s) => ({ s, dims: dimensions(s) }));
  const total = all.reduce((n, x) => n + x.dims.size, 0);
  const sampled = total > MAX_PATHS;
  const indices: [number, number][] = [];
  if (!sampled) all.forEach((x, si) => Array.from({ length: x.dims.size }, (_, i) => indices.push([si, i])));
  else {
    const next = random(20261127);
    const seen = new Set<string>();
    while (indices.length < MAX_PATHS) {
      let at = Math.floor(next() * total);
      const si = all.findIndex((x) => (at < x.dims.size ? true : ((at -= x.dims.size), false)));
      if (!seen.has(`${si}|${at}`)) {
        seen.add(`${si}|${at}`);
        indices.push([si, at]);
      }
    }
  }
  const distinct = new Map<string, Path>();
  for (const [si, i] of indices) {
    const p = pathAt(all[si]!.s, all[si]!.dims, i);
    if (p.selected.length === 0) continue; // applying for nothing is no path
    distinct.set(`${p.scenario.id}|${JSON.stringify(p.answers)}|${p.selected.join(',')}`, p);
  }
  return { paths: [...distinct.values()], total, sampled };
}

function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: 0, median: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted.at(-1)! };
}

/** Counts how many paths reach each id. */
class Tally {
  readonly seen = new Map<string, number>();
  add(ids: Iterable<string>): void {
    for (const id of new Set(ids)) this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
  }
  coverage(all: readonly { id: string; name: string }[], paths: number, always: Tally = this): Coverage {
    return {
      total: all.length,
      never: all.filter((x) => !this.seen.has(x.id)),
      always: paths ? all.filter((x) => always.seen.get(x.id) === paths) : [],
    };
  }
}

/** The fields a path shows, and those it requires: by their matters and their conditions. */
function formOf(
  compiled: CompiledBundle,
  selected: readonly string[],
  app: Record<string, unknown>,
): { shown: MergedField[]; required: MergedField[] } {
  const chosen = new Set(selected);
  const shown = fieldsFor(compiled, selected).filter((f) => !f.condition || holds(f.condition.when, app));
  const required = shown.filter((f) => f.sources.some((s) => s.required && chosen.has(s.matter)) || (f.condition?.required ?? false));
  return { shown, required };
}

/** Example values of every field a scenario can show (those its example leaves out, such as an agent's, too). */
function exampleValues(compiled: CompiledBundle, s: CompiledScenario): Record<string, unknown> {
  const out = exampleView(
    compiled,
    s.id,
    s.items.map((i) => i.matter.code),
  );
  for (const f of compiled.fields) {
    const section = (out[f.section] ??= {}) as Record<string, unknown>;
    if (!f.derived && section[f.key] === undefined) section[f.key] = exampleValue(f);
  }
  return out;
}

/** Simulates every path (or the sample) of a compiled bundle, applied for on CASE_DATE under `policy`. */
export function simulate(compiled: CompiledBundle, policy: Policy = NO_POLICY): SimulationReport {
  const on = { parameters: policy.parameters, on: CASE_DATE };
  const { paths, total, sampled } = pathsOf(compiled);
  const validate = interpretedValidator(compiled.schema);
  const shown = new Tally();
  const required = new Tally();
  const materials = new Tally();
  const matters = new Tally();
  const rules = new Tally();
  const refusing = new Tally();
  const days: number[] = [];
  const red = { fields: [[], []], materials: [[], []], days: [[], []], steps: [[], []], visits: [[], []] } as Record<
    keyof SimulationReport['reductions'],
    [number[], number[]]
  >;
  const examples = new Map<string, Record<string, unknown>>();
  let refused = 0;
  for (const p of paths) {
    const s = p.scenario;
    // the example values of every field the scenario can show, then this path's answers and matters
    if (!examples.has(s.id)) examples.set(s.id, exampleValues(compiled, s));
    const base: Record<string, unknown> = { ...examples.get(s.id)!, scenario: s.id, matters: p.selected, answers: p.answers };
    const form = formOf(compiled, p.selected, base);
    const app: Record<string, unknown> = { scenario: s.id, matters: p.selected };
    if (s.questions.length) app.answers = p.answers;
    for (const f of form.shown) {
      const value = (base[f.section] as Record<string, unknown> | undefined)?.[f.key];
      if (value !== undefined) app[f.section] = { ...(app[f.section] as object), [f.key]: value };
    }
    // one employee's path, for an employer's bundle: the same values as the roster's one entry
    const full = withDerived(compiled, normalizeApplication(compiled, asRoster(compiled, app)) as Record<string, unknown>, on);
    if (validate(full)) {
      refused++;
      continue;
    }
    const chosen = new Set(p.selected);
    shown.add(form.shown.map((f) => f.id));
    required.add(form.required.map((f) => f.id));
    const all = checklistForSelection(s, p.selected, full);
    const checklist = all.filter((c) => !c.exempt);
    materials.add(all.map((c) => c.id));
    matters.add(p.selected);
    const applies = compiled.rules.filter((r) => (!r.matter || chosen.has(r.matter)) && (!r.scenarios || r.scenarios.includes(s.id)));
    rules.add(applies.map((r) => r.id));
    refusing.add(
      brokenRules(applies, { ...full, applicationDate: CASE_DATE }, policy)
        .filter((r) => r.severity === 'reject')
        .map((r) => r.id),
    );
    const limit = timeLimitFor(s, p.selected).days;
    days.push(limit);
    const items = s.items.filter((i) => chosen.has(i.matter.code));
    const visits = items.map((i) => i.matter.visits);
    const before = (n: number, after: number, key: keyof typeof red) => (red[key][0].push(n), red[key][1].push(after));
    before(
      compiled.fields.reduce((n, f) => n + f.sources.filter((x) => chosen.has(x.matter)).length, 0),
      form.shown.length,
      'fields',
    );
    before(
      s.materials.reduce((n, m) => n + m.sources.filter((x) => chosen.has(x.matter)).length, 0),
      checklist.length,
      'materials',
    );
    before(
      items.reduce((n, i) => n + i.matter.promisedDays, 0),
      limit,
      'days',
    );
    before(items.length, items.length ? 1 : 0, 'steps');
    before(
      visits.reduce((a, b) => a + b, 0),
      visits.length ? Math.max(...visits) : 0,
      'visits',
    );
  }
  const accepted = paths.length - refused;
  const matterNames = new Map(compiled.scenarios.flatMap((s) => s.items.map((i) => [i.matter.code, i.matter.name] as const)));
  const materialNames = new Map(compiled.scenarios.flatMap((s) => s.materials.map((m) => [m.id, m.name] as const)));
  const coverage = {
    fields: shown.coverage(
      compiled.fields.filter((f) => !f.derived).map((f) => ({ id: f.id, name: f.label })),
      accepted,
      required,
    ),
    materials: materials.coverage(
      [...materialNames].map(([id, name]) => ({ id, name })),
      accepted,
    ),
    matters: matters.coverage(
      [...matterNames].map(([id, name]) => ({ id, name })),
      accepted,
    ),
    rules: rules.coverage(
      compiled.rules.map((r) => ({ id: r.id, name: r.message })),
      accepted,
    ),
  };
  const histogram = [...days.reduce((m, d) => m.set(d, (m.get(d) ?? 0) + 1), new Map<number, number>())]
    .sort((a, b) => a[0] - b[0])
    .map(([d, n]) => ({ days: d, paths: n }));
  const findings = [
    ...coverage.fields.never.map((f) => `字段「${f.name}」在任何办理路径上都不会出现`),
    ...coverage.materials.never.map((m) => `材料「${m.name}」在任何办理路径上都不需要提交`),
    ...coverage.matters.never.map((m) => `事项「${m.name}」在任何办理路径上都不会办理`),
    ...coverage.rules.never.map((r) => `规则「${r.name}」在任何办理路径上都不适用`),
    ...[...refusing.seen].map(
      ([id, n]) =>
        `规则「${compiled.rules.find((r) => r.id === id)?.message ?? id}」在 ${n} 条路径上不予受理按示例填写的申请：请确认这些回答或勾选本就不应受理`,
    ),
  ];
  if (refused) findings.push(`${refused} 条路径的申请会被拒绝：这些回答与勾选的组合不被允许`);
  const reductions = Object.fromEntries(
    Object.entries(red).map(([k, [b, a]]) => [k, { before: spread(b), after: spread(a) }]),
  ) as SimulationReport['reductions'];
  return {
    bundleId: compiled.id,
    paths: total,
    simulated: paths.length,
    sampled,
    refused,
    coverage,
    days: { ...spread(days), histogram },
    reductions,
    findings,
  };
}
