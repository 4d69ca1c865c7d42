import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criticalPath, findCycle, reachability, scenarioEdges, stages, topologicalOrder, type FlowEdge } from '../../../schemas/index.ts';
import { runs } from '../../support/runs.ts';

const e = (before: string, after: string): FlowEdge => ({ before, after });

function longest(codes: string[], edges: FlowEdge[], days: Map<string, number>) {
  const reach = reachability(codes, edges);
  return criticalPath(codes, days, reach, topologicalOrder(codes, edges));
}

/** Longest path by trying every path, for comparison. */
function bruteForce(codes: string[], edges: FlowEdge[], days: Map<string, number>): number {
  const next = new Map(codes.map((c) => [c, edges.filter((x) => x.before === c).map((x) => x.after)]));
  const walk = (c: string): number => days.get(c)! + Math.max(0, ...next.get(c)!.map(walk));
  return Math.max(0, ...codes.map(walk));
}

describe('flow', () => {
  it('chains a serial scenario in item order and adds explicit edges once', () => {
    expect(scenarioEdges('serial', ['a', 'b', 'c'], [e('a', 'b'), e('a', 'c')])).toEqual([e('a', 'b'), e('b', 'c'), e('a', 'c')]);
    expect(scenarioEdges('parallel', ['a', 'b'], [])).toEqual([]);
    expect(scenarioEdges('integrated', ['a', 'b'], [])).toEqual([]);
  });

  it.each([
    ['parallel: the slowest matter', [], { a: 3, b: 10, c: 1 }, 10],
    ['serial: the sum', [e('a', 'b'), e('b', 'c')], { a: 3, b: 10, c: 1 }, 14],
    ['mixed: the longest branch', [e('a', 'c'), e('b', 'c')], { a: 3, b: 10, c: 1 }, 11],
    ['即办件 count as zero', [e('a', 'b')], { a: 0, b: 0, c: 0 }, 0],
  ])('time limit of %s', (_name, edges, days, expected) => {
    expect(longest(['a', 'b', 'c'], edges, new Map(Object.entries(days))).days).toBe(expected);
  });

  it('keeps the order through an unselected matter in between', () => {
    const codes = ['a', 'b', 'c'];
    const edges = scenarioEdges('serial', codes);
    const days = new Map([
      ['a', 2],
      ['b', 5],
      ['c', 3],
    ]);
    const cp = criticalPath(['a', 'c'], days, reachability(codes, edges), topologicalOrder(codes, edges));
    expect(cp).toEqual({ days: 5, path: ['a', 'c'] });
  });

  it('groups matters into stages', () => {
    expect(stages(['a', 'b', 'c', 'd'], [e('a', 'c'), e('b', 'c'), e('c', 'd')])).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it.each([
    [
      [e('a', 'b'), e('b', 'a')],
      ['a', 'b', 'a'],
    ],
    [
      [e('a', 'b'), e('b', 'c'), e('c', 'a')],
      ['a', 'b', 'c', 'a'],
    ],
    [[e('a', 'b'), e('b', 'c')], null],
  ])('finds the cycle in %j', (edges, cycle) => {
    expect(findCycle(['a', 'b', 'c'], edges)).toEqual(cycle);
  });

  const dag = fc.integer({ min: 1, max: 9 }).chain((n) =>
    fc.record({
      codes: fc.constant(Array.from({ length: n }, (_, i) => `m${i}`)),
      days: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
      pairs: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 20 }),
    }),
  );

  it('time limit of a random DAG is its longest path', () => {
    fc.assert(
      fc.property(dag, ({ codes, days, pairs }) => {
        // edges only from lower to higher index: always acyclic; shuffle direction of codes to avoid trivial order
        const edges = pairs.filter(([a, b]) => a < b).map(([a, b]) => e(codes[b]!, codes[a]!));
        const d = new Map(codes.map((c, i) => [c, days[i]!]));
        expect(findCycle(codes, edges)).toBeNull();
        const cp = longest(codes, edges, d);
        expect(cp.days).toBe(bruteForce(codes, edges, d));
        expect(cp.path.reduce((s, c) => s + d.get(c)!, 0)).toBe(cp.days);
      }),
      { numRuns: runs(300) },
    );
  });

  it('always reports a cycle once an edge closes one', () => {
    fc.assert(
      fc.property(dag, fc.nat(), ({ codes, pairs }, pick) => {
        const edges = pairs.filter(([a, b]) => a < b).map(([a, b]) => e(codes[a]!, codes[b]!));
        if (edges.length === 0) return;
        const closing = edges[pick % edges.length]!;
        const cycle = findCycle(codes, [...edges, e(closing.after, closing.before)]);
        expect(cycle).not.toBeNull();
        expect(cycle![0]).toBe(cycle![cycle!.length - 1]);
      }),
      { numRuns: runs(300) },
    );
  });
});
