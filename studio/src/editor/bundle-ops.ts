/**
 * Edits of a bundle draft as pure functions: each returns a new Bundle and leaves the
 * input untouched, so every edit can be recorded for undo and compiled at once.
 */
import {
  DEFAULT_ROSTER_MAX,
  findCycle,
  scenarioEdges,
  type Bundle,
  type BundleItem,
  type FieldOverride,
  type FlowEdge,
  type Mode,
  type RosterDefinition,
  type Scenario,
  type Selection,
  type Target,
} from '../../../schemas/index.ts';
import { initials } from '../util/pinyin.ts';

type ScenarioChange = (s: Scenario) => Scenario;

/** Applies a change to one scenario. */
export function updateScenario(b: Bundle, scenarioId: string, change: ScenarioChange): Bundle {
  return { ...b, scenarios: b.scenarios.map((s) => (s.id === scenarioId ? change(s) : s)) };
}

/** A serial chain turned into explicit edges, so single edges can be added or removed. */
function explicit(s: Scenario): Scenario {
  if (s.mode !== 'serial') return s;
  return {
    ...s,
    mode: 'parallel',
    edges: scenarioEdges(
      'serial',
      s.items.map((i) => i.matter),
      s.edges ?? [],
    ),
  };
}

/** Adds a matter to a scenario at a canvas position (optional by default). */
export function addItem(b: Bundle, scenarioId: string, matter: string, position: { x: number; y: number }): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    if (s.items.some((i) => i.matter === matter)) return s;
    return { ...s, items: [...s.items, { matter, selection: 'optional' }], layout: { ...s.layout, [matter]: position } };
  });
}

/** Removes a matter and its edges; its predecessors keep preceding its successors. */
export function removeItem(b: Bundle, scenarioId: string, matter: string): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    const edges = s.edges ?? [];
    const preds = edges.filter((x) => x.after === matter).map((x) => x.before);
    const succs = edges.filter((x) => x.before === matter).map((x) => x.after);
    const kept = [
      ...edges.filter((x) => x.before !== matter && x.after !== matter),
      ...preds.flatMap((before) => succs.map((after) => ({ before, after }))),
    ];
    const layout = { ...s.layout };
    delete layout[matter];
    return { ...s, edges: kept, items: s.items.filter((i) => i.matter !== matter), layout };
  });
}

/** Changes an item's selection or lock. */
export function setItem(b: Bundle, scenarioId: string, matter: string, change: Partial<Pick<BundleItem, 'selection' | 'locked'>>): Bundle {
  return updateScenario(b, scenarioId, (s) => ({ ...s, items: s.items.map((i) => (i.matter === matter ? { ...i, ...change } : i)) }));
}

/** Marks a matter required or optional. */
export function setSelection(b: Bundle, scenarioId: string, matter: string, selection: Selection): Bundle {
  return setItem(b, scenarioId, matter, { selection });
}

/** Adds "before → after"; refused (null, with the cycle) when it would close a cycle. */
export function connect(b: Bundle, scenarioId: string, edge: FlowEdge): { bundle: Bundle; cycle: string[] | null } {
  const s = b.scenarios.find((x) => x.id === scenarioId)!;
  const e = explicit(s);
  const codes = s.items.map((i) => i.matter);
  const edges = [...(e.edges ?? []), edge];
  const cycle = edge.before === edge.after ? [edge.before, edge.before] : findCycle(codes, edges);
  if (cycle) return { bundle: b, cycle };
  if ((e.edges ?? []).some((x) => x.before === edge.before && x.after === edge.after)) return { bundle: b, cycle: null };
  return { bundle: updateScenario(b, scenarioId, () => ({ ...e, edges })), cycle: null };
}

/** Removes one dependency. */
export function disconnect(b: Bundle, scenarioId: string, edge: FlowEdge): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    const e = explicit(s);
    return { ...e, edges: (e.edges ?? []).filter((x) => !(x.before === edge.before && x.after === edge.after)) };
  });
}

/**
 * Arranges a scenario in one click (one undo step): serial chains the matters left to right
 * as they sit on the canvas and lays them out in a row; parallel and integrated drop every
 * dependency and stack the matters in one column.
 */
export function arrange(b: Bundle, scenarioId: string, mode: Mode): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    const x = (code: string) => s.layout?.[code]?.x ?? 0;
    const items = mode === 'serial' ? [...s.items].sort((a, c) => x(a.matter) - x(c.matter)) : s.items;
    const layout = Object.fromEntries(
      items.map((item, i) => [item.matter, mode === 'serial' ? { x: 40 + i * 280, y: 40 } : { x: 40, y: 40 + i * 120 }]),
    );
    return { ...s, mode, items, edges: [], layout };
  });
}

