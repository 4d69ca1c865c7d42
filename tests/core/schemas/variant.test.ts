import { describe, expect, it } from 'vitest';
import { applyVariant, compileBundle, type Bundle, type Variant, type VariantOperation } from '../../../schemas/index.ts';
import { bundle, definitions, matter } from '../../support/fixtures.ts';

const base: Bundle = {
  ...bundle(['A001', 'B001', 'C001'], { mode: 'serial', promisedDays: 12 }),
  scenarios: [
    {
      id: 'main',
      label: '主情形',
      target: 'individual',
      mode: 'serial',
      promisedDays: 12,
      items: [
        { matter: 'A001', selection: 'required', locked: true },
        { matter: 'B001', selection: 'optional' },
        { matter: 'C001', selection: 'optional', locked: true },
      ],
    },
  ],
};
const variant = (...operations: VariantOperation[]): Variant => ({
  id: 'v',
  bundle: 'test-bundle',
  baseVersion: 1,
  region: '320500',
  operations,
});

describe('applyVariant', () => {
  it('does not modify the provincial bundle', () => {
    const before = JSON.stringify(base);
    applyVariant(base, variant({ op: 'removeItem', scenario: 'main', matter: 'B001' }));
    expect(JSON.stringify(base)).toBe(before);
  });

  it.each<[string, VariantOperation, (b: Bundle) => unknown, unknown]>([
    [
      'adds a city matter after an item',
      { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { after: 'A001' } },
      (b) => b.scenarios[0]!.items.map((i) => i.matter),
      ['A001', 'D001', 'B001', 'C001'],
    ],
    [
      'adds a city matter before an item',
      { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { before: 'A001' } },
      (b) => b.scenarios[0]!.items.map((i) => i.matter),
      ['D001', 'A001', 'B001', 'C001'],
    ],
    [
      'adds a city matter beside an item',
      { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { parallelTo: 'B001' } },
      (b) => b.scenarios[0]!.edges,
      [
        { before: 'A001', after: 'B001' },
        { before: 'B001', after: 'C001' },
        { before: 'A001', after: 'D001' },
        { before: 'D001', after: 'C001' },
      ],
    ],
    [
      'removes an optional item and keeps the order around it',
      { op: 'removeItem', scenario: 'main', matter: 'B001' },
      (b) => [b.scenarios[0]!.items.map((i) => i.matter), b.scenarios[0]!.edges],
      [['A001', 'C001'], [{ before: 'A001', after: 'C001' }]],
    ],
    [
      'makes an optional item required',
      { op: 'setSelection', scenario: 'main', matter: 'B001', selection: 'required' },
      (b) => b.scenarios[0]!.items[1]!.selection,
      'required',
    ],
    ['tightens promised days', { op: 'tightenDays', scenario: 'main', days: 8 }, (b) => b.scenarios[0]!.promisedDays, 8],
    ['relabels a scenario', { op: 'relabelScenario', scenario: 'main', label: '苏州主情形' }, (b) => b.scenarios[0]!.label, '苏州主情形'],
    [
      'relabels a field',
      { op: 'relabelField', field: 'person.name', label: '申请人姓名' },
      (b) => b.fieldOverrides,
      [{ field: 'person.name', label: '申请人姓名' }],
    ],
  ])('%s', (_name, op, read, expected) => {
    const out = applyVariant(base, variant(op));
    expect(out.diagnostics).toEqual([]);
    expect(read(out.bundle)).toEqual(expected);
  });

  it.each<[string, VariantOperation, string]>([
    ['a locked item cannot be removed', { op: 'removeItem', scenario: 'main', matter: 'C001' }, '锁定'],
    ['a scenario must exist', { op: 'removeItem', scenario: 'base', matter: 'A001' }, '不存在'],
    ['a locked item keeps its selection', { op: 'setSelection', scenario: 'main', matter: 'C001', selection: 'required' }, '锁定'],
    ['promised days only go down', { op: 'tightenDays', scenario: 'main', days: 15 }, '只能缩短'],
    [
      'an anchor must exist',
      { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { after: 'X999' } },
      '所挂靠的「X999」已不在办事情形「主情形」中',
    ],
    ['a matter is added once', { op: 'addItem', scenario: 'main', matter: 'B001', selection: 'optional' }, '已在'],
    ['a removed item must exist', { op: 'removeItem', scenario: 'main', matter: 'X999' }, '不在'],
    [
      'a local field goes to a matter of the bundle',
      { op: 'addLocalField', matter: 'X999', field: { local: { id: 'x', label: 'x', type: 'string' }, required: false } },
      '不在',
    ],
  ])('reports a conflict: %s', (_name, op, text) => {
    const out = applyVariant(base, variant(op));
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]).toMatchObject({ code: 'variant.conflict', severity: 'error', document: 'variant:v', path: '/operations/0' });
    expect(out.diagnostics[0]!.message).toContain(text);
  });

  it('refuses to relax a required provincial matter', () => {
    const unlocked: Bundle = {
      ...base,
      scenarios: [{ ...base.scenarios[0]!, items: base.scenarios[0]!.items.map((i) => ({ ...i, locked: false })) }],
    };
    for (const op of [
      { op: 'removeItem', scenario: 'main', matter: 'A001' },
      { op: 'setSelection', scenario: 'main', matter: 'A001', selection: 'optional' },
    ] as VariantOperation[]) {
      expect(applyVariant(unlocked, variant(op)).diagnostics[0]!.message).toContain('必选');
    }
  });

  it('re-applies to a newer base and says so', () => {
    const out = applyVariant({ ...base, version: 2 }, variant({ op: 'addNote', text: '说明' }));
    expect(out.diagnostics).toMatchObject([{ code: 'variant.base-moved', severity: 'info' }]);
    expect(out.notes).toEqual(['说明']);
  });

  it("compiles a city's bundle with its variant and the province's without", () => {
    const matters = ['A001', 'B001', 'C001', 'D001'].map((c) => matter(c, { promisedDays: 3 }));
    const defs = definitions(matters, [base], {
      variants: [
        variant(
          { op: 'addItem', scenario: 'main', matter: 'D001', selection: 'optional', anchor: { after: 'A001' } },
          {
            op: 'addLocalField',
            matter: 'D001',
            field: { local: { id: 'district', label: '所在街道', type: 'string', maxLength: 30 }, required: true },
          },
        ),
      ],
    });
    const city = compileBundle(defs, 'test-bundle', '320500');
    const province = compileBundle(defs, 'test-bundle', '320000');
    expect(city.diagnostics).toEqual([]);
    expect(city.variant).toEqual({ id: 'v', baseVersion: 1 });
    expect(city.scenarios[0]!.items.map((i) => i.matter.code)).toEqual(['A001', 'D001', 'B001', 'C001']);
    expect(city.fields.some((f) => f.id === 'matter_D001.district')).toBe(true);
    expect(province.variant).toBeNull();
    expect(province.scenarios[0]!.items).toHaveLength(3);
  });
});
