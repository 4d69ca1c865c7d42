import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../schemas/index.ts';
import { conditionRows, rowsCondition, testsFor } from '../../../studio/src/editor/condition-rows.ts';

describe('condition-rows', () => {
  it('reads a condition as rows and writes the same condition back', () => {
    const conditions: Condition[] = [
      { answer: 'byAgent', equals: true },
      { field: 'person.age', min: 60 },
      { matter: 'A001', selected: false },
      {
        all: [
          { answer: 'kind', in: ['a', 'b'] },
          { field: 'x.y', filled: false },
        ],
      },
      {
        any: [
          { answer: 'benefits', includes: 'card' },
          { matter: 'B001', selected: true },
        ],
      },
    ];
    for (const c of conditions) expect(rowsCondition(conditionRows(c)!)).toEqual(c);
  });

  it('leaves out rows not yet complete, and says nothing for none', () => {
    const model = conditionRows(undefined)!;
    expect(rowsCondition(model)).toBeUndefined();
    model.rows.push({ subject: 'answer', ref: 'byAgent', test: 'equals' });
    expect(rowsCondition(model)).toBeUndefined();
    model.rows.push({ subject: 'matter', ref: 'A001', test: 'selected' });
    expect(rowsCondition(model)).toEqual({ matter: 'A001', selected: true });
  });

  it('cannot show a condition nested deeper than rows (it is kept, not flattened)', () => {
    expect(conditionRows({ not: { answer: 'a', equals: true } })).toBeNull();
    expect(conditionRows({ all: [{ any: [{ answer: 'a', equals: true }] }] })).toBeNull();
  });

  it('offers the tests a subject allows', () => {
    expect(testsFor({ ref: 'A', label: 'A', kind: 'matter' }).map(([t]) => t)).toEqual(['selected', 'notSelected']);
    expect(testsFor({ ref: 'n', label: 'n', kind: 'integer' }).map(([t]) => t)).toContain('min');
    expect(testsFor({ ref: 'b', label: 'b', kind: 'several-of' }).map(([t]) => t)).toEqual(['includes', 'filled', 'empty']);
    expect(testsFor(undefined)).toEqual([]);
  });
});
