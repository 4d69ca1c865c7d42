/**
 * Working days (工作日): Monday to Friday unless a statutory holiday, plus the 调休 weekend
 * days that are worked. Time limits count from the working day after acceptance.
 */
import type { WorkCalendar } from './types.ts';

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

function toDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A calendar prepared for fast look-ups. */
export interface PreparedCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  years: ReadonlySet<number>;
}

const prepared = new WeakMap<WorkCalendar, PreparedCalendar>();

/** Indexes a calendar once per document. */
export function prepareCalendar(calendar: WorkCalendar | undefined): PreparedCalendar {
  if (!calendar) return { holidays: new Set(), workdays: new Set(), years: new Set() };
  let p = prepared.get(calendar);
  if (!p) {
    p = { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays), years: new Set(calendar.years) };
    prepared.set(calendar, p);
  }
  return p;
}

/** True when `date` (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, calendar: PreparedCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date by which a matter accepted on `start` must be done in `days` working days:
 * the `days`-th working day after `start`; 0 days (即办件) is the day of acceptance.
 */
export function deadline(start: string, days: number, calendar: PreparedCalendar): string {
  let ms = toUtc(start);
  let left = days;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(toDate(ms), calendar)) left--;
  }
  return toDate(ms);
}

/** Years between two dates that the calendar does not cover (weekday rule only there). */
export function uncoveredYears(start: string, end: string, calendar: PreparedCalendar): number[] {
  const out: number[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) if (!calendar.years.has(y)) out.push(y);
  return out;
}
