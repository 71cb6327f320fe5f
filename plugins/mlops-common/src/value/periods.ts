import { durationMillis } from '../drift/health';

/**
 * A KPI reporting period: its first and last day as ISO dates
 * (`2025-01-01` to `2025-01-31`), both inclusive, in UTC.
 * @public
 */
export type KpiPeriod = { start: string; end: string };

const DAY = 86_400_000;
// The Monday of the first ISO week of 1970: day periods are counted from it,
// so that P1W periods are ISO weeks and P2W periods start on a Monday.
const EPOCH_MONDAY = 4;
const CADENCE = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

type ParsedCadence = {
  unit: 'month' | 'day';
  count: number;
  /** Its length, months counted as 30 days (for grace periods). */
  millis: number;
};

function parseCadence(cadence: string): ParsedCadence | string {
  const match = CADENCE.exec(cadence);
  if (!match) {
    return `${JSON.stringify(
      cadence,
    )} is not an ISO 8601 duration in days, weeks, months or years such as P1M or P1W`;
  }
  const millis = durationMillis(cadence);
  if (millis === 0) {
    return `must be longer than zero, got ${JSON.stringify(cadence)}`;
  }
  const [y, mo, w, d] = match.slice(1).map(part => Number(part ?? 0));
  const months = y * 12 + mo;
  const days = w * 7 + d;
  if (months && days) {
    return `mixes months or years with weeks or days, got ${JSON.stringify(
      cadence,
    )}; periods are whole months (P1M, P3M, P1Y) or whole days (P1D, P1W, P14D)`;
  }
  return months
    ? { unit: 'month', count: months, millis }
    : { unit: 'day', count: days, millis };
}

// Cadences are few and repeat across thousands of KPIs: parsed once each.
const cadences = new Map<string, ParsedCadence | string>();

function cachedCadence(cadence: string): ParsedCadence | string {
  let parsed = cadences.get(cadence);
  if (parsed === undefined) {
    parsed = parseCadence(cadence);
    if (cadences.size < 1000) cadences.set(cadence, parsed);
  }
  return parsed;
}

function parsedCadence(cadence: string): ParsedCadence {
  const parsed = cachedCadence(cadence);
  if (typeof parsed === 'string') {
    throw new RangeError(`The cadence ${parsed}`);
  }
  return parsed;
}

/**
 * What is wrong with a KPI cadence, or `undefined` when it is usable: an
 * ISO 8601 duration in whole years and months (`P1M`, `P3M`, `P1Y`) or in
 * whole weeks and days (`P1D`, `P1W`, `P14D`), not both, and not zero.
 * @public
 */
export function checkCadence(cadence: string): string | undefined {
  const parsed = cachedCadence(cadence);
  return typeof parsed === 'string' ? parsed : undefined;
}

/**
 * The periods of a cadence in words: `calendar months`, `calendar quarters`,
 * `years`, `ISO weeks (Monday to Sunday)`, `days (UTC)`, and for other
 * cadences `periods of 2 calendar months` or `periods of 14 days`.
 * @throws RangeError when the cadence is not usable, see {@link checkCadence}
 * @public
 */
