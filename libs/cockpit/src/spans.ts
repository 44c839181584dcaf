import { addDays, EPOCH, fiscalYearPeriod, fiscalYearStartOf, monthEnd, monthStart, Period } from './periods';

/**
 * How a sum over a range of days is read from the rollups in the fewest rows. The rollups keep the same sums at four
 * grains: days (`cockpit_daily`), months (`cockpit_monthly`), Thai fiscal years (`cockpit_yearly`) and all time
 * (`cockpit_total`), so a range is any signed combination of their rows that adds up to exactly its days: a fiscal year
 * to date is the year's row less the days after `to` (none yet, so one row per scope), a stock at today is the
 * all-time row less what came after (nothing). Which combination is chosen only changes how many rows are read, never
 * the sum: each is exact whatever the data.
 */

/** d: day rows, m: month rows (period = the 1st), y: fiscal-year rows (period = 1 October), t: the all-time row. */
export type Grain = 'd' | 'm' | 'y' | 't';

export interface Span {
  grain: Grain;
  /** The first and last period (day, month's 1st or fiscal year's 1 October) read; unused for `t`. */
  from: string;
  to: string;
  sign: 1 | -1;
}

/** The end of time for ranges that run to the last row (a `y` span's upper bound). */
export const FAR_FUTURE = '9999-12-31';

const fyStart = (day: string) => fiscalYearStartOf(day).start;
const fyEnd = (day: string) => fiscalYearPeriod(fiscalYearStartOf(day).year).to;

/** Whole fiscal years, months and days, in this order of preference, that make up [from, to] (to may be FAR_FUTURE). */
export function cover(from: string, to: string): Span[] {
  const spans: Span[] = [];
  const push = (grain: Grain, a: string, b: string) => {
    const last = spans[spans.length - 1];
    if (last && last.grain === grain) last.to = b;
    else spans.push({ grain, from: a, to: b, sign: 1 });
  };
  let cursor = from;
  while (cursor <= to) {
    if (to === FAR_FUTURE && cursor === fyStart(cursor)) {
      push('y', cursor, FAR_FUTURE);
      break;
    }
    if (cursor === fyStart(cursor) && fyEnd(cursor) <= to) {
      // Every whole fiscal year from here up to `to`.
      const lastEnd = addDays(fyStart(addDays(to, 1)), -1);
      push('y', cursor, fyStart(lastEnd));
      cursor = addDays(lastEnd, 1);
    } else if (cursor === monthStart(cursor) && monthEnd(cursor) <= to) {
      push('m', cursor, cursor);
      cursor = addDays(monthEnd(cursor), 1);
    } else {
      const last = monthEnd(cursor) < to ? monthEnd(cursor) : to;
      push('d', cursor, last);
      cursor = addDays(last, 1);
    }
  }
  return spans;
}

const negate = (spans: Span[]): Span[] => spans.map((span) => ({ ...span, sign: -span.sign as 1 | -1 }));

/** Estimated rows a span reads per scope: periods up to `horizon` (today: no sum has rows after it), plus a probe. */
function rowsOf(span: Span, horizon: string): number {
  const to = span.to < horizon ? span.to : horizon;
  if (span.grain === 't') return 1.5;
  if (span.from > to) return 0.5;
  const months = (a: string, b: string) =>
    (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  switch (span.grain) {
    case 'd':
      return 0.5 + Math.round((Date.parse(to) - Date.parse(span.from)) / 86_400_000) + 1;
    case 'm':
      return 0.5 + months(span.from, to) + 1;
    case 'y':
      return 0.5 + Math.floor(months(span.from, to) / 12) + 1;
  }
}

/**
 * The signed spans that read the sum over [from, to] in the fewest rows, `horizon` being the last day that can have
 * rows (today). Each side of the range is either read as it is, or widened to its month, its fiscal year or the whole
 * of time with the days in between taken back out; with both sides widened to all time, it is the all-time row.
 */
export function plan(period: Period, horizon: string): Span[] {
  const { from, to } = period;
  const lefts = [from, monthStart(from), fyStart(from), EPOCH].filter((a, i, all) => all.indexOf(a) === i);
  const rights = [to, monthEnd(to), fyEnd(to), FAR_FUTURE].filter((b, i, all) => all.indexOf(b) === i);
  let best: { spans: Span[]; cost: number } | null = null;
  for (const a of lefts) {
    if (a < EPOCH) continue;
    for (const b of rights) {
      const middle: Span[] =
        a === EPOCH && b === FAR_FUTURE
          ? [{ grain: 't', from: EPOCH, to: FAR_FUTURE, sign: 1 }]
          : cover(a, b);
      const spans = [
        ...middle,
        ...(a < from ? negate(cover(a, addDays(from, -1))) : []),
        ...(b > to ? negate(cover(addDays(to, 1), b)) : []),
      ];
      const cost = spans.reduce((sum, span) => sum + rowsOf(span, horizon), 0);
      if (!best || cost < best.cost - 1e-9) best = { spans, cost };
    }
  }
  return best!.spans;
}

/** Whether a span reads exactly one row per scope (one day, one month, one fiscal year or all time). */
export function isSingle(span: Span): boolean {
  return span.grain === 't' || span.from === span.to;
}
