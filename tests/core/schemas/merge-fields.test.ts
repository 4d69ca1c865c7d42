import { describe, expect, it } from 'vitest';
import { compileBundle, type FieldConstraints, type FieldOverride } from '../../../schemas/index.ts';
import { bundle, definitions, field, matter } from '../../support/fixtures.ts';

/** Compiles two matters that both ask for `ref`, with the given overrides. */
function mergeTwo(ref: string, a: FieldConstraints | undefined, b: FieldConstraints | undefined, overrides?: FieldOverride[]) {
  const ma = matter('A001', { fields: [field(ref, true, a)] });
  const mb = matter('B001', { fields: [field(ref, false, b)] });
  const compiled = compileBundle(
    definitions([ma, mb], [bundle(['A001', 'B001'], {}, overrides ? { fieldOverrides: overrides } : {})]),
    'test-bundle',
    '320000',
  );
  return { compiled, merged: compiled.fields.find((f) => f.id === ref)! };
}

describe('merge-fields', () => {
  it('merges the same dictionary id into one field with its provenance', () => {
    const { compiled, merged } = mergeTwo('person.name', undefined, undefined);
    expect(compiled.fields.filter((f) => f.id === 'person.name')).toHaveLength(1);
    expect(merged.sources).toEqual([
      { matter: 'A001', required: true },
      { matter: 'B001', required: false },
    ]);
    expect(merged.pii).toBe(true);
  });

  it.each([
    ['keeps the strictest maxLength of two sources', 'person.note', { maxLength: 50 }, { maxLength: 80 }, { maxLength: 50 }],
    ['keeps the strictest minLength of two sources', 'person.name', { minLength: 3 }, undefined, { minLength: 3, maxLength: 30 }],
    ['narrows a number range to the overlap', 'person.age', { minimum: 18 }, { maximum: 60 }, { minimum: 18, maximum: 60 }],
    [
      'intersects enum options',
      'person.education',
      {
        options: [
          { value: 'master', label: '硕士' },
          { value: 'bachelor', label: '本科' },
        ],
      },
      {
        options: [
          { value: 'bachelor', label: '本科' },
          { value: 'college', label: '专科' },
        ],
      },
      { options: [{ value: 'bachelor', label: '本科' }] },
    ],
    ['merges string and text into text', 'person.note', { type: 'text' }, undefined, { type: 'text' }],
    ['merges integer and number into integer', 'person.age', { type: 'number' }, undefined, { type: 'integer' }],
    ['keeps both patterns', 'person.note', { pattern: '^A' }, { pattern: 'Z$' }, { patterns: ['^A', 'Z$'] }],
  ] as const)('%s', (_name, ref, a, b, expected) => {
    const { compiled, merged } = mergeTwo(ref, a as FieldConstraints | undefined, b as FieldConstraints | undefined);
    expect(compiled.diagnostics.filter((d) => d.code === 'field.conflict')).toEqual([]);
    expect(merged).toMatchObject(expected);
  });

  it.each([
    [
      'disjoint enum options',
      'person.education',
      { options: [{ value: 'master', label: '硕士' }] },
      { options: [{ value: 'college', label: '专科' }] },
      '可选项没有交集',
    ],
    ['a type clash', 'person.note', { type: 'integer' }, { type: 'date' }, '类型'],
    ['an empty length range', 'person.note', { minLength: 20 }, { maxLength: 10 }, '长度要求'],
    ['an empty number range', 'person.age', { minimum: 70 }, { maximum: 30 }, '取值范围'],
    ['two different formats', 'person.note', { format: 'cn-mobile' }, { format: 'email' }, '格式'],
  ] as const)('reports %s as field.conflict', (_name, ref, a, b, text) => {
    const { compiled } = mergeTwo(ref, a as FieldConstraints, b as FieldConstraints);
    const conflict = compiled.diagnostics.find((d) => d.code === 'field.conflict');
    expect(conflict).toMatchObject({ severity: 'error', document: 'bundle:test-bundle', path: '/fieldOverrides' });
    expect(conflict!.message).toContain(text);
  });

  it("resolves a conflict by preferring one matter's version", () => {
    const { compiled, merged } = mergeTwo(
      'person.education',
      { options: [{ value: 'master', label: '硕士' }] },
      { options: [{ value: 'college', label: '专科' }] },
      [{ field: 'person.education', prefer: 'B001' }],
    );
    expect(compiled.diagnostics).toEqual([]);
    expect(merged.options).toEqual([{ value: 'college', label: '专科' }]);
    expect(merged.resolvedBy).toBe('prefer');
  });

  it('resolves a conflict by stating the constraints', () => {
    const { compiled, merged } = mergeTwo('person.note', { minLength: 20 }, { maxLength: 10 }, [
      { field: 'person.note', constraints: { minLength: 5, maxLength: 10 } },
    ]);
    expect(compiled.diagnostics).toEqual([]);
    expect(merged).toMatchObject({ minLength: 5, maxLength: 10, resolvedBy: 'constraints' });
  });

  it('says when one matter contradicts the dictionary itself, and never calls a conflict that remains resolved', () => {
    // 长度 from 40 (the matter) to 30 (the dictionary): no other matter is involved
    const { compiled, merged } = mergeTwo('person.name', { minLength: 40 }, undefined, [{ field: 'person.name', prefer: 'A001' }]);
    expect(merged.conflicts).toEqual(['长度要求 40–30 无法同时满足']);
    expect(merged.resolvedBy).toBeUndefined();
    const [d] = compiled.diagnostics.filter((x) => x.code === 'field.conflict');
    expect(d!.message).not.toContain('多个事项');
    expect(d!.message).toContain('事项「事项A001」的要求与数据字典矛盾');
    expect(d!.message).toContain('采用哪个事项的要求都不能解决');
  });

  it('relabels a field through the bundle override', () => {
    const { merged } = mergeTwo('person.name', undefined, undefined, [{ field: 'person.name', label: '申请人姓名' }]);
    expect(merged.label).toBe('申请人姓名');
  });

  it('warns about an override of a field the form does not have', () => {
    const { compiled } = mergeTwo('person.name', undefined, undefined, [{ field: 'person.unknown', label: 'x' }]);
    expect(compiled.diagnostics).toMatchObject([{ code: 'field.override-unknown', severity: 'warning', path: '/fieldOverrides/0/field' }]);
  });

  it("puts a matter's local fields in the matter's own section", () => {
    const ma = matter('A001', {
      fields: [field('person.name'), { local: { id: 'reason', label: '申请理由', type: 'text', maxLength: 200 }, required: true }],
    });
    const compiled = compileBundle(definitions([ma], [bundle(['A001'])]), 'test-bundle', '320000');
    expect(compiled.sections.map((s) => s.key)).toEqual(['person', 'matter_A001']);
    expect(compiled.fields.find((f) => f.local)).toMatchObject({ id: 'matter_A001.reason', section: 'matter_A001', key: 'reason' });
  });
});

describe('merge-fields order', () => {
  it("puts fields in the official's order within a section, the rest after them in first-asked order", () => {
    const ma = matter('A001', { fields: [field('person.name'), field('person.idNumber'), field('person.age'), field('contact.mobile')] });
    const overrides = [
      { field: 'person.age', order: 0 },
      { field: 'person.name', order: 1 },
    ];
    const compiled = compileBundle(definitions([ma], [bundle(['A001'], {}, { fieldOverrides: overrides })]), 'test-bundle', '320000');
    expect(compiled.fields.map((f) => f.id)).toEqual(['person.age', 'person.name', 'person.idNumber', 'contact.mobile']);
    expect(Object.keys((compiled.schema.properties as Record<string, { properties: object }>).person!.properties)).toEqual([
      'age',
      'name',
      'idNumber',
    ]);
  });
});
