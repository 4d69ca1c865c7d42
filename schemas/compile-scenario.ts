/**
 * Steps 4–5 of the compiler for one scenario: its flow (the serial chain and explicit
 * edges, cycles refused), its materials, its time limits against the promise, its checklist
 * and its four reductions.
 */
import type { CompiledItem, CompiledScenario, MergedField } from './compiled-types.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { diagnostic, pointer, type Diagnostic } from './diagnostics.ts';
import { findCycle, scenarioEdges, stages } from './flow.ts';
import { reductionsOf } from './guide.ts';
import { materialRequests } from './materials.ts';
import { matterSummary, type ScenarioMatter } from './resolve-matters.ts';
import { allMatters, checklistForSelection, requiredMatters, timeLimitFor } from './selection.ts';
import type { Bundle, Scenario } from './types.ts';
import type { AppliedVariant } from './variant.ts';

/** What one scenario's compile needs from the bundle's. */
export interface ScenarioContext {
  bundle: Bundle;
  index: CatalogIndex;
  fields: readonly MergedField[];
  extraFields: AppliedVariant['extraFields'];
  diagnostics: Diagnostic[];
}

/** The scenario's effective edges; unknown ends and cycles are reported (a cycle falls back to the mode alone). */
function flowOf(s: Scenario, si: number, codes: string[], ctx: ScenarioContext) {
  const doc = `bundle:${ctx.bundle.id}`;
  const loc = { scenario: s.id };
  const known = new Set(codes);
  (s.edges ?? []).forEach((e, ei) => {
    for (const end of [e.before, e.after]) {
      if (!s.items.some((i) => i.matter === end))
        ctx.diagnostics.push(diagnostic('flow.edge-unknown', doc, pointer('scenarios', si, 'edges', ei), { matter: end }, loc));
    }
  });
  const explicit = (s.edges ?? []).filter((e) => known.has(e.before) && known.has(e.after));
  const edges = scenarioEdges(s.mode, codes, explicit);
  const cycle = findCycle(codes, edges);
  if (!cycle) return edges;
  const names = cycle.map((c) => ctx.index.matters.get(c)?.name ?? c);
  ctx.diagnostics.push(diagnostic('flow.cycle', doc, pointer('scenarios', si, 'edges'), { cycle: names.join(' → ') }, loc));
  return scenarioEdges(s.mode, codes, []);
}

/** Compiles scenario `si` of the bundle from its resolved matters. */
export function compileScenario(s: Scenario, si: number, list: readonly ScenarioMatter[], ctx: ScenarioContext): CompiledScenario {
  const doc = `bundle:${ctx.bundle.id}`;
  const loc = { scenario: s.id };
  const codes = list.map((x) => x.matter.code);
  const edges = flowOf(s, si, codes, ctx);
  if (codes.length === 0)
    ctx.diagnostics.push(diagnostic('scenario.no-selectable-matter', doc, pointer('scenarios', si, 'items'), { scenario: s.label }, loc));
  const items: CompiledItem[] = list.map(({ matter, index }) => ({
    selection: s.items[index]!.selection,
    locked: s.items[index]!.locked === true,
    matter: matterSummary(matter),
  }));
  const empty = { before: 0, after: 0 };
  const compiled: CompiledScenario = {
    id: s.id,
    label: s.label,
    target: s.target,
    mode: s.mode,
    items,
    edges,
    stages: stages(codes, edges),
    materials: materialRequests(
      list.map((x) => x.matter),
      ctx.index.materials,
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
  compiled.checklist = checklistForSelection(compiled, allMatters(compiled));
  if (promisedDays !== undefined && codes.length && promisedDays > compiled.timeLimit.criticalDays) {
    const at = s.promisedDays !== undefined ? pointer('scenarios', si, 'promisedDays') : pointer('promisedDays');
    const params = { promised: promisedDays, critical: compiled.timeLimit.criticalDays };
    ctx.diagnostics.push(diagnostic('time.promise-exceeds-critical-path', doc, at, params, loc));
  }
  compiled.reductions = reductionsOf(
    compiled,
    list.map((x) => x.matter),
    ctx.fields,
    ctx.extraFields,
  );
  return compiled;
}
