import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import {
  compileBundle,
  compileRuleLogic,
  DOMAIN_OPERATIONS,
  exampleApplication,
  LOGIC_OPERATIONS,
  withValue,
} from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { runs } from '../../support/runs.ts';

/** What evaluating gives: the value, or that it threw (json-logic-js's errors are the rule's failure). */
function outcome(run: () => unknown): { value: unknown } | { threw: true } {
  try {
    return { value: run() };
  } catch {
    return { threw: true };
  }
}

/** The compiled evaluation and json-logic-js's agree on `logic` over `data`. */
function agree(logic: unknown, data: unknown): void {
  expect(outcome(() => compileRuleLogic(logic)(data))).toEqual(outcome(() => jsonLogic.apply(logic as never, data as never)));
}

describe('compiled JSON Logic', () => {
  it('agrees with json-logic-js on every shipped rule, over each scenario example and each case the rule carries', () => {
    const defs = loadDefinitions();
    let checked = 0;
    for (const bundle of defs.bundles)
      for (const region of ['320000', '320500']) {
        const compiled = compileBundle(defs, bundle.id, region);
        for (const scenario of compiled.scenarios) {
          const app: Record<string, unknown> = {
            ...(exampleApplication(compiled, scenario.id) as Record<string, unknown>),
            applicationDate: '2026-11-27',
          };
          for (const rule of compiled.rules) {
            agree(rule.logic, app);
            checked++;
            for (const c of rule.cases ?? []) {
              const data = Object.entries(c.values).reduce((d, [path, value]) => withValue(d, path, value), app);
              agree(rule.logic, data);
              checked++;
            }
          }
        }
      }
    expect(checked).toBeGreaterThan(100);
  });

  it('agrees with json-logic-js on random expressions over random data, edge cases of every operation included', () => {
    const leaf = fc.oneof(
      fc.integer({ min: -3, max: 12 }),
      fc.integer({ min: -3, max: 12 }),
      fc.constantFrom(0.5, -0, NaN, '', '0', '1', '2.5', 'abc', 'a.b', '1960-06-15', '320102198506151236', null, true, false),
      fc.constant([]),
      fc.constant(['a', 1]),
      fc.constant({ a: 1, b: 2 }), // an object that is not logic: returned as it is
      fc.constantFrom('a', 'b', 'a.b', 'a.c', 'list', 'n', 'missing.deep', '', 0, 1).map((path) => ({ var: path })),
      fc.tuple(fc.constantFrom('a', 'n', 'nope', 'list.0'), fc.constantFrom(7, 'dflt', null)).map(([path, d]) => ({ var: [path, d] })),
    );
    // every operation a rule may use, and some it may not (the reference decides those)
    const ops = [...LOGIC_OPERATIONS, ...Object.keys(DOMAIN_OPERATIONS), 'merge', 'log', 'method', 'nope'];
    const binary = LOGIC_OPERATIONS.filter((op) => !['var', 'missing', 'missing_some', '!', '!!'].includes(op));
    const expr: fc.Arbitrary<unknown> = fc.letrec<{ e: unknown }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(fc.constantFrom(...ops), fc.array(tie('e'), { maxLength: 4 })).map(([op, args]) => ({ [op]: args })),
        // the usual arities, so that each operation's ordinary behaviour is met often, not only its edges
        fc.tuple(fc.constantFrom(...binary), tie('e'), tie('e')).map(([op, a, b]) => ({ [op]: [a, b] })),
        fc
          .tuple(fc.constantFrom('<', '<=', 'if', '?:', 'substr', 'and', 'or', '+', '*'), tie('e'), tie('e'), tie('e'))
          .map(([op, a, b, c]) => ({ [op]: [a, b, c] })),
        fc.tuple(fc.constantFrom(...ops), tie('e')).map(([op, arg]) => ({ [op]: arg })), // a single argument, not in an array
        fc.array(tie('e'), { maxLength: 3 }),
      ),
    })).e;
    const data = fc.record({
      a: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constantFrom('x', '', '1960-06-15', null), fc.constant({ b: 1, c: [] })),
      b: fc.oneof(fc.boolean(), fc.constantFrom('2030-03-01', '320102198506151236', 0)),
      n: fc.integer({ min: -5, max: 5 }),
      list: fc.constantFrom([], ['a'], [1, 2, 3]),
    });
    fc.assert(
      fc.property(expr, data, (logic, d) => {
        agree(logic, d);
      }),
      { numRuns: runs(10_000), seed: 20261128 },
    );
  });

  it('keeps the result of an expression separate for each evaluation (no state carried between applications)', () => {
    const evaluate = compileRuleLogic({ cat: [{ var: 'a' }, '-', { var: ['b', 'none'] }] });
    expect(evaluate({ a: 'x', b: 'y' })).toBe('x-y');
    expect(evaluate({ a: 'z' })).toBe('z-none');
    expect(evaluate(null)).toBe('-none');
  });
});
