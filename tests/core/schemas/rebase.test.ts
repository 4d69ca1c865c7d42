import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptRebase,
  applyVariant,
  compileBundle,
  rebaseVariant,
  type Bundle,
  type Variant,
  type VariantOperation,
} from '../../../schemas/index.ts';
import { definitions, material, matter } from '../../support/fixtures.ts';
import { runs } from '../../support/runs.ts';

const base = (version: number, items: [string, 'required' | 'optional', boolean?][], promisedDays?: number): Bundle => ({
  id: 'test-bundle',
  name: '测试一件事',
  version,
  region: '320000',
  lead: '省人社厅',
  scenarios: [
    {
      id: 'main',
      label: '主情形',
      target: 'individual',
      mode: 'serial',
      ...(promisedDays === undefined ? {} : { promisedDays }),
      items: items.map(([m, selection, locked]) => ({ matter: m, selection, ...(locked ? { locked } : {}) })),
    },
  ],
});
const v1 = base(
  1,
  [
    ['A001', 'required'],
    ['B001', 'optional'],
    ['C001', 'optional'],
  ],
  12,
);
const variant = (...operations: VariantOperation[]): Variant => ({
  id: 'v',
  bundle: 'test-bundle',
  baseVersion: 1,
  region: '320500',
  operations,
});

