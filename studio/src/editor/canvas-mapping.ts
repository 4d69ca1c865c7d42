/**
 * Pure mapping between a scenario (domain) and Vue Flow nodes and edges (canvas), with an
 * automatic layered layout from the flow's stages.
 */
import type { CompiledScenario, Diagnostic, MatterDependency, Scenario } from '../../../schemas/index.ts';
import { freeSpot } from './canvas-geometry.ts';

/** What a matter node shows. */
export interface MatterNodeData {
  code: string;
  name: string;
  selection: 'required' | 'optional';
  locked: boolean;
  target: 'individual' | 'organization';
  promisedDays: number;
  department: string;
  problems: number;
  changed?: 'added' | 'changed';
}

/** A Vue Flow node of a matter. */
export interface MatterNode {
  id: string;
  type: 'matter';
  position: { x: number; y: number };
  data: MatterNodeData;
  selected?: boolean;
}

/** A Vue Flow edge of a dependency. */
export interface FlowCanvasEdge {
  id: string;
  source: string;
  target: string;
  type: 'smoothstep';
  markerEnd: 'arrowclosed';
  animated: boolean;
  /** An edge the catalog's matter dependency makes: drawn dashed, and not deleted from the canvas. */
  deletable?: false;
  class?: 'dependency';
  data?: { dependency: MatterDependency['kind'] };
}

const COLUMN = 280;
const ROW = 120;

/** Positions by stage: stages left to right, matters of a stage top to bottom. */
export function autoLayout(compiled: CompiledScenario): Record<string, { x: number; y: number }> {
  const layout: Record<string, { x: number; y: number }> = {};
  compiled.stages.forEach((stage, i) => stage.forEach((code, j) => (layout[code] = { x: 40 + i * COLUMN, y: 40 + j * ROW })));
  return layout;
}

/** Errors per matter in one scenario, from the diagnostics' locations (a matter's own errors count in every scenario). */
export function errorsByMatter(diagnostics: readonly Diagnostic[], scenario: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) {
    const matter = d.loc?.matter;
    if (d.severity !== 'error' || !matter || (d.loc?.scenario !== undefined && d.loc.scenario !== scenario)) continue;
    out.set(matter, (out.get(matter) ?? 0) + 1);
  }
  return out;
}

/** Nodes of a scenario: position from its layout, else from the automatic layout. */
export function toNodes(
  scenario: Scenario,
  compiled: CompiledScenario | undefined,
  diagnostics: readonly Diagnostic[],
  selected: string | null,
  changed: ReadonlyMap<string, 'added' | 'changed'> = new Map(),
): MatterNode[] {
  const auto = compiled ? autoLayout(compiled) : {};
  const errors = errorsByMatter(diagnostics, scenario.id);
  // a matter the layout does not place (a city's added matter) goes where it touches no placed one
  const stored = scenario.layout ?? {};
  const taken = Object.values(stored);
  const laidOut = taken.length > 0;
  const positionOf = (code: string) => {
    const at = stored[code] ?? (laidOut ? freeSpot(taken) : auto[code]);
    if (!stored[code] && at) taken.push(at);
    return at;
  };
  return (compiled?.items ?? []).map((item, index) => {
    const code = item.matter.code;
    const data: MatterNodeData = {
      code,
      name: item.matter.name,
      selection: item.selection,
      locked: item.locked,
      target: item.matter.target,
      promisedDays: item.matter.promisedDays,
      department: item.matter.department,
      problems: errors.get(code) ?? 0,
    };
    const mark = changed.get(code);
    if (mark) data.changed = mark;
    return {
      id: code,
      type: 'matter',
      position: positionOf(code) ?? { x: 40 + index * 40, y: 40 + index * 40 },
      data,
      selected: selected === code,
    };
  });
}

/**
 * Edges of a scenario: every effective dependency (the serial chain included); those the
 * catalog's matter dependencies make are marked with their kind and cannot be deleted here
 * (the matter says it, not the bundle).
 */
export function toEdges(compiled: CompiledScenario | undefined): FlowCanvasEdge[] {
  const dependencies = new Map((compiled?.dependencies ?? []).map((d) => [`${d.before}->${d.after}`, d.kind]));
  return (compiled?.edges ?? []).map((e) => {
    const id = `${e.before}->${e.after}`;
    const edge: FlowCanvasEdge = { id, source: e.before, target: e.after, type: 'smoothstep', markerEnd: 'arrowclosed', animated: false };
    const kind = dependencies.get(id);
    return kind ? { ...edge, deletable: false, class: 'dependency', data: { dependency: kind } } : edge;
  });
}

/** The dependency an edge id stands for. */
export function edgeOf(id: string): { before: string; after: string } {
  const [before, after] = id.split('->');
  return { before: before!, after: after! };
}