export function describeCadence(cadence: string): string {
  const { unit, count } = parsedCadence(cadence);
  if (unit === 'month') {
    if (count === 1) return 'calendar months';
    if (count === 3) return 'calendar quarters';
    if (count === 12) return 'years';
    return `periods of ${count} calendar months`;
  }
  if (count === 1) return 'days (UTC)';
  if (count === 7) return 'ISO weeks (Monday to Sunday)';
  return `periods of ${count} days`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `text`'s digits from `from` to `to`, NaN if one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date of the proleptic Gregorian
 * calendar, NaN when the text is none. Arithmetic only, no `Date`: a pushed
 * batch checks thousands of dates.
 */
function parseDay(date: string): number {
  if (
    typeof date !== 'string' ||
    date.length !== 10 ||
    date.charCodeAt(4) !== 45 ||
    date.charCodeAt(7) !== 45
  ) {
    return NaN;
  }
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (!(m >= 1 && m <= 12 && d >= 1)) return NaN;
  if (d > DAYS_IN_MONTH[m - 1] + (m === 2 && leap ? 1 : 0)) return NaN;
  // Days from civil (H. Hinnant): years counted from March, in 400-year eras.
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const dayOfEra =
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function dayNumber(date: string): number {
  const day = parseDay(date);
  if (Number.isNaN(day)) {
    throw new RangeError(
      `${JSON.stringify(date)} is not a date such as 2025-01-31`,
    );
  }
  return day;
}

function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function monthStart(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY;
}

/**
 * Whether the text is a date of the calendar written `YYYY-MM-DD`.
 * @public
 */
export function isIsoDate(text: string): boolean {
  return !Number.isNaN(parseDay(text));
}

/**
 * The period of a cadence that contains a date. Periods are aligned to the
 * calendar so that everyone reporting a KPI means the same period:
 *
 * - months and years (`P1M`, `P3M`, `P1Y`, `P6M`): `n`-month periods counted
 *   from January, so `P1M` is the calendar month, `P3M` the calendar quarter,
 *   `P6M` the half-year and `P1Y` the calendar year;
 * - weeks and days (`P1D`, `P1W`, `P14D`): `n`-day periods counted from
 *   Monday 1970-01-05, so `P1D` is the UTC day and `P1W` the ISO week,
 *   Monday to Sunday.
 *
 * @param date - an ISO date (`2025-02-14`), or an instant, whose UTC day counts
 * @throws RangeError when the cadence is not usable or the date is not a date
 * @public
 */
export function periodFor(cadence: string, date: string | Date): KpiPeriod {
  const day =
    typeof date === 'string'
      ? dayNumber(date)
      : Math.floor(date.getTime() / DAY);
  const period = periodDays(cadence, day);
  return { start: isoDate(period.start), end: isoDate(period.end) };
}

/** {@link periodFor} in day numbers (days since 1970-01-01), both inclusive. */
function periodDays(
  cadence: string,
  day: number,
): { start: number; end: number } {
  const { unit, count } = parsedCadence(cadence);
  if (unit === 'day') {
    const start =
      EPOCH_MONDAY + Math.floor((day - EPOCH_MONDAY) / count) * count;
    return { start, end: start + count - 1 };
  }
  const when = new Date(day * DAY);
  const month = when.getUTCFullYear() * 12 + when.getUTCMonth();
  const first = Math.floor(month / count) * count;
  return { start: monthStart(first), end: monthStart(first + count) - 1 };
}

/**
 * Why a reported period does not fit a KPI's cadence, or `undefined` when it
 * is exactly one of the cadence's periods (see {@link periodFor}). The
 * message names the period that contains the start, so a client can correct
 * it.
 * @param start - the first day of the period, `YYYY-MM-DD`
 * @param end - the last day of the period, inclusive, `YYYY-MM-DD`
 * @public
 */
export function checkPeriod(
  cadence: string,
  start: string,
  end: string,
): string | undefined {
  const cadenceProblem = checkCadence(cadence);
  if (cadenceProblem) return `The cadence ${cadenceProblem}`;
  const startDay = parseDay(start);
  const endDay = parseDay(end);
  for (const [name, date, day] of [
    ['periodStart', start, startDay],
    ['periodEnd', end, endDay],
  ] as const) {
    if (Number.isNaN(day)) {
      return `${name} ${JSON.stringify(date)} is not a date such as 2025-01-31`;
    }
  }
  if (endDay < startDay) {
    return `periodEnd ${end} is before periodStart ${start}`;
  }
  const period = periodDays(cadence, startDay);
  if (period.start === startDay && period.end === endDay) return undefined;
  const expected = { start: isoDate(period.start), end: isoDate(period.end) };
  return `${start} to ${end} is not a period of the KPI's cadence ${cadence} (${describeCadence(
    cadence,
  )}); the period containing ${start} is ${expected.start} to ${expected.end}`;
}

/**
 * The day the period after the one that ended on `lastPeriodEnd` is over,
 * so that its actual can be checked in: for a monthly KPI last reported for
 * January, 1 March (February's actual is due).
 * @param lastPeriodEnd - the last day of the latest reported period, `YYYY-MM-DD`
 * @returns an ISO date, `YYYY-MM-DD`
 * @public
 */
export function nextCheckInDue(cadence: string, lastPeriodEnd: string): string {
  return isoDate(nextDueDay(cadence, lastPeriodEnd));
}

/** {@link nextCheckInDue} as a day number: the day after the next period's last. */
function nextDueDay(cadence: string, lastPeriodEnd: string): number {
  return periodDays(cadence, dayNumber(lastPeriodEnd) + 1).end + 1;
}

/**
 * Half a cadence: how long after {@link nextCheckInDue} a missing actual
 * makes a KPI overdue. It leaves room for a month-end close, as the drift
 * monitors' grace does for a late pipeline.
 * @public
 */
export const CHECK_IN_GRACE_SHARE = 0.5;

/**
 * The instant after which a KPI last reported for the period ending on
 * `lastPeriodEnd` is overdue: {@link nextCheckInDue} plus half a cadence
 * (a cadence of months counted as 30 days each).
 * @public
 */
export function checkInOverdueAfter(
  cadence: string,
  lastPeriodEnd: string,
): Date {
  return new Date(
    nextDueDay(cadence, lastPeriodEnd) * DAY +
      parsedCadence(cadence).millis * CHECK_IN_GRACE_SHARE,
  );
}
