import { describe, expect, it } from 'vitest';
import { BUILT_IN_PATTERNS } from '../../../schemas/formats.ts';
import { createAjv, patternProblem, re2RegExp, validateDocument } from '../../../schemas/index.ts';
import { dictionary } from '../../support/fixtures.ts';

describe('safe patterns', () => {
  it.each([
    ['^(a', '不是有效的正则表达式'],
    ['^(a+)+$', '嵌套重复'],
    ['^([a-z]+\\d*)*$', '嵌套重复'],
    ['^(?=a)a$', '不支持'],
    ['^(a)\\1$', '不支持'],
  ])('refuses %s', (pattern, problem) => {
    expect(patternProblem(pattern)).toContain(problem);
  });

  it.each(['^[0-9A-Z]{6,20}$', '^[\\u4e00-\\u9fff]{2,20}$', '^[^@\\s]+@[^@\\s.]+\\.[^@\\s]+$', '^0[0-9]{2,3}-?[0-9]{7,8}$'])(
    'accepts %s',
    (pattern) => {
      expect(patternProblem(pattern)).toBeNull();
    },
  );

  it('refuses an unsafe pattern in a document, naming it', () => {
    const bad = {
      ...dictionary,
      elements: [...dictionary.elements, { id: 'person.code', label: '编号', type: 'string' as const, pattern: '^(a+)+$' }],
    };
    const problems = validateDocument('dictionary', bad, 'dictionary');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('/elements/7/pattern');
  });

  it('runs patterns in linear time, the exponential ones included', () => {
    const regex = re2RegExp('^(a|a)*$', 'u');
    const started = performance.now();
    expect(regex.test('a'.repeat(40) + 'b')).toBe(false);
    expect(regex.test('a'.repeat(40))).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
    const validate = createAjv().compile({ type: 'string', pattern: '^[\\u4e00-\\u9fff]+$' });
    expect([validate('中文'), validate('abc')]).toEqual([true, false]);
  });

  it('runs only the product’s own patterns in the built-in engine, each of which passes the safety checks', () => {
    for (const pattern of BUILT_IN_PATTERNS) {
      expect(patternProblem(pattern), pattern).toBeNull();
      expect(re2RegExp(pattern, 'u')).toBeInstanceOf(RegExp);
    }
    // an authored pattern, even one equal in meaning, stays in RE2
    expect(re2RegExp('^[0-9]{6}$|^$', 'u')).not.toBeInstanceOf(RegExp);
  });
});
