import { describe, expect, it } from 'vitest';
import { documentFieldName, TEXT_LIMITS, validateDocument } from '../../../schemas/index.ts';
import { bundle, matter } from '../../support/fixtures.ts';

describe('document fields in officials’ words', () => {
  it.each([
    ['/name', '名称'],
    ['/scenarios/1/label', '第 2 个办事情形的名称'],
    ['/scenarios/0/guide/question', '第 1 个办事情形的情形引导的问题'],
    ['/scenarios/0/items/2/selection', '第 1 个办事情形的第 3 个事项的必选 / 可选'],
    ['/operations/3/label', '第 4 条地方调整的名称'],
    ['/fields/2/local/label', '第 3 个字段的名称'],
    ['/materials/1/note', '第 2 份材料的备注'],
  ])('names %s as %s', (pointer, words) => {
    expect(documentFieldName(pointer)).toBe(words);
  });

  it('refuses too long texts with the limit the studio’s inputs use', () => {
    const long = { ...bundle(['A001']), name: '名'.repeat(TEXT_LIMITS.bundleName + 1) };
    expect(validateDocument('bundle', long, 'bundle:x').map((d) => d.message)).toEqual([`「名称」最多 ${TEXT_LIMITS.bundleName} 个字符`]);
    expect(validateDocument('bundle', { ...long, name: '名'.repeat(TEXT_LIMITS.bundleName) }, 'bundle:x')).toEqual([]);
    expect(Object.values(TEXT_LIMITS).every((n) => n >= 20 && n <= 500)).toBe(true);
  });

  it('refuses a range whose lower bound is above its upper one, at the lower bound, in words', () => {
    const element = (over: Record<string, unknown>) => ({
      sections: [{ id: 'person', label: '申请人信息' }],
      elements: [{ id: 'person.name', label: '姓名', type: 'string', ...over }],
    });
    expect(validateDocument('dictionary', element({ minLength: 60, maxLength: 50 }), 'dictionary').map((d) => [d.path, d.message])).toEqual(
      [['/elements/0/minLength', '「第 1 个数据元的最短长度」60 大于「最长长度」50']],
    );
    expect(validateDocument('dictionary', element({ type: 'integer', minimum: 9, maximum: 1 }), 'dictionary').map((d) => d.path)).toEqual([
      '/elements/0/minimum',
    ]);
    expect(validateDocument('dictionary', element({ minLength: 50, maxLength: 50 }), 'dictionary')).toEqual([]);
    const m = { ...matter('A001'), fields: [{ ref: 'person.name', required: true, override: { minLength: 9, maxLength: 2 } }] };
    expect(validateDocument('matter', m, 'matter:A001').map((d) => d.path)).toEqual(['/fields/0/override/minLength']);
  });
});
