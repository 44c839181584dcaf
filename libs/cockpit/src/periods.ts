import { DomainError } from '@lc/core';
import { CockpitErrors } from './cockpit-errors';
import { bangkokDay, fiscalYear, fiscalYearOf } from './fiscal-year';

/**
 * Calendar arithmetic on Bangkok dates written as YYYY-MM-DD (the rollups' day keys), and the periods the cockpit
 * reads: a range defaulting to the current fiscal year to date, the previous period of the same length, the split of
 * a range into days and whole months (which table serves which part) and the buckets of a time series.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest range a read may span (ten years, leap days included). */
export const MAX_RANGE_DAYS = 3653;
/** The most points a time series returns. */
export const MAX_POINTS = 1000;
/** The first day the rollups can hold: cumulative reads (stocks) start here. */
export const EPOCH = '2000-01-01';

export type Interval = 'day' | 'week' | 'month' | 'fiscalYear';
export const INTERVALS: readonly Interval[] = ['day', 'week', 'month', 'fiscalYear'];

export interface Period {
  from: string;
  to: string;
}

const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: string): string {
  const d = new Date(toMs(monthStart(date)));
  return fromMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - DAY_MS);
}

/** The Monday of the week of this date (weeks start on Monday, as the platform's caps do). */
export function weekStart(date: string): string {
  const weekday = (new Date(toMs(date)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The first day of the fiscal year (Bangkok date) a date falls in, and its Buddhist Era year. */
export function fiscalYearStartOf(date: string): { start: string; year: number } {
  const fy = fiscalYearOf(new Date(`${date}T00:00:00+07:00`));
  return { start: bangkokDay(fy.start), year: fy.year };
}

export function today(): string {
  return bangkokDay(new Date());
}

/** A real calendar date in YYYY-MM-DD, or a 400 COCKPIT_DATE_INVALID. */
export function parseDate(text: string, field: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(toMs(text)) && fromMs(toMs(text)) === text;
  if (!valid || text < EPOCH)
    throw new DomainError(
      CockpitErrors.COCKPIT_DATE_INVALID,
      `${field} must be a date (YYYY-MM-DD) from ${EPOCH}`,
      {
        errors: [{ field, message: 'not a calendar date in YYYY-MM-DD' }],
      },
    );
  return text;
}

/** The range asked for, by default the current fiscal year to date (Bangkok). */
export function resolvePeriod(from?: string, to?: string, now = today()): Period {
  const end = to === undefined ? now : parseDate(to, 'to');
  const start = from === undefined ? fiscalYearStartOf(end).start : parseDate(from, 'from');
  if (start > end || daysBetween(start, end) + 1 > MAX_RANGE_DAYS)
    throw new DomainError(CockpitErrors.COCKPIT_RANGE_INVALID, `from ${start} to ${end}`);
  return { from: start, to: end };
}

/** The period of the same length that ends the day before this one starts. */
export function previousPeriod(period: Period): Period {
  const length = daysBetween(period.from, period.to);
  const to = addDays(period.from, -1);
  return { from: addDays(to, -length), to };
}

/** A fiscal year's first and last Bangkok dates. */
export function fiscalYearPeriod(year: number): Period & { th: string; en: string } {
  if (!Number.isInteger(year) || year < 2543 || year > 2700)
    throw new DomainError(CockpitErrors.COCKPIT_FISCAL_YEAR_INVALID, String(year));
  const fy = fiscalYear(year);
  return { from: bangkokDay(fy.start), to: addDays(bangkokDay(fy.end), -1), th: fy.th, en: fy.en };
}

export interface Segment {
  /** `d`: read day rows from..to; `m`: read month rows whose first day is from..to. */
  grain: 'd' | 'm';
  from: string;
  to: string;
}

/**
 * A range as the fewest rows to read: the days before the first whole month, the whole months (one row each),
 * the days after the last whole month. A fiscal year is 12 month rows instead of 365 day rows.
 */
export function segments(period: Period): Segment[] {
  const { from, to } = period;
  const firstFull = from === monthStart(from) ? from : addDays(monthEnd(from), 1);
  const lastFullEnd = to === monthEnd(to) ? to : addDays(monthStart(to), -1);
  if (firstFull > lastFullEnd) return [{ grain: 'd', from, to }];
  const parts: Segment[] = [];
  if (from < firstFull) parts.push({ grain: 'd', from, to: addDays(firstFull, -1) });
  parts.push({ grain: 'm', from: firstFull, to: monthStart(lastFullEnd) });
  if (lastFullEnd < to) parts.push({ grain: 'd', from: addDays(lastFullEnd, 1), to });
  return parts;
}

export interface Bucket {
  /** The bucket's first day within the range (YYYY-MM-DD). */
  t: string;
  from: string;
  to: string;
  /** For fiscal-year buckets: the Buddhist Era year (2570). */
  fiscalYear?: number;
}

/** The buckets of a time series: each day, Monday-weeks, months or fiscal years, cut to the range. */
export function buckets(interval: Interval, period: Period): Bucket[] {
  const start = (date: string): { start: string; year?: number } => {
    switch (interval) {
      case 'day':
        return { start: date };
      case 'week':
        return { start: weekStart(date) };
      case 'month':
        return { start: monthStart(date) };
      case 'fiscalYear':
        return fiscalYearStartOf(date);
    }
  };
  const next = (bucketStart: string): string => {
    switch (interval) {
      case 'day':
        return addDays(bucketStart, 1);
      case 'week':
        return addDays(bucketStart, 7);
      case 'month':
        return addDays(monthEnd(bucketStart), 1);
      case 'fiscalYear': {
        const { year } = fiscalYearStartOf(bucketStart);
        return fiscalYearPeriod(year + 1).from;
      }
    }
  };
  const result: Bucket[] = [];
  let cursor = period.from;
  while (cursor <= period.to) {
    const { start: bucketStart, year } = start(cursor);
    const after = next(bucketStart);
    const end = addDays(after, -1) < period.to ? addDays(after, -1) : period.to;
    result.push({ t: cursor, from: cursor, to: end, ...(year !== undefined ? { fiscalYear: year } : {}) });
    if (result.length > MAX_POINTS)
      throw new DomainError(
        CockpitErrors.COCKPIT_RANGE_TOO_LONG,
        `more than ${MAX_POINTS} ${interval} points`,
      );
    cursor = after;
  }
  return result;
}
