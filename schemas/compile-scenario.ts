/**
 * Steps 4–5 of the compiler for one scenario: its flow (the serial chain and explicit
 * edges, cycles refused), its materials, its time limits against the promise, its checklist
 * and its four reductions.
 */
import { lastPlannableDay, type PreparedCalendar } from './calendar.ts';
import type { CompiledItem, CompiledScenario, DependencyEdge, MergedField } from './compiled-types.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import { findCycle, reachability, scenarioEdges, stableTopologicalOrder, stages } from './flow.ts';
import { reductionsOf } from './guide.ts';
import { materialRequests } from './materials.ts';
import { matterSummary, type ScenarioMatter } from './resolve-matters.ts';
import { allMatters, checklistForSelection, conditionWords, matterShares, requiredMatters, timeLimitFor } from './selection.ts';
import type { MatterGroup } from './logic-types.ts';
import type { Bundle, FlowEdge, Scenario } from './types.ts';
import type { AppliedVariant } from './variant.ts';

/** What one scenario's compile needs from the bundle's. */
export interface ScenarioContext {
  bundle: Bundle;
  index: CatalogIndex;
  fields: readonly MergedField[];
  extraFields: AppliedVariant['extraFields'];
  /** The working-day calendar, when the definitions carry one: its end is reported. */
  calendar?: PreparedCalendar;
  diagnostics: Diagnostic[];
  /** The bundle lists its employees in the form (职工名单). */
  roster?: boolean;
}

/** The edges the catalog's dependencies make between matters of the scenario: a dependency before its dependent. */
export function dependencyEdges(codes: readonly string[], index: CatalogIndex): DependencyEdge[] {
  const here = new Set(codes);
  return codes.flatMap((code) =>
    (index.matters.get(code)?.dependsOn ?? [])
      .filter((d) => here.has(d.matter) && d.matter !== code)
      .map((d) => ({ before: d.matter, after: code, kind: d.kind })),
  );
}

/** Edges without repeats, first occurrence kept. */
function dedupe(edges: readonly FlowEdge[]): FlowEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => !seen.has(`${e.before}>${e.after}`) && seen.add(`${e.before}>${e.after}`));
}

/**
 * A serial scenario's chain: one step after another in `order`, where the alternatives of an
 * exactly-one or at-most-one group (never two of them are applied for) take one step together.
 */
function serialChain(order: readonly string[], groups: readonly MatterGroup[]): FlowEdge[] {
  const steps: string[][] = [];
  const stepOfGroup = new Map<MatterGroup, string[]>();
  for (const code of order) {
    const group = groups.find((g) => g.kind !== 'at-least-one' && g.matters.includes(code));
    const existing = group && stepOfGroup.get(group);
    if (existing) existing.push(code);
    else {
      const step = [code];
      steps.push(step);
      if (group) stepOfGroup.set(group, step);
    }
  }
  const out: FlowEdge[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < steps.length; i++)
    for (const before of steps[i - 1]!)
      for (const after of steps[i]!)
        if (!seen.has(`${before}>${after}`)) {
          seen.add(`${before}>${after}`);
          out.push({ before, after });
        }
  return out;
}

/**
 * The scenario's effective edges: the catalog's dependencies, the bundle's own edges (those
 * that run against a dependency are reported with the fix and left out), and for a serial
 * scenario a chain in an order the dependencies allow (the items' own order where they do
 * not decide). Unknown ends and cycles are reported; a cycle falls back to the mode alone.
 */
function flowOf(s: Scenario, si: number, codes: string[], ctx: ScenarioContext): { edges: FlowEdge[]; dependencies: DependencyEdge[] } {
  const doc = `bundle:${ctx.bundle.id}`;
  const loc = { scenario: s.id };
  const known = new Set(codes);
  const name = (code: string) => ctx.index.matters.get(code)?.name ?? code;
  (s.edges ?? []).forEach((e, ei) => {
    for (const end of [e.before, e.after]) {
      if (!s.items.some((i) => i.matter === end))
        ctx.diagnostics.push(diagnostic('flow.edge-unknown', doc, pointer('scenarios', si, 'edges', ei), { matter: end }, loc));
    }
  });
  const dependencies = dependencyEdges(codes, ctx.index);
  const needs = reachability(codes, dependencies);
  const explicit = (s.edges ?? []).filter((e, ei) => {
    if (!known.has(e.before) || !known.has(e.after)) return false;
    if (!needs.get(e.after)?.has(e.before)) return true;
    const direct = dependencies.find((d) => d.before === e.after && d.after === e.before);
    const [a, b] = [`「${name(e.before)}」`, `「${name(e.after)}」`];
    const reason = !direct
      ? `${a}经由其他事项依赖${b}`
      : direct.kind === 'result'
        ? `${a}以${b}的办理结果为依据`
        : `${a}须在${b}作出决定后办理`;
    const params = { before: name(e.before), after: name(e.after), reason };
    ctx.diagnostics.push(diagnostic('flow.contradicts-dependency', doc, pointer('scenarios', si, 'edges', ei), params, loc));
    return false;
  });
  const fallback = () => scenarioEdges(s.mode, codes, []);
  let ordered = codes;
  if (s.mode === 'serial') {
    const order = stableTopologicalOrder(codes, [...dependencies, ...explicit]);
    if (order && order.some((c, i) => c !== codes[i]))
      ctx.diagnostics.push(
        diagnostic('flow.reordered', doc, pointer('scenarios', si, 'items'), { order: order.map(name).join(' → ') }, loc),
      );
    if (order) ordered = order;
  }
  const plain = dependencies.map(({ before, after }) => ({ before, after }));
  let edges: FlowEdge[];
  if (s.mode === 'serial') {
    // the chain already orders what it orders: only what it leaves open is added
    const chain = serialChain(ordered, s.groups ?? []);
    const chained = reachability(codes, chain);
    edges = dedupe([...chain, ...[...plain, ...explicit].filter((e) => !chained.get(e.before)?.has(e.after))]);
  } else edges = scenarioEdges(s.mode, ordered, [...plain, ...explicit]);
  const cycle = findCycle(codes, edges);
  if (!cycle) return { edges, dependencies };
  const names = cycle.map(name);
  ctx.diagnostics.push(diagnostic('flow.cycle', doc, pointer('scenarios', si, 'edges'), { cycle: names.join(' → ') }, loc));
  return { edges: fallback(), dependencies: [] };
}

