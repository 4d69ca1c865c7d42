import { describe, expect, it } from 'vitest';
import { compileBundle, type CompiledScenario } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { SEED_TABLE, type SeedScenario } from './seed-table.ts';

const defs = loadDefinitions();
const compiled = defs.bundles.map((b) => compileBundle(defs, b.id, '320000'));
const MODES = { 整合办: 'integrated', 并行: 'parallel', 串行: 'serial' } as const;
const TARGETS = { 单位: 'organization', 个人: 'individual', '个人(单位)': 'individual' } as const;

/**
 * Matters a domain review added to a row of the table, each with the rule that requires it:
 * 就业登记 within 30 days of hiring (《就业服务与就业管理规定》第六十二条).
 */
const ADDED: Record<string, [string, '必选' | '可选', number][]> = {
  企业录用职工一件事: [['就业登记', '必选', 1]],
};

/**
 * Modes a legal review changed: 工伤待遇 matters are independent once 工伤认定 exists (《工伤保险条例》第三十条至
 * 第三十七条 each rest on the 认定 alone); only 一次性工伤医疗补助金 waits for the 伤残 decision, which its dependency orders.
 * The table's 串行 made 30 working days of a 25-day chain.
 */
const MODE_REVIEWED: Record<string, keyof typeof MODES> = { 工伤待遇一件事: '并行' };
const modeOf = (row: SeedScenario) => MODE_REVIEWED[`${row.bundle}${row.scenario ? ` / ${row.scenario}` : ''}`] ?? row.mode;

/** The table's row with the reviewed additions in place. */
function withAdditions(row: SeedScenario): SeedScenario['items'] {
  const items = [...row.items];
  for (const [name, selection, at] of ADDED[`${row.bundle}${row.scenario ? ` / ${row.scenario}` : ''}`] ?? []) items.splice(at, 0, [name, selection]);
  return items;
}

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

  it('ships exactly the 14 bundles of the table, and they use its 63 distinct matters and the reviewed additions', () => {
    expect(compiled.map((c) => c.name).sort()).toEqual([...new Set(SEED_TABLE.map((r) => r.bundle))].sort());
    expect(compiled.reduce((n, c) => n + c.scenarios.length, 0)).toBe(19);
    expect(new Set(compiled.flatMap((c) => c.scenarios.flatMap((s) => s.items.map((i) => i.matter.code)))).size).toBe(63 + 1);
  });

  it('references one catalog matter wherever the same matter name appears', () => {
    const codes = new Map<string, Set<string>>();
    for (const c of compiled) for (const s of c.scenarios) for (const i of s.items) (codes.get(i.matter.name) ?? codes.set(i.matter.name, new Set()).get(i.matter.name)!).add(i.matter.code);
    for (const [name, set] of codes) expect(set.size, name).toBe(1);
  });

  it.each(SEED_TABLE.map((row) => [`${row.bundle}${row.scenario ? ` / ${row.scenario}` : ''}`, row] as const))('%s: mode, target, matters and selection as the table says', (_name, row) => {
    const scenario = find(row);
    expect(scenario).toBeDefined();
    expect(scenario!.mode).toBe(MODES[modeOf(row)]);
    expect(scenario!.target).toBe(TARGETS[row.target]);
    const items = withAdditions(row);
    expect(scenario!.items.map((i) => i.matter.name)).toEqual(items.map(([m]) => m));
    // blank cells (参保登记一件事): both registrations are alternatives the applicant ticks, so optional
    expect(scenario!.items.map((i) => i.selection)).toEqual(items.map(([, s]) => (s === '必选' ? 'required' : 'optional')));
  });

  /**
   * Where practice orders matters differently from the table's rows, the catalog's dependencies
   * decide (and the compiler says so): 特殊工种提前退休审批 comes before 退休审批, whose 退休审批表
   * 待遇审核 needs; 转入 and 补缴 come before 待遇申领, to reach 15 years; the three kinds of 录用
   * 手续 are alternatives of one step (at most one applies), 聘用核准备案 follows them, 工资核定 follows 备案 and the
   * 养老保险增员 follows the approved salary.
   */
  const PRACTICE: Record<string, string[][]> = {
    '退休一件事 / 企业职工': [
      ['企业职工基本养老保险特殊工种提前退休审批'],
      ['企业职工基本养老保险退休审批'],
      ['企业职工基本养老保险待遇审核'],
      ['社会保障卡申领'],
    ],
    '退休一件事 / 城乡居民': [
      ['城乡居民基本养老保险关系制度内转移（转入办理）'],
      ['城乡居民基本养老保险费补缴'],
      ['城乡居民基本养老保险待遇申领'],
      ['社会保障卡申领'],
    ],
    事业单位新进人员一件事: [
      ['人员调入'],
      ['事业单位录用应届高校毕业生手续办理', '事业单位录用流动人才手续办理', '事业单位录用留学回国人员手续办理'],
      ['事业单位新进人员聘用核准备案'],
      ['事业单位工作人员工资变动核定'],
      ['机关事业单位养老保险人员增加登记'],
    ],
  };

  it('chains serial scenarios in the order of the table, except where practice orders them otherwise', () => {
    for (const row of SEED_TABLE.filter((r) => modeOf(r) === '串行')) {
      const scenario = find(row)!;
      const names = new Map(scenario.items.map((i) => [i.matter.code, i.matter.name]));
      const name = `${row.bundle}${row.scenario ? ` / ${row.scenario}` : ''}`;
      expect(scenario.stages.map((stage) => stage.map((c) => names.get(c))), name).toEqual(PRACTICE[name] ?? row.items.map(([m]) => [m]));
    }
  });
});
