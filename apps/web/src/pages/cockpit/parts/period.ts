/**
 * The cockpit's periods as Bangkok calendar days (YYYY-MM-DD, Gregorian, as the API takes them): the presets (this
 * fiscal year to date, a past fiscal year, the last 30 days, this month) and a custom range, and the interval a time
 * series of the period reads best in.
 */
import { fiscalYearDays, fiscalYearOf } from '../plans/parts/fiscalYear';

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The Bangkok calendar day of an instant. */
export function bangkokDay(now: Date = new Date()): string {
  return new Date(now.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** A day `days` after (or before) another. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** A real calendar day written YYYY-MM-DD. */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * `fy`: this fiscal year to date; `fy2569`: that whole fiscal year (to today when it is the current one); `30d`;
 * `month`: this month to date; `custom`: `from`–`to` of the address.
 */
export type PeriodPreset = 'fy' | `fy${number}` | '30d' | 'month' | 'custom';

export interface Period {
  preset: PeriodPreset;
  from: string;
  to: string;
  /** The fiscal year (BE) of a fiscal-year preset. */
  fiscalYear?: number;
}

/** The period a preset (and, for `custom`, the address's from/to) means today. Unknown presets are this FY. */
export function resolvePeriod(
  preset: string | null,
  from: string | null,
  to: string | null,
  now: Date = new Date(),
): Period {
  const today = bangkokDay(now);
  const current = fiscalYearOf(now);
  if (preset === '30d') return { preset, from: addDays(today, -29), to: today };
  if (preset === 'month') return { preset, from: `${today.slice(0, 8)}01`, to: today };
  if (preset === 'custom' && isDay(from) && isDay(to) && from <= to) return { preset, from, to };
  const past = /^fy(\d{4})$/.exec(preset ?? '');
  if (past) {
    const year = Number(past[1]);
    if (year >= 2500 && year < current) {
      const days = fiscalYearDays(year);
      return { preset: `fy${year}`, from: days.first, to: days.last, fiscalYear: year };
    }
  }
  return { preset: 'fy', from: fiscalYearDays(current).first, to: today, fiscalYear: current };
}

/** The fiscal years offered as presets besides the current one: the three before it. */
export function pastFiscalYears(now: Date = new Date()): number[] {
  const current = fiscalYearOf(now);
  return [current - 1, current - 2, current - 3];
}

export const INTERVALS = ['day', 'week', 'month', 'fiscalYear'] as const;
export type Interval = (typeof INTERVALS)[number];

/** At most this many points in a series (the API's limit). */
const MAX_POINTS = 1000;

/** The intervals a period can be read in (a day series of more than 1,000 days is refused by the API). */
export function intervalsFor(period: Pick<Period, 'from' | 'to'>): Interval[] {
  const days = daysBetween(period.from, period.to);
  return INTERVALS.filter((interval) => interval !== 'day' || days <= MAX_POINTS);
}

/** The interval a period reads best in: days for up to three months, months up to three years, else years. */
export function defaultInterval(period: Pick<Period, 'from' | 'to'>): Interval {
  const days = daysBetween(period.from, period.to);
  if (days <= 92) return 'day';
  if (days <= 3 * 366) return 'month';
  return 'fiscalYear';
}