describe('rebase', () => {
  it.each<[string, VariantOperation, Bundle, string, string?]>([
    [
      'an operation that still applies is kept',
      { op: 'setSelection', scenario: 'main', matter: 'B001', selection: 'required' },
      base(
        2,
        [
          ['A001', 'required'],
          ['B001', 'optional'],
          ['C001', 'optional'],
          ['D001', 'optional'],
        ],
        12,
      ),
      'kept',
    ],
    [
      'a selection the province made too is satisfied',
      { op: 'setSelection', scenario: 'main', matter: 'B001', selection: 'required' },
      base(
        2,
        [
          ['A001', 'required'],
          ['B001', 'required'],
        ],
        12,
      ),
      'satisfied',
    ],
    [
      'a removal the province made too is satisfied',
      { op: 'removeItem', scenario: 'main', matter: 'C001' },
      base(
        2,
        [
          ['A001', 'required'],
          ['B001', 'optional'],
        ],
        12,
      ),
      'satisfied',
    ],
    [
      'a shorter provincial promise satisfies a tightening',
      { op: 'tightenDays', scenario: 'main', days: 10 },
      base(
        2,
        [
          ['A001', 'required'],
          ['B001', 'optional'],
        ],
        8,
      ),
      'satisfied',
    ],
    [
      'a matter the province added too is satisfied',
      { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional' },
      base(
        2,
        [
          ['A001', 'required'],
          ['D001', 'optional'],
        ],
        12,
      ),
      'satisfied',
    ],
    [
      'a removed anchor is a conflict with a new anchor proposed',
      { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { after: 'B001' } },
      base(
        2,
        [
          ['A001', 'required'],
          ['C001', 'optional'],
        ],
        12,
      ),
      'conflict',
      'new-anchor',
    ],
    [
      'a lock added on the target is a conflict, to drop',
      { op: 'setSelection', scenario: 'main', matter: 'B001', selection: 'required' },
      base(
        2,
        [
          ['A001', 'required'],
          ['B001', 'optional', true],
        ],
        12,
      ),
      'conflict',
      'drop',
    ],
    [
      'a target the province removed is a conflict, to drop',
      { op: 'setSelection', scenario: 'main', matter: 'C001', selection: 'required' },
      base(2, [['A001', 'required']], 12),
      'conflict',
      'drop',
    ],
  ])('%s', (_name, op, next, status, proposal) => {
    const result = rebaseVariant(variant(op), v1, next);
    expect(result.outcomes[0]).toMatchObject({ status });
    if (proposal) expect(result.outcomes[0]!.proposal!.action).toBe(proposal);
    const accepted = acceptRebase(variant(op), result);
    expect(accepted.baseVersion).toBe(2);
    expect(applyVariant(next, accepted).diagnostics.filter((d) => d.code === 'variant.conflict')).toEqual([]);
  });

  it('proposes the nearest earlier matter that is still there as the new anchor', () => {
    const op: VariantOperation = { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { after: 'C001' } };
    const result = rebaseVariant(
      variant(op),
      v1,
      base(
        2,
        [
          ['A001', 'required'],
          ['C999', 'optional'],
        ],
        12,
      ),
    );
    expect(result.outcomes[0]!.proposal).toEqual({ action: 'new-anchor', anchor: { after: 'A001' } });
    expect(acceptRebase(variant(op), result).operations).toEqual([
      { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { after: 'A001' } },
    ]);
  });

  // --- properties over random bases and variants
  const codes = ['A001', 'B001', 'C001', 'D001', 'E001', 'F001'];
  const bundleArb = fc
    .record({
      version: fc.integer({ min: 1, max: 5 }),
      items: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 6 }),
      required: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      locked: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      promised: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    })
    .map(({ version, items, required, locked, promised }) =>
      base(
        version,
        items.map((m, i) => [m, required[i] ? 'required' : 'optional', locked[i] && i % 2 === 0]),
        promised,
      ),
    );
  const opArb: fc.Arbitrary<VariantOperation> = fc.oneof(
    fc
      .record({
        op: fc.constant('addItem' as const),
        scenario: fc.constant('main'),
        matter: fc.constantFrom(...codes, 'G001'),
        selection: fc.constantFrom('required' as const, 'optional' as const),
        anchor: fc.option(
          fc.constantFrom(...codes).map((m) => ({ after: m })),
          { nil: undefined },
        ),
      })
      .map((o) => (o.anchor ? o : { op: o.op, scenario: o.scenario, matter: o.matter, selection: o.selection })),
    fc.record({ op: fc.constant('removeItem' as const), scenario: fc.constant('main'), matter: fc.constantFrom(...codes) }),
    fc.record({
      op: fc.constant('setSelection' as const),
      scenario: fc.constant('main'),
      matter: fc.constantFrom(...codes),
      selection: fc.constant('required' as const),
    }),
    fc.record({ op: fc.constant('tightenDays' as const), scenario: fc.constant('main'), days: fc.integer({ min: 0, max: 30 }) }),
    fc.record({ op: fc.constant('relabelScenario' as const), scenario: fc.constant('main'), label: fc.constantFrom('甲', '乙') }),
    fc.record({ op: fc.constant('addNote' as const), text: fc.constant('说明') }),
  );

  it('re-applying a variant to an unchanged base is a no-op', () => {
    fc.assert(
      fc.property(bundleArb, fc.array(opArb, { maxLength: 8 }), (b, ops) => {
        // keep the operations that apply cleanly, in order: a variant as a city would have saved it
        const clean: VariantOperation[] = [];
        for (const op of ops) {
          const trial = applyVariant(b, { ...variant(...clean, op), baseVersion: b.version });
          if (!trial.diagnostics.some((d) => d.code === 'variant.conflict')) clean.push(op);
        }
        const v = { ...variant(...clean), baseVersion: b.version };
        const result = rebaseVariant(v, b, b);
        expect(result.conflicts).toBe(0);
        expect(applyVariant(b, acceptRebase(v, result)).bundle).toEqual(applyVariant(b, v).bundle);
      }),
      { numRuns: runs(300) },
    );
  });

  it('never silently loses an operation: each ends kept, satisfied or reported, and the accepted variant applies cleanly', () => {
    fc.assert(
      fc.property(bundleArb, bundleArb, fc.array(opArb, { maxLength: 8 }), (previous, next, ops) => {
        const v = variant(...ops);
        const result = rebaseVariant(v, previous, next);
        expect(result.outcomes.map((o) => o.index)).toEqual(ops.map((_, i) => i));
        for (const o of result.outcomes) {
          expect(['kept', 'satisfied', 'conflict']).toContain(o.status);
          if (o.status === 'conflict') expect(o.proposal).toBeDefined();
          expect(o.reason).toMatch(/[\u4e00-\u9fff]/);
        }
        const accepted = acceptRebase(v, result);
        expect(accepted.operations.length).toBe(
          result.outcomes.filter((o) => o.status === 'kept' || o.proposal?.action === 'new-anchor').length,
        );
        expect(applyVariant(next, accepted).diagnostics.filter((d) => d.code === 'variant.conflict')).toEqual([]);
      }),
      { numRuns: runs(400) },
    );
  });
});

describe('guardrail on local materials', () => {
  const matters = [
    matter('A001', { materials: [material('idCard', { eLicense: true }), material('separationCert', { commitment: true })] }),
    matter('B001', { materials: [] }),
  ];
  const b = base(1, [
    ['A001', 'required'],
    ['B001', 'optional'],
  ]);
  it.each([
    ['a required material the province exempted by e-licence', 'idCard', 'required', true],
    ['a required material the province exempted by commitment', 'separationCert', 'required', true],
    ['an optional one of those', 'idCard', 'optional', false],
    ['a new local material', 'bankCard', 'required', false],
  ] as const)('%s → conflict: %s', (_name, ref, necessity, conflict) => {
    const v: Variant = variant({ op: 'addLocalMaterial', matter: 'B001', material: material(ref, { necessity }) });
    const compiled = compileBundle(definitions(matters, [b], { variants: [v] }), 'test-bundle', '320500');
    expect(compiled.diagnostics.some((d) => d.code === 'variant.conflict')).toBe(conflict);
    expect(compiled.scenarios[0]!.checklist.some((c) => c.id === ref && c.matters.includes('B001'))).toBe(!conflict);
  });
});
