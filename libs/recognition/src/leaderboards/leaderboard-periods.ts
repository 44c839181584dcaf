/**
 * The periods of the leaderboards, in Bangkok time (UTC+7, no daylight saving): the ISO week, the calendar month, the
 * Thai school term, the Thai fiscal year, and all time. Bounds are instants in UTC; `to` is exclusive.
 */

export const PERIODS = ['week', 'month', 'term', 'fiscalYear', 'all'] as const;
export type PeriodCode = (typeof PERIODS)[number];

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Keys of an ended period stay this long after the next one starts, for a read that began just before. */
const GRACE_MS = 2 * DAY_MS;

export interface PeriodInstance {
  code: PeriodCode;
  /** Names the instance in Redis keys: a new week is a new key, so it starts empty. */
  id: string;
  from: Date | null;
  to: Date | null;
  /** When its keys may go (seconds since the epoch), or null for all time. */
  expiresAt: number | null;
}

/** Midnight of a Bangkok calendar date, as a UTC instant. */
function bangkokMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day) - BANGKOK_OFFSET_MS);
}

const expiry = (next: Date) => Math.ceil((next.getTime() + GRACE_MS) / 1000);
const pad = (n: number) => String(n).padStart(2, '0');

/** The instance of a period that `now` falls in (for term: between terms, the last term). */
export function periodOf(code: PeriodCode, now: Date): PeriodInstance {
  const local = new Date(now.getTime() + BANGKOK_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  switch (code) {
    case 'week': {
      // ISO weeks start on Monday.
      const sinceMonday = (local.getUTCDay() + 6) % 7;
      const from = bangkokMidnight(y, m, d - sinceMonday);
      const to = new Date(from.getTime() + 7 * DAY_MS);
      const monday = new Date(from.getTime() + BANGKOK_OFFSET_MS);
      const id = `w${monday.getUTCFullYear()}${pad(monday.getUTCMonth() + 1)}${pad(monday.getUTCDate())}`;
      return { code, id, from, to, expiresAt: expiry(to) };
    }
    case 'month': {
      const from = bangkokMidnight(y, m, 1);
      const to = bangkokMidnight(y, m + 1, 1);
      return { code, id: `m${y}${pad(m + 1)}`, from, to, expiresAt: expiry(to) };
    }
    case 'term': {
      // Term 1: 16 May – 31 October; term 2: 1 November – 31 March of the next year. From 1 April to 15 May (the
      // break) the board is the last term's, until term 1 starts.
      const mayTerm = bangkokMidnight(y, 4, 16);
      const november = bangkokMidnight(y, 10, 1);
      if (now >= mayTerm && now < november)
        return { code, id: `t${y}1`, from: mayTerm, to: november, expiresAt: expiry(november) };
      const startYear = now >= november ? y : y - 1;
      const from = bangkokMidnight(startYear, 10, 1);
      const to = bangkokMidnight(startYear + 1, 3, 1);
      const nextTerm = bangkokMidnight(startYear + 1, 4, 16);
      return { code, id: `t${startYear}2`, from, to, expiresAt: expiry(nextTerm) };
    }
    case 'fiscalYear': {
      // 1 October – 30 September, named by the Buddhist Era year it ends in (as libs/cockpit/src/fiscal-year.ts).
      const endsIn = m >= 9 ? y + 1 : y;
      const from = bangkokMidnight(endsIn - 1, 9, 1);
      const to = bangkokMidnight(endsIn, 9, 1);
      return { code, id: `f${endsIn + 543}`, from, to, expiresAt: expiry(to) };
    }
    case 'all':
      return { code, id: 'all', from: null, to: null, expiresAt: null };
  }
}

/** Every period's current instance, in PERIODS order. */
export function currentPeriods(now: Date): PeriodInstance[] {
  return PERIODS.map((code) => periodOf(code, now));
}
