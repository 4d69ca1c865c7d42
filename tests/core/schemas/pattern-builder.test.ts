import { describe, expect, it } from 'vitest';
import { buildPattern, describePattern, patternProblem, type PatternPart } from '../../../schemas/index.ts';

describe('the pattern builder', () => {
  const permit: PatternPart[] = [
    { text: '苏' },
    { chars: ['upper'], min: 1, max: 1 },
    { text: '-' },
    { chars: ['digit', 'upper'], min: 5, max: 6 },
  ];

  it('builds an anchored pattern that matches what the parts say and nothing else', () => {
    const pattern = buildPattern(permit)!;
    expect(pattern).toBe('^苏[A-Z]-[0-9A-Z]{5,6}$');
    const re = new RegExp(pattern, 'u');
    expect(re.test('苏E-12345')).toBe(true);
    expect(re.test('苏E-1234')).toBe(false);
    expect(re.test('x苏E-12345')).toBe(false);
    expect(describePattern(permit)).toBe('「苏」，然后 1 个大写字母，然后 「-」，然后 5–6 个数字或大写字母');
  });

  it('only builds patterns the server accepts (no nested repetition, RE2 syntax), whatever the parts', () => {
    const kinds = [['digit'], ['han'], ['upper', 'lower'], ['digit', 'upper', 'lower', 'han']] as const;
    for (const chars of kinds)
      for (const [min, max] of [
        [1, 1],
        [0, 3],
        [6, 18],
        [2, 2],
      ] as const)
        for (const text of ['', '.*+?(', 'No.']) {
          const parts: PatternPart[] = [...(text ? [{ text }] : []), { chars: [...chars], min, max }, { chars: ['digit'], min: 1, max: 4 }];
          const pattern = buildPattern(parts)!;
          expect(patternProblem(pattern), pattern).toBeNull();
        }
  });

  it('refuses parts that say nothing or cannot hold', () => {
    expect(buildPattern([])).toBeNull();
    expect(buildPattern([{ chars: [], min: 1, max: 2 }])).toBeNull();
    expect(buildPattern([{ chars: ['digit'], min: 3, max: 2 }])).toBeNull();
    expect(buildPattern([{ text: '' }])).toBeNull();
  });
});