/** Compiles scenario `si` of the bundle from its resolved matters. */
export function compileScenario(s: Scenario, si: number, list: readonly ScenarioMatter[], ctx: ScenarioContext): CompiledScenario {
  const doc = `bundle:${ctx.bundle.id}`;
  const loc = { scenario: s.id };
  const codes = list.map((x) => x.matter.code);
  const { edges, dependencies } = flowOf(s, si, codes, ctx);
  if (codes.length === 0)
    ctx.diagnostics.push(diagnostic('scenario.no-selectable-matter', doc, pointer('scenarios', si, 'items'), { scenario: s.label }, loc));
  const items: CompiledItem[] = list.map(({ matter, index }) => {
    const item = s.items[index]!;
    const compiledItem: CompiledItem = { selection: item.selection, locked: item.locked === true, matter: matterSummary(matter) };
    if (item.promisedDays !== undefined && item.promisedDays > matter.promisedDays) {
      const params = { matter: matter.name, promised: item.promisedDays, own: matter.promisedDays };
      ctx.diagnostics.push(
        diagnostic('item.promise-exceeds-matter', doc, pointer('scenarios', si, 'items', index, 'promisedDays'), params, {
          ...loc,
          matter: matter.code,
        }),
      );
    } else if (item.promisedDays !== undefined) compiledItem.promisedDays = item.promisedDays;
    return compiledItem;
  });
  const empty = { before: 0, after: 0 };
  const compiled: CompiledScenario = {
    id: s.id,
    label: s.label,
    target: s.target,
    mode: s.mode,
    items,
    edges,
    dependencies,
    questions: s.questions ?? [],
    effects: s.effects ?? [],
    groups: s.groups ?? [],
    stages: stages(codes, edges),
    materials: materialRequests(
      list.map((x) => x.matter),
      ctx.index.materials,
      (s.effects ?? []).flatMap((e) => (e.materials ?? []).map((m) => ({ ...m, when: e.when }))),
      ctx.roster,
    ),
    timeLimit: { criticalDays: 0, criticalPath: [], days: 0 },
    requiredOnlyTimeLimit: { criticalDays: 0, criticalPath: [], days: 0 },
    checklist: [],
    reductions: { fields: empty, materials: empty, days: empty, steps: empty, visits: empty },
  };
  const promisedDays = s.promisedDays ?? ctx.bundle.promisedDays;
  if (s.guide?.question && s.guide.answer) compiled.guide = s.guide;
  else if (s.guide)
    ctx.diagnostics.push(diagnostic('scenario.guide-incomplete', doc, pointer('scenarios', si, 'guide'), { scenario: s.label }, loc));
  if (promisedDays !== undefined) compiled.promisedDays = promisedDays;
  compiled.timeLimit = timeLimitFor(compiled, allMatters(compiled));
  compiled.requiredOnlyTimeLimit = timeLimitFor(compiled, requiredMatters(compiled));
  compiled.checklist = checklistForSelection(
    compiled,
    allMatters(compiled),
    undefined,
    conditionWords({ scenarios: [compiled], fields: ctx.fields }),
  );
  if (promisedDays !== undefined && codes.length && promisedDays > compiled.timeLimit.criticalDays) {
    const at = s.promisedDays !== undefined ? pointer('scenarios', si, 'promisedDays') : pointer('promisedDays');
    const params = { promised: promisedDays, critical: compiled.timeLimit.criticalDays };
    ctx.diagnostics.push(diagnostic('time.promise-exceeds-critical-path', doc, at, params, loc));
  }
  const shares = matterShares(compiled, allMatters(compiled));
  for (const item of items) {
    const { minimumDays, code, name, promisedDays: own } = item.matter;
    const share = shares.get(code)!;
    if (minimumDays === undefined || share >= minimumDays) continue;
    const at = s.promisedDays !== undefined ? pointer('scenarios', si, 'promisedDays') : pointer('promisedDays');
    const params = { matter: name, share, minimum: minimumDays, own };
    ctx.diagnostics.push(diagnostic('time.share-below-minimum', doc, at, params, { ...loc, matter: code }));
  }
  const last = ctx.calendar && codes.length ? lastPlannableDay(compiled.timeLimit.days, ctx.calendar) : null;
  if (last) {
    const params = { scenario: s.label, year: Math.max(...ctx.calendar!.years), last };
    ctx.diagnostics.push(diagnostic('time.calendar-ends', doc, pointer('scenarios', si), params, loc));
  }
  compiled.reductions = reductionsOf(
    compiled,
    list.map((x) => x.matter),
    ctx.fields,
    ctx.extraFields,
  );
  return compiled;
}
