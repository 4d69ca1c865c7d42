import { describe, expect, it } from 'vitest';
import { compileBundle, simulate, type Question } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { bundle, definitions, field, matter } from '../../support/fixtures.ts';

const A = matter('A001', { promisedDays: 3 });
const B = matter('B001', { promisedDays: 7, fields: [field('person.name'), field('contact.mobile')] });
const C = matter('C001', { promisedDays: 2 });
const byAgent: Question = { id: 'byAgent', text: '是否委托他人代办？', kind: 'yes-no' };

describe('simulation', () => {
  it('walks every path: answers × optional matters, the answers’ effects applied, and says what no path reaches', () => {
    // 是 requires C; nothing ever lets B be handled (every answer excludes it)
    const b = bundle(['A001', 'B001', 'C001'], {
      questions: [byAgent],
      effects: [
        { when: { answer: 'byAgent', equals: true }, require: ['C001'] },
        { when: { answer: 'byAgent', filled: true }, exclude: ['B001'] },
      ],
    });
    const report = simulate(compileBundle(definitions([A, B, C], [b]), 'test-bundle', '320000'));
    expect(report).toMatchObject({ bundleId: 'test-bundle', paths: 2 * 2 * 2, sampled: false, refused: 0 });
    // distinct: 否 with or without C, 是 with C
    expect(report.simulated).toBe(3);
    expect(report.coverage.matters.never.map((m) => m.id)).toEqual(['B001']);
    expect(report.coverage.matters.always.map((m) => m.id)).toEqual(['A001']);
    expect(report.coverage.fields.never.map((f) => f.id)).toContain('contact.mobile');
    expect(report.days).toEqual({ min: 3, median: 3, max: 3, histogram: [{ days: 3, paths: 3 }] });
    expect(report.findings).toContain('事项「事项B001」在任何办理路径上都不会办理');
    expect(report.reductions.steps.before).toEqual({ min: 1, median: 2, max: 2 });
  });

  it('samples the same paths every time above 4,096', () => {
    const codes = Array.from({ length: 14 }, (_, i) => `M${String(i).padStart(3, '0')}`);
    const defs = definitions(
      codes.map((c) => matter(c)),
      [bundle(codes)],
    );
    const compiled = compileBundle(defs, 'test-bundle', '320000');
    const first = simulate(compiled);
    expect(first).toMatchObject({ paths: 2 ** 13, sampled: true });
    expect(first.simulated).toBeLessThanOrEqual(4096);
    expect(simulate(compiled)).toEqual(first);
  });

  it('finds every shipped bundle’s paths accepted, its matters each reachable', () => {
    const defs = loadDefinitions();
    for (const b of defs.bundles) {
      const report = simulate(compileBundle(defs, b.id, '320000'));
      expect(report.refused, b.id).toBe(0);
      expect(report.coverage.matters.never, b.id).toEqual([]);
      expect(report.days.min, b.id).toBeLessThanOrEqual(report.days.max);
    }
  });
});
