/**
 * The flow of a scenario as a DAG of "before" edges: the serial chain, explicit edges,
 * cycle detection, stages and the longest (critical) path in working days.
 */
import type { TimeLimit } from './compiled-types.ts';
import type { FlowEdge, Mode } from './types.ts';

/** Every edge of a scenario: a serial scenario chains its items in order, then explicit edges. */
export function scenarioEdges(mode: Mode, codes: readonly string[], explicit: readonly FlowEdge[] = []): FlowEdge[] {
  const edges: FlowEdge[] = [];
  const seen = new Set<string>();
  const add = (e: FlowEdge) => {
    const key = e.before + '\u0000' + e.after;
    if (!seen.has(key)) {
      seen.add(key);
      edges.push({ before: e.before, after: e.after });
    }
  };
  if (mode === 'serial') for (let i = 1; i < codes.length; i++) add({ before: codes[i - 1]!, after: codes[i]! });
  for (const e of explicit) add(e);
  return edges;
}

function successors(codes: readonly string[], edges: readonly FlowEdge[]): Map<string, string[]> {
  const next = new Map<string, string[]>(codes.map((c) => [c, []]));
  for (const e of edges) next.get(e.before)?.push(e.after);
  return next;
}

/** A cycle as the list of matters on it (first repeated at the end), or null. */
export function findCycle(codes: readonly string[], edges: readonly FlowEdge[]): string[] | null {
  const next = successors(codes, edges);
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 1);
    stack.push(node);
    for (const n of next.get(node) ?? []) {
      if (state.get(n) === 1) return [...stack.slice(stack.indexOf(n)), n];
      if (!state.has(n)) {
        const found = visit(n);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 2);
    return null;
  };
  for (const c of codes) {
    if (!state.has(c)) {
      const found = visit(c);
      if (found) return found;
    }
  }
  return null;
}

/** Topological order (Kahn, ties in item order); matters on a cycle are left out. */
export function topologicalOrder(codes: readonly string[], edges: readonly FlowEdge[]): string[] {
  const next = successors(codes, edges);
  const indegree = new Map(codes.map((c) => [c, 0]));
  for (const e of edges) if (indegree.has(e.after) && indegree.has(e.before)) indegree.set(e.after, indegree.get(e.after)! + 1);
  const order: string[] = [];
  const ready = codes.filter((c) => indegree.get(c) === 0);
  while (ready.length) {
    const c = ready.shift()!;
    order.push(c);
    for (const n of next.get(c) ?? []) {
      const d = indegree.get(n)! - 1;
      indegree.set(n, d);
      if (d === 0) ready.push(n);
    }
  }
  return order;
}

/** A topological order that keeps `codes`' own order wherever the edges allow (the earliest ready matter first); null on a cycle. */
export function stableTopologicalOrder(codes: readonly string[], edges: readonly FlowEdge[]): string[] | null {
  const known = new Set(codes);
  const pending = new Map(codes.map((c) => [c, 0]));
  for (const e of edges) if (known.has(e.before) && known.has(e.after)) pending.set(e.after, pending.get(e.after)! + 1);
  const next = successors(codes, edges);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < codes.length) {
    const ready = codes.find((c) => !done.has(c) && pending.get(c) === 0);
    if (ready === undefined) return null;
    order.push(ready);
    done.add(ready);
    for (const n of next.get(ready) ?? []) if (pending.has(n)) pending.set(n, pending.get(n)! - 1);
  }
  return order;
}

/** For each matter, every matter that must come after it (transitively). */
export function reachability(codes: readonly string[], edges: readonly FlowEdge[]): Map<string, Set<string>> {
  const next = successors(codes, edges);
  const reach = new Map<string, Set<string>>();
  for (const c of [...topologicalOrder(codes, edges)].reverse()) {
    const set = new Set<string>();
    for (const n of next.get(c) ?? []) {
      set.add(n);
      for (const r of reach.get(n) ?? []) set.add(r);
    }
    reach.set(c, set);
  }
  return reach;
}

/** Stages: each matter sits one stage after the latest of its predecessors. */
export function stages(codes: readonly string[], edges: readonly FlowEdge[]): string[][] {
  const level = new Map<string, number>();
  const preds = new Map<string, string[]>(codes.map((c) => [c, []]));
  for (const e of edges) preds.get(e.after)?.push(e.before);
  for (const c of topologicalOrder(codes, edges)) {
    level.set(c, Math.max(0, ...preds.get(c)!.map((p) => (level.get(p) ?? -1) + 1)));
  }
  const out: string[][] = [];
  for (const c of codes) {
    const l = level.get(c);
    if (l === undefined) continue;
    (out[l] ??= []).push(c);
  }
  return out.filter(Boolean);
}

/**
 * Longest path through the selected matters, where A precedes B when B is reachable from A
 * in the whole scenario graph (so an unselected matter in between keeps the order).
 */
export function criticalPath(
  selected: readonly string[],
  days: ReadonlyMap<string, number>,
  reach: ReadonlyMap<string, ReadonlySet<string>>,
  topo: readonly string[],
): { days: number; path: string[] } {
  const chosen = new Set(selected);
  const order = topo.filter((c) => chosen.has(c));
  const best = new Map<string, { days: number; prev: string | null }>();
  for (const c of order) best.set(c, { days: days.get(c) ?? 0, prev: null });
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    const from = best.get(a)!;
    for (let j = i + 1; j < order.length; j++) {
      const b = order[j]!;
      if (!reach.get(a)?.has(b)) continue;
      const candidate = from.days + (days.get(b) ?? 0);
      const current = best.get(b)!;
      // on a tie, prefer a path that shows its (即办) predecessors
      if (candidate > current.days || (candidate === current.days && current.prev === null)) best.set(b, { days: candidate, prev: a });
    }
  }
  let end: string | null = null;
  for (const c of order) if (end === null || best.get(c)!.days > best.get(end)!.days) end = c;
  const path: string[] = [];
  for (let c = end; c !== null; c = best.get(c)!.prev) path.unshift(c);
  return { days: end === null ? 0 : best.get(end)!.days, path };
}

/** The flow of one scenario, prepared once for any number of selections. */
export interface PreparedFlow {
  codes: string[];
  edges: FlowEdge[];
  topo: string[];
  reach: Map<string, Set<string>>;
  days: Map<string, number>;
}

/** Prepares a scenario's flow for repeated time-limit queries. */
export function prepareFlow(codes: string[], edges: FlowEdge[], days: Map<string, number>): PreparedFlow {
  return { codes, edges, topo: topologicalOrder(codes, edges), reach: reachability(codes, edges), days };
}

/** The time limit of a selection; a promise, when set and shorter, is what the bundle commits to. */
export function timeLimitOf(flow: PreparedFlow, selected: readonly string[], promised?: number): TimeLimit {
  const cp = criticalPath(selected, flow.days, flow.reach, flow.topo);
  return { criticalDays: cp.days, criticalPath: cp.path, days: promised === undefined ? cp.days : Math.min(promised, cp.days) };
}
