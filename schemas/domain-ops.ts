/**
 * The named domain operations rules may use, beside JSON Logic's own: facts an ID number
 * states, ages and spans of time, and the statutory retirement age after the 2025 reform.
 * The figures policy sets (ages, the pace of the delay, contribution periods, benefit
 * durations) are not written here: they are 政策参数 (bundles/parameters.json), read as in
 * force on the day the caller names, so a later step of the reform changes no code.
 * Implemented once, used identically by the runtime and the studio; a third-party front end
 * implements the same few functions (the README specifies them). Every operation is total:
 * input it cannot read gives null, never an exception.
 *
 * Retirement as the shipped parameters have it (全国人民代表大会常务委员会关于实施渐进式延迟法定
 * 退休年龄的决定, 2024-09-13, and its 办法, in force 2025-01-01): men 60 → 63 and women in
 * managerial or technical posts 55 → 58, one month later for every four months of birth from
 * 1965-01 and 1970-01; women workers 50 → 55, one month for every two months from 1975-01.
 * Flexible retirement up to three years before the statutory age, never before the old age,
 * or up to three years after it by agreement. The minimum contribution for a monthly pension
 * is 15 years until 2029 and rises by six months a year from 2030 to 20.
 */
import { isWorkingDay, type PreparedCalendar } from './calendar.ts';
import { isValidIdNumber } from './formats.ts';
import { numberOn, parameterOn, type PreparedParameters } from './parameters.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date as year, month (1–12) and day, when it names a real day. */
function parse(date: unknown): { y: number; m: number; d: number } | null {
  if (typeof date !== 'string') return null;
  const match = DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? { y, m, d } : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const format = (p: { y: number; m: number; d: number }) => `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;

/** `date` plus `months` months; the day is kept, or the month's last day when the month is shorter. */
export function addMonths(date: string, months: number): string | null {
  const p = parse(date);
  if (!p) return null;
  const index = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return format({ y, m, d: Math.min(p.d, last) });
}

/** The birth date an ID number states (YYYY-MM-DD), or null. */
export function idBirthDate(id: unknown): string | null {
  if (typeof id !== 'string' || !isValidIdNumber(id)) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The gender an ID number states, as GB/T 2261.1 codes it: '1' male (odd sequence digit), '2' female; or null. */
export function idGender(id: unknown): '1' | '2' | null {
  if (typeof id !== 'string' || !isValidIdNumber(id)) return null;
  return Number(id[16]) % 2 === 1 ? '1' : '2';
}

/** The six-digit administrative division an ID number was issued in, or null. */
export function idRegion(id: unknown): string | null {
  return typeof id === 'string' && isValidIdNumber(id) ? id.slice(0, 6) : null;
}

/** Whole months from `from` to `to` (negative when `to` is earlier), or null. */
export function monthsBetween(from: unknown, to: unknown): number | null {
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return null;
  const months = (b.y - a.y) * 12 + (b.m - a.m);
  // a month is complete once its day is reached (or the shorter month has ended)
  const reached = (x: typeof a, y: typeof a) => y.d >= x.d || y.d === new Date(Date.UTC(y.y, y.m, 0)).getUTCDate();
  if (months > 0 && !reached(a, b)) return months - 1;
  if (months < 0 && !reached(b, a)) return months + 1;
  return months;
}

/** Completed years of age on `on` of someone born on `birth`, or null. */
export function age(birth: unknown, on: unknown): number | null {
  const months = monthsBetween(birth, on);
  return months === null ? null : Math.floor(months / 12);
}

/** Working days after `from` up to and including `to` through the calendar (0 when `to` is not later), or null. */
export function workingDaysBetween(from: unknown, to: unknown, calendar: PreparedCalendar): number | null {
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return null;
  const end = format(b);
  let count = 0;
  let day = format(a);
  // bounded: at most ten years of days are walked
  for (let i = 0; i < 3700 && day < end; i++) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) count++;
  }
  return count;
}

function nextDay(date: string): string {
  const p = parse(date)!;
  return new Date(Date.UTC(p.y, p.m - 1, p.d + 1)).toISOString().slice(0, 10);
}

/**
 * The statutory age of one group in force on a day, from the parameters: the age before the
 * reform, and the delay — one month more for every `every` months of birth from `from`, up to
 * `most` months (none before the reform).
 */
interface RetirementGroup {
  /** The age before the reform, in years. */
  base: number;
  /** Births from this month on retire later. */
  from: { y: number; m: number };
  every: number;
  most: number;
}

/** The groups the statutory age differs for, and what each group's parameters say. */
const RETIREMENT_GROUPS = ['male', 'femaleCadre', 'femaleWorker'] as const;
const RETIREMENT_KEYS = ['baseAge', 'delayFrom', 'delayEvery', 'delayMost'] as const;
const retirementParameter = (group: string, key: (typeof RETIREMENT_KEYS)[number]) => `retirement.${group}.${key}`;
const RETIREMENT = RETIREMENT_GROUPS.flatMap((g) => RETIREMENT_KEYS.map((k) => retirementParameter(g, k)));
const UNEMPLOYMENT_BRACKETS = ['UnderFiveYears', 'FiveToTenYears', 'TenYearsOrMore'] as const;

/** The 政策参数 each operation reads: what a rule using it depends on (it cannot be judged without them). */
export const OPERATION_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  retirementAge: RETIREMENT,
  retirementDate: RETIREMENT,
  earliestRetirementDate: [...RETIREMENT, 'retirement.flexibleEarlyMonths'],
  latestRetirementDate: [...RETIREMENT, 'retirement.flexibleDelayMonths'],
  minContributionMonths: ['pension.minContributionMonths'],
  // with an ID number, the period stops at the statutory retirement date
  unemploymentBenefitMonths: [
    'unemployment.minContributionMonths',
    ...UNEMPLOYMENT_BRACKETS.map((b) => `unemployment.benefitMonths${b}`),
    ...RETIREMENT,
  ],
};

/** Which group's parameters apply: men; women in managerial or technical posts (cadre); women workers. */
function groupKey(gender: unknown, staffType: unknown): (typeof RETIREMENT_GROUPS)[number] | null {
  if (gender === '1') return 'male';
  if (gender === '2' && staffType === 'cadre') return 'femaleCadre';
  if (gender === '2' && staffType === 'worker') return 'femaleWorker';
  return null;
}

function groupOf(gender: unknown, staffType: unknown, parameters: PreparedParameters, on: unknown): RetirementGroup | null {
  const key = groupKey(gender, staffType);
  if (!key) return null;
  const base = numberOn(parameters, retirementParameter(key, 'baseAge'), on);
  const most = numberOn(parameters, retirementParameter(key, 'delayMost'), on);
  if (base === null || most === null) return null;
  if (most === 0) return { base, from: { y: 9999, m: 12 }, every: 1, most: 0 };
  const from = parse(parameterOn(parameters, retirementParameter(key, 'delayFrom'), on));
  const every = numberOn(parameters, retirementParameter(key, 'delayEvery'), on);
  return from && every && every > 0 ? { base, from: { y: from.y, m: from.m }, every, most } : null;
}

/**
 * The statutory retirement age in months of someone born on `birth` (gender '1' / '2'; women:
 * staffType 'cadre' / 'worker'), under the parameters in force on `on`, or null.
 */
export function retirementAge(
  birth: unknown,
  gender: unknown,
  staffType: unknown,
  parameters: PreparedParameters,
  on: unknown,
): number | null {
  const p = parse(birth);
  const group = groupOf(gender, staffType, parameters, on);
  if (!p || !group) return null;
  const after = (p.y - group.from.y) * 12 + (p.m - group.from.m);
  const later = after < 0 ? 0 : Math.min(group.most, Math.floor(after / group.every) + 1);
  return group.base * 12 + later;
}

/** The date someone reaches the statutory retirement age, or null. */
export function retirementDate(
  birth: unknown,
  gender: unknown,
  staffType: unknown,
  parameters: PreparedParameters,
  on: unknown,
): string | null {
  const months = retirementAge(birth, gender, staffType, parameters, on);
  return months === null ? null : addMonths(birth as string, months);
}

/** The earliest date of flexible retirement: `retirement.flexibleEarlyMonths` before the statutory date, never before the old age. */
export function earliestRetirementDate(
  birth: unknown,
  gender: unknown,
  staffType: unknown,
  parameters: PreparedParameters,
  on: unknown,
): string | null {
  const months = retirementAge(birth, gender, staffType, parameters, on);
  const group = groupOf(gender, staffType, parameters, on);
  const early = numberOn(parameters, 'retirement.flexibleEarlyMonths', on);
  if (months === null || !group || early === null) return null;
  return addMonths(birth as string, Math.max(group.base * 12, months - early));
}

/** The latest date of flexible delay: `retirement.flexibleDelayMonths` after the statutory date (by agreement with the employer), or null. */
export function latestRetirementDate(
  birth: unknown,
  gender: unknown,
  staffType: unknown,
  parameters: PreparedParameters,
  on: unknown,
): string | null {
  const months = retirementAge(birth, gender, staffType, parameters, on);
  const delay = numberOn(parameters, 'retirement.flexibleDelayMonths', on);
  return months === null || delay === null ? null : addMonths(birth as string, months + delay);
}

/**
 * The longest period of 失业保险金, in months, for `contributionMonths` of unemployment insurance
 * under the parameters in force on `on`: 1–5 years, 5–10 years, 10 years or more (the brackets
 * of 《失业保险条例》第十七条); null below the qualifying period. With the applicant's ID number,
 * never past the statutory retirement date — payment stops once a basic pension is due
 * (《失业保险条例》第十五条第（四）项) — counted in whole months from `on`; a woman's post is not
 * asked, so a woman is counted at the earlier age of a woman worker (never promising months that
 * may not be due). Null when no whole month is left.
 */
export function unemploymentBenefitMonths(
  contributionMonths: unknown,
  parameters: PreparedParameters,
  on: unknown,
  idNumber?: unknown,
): number | null {
  if (typeof contributionMonths !== 'number' || !Number.isFinite(contributionMonths)) return null;
  const qualifying = numberOn(parameters, 'unemployment.minContributionMonths', on);
  if (qualifying === null || contributionMonths < qualifying) return null;
  const bracket = UNEMPLOYMENT_BRACKETS[contributionMonths < 60 ? 0 : contributionMonths < 120 ? 1 : 2];
  const months = numberOn(parameters, `unemployment.benefitMonths${bracket}`, on);
  const gender = idGender(idNumber);
  if (months === null || gender === null) return months;
  const left = monthsBetween(on, retirementDate(idBirthDate(idNumber), gender, gender === '2' ? 'worker' : undefined, parameters, on));
  if (left === null) return months;
  return left < 1 ? null : Math.min(months, left);
}

/** The months of contributions a monthly pension needs for a retirement on `date` (the parameter in force that day), or null. */
export function minContributionMonths(date: unknown, parameters: PreparedParameters): number | null {
  return parse(date) ? numberOn(parameters, 'pension.minContributionMonths', date) : null;
}