/** Moves a node on the canvas. */
export function moveNode(b: Bundle, scenarioId: string, matter: string, position: { x: number; y: number }): Bundle {
  return updateScenario(b, scenarioId, (s) => ({
    ...s,
    layout: { ...s.layout, [matter]: { x: Math.round(position.x), y: Math.round(position.y) } },
  }));
}

/** Replaces the layout of a scenario (automatic layout). */
export function setLayout(b: Bundle, scenarioId: string, layout: Record<string, { x: number; y: number }>): Bundle {
  return updateScenario(b, scenarioId, (s) => ({ ...s, layout }));
}

/** Sets or clears the bundle-level override of a merged field. */
export function setFieldOverride(b: Bundle, override: FieldOverride): Bundle {
  const rest = (b.fieldOverrides ?? []).filter((o) => o.field !== override.field);
  const meaningful = Object.keys(override).length > 1;
  const fieldOverrides = meaningful ? [...rest, override] : rest;
  const out: Bundle = { ...b, fieldOverrides };
  if (fieldOverrides.length === 0) delete out.fieldOverrides;
  return out;
}

/** Changes top-level properties of the bundle. */
export function setBundleProps(b: Bundle, change: Partial<Pick<Bundle, 'name' | 'lead' | 'description' | 'promisedDays'>>): Bundle {
  const out = { ...b, ...change };
  if (out.promisedDays === undefined || out.promisedDays === null) delete out.promisedDays;
  return out;
}

/**
 * Sets the 职工名单 (the sections filled in per employee), or takes it away with `undefined`
 * or no sections: the bundle is then applied for one person at a time.
 */
export function setRoster(b: Bundle, roster: RosterDefinition | undefined): Bundle {
  const { roster: _old, ...rest } = b;
  if (!roster || roster.sections.length === 0) return rest;
  const next: RosterDefinition = { sections: [...roster.sections] };
  if (roster.maxItems !== undefined && roster.maxItems !== DEFAULT_ROSTER_MAX) next.maxItems = roster.maxItems;
  return { ...rest, roster: next };
}

/** Changes properties of a scenario. */
export function setScenarioProps(
  b: Bundle,
  scenarioId: string,
  change: Partial<Pick<Scenario, 'label' | 'target' | 'promisedDays' | 'guide'>>,
): Bundle {
  return updateScenario(b, scenarioId, (s) => {
    const out = { ...s, ...change };
    if (out.promisedDays === undefined || out.promisedDays === null) delete out.promisedDays;
    if (!out.guide || (!out.guide.question && !out.guide.answer)) delete out.guide;
    return out;
  });
}

/** Adds a new empty scenario. */
export function addScenario(b: Bundle, id: string, label: string, target: Target = b.scenarios[0]?.target ?? 'individual'): Bundle {
  return { ...b, scenarios: [...b.scenarios, { id, label, target, mode: 'parallel', items: [] }] };
}

/** Removes a scenario; the field adjustments of the bundle stay (they are per field, not per scenario). */
export function removeScenario(b: Bundle, id: string): Bundle {
  return { ...b, scenarios: b.scenarios.filter((s) => s.id !== id) };
}

/**
 * An id for a new scenario: the label's pinyin initials where they make a valid, unused
 * id (灵活就业人员 → lhjyry), else scenario-2, scenario-3…
 */
export function newScenarioId(b: Bundle, label: string): string {
  const taken = new Set(b.scenarios.map((s) => s.id));
  const fromLabel = initials(label).replace(/[^a-z0-9]/g, '');
  if (/^[a-z][a-z0-9]*$/.test(fromLabel) && !taken.has(fromLabel)) return fromLabel;
  for (let n = b.scenarios.length + 1; ; n++) if (!taken.has(`scenario-${n}`)) return `scenario-${n}`;
}

/**
 * Moves a field one place up or down within its section of the one form: the section's
 * current order becomes explicit, then the two neighbours swap.
 */
export function moveField(b: Bundle, sectionFields: readonly string[], field: string, step: -1 | 1): Bundle {
  const at = sectionFields.indexOf(field);
  const to = at + step;
  if (at < 0 || to < 0 || to >= sectionFields.length) return b;
  const ordered = [...sectionFields];
  [ordered[at], ordered[to]] = [ordered[to]!, ordered[at]!];
  return ordered.reduce((acc, id, order) => {
    const current = acc.fieldOverrides?.find((o) => o.field === id);
    return setFieldOverride(acc, { ...current, field: id, order });
  }, b);
}
