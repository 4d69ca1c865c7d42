/**
 * Working days (工作日): Monday to Friday unless a statutory holiday, plus the 调休 weekend
 * days that are worked. Time limits count from the working day after acceptance.
 * Days are handled as epoch-day numbers, so a deadline is integer arithmetic.
 */
import type { WorkCalendar } from './types.ts';

const DAY_MS = 86_400_000;

/** Epoch-day number of a YYYY-MM-DD date. */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar prepared for fast look-ups. */
export interface PreparedCalendar {
  holidays: ReadonlySet<number>;
  workdays: ReadonlySet<number>;
  years: ReadonlySet<number>;
  /** Years whose holidays are not yet announced: counted, and flagged. */
  provisional: ReadonlySet<number>;
}

const prepared = new WeakMap<WorkCalendar, PreparedCalendar>();

/** Indexes a calendar once per document. */
export function prepareCalendar(calendar: WorkCalendar | undefined): PreparedCalendar {
  if (!calendar) return { holidays: new Set(), workdays: new Set(), years: new Set(), provisional: new Set() };
  let p = prepared.get(calendar);
  if (!p) {
    p = {
      holidays: new Set(calendar.holidays.map(dayNumber)),
      workdays: new Set(calendar.workdays.map(dayNumber)),
      years: new Set(calendar.years),
      provisional: new Set(calendar.provisional ?? []),
    };
    prepared.set(calendar, p);
  }
  return p;
}

function working(day: number, calendar: PreparedCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
  return weekday !== 0 && weekday !== 6;
}

/** True when `date` (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, calendar: PreparedCalendar): boolean {
  return working(dayNumber(date), calendar);
}

/**
 * The date by which a matter accepted on `start` must be done in `days` working days:
 * the `days`-th working day after `start`; 0 days (即办件) is the day of acceptance.
 */
export function deadline(start: string, days: number, calendar: PreparedCalendar): string {
  let day = dayNumber(start);
  let left = days;
  while (left > 0) {
    day++;
    if (working(day, calendar)) left--;
  }
  return dateOf(day);
}

/** The day an application received on `received` is accepted: that day if it is a working day, else the next working day. */
export function acceptanceDay(received: string, calendar: PreparedCalendar): string {
  let day = dayNumber(received);
  for (let i = 0; i < 60 && !working(day, calendar); i++) day++;
  return dateOf(day);
}

/** Years between two dates that the calendar does not cover (weekday rule only there). */
export function uncoveredYears(start: string, end: string, calendar: PreparedCalendar): number[] {
  const out: number[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) if (!calendar.years.has(y)) out.push(y);
  return out;
}

/**
 * The last day an application promised `days` working days can be accepted and still be
 * planned: its due date falls on or before the last day of the last covered year. Null when
 * the calendar covers no year (weekdays only, nothing to run out of).
 */
export function lastPlannableDay(days: number, calendar: PreparedCalendar): string | null {
  if (calendar.years.size === 0) return null;
  const end = dayNumber(`${Math.max(...calendar.years)}-12-31`);
  // the (days + 1)-th working day counted back from the end: `days` working days still follow it
  let day = end + 1;
  for (let left = days + 1; left > 0;) if (working(--day, calendar)) left--;
  return dateOf(day);
}

/**
 * What the officials who keep the calendar should hear on `today`: this or next year only
 * provisional, or next year not covered at all (dates beyond it cannot be planned).
 */
export function calendarWarnings(calendar: PreparedCalendar, today: string): string[] {
  const year = Number(today.slice(0, 4));
  const out: string[] = [];
  for (const y of [year, year + 1])
    if (calendar.provisional.has(y)) out.push(`${y} 年的节假日安排为暂定：国务院办公厅公布当年安排后，请更新并发布工作日历。`);
  if (calendar.years.size && !calendar.years.has(year + 1))
    out.push(`工作日历尚未包含 ${year + 1} 年：跨年的办结日期将无法计算，请及时发布 ${year + 1} 年的工作日历。`);
  return out;
}
