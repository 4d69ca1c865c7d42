import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadline, prepareCalendar, prepareParameters, withIdCheck } from '../../../schemas/index.ts';
import {
  addMonths,
  age,
  earliestRetirementDate,
  latestRetirementDate,
  idBirthDate,
  idGender,
  idRegion,
  minContributionMonths,
  monthsBetween,
  retirementAge,
  retirementDate,
  unemploymentBenefitMonths,
  workingDaysBetween,
} from '../../../schemas/domain-ops.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';
import { runs } from '../../support/runs.ts';

/** The shipped 政策参数, read as in force on ON unless a test says otherwise. */
const P = prepareParameters(loadDefinitions().parameters);
const ON = '2026-12-01';

describe('domain operations', () => {
  it('reads birth date, gender and region from an ID number, and nothing from a bad one', () => {
    expect(idBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idGender('11010519491231002X')).toBe('2');
    expect(idGender(withIdCheck('32010219850615123'))).toBe('1');
    expect(idRegion('11010519491231002x')).toBe('110105');
    for (const bad of ['110105194912310021', '1101051949', 42, null, undefined]) {
      expect(idBirthDate(bad)).toBeNull();
      expect(idGender(bad)).toBeNull();
      expect(idRegion(bad)).toBeNull();
    }
  });

  it.each([
    ['2024-01-15', '2024-02-14', 0],
    ['2024-01-15', '2024-02-15', 1],
    ['2024-01-31', '2024-02-29', 1],
    ['2024-03-15', '2024-01-20', -1],
    ['2024-03-15', 'not a date', null],
  ])('months from %s to %s: %s', (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });

  it('counts completed years of age', () => {
    expect(age('1990-06-15', '2026-06-14')).toBe(35);
    expect(age('1990-06-15', '2026-06-15')).toBe(36);
    expect(age('2000-02-29', '2026-02-28')).toBe(26);
    expect(age('1990-02-30', '2026-01-01')).toBeNull();
  });

  it.each([
    // men: 60, one month later for every four months of birth from 1965-01, up to 63
    ['1964-12-10', '1', undefined, 720, '2024-12-10'],
    ['1965-01-01', '1', undefined, 721, '2025-02-01'],
    ['1965-05-20', '1', undefined, 722, '2025-07-20'],
    ['1976-08-01', '1', undefined, 755, '2039-07-01'],
    ['1976-09-01', '1', undefined, 756, '2039-09-01'],
    // women in managerial and technical posts: 55 → 58 from 1970-01
    ['1969-12-31', '2', 'cadre', 660, '2024-12-31'],
    ['1970-01-31', '2', 'cadre', 661, '2025-02-28'],
    ['1981-09-15', '2', 'cadre', 696, '2039-09-15'],
    // women workers: 50 → 55, one month for every two months of birth from 1975-01
    ['1975-01-10', '2', 'worker', 601, '2025-02-10'],
    ['1984-10-10', '2', 'worker', 659, '2039-09-10'],
    ['1984-11-10', '2', 'worker', 660, '2039-11-10'],
  ])('born %s (gender %s, %s): statutory age %i months, on %s', (birth, gender, staff, months, date) => {
    expect(retirementAge(birth, gender, staff, P, ON)).toBe(months);
    expect(retirementDate(birth, gender, staff, P, ON)).toBe(date);
  });

  it('allows flexible retirement up to three years early, never before the old age', () => {
    expect(earliestRetirementDate('1970-01-15', '1', undefined, P, ON)).toBe('2030-01-15');
    expect(earliestRetirementDate('1976-09-01', '1', undefined, P, ON)).toBe('2036-09-01');
    expect(earliestRetirementDate('1990-05-01', '2', undefined, P, ON)).toBeNull();
  });

  it('allows flexible delay by agreement up to three years after the statutory date (办法第三条)', () => {
    expect(latestRetirementDate('1970-01-15', '1', undefined, P, ON)).toBe('2034-05-15');
    expect(latestRetirementDate('1984-11-10', '2', 'worker', P, ON)).toBe('2042-11-10');
    expect(latestRetirementDate('1990-05-01', '2', undefined, P, ON)).toBeNull();
  });

  it.each([
    ['2029-12-31', 180],
    ['2030-01-01', 186],
    ['2034-06-30', 210],
    ['2039-01-01', 240],
    ['2045-01-01', 240],
  ])('a monthly pension from %s needs %i months of contributions', (date, months) => {
    expect(minContributionMonths(date, P)).toBe(months);
  });

  it('reads the ages in force on the day: before the reform (2025-01-01) nobody retires later, nor flexibly', () => {
    expect(retirementAge('1976-09-01', '1', undefined, P, '2024-12-31')).toBe(720);
    expect(retirementAge('1976-09-01', '1', undefined, P, '2025-01-01')).toBe(756);
    expect(retirementAge('1984-11-10', '2', 'worker', P, '2024-12-31')).toBe(600);
    expect(earliestRetirementDate('1976-09-01', '1', undefined, P, '2024-12-31')).toBe('2036-09-01');
    expect(latestRetirementDate('1976-09-01', '1', undefined, P, '2024-12-31')).toBe('2036-09-01');
  });

  it('has no value before a parameter’s first 施行日期, and none without parameters', () => {
    expect(minContributionMonths('2011-06-30', P)).toBeNull();
    expect(minContributionMonths('2011-07-01', P)).toBe(180);
    expect(retirementAge('1976-09-01', '1', undefined, P, '1978-06-01')).toBeNull();
    expect(retirementAge('1976-09-01', '1', undefined, prepareParameters(undefined), ON)).toBeNull();
    expect(unemploymentBenefitMonths(60, prepareParameters(undefined), ON)).toBeNull();
  });

  it.each([
    [11, null],
    [12, 12],
    [59, 12],
    [60, 18],
    [119, 18],
    [120, 24],
  ])('%i months of unemployment insurance give at most %s months of 失业保险金 (条例第十七条)', (months, benefit) => {
    expect(unemploymentBenefitMonths(months, P, ON)).toBe(benefit);
  });

  it('adds months, keeping the day or the month’s last day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 14)).toBe('2026-02-15');
  });

  it('counts working days as deadlines do', () => {
    const calendar = prepareCalendar(loadDefinitions().calendar);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 40 }),
        (d, n) => {
          const start = d.toISOString().slice(0, 10);
          expect(workingDaysBetween(start, deadline(start, n, calendar), calendar)).toBe(n);
        },
      ),
      { numRuns: runs(300), seed: 7 },
    );
  });
});
