import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  acceptanceDay,
  calendarWarnings,
  deadline,
  isWorkingDay,
  lastPlannableDay,
  prepareCalendar,
  uncoveredYears,
  type WorkCalendar,
} from '../../../schemas/index.ts';

const shipped = prepareCalendar(
  JSON.parse(readFileSync(new URL('../../../bundles/calendar.json', import.meta.url), 'utf8')) as WorkCalendar,
);

describe('calendar', () => {
  it.each([
    ['2026-10-01', false, '国庆节'],
    ['2026-10-10', true, '国庆调休上班的周六'],
    ['2026-01-04', true, '元旦调休上班的周日'],
    ['2026-03-07', false, '普通周六'],
    ['2026-03-09', true, '普通周一'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, shipped)).toBe(working);
  });

  it.each([
    ['2026-03-09', 0, '2026-03-09', '即办件 is due the day it is accepted'],
    ['2026-03-06', 1, '2026-03-09', 'counting starts the working day after acceptance'],
    ['2026-09-30', 1, '2026-10-08', 'the national day week does not count'],
    ['2026-09-30', 2, '2026-10-09', 'then the weekdays after it'],
    ['2026-10-09', 1, '2026-10-10', 'a 调休 Saturday counts'],
    ['2026-02-13', 1, '2026-02-14', 'the Saturday before the spring festival is worked'],
    ['2026-02-14', 1, '2026-02-24', 'the spring festival holiday does not count'],
    ['2026-12-30', 3, '2027-01-05', 'across the year end into the provisional year'],
  ])('accepted %s, %i days → %s (%s)', (start, days, due) => {
    expect(deadline(start, days, shipped)).toBe(due);
  });

  it('knows which years it does not cover', () => {
    expect(uncoveredYears('2026-12-01', '2028-01-10', shipped)).toEqual([2028]);
  });

  it.each([0, 1, 5, 20, 60])('names the last day an application promised %i working days can still be planned', (days) => {
    const last = lastPlannableDay(days, shipped)!;
    expect(isWorkingDay(last, shipped)).toBe(true);
    expect(deadline(last, days, shipped) <= '2027-12-31').toBe(true);
    const next = acceptanceDay(deadline(last, 1, shipped), shipped);
    expect(deadline(next, days, shipped) > '2027-12-31').toBe(true);
  });

  it('has no last plannable day without covered years (weekdays only, any date can be planned)', () => {
    expect(lastPlannableDay(10, prepareCalendar(undefined))).toBeNull();
  });

  it('warns when next year is missing or only provisional', () => {
    expect(calendarWarnings(shipped, '2026-11-28')).toEqual([
      '2027 年的节假日安排为暂定：国务院办公厅公布当年安排后，请更新并发布工作日历。',
    ]);
    expect(calendarWarnings(shipped, '2027-03-01')).toEqual([
      '2027 年的节假日安排为暂定：国务院办公厅公布当年安排后，请更新并发布工作日历。',
      '工作日历尚未包含 2028 年：跨年的办结日期将无法计算，请及时发布 2028 年的工作日历。',
    ]);
    expect(calendarWarnings(prepareCalendar({ years: [2026, 2027], holidays: [], workdays: [] }), '2026-11-28')).toEqual([]);
  });
});
