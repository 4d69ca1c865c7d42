import { Validator } from '@cfworker/json-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionRefs, conditionSchema, holds, type Condition } from '../../../schemas/index.ts';
import { runs } from '../../support/runs.ts';

/** Answers, fields and matters of a small world, so random conditions hit random applications often. */
const ANSWERS = ['byAgent', 'kind', 'benefits', 'years', 'since'] as const;
const FIELDS = ['person.gender', 'employment.contributionMonths', 'retire.staffType'] as const;
const MATTERS = ['A001', 'B001', 'C001'] as const;
const scalar = fc.oneof(fc.boolean(), fc.constantFrom('a', 'b', '', 'cadre', '1', '2'), fc.integer({ min: -2, max: 30 }));

const test = fc.oneof(
  scalar.map((equals) => ({ equals })),
  fc
    .array(fc.oneof(fc.constantFrom('a', 'b', '1'), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 3 })
    .map((v) => ({ in: v })),
  fc.constantFrom('a', 'b').map((includes) => ({ includes })),
  fc.integer({ min: 0, max: 20 }).map((min) => ({ min })),
  fc.integer({ min: 0, max: 20 }).map((max) => ({ max })),
  fc.boolean().map((filled) => ({ filled })),
);

const condition: fc.Arbitrary<Condition> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.tuple(fc.constantFrom(...ANSWERS), test).map(([answer, t]) => ({ answer, ...t })),
    fc.tuple(fc.constantFrom(...FIELDS), test).map(([field, t]) => ({ field, ...t })),
    fc.tuple(fc.constantFrom(...MATTERS), fc.boolean()).map(([matter, selected]) => ({ matter, selected })),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('node').map((not) => ({ not })),
  ),
})).node as fc.Arbitrary<Condition>;

const value = fc.oneof(scalar, fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }));
const application = fc.record(
  {
    answers: fc.dictionary(fc.constantFrom(...ANSWERS), value),
    matters: fc.subarray([...MATTERS]),
    person: fc.record({ gender: fc.constantFrom('1', '2') }, { requiredKeys: [] }),
    employment: fc.record({ contributionMonths: fc.integer({ min: 0, max: 40 }) }, { requiredKeys: [] }),
    retire: fc.record({ staffType: fc.constantFrom('cadre', 'worker', '') }, { requiredKeys: [] }),
  },
  { requiredKeys: ['matters'] },
);

describe('conditions', () => {
  it('decide as their exported JSON Schema does under an independent 2020-12 validator', () => {
    fc.assert(
      fc.property(condition, application, (c, app) => {
        const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', ...conditionSchema(c) };
        expect(holds(c, app), JSON.stringify({ c, app })).toBe(new Validator(schema, '2020-12', false).validate(app).valid);
      }),
      { numRuns: runs(3000), seed: 20261127 },
    );
  });

  it.each<[string, Condition, Record<string, unknown>, boolean]>([
    ['a yes answer', { answer: 'byAgent', equals: true }, { answers: { byAgent: true } }, true],
    ['an unanswered question is not yes', { answer: 'byAgent', equals: true }, { answers: {} }, false],
    ['…and not "not yes" either, unless asked with not', { not: { answer: 'byAgent', equals: true } }, { answers: {} }, true],
    ['one of several', { answer: 'benefits', includes: 'pension' }, { answers: { benefits: ['card', 'pension'] } }, true],
    ['a number at least', { field: 'employment.contributionMonths', min: 12 }, { employment: { contributionMonths: 11 } }, false],
    ['a field left empty', { field: 'agent.name', filled: false }, { agent: { name: '' } }, true],
    ['a matter applied for', { matter: 'A001', selected: true }, { matters: ['A001'] }, true],
    [
      'all of',
      {
        all: [
          { matter: 'A001', selected: true },
          { answer: 'kind', in: ['x', 'y'] },
        ],
      },
      { matters: ['A001'], answers: { kind: 'y' } },
      true,
    ],
  ])('%s', (_name, c, app, expected) => {
    expect(holds(c, app)).toBe(expected);
  });

  it('names what it reads', () => {
    expect(
      conditionRefs({
        all: [{ answer: 'a', equals: true }, { any: [{ field: 'x.y', filled: true }, { not: { matter: 'M', selected: true } }] }],
      }),
    ).toEqual({ answers: ['a'], fields: ['x.y'], matters: ['M'] });
  });
});
