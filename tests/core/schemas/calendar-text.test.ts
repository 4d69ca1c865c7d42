import { describe, expect, it } from 'vitest';
import { datesText, parseDates } from '../../../schemas/index.ts';
import { loadDefinitions } from '../../../server/catalog/shipped.ts';

describe('a year of the calendar as text', () => {
  it('reads dates and ranges as the notice writes them', () => {
    expect(parseDates('2027-01-01\n2027-02-05 至 2027-02-08、2027-10-01~2027-10-02', 2027)).toEqual({
      dates: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-10-01', '2027-10-02'],
    });
    expect(parseDates('', 2027)).toEqual({ dates: [] });
  });

  it('names the first entry that is not a date of the year', () => {
    expect(parseDates('2027-02-30', 2027)).toEqual({ invalid: '2027-02-30' });
    expect(parseDates('2027-01-01\n2026-12-31', 2027)).toEqual({ invalid: '2026-12-31' });
    expect(parseDates('2027-03-01 至 2027-02-01', 2027)).toEqual({ invalid: '2027-03-01 至 2027-02-01' });
    expect(parseDates('2027-01-01 至 2027-12-31', 2027)).toEqual({ invalid: '2027-01-01 至 2027-12-31' });
    expect(parseDates('春节', 2027)).toEqual({ invalid: '春节' });
  });

  it('writes the shipped calendar back as it reads it', () => {
    const calendar = loadDefinitions().calendar!;
    for (const year of calendar.years)
      for (const list of [calendar.holidays, calendar.workdays]) {
        const dates = list.filter((d) => d.startsWith(`${year}-`));
        expect(parseDates(datesText(dates), year)).toEqual({ dates });
      }
    expect(datesText(['2027-02-06', '2027-02-05', '2027-02-07', '2027-04-05'])).toBe('2027-02-05 至 2027-02-07\n2027-04-05');
  });
});
