import { describe, expect, it } from 'vitest';
import { compileBundle, type CompiledScenario } from '../../schemas/index.ts';
import { loadDefinitions } from '../../server/catalog/shipped.ts';
import { SEED_TABLE, type SeedScenario } from './seed-table.ts';

const defs = loadDefinitions();
const compiled = defs.bundles.map((b) => compileBundle(defs, b.id, '320000'));
const MODES = { 整合办: 'integrated', 并行: 'parallel', 串行: 'serial' } as const;
const TARGETS = { 单位: 'organization', 个人: 'individual', '个人(单位)': 'individual' } as const;

function find(row: SeedScenario): CompiledScenario | undefined {
  const bundle = compiled.find((c) => c.name === row.bundle);
  // a bundle without 分类 has one scenario, whatever its label
  return row.scenario === null ? (bundle?.scenarios.length === 1 ? bundle.scenarios[0] : undefined) : bundle?.scenarios.find((s) => s.label === row.scenario);
}

describe('the seed table (附件 1) against what the compiler resolves', () => {
  it('has the numbers of the seed: 14 bundles, 19 scenarios, 81 rows, 63 distinct matters', () => {
    expect(new Set(SEED_TABLE.map((r) => r.bundle)).size).toBe(14);
    expect(SEED_TABLE).toHaveLength(19);
    expect(SEED_TABLE.flatMap((r) => r.items)).toHaveLength(81);
    expect(new Set(SEED_TABLE.flatMap((r) => r.items.map(([m]) => m))).size).toBe(63);
  });

  it('ships exactly the 14 bundles of the table, and they use exactly 63 distinct matters', () => {
    expect(compiled.map((c) => c.name).sort()).toEqual([...new Set(SEED_TABLE.map((r) => r.bundle))].sort());
    expect(compiled.reduce((n, c) => n + c.scenarios.length, 0)).toBe(19);
    expect(new Set(compiled.flatMap((c) => c.scenarios.flatMap((s) => s.items.map((i) => i.matter.code)))).size).toBe(63);
  });

  it('references one catalog matter wherever the same matter name appears', () => {
    const codes = new Map<string, Set<string>>();
    for (const c of compiled) for (const s of c.scenarios) for (const i of s.items) (codes.get(i.matter.name) ?? codes.set(i.matter.name, new Set()).get(i.matter.name)!).add(i.matter.code);
    for (const [name, set] of codes) expect(set.size, name).toBe(1);
  });

  it.each(SEED_TABLE.map((row) => [`${row.bundle}${row.scenario ? ` / ${row.scenario}` : ''}`, row] as const))('%s: mode, target, matters and selection as the table says', (_name, row) => {
    const scenario = find(row);
    expect(scenario).toBeDefined();
    expect(scenario!.mode).toBe(MODES[row.mode]);
    expect(scenario!.target).toBe(TARGETS[row.target]);
    expect(scenario!.items.map((i) => i.matter.name)).toEqual(row.items.map(([m]) => m));
    // blank cells (参保登记一件事): both registrations are alternatives the applicant ticks, so optional
    expect(scenario!.items.map((i) => i.selection)).toEqual(row.items.map(([, s]) => (s === '必选' ? 'required' : 'optional')));
  });

  it('chains serial scenarios in the order of the table', () => {
    for (const row of SEED_TABLE.filter((r) => r.mode === '串行')) {
      const scenario = find(row)!;
      const names = new Map(scenario.items.map((i) => [i.matter.code, i.matter.name]));
      expect(scenario.stages.map((stage) => stage.map((c) => names.get(c)))).toEqual(row.items.map(([m]) => [m]));
    }
  });
});
