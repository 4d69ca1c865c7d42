import { describe, expect, it } from 'vitest';
import { diagnostic, type Bundle } from '../../../schemas/index.ts';
import { placeOf } from '../../../studio/src/editor/diagnostic-place.ts';

const bundle = {
  id: 'unemployment',
  scenarios: [{ id: 'main', label: '失业人员', items: [] }],
} as unknown as Bundle;
const names = {
  matter: (code: string) => ({ 'JSRS-JY-0101': '失业登记' })[code] ?? code,
  field: (id: string) => ({ 'person.education': '文化程度' })[id] ?? id,
};

describe('where a diagnostic is, in officials’ words', () => {
  it.each([
    [
      diagnostic(
        'matter.unknown',
        'bundle:unemployment',
        '/scenarios/0/items/0/matter',
        { matter: 'X' },
        { scenario: 'main', matter: 'JSRS-JY-0101' },
      ),
      '办事情形「失业人员」 · 事项「失业登记」',
    ],
    [
      diagnostic(
        'field.conflict',
        'bundle:unemployment',
        '/fieldOverrides',
        { label: '文化程度', detail: '' },
        { field: 'person.education' },
      ),
      '一张表单 · 字段「文化程度」',
    ],
    [
      diagnostic('field.unknown', 'matter:JSRS-JY-0101', '/fields/2/ref', { field: 'x' }, { matter: 'JSRS-JY-0101' }),
      '事项「失业登记」 · 第 3 个字段的引用',
    ],
    [
      diagnostic('variant.conflict', 'variant:suzhou-unemployment', '/operations/2', { detail: '' }, { operation: 2, scenario: 'main' }),
      '地方调整第 3 条 · 办事情形「失业人员」',
    ],
    [diagnostic('document.invalid', 'bundle:unemployment', '/scenarios/0/label', { detail: '' }), '第 1 个办事情形的名称'],
    [diagnostic('document.invalid', 'dictionary', '/elements/3/label', { detail: '' }), '数据字典 · 第 4 个数据元的名称'],
  ])('%#: %s', (d, words) => {
    expect(placeOf(d, bundle, names)).toBe(words);
  });
});
