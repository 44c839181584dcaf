/**
 * Thai fiscal years (ปีงบประมาณ): 1 October to 30 September, named by the Buddhist Era year in which they end.
 * ปีงบประมาณ 2570 runs from 1 October 2026 to 30 September 2027 (Bangkok time). Instants are UTC; the bounds are
 * Bangkok midnights (UTC+7, no daylight saving).
 */

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
/** The Buddhist Era year is the Gregorian year plus 543. */
export const BUDDHIST_ERA_OFFSET = 543;

export interface FiscalYear {
  /** The Buddhist Era year that names it (2570). */
  year: number;
  /** Its first instant: 1 October 00:00 Bangkok time of the Gregorian year before, in UTC. */
  start: Date;
  /** The first instant after it: 1 October 00:00 Bangkok time, in UTC (exclusive). */
  end: Date;
  th: string;
  en: string;
}

/** The fiscal year named by this Buddhist Era year (2570 → 1 Oct 2026 – 30 Sep 2027). */
export function fiscalYear(year: number): FiscalYear {
  if (!Number.isInteger(year)) throw new RangeError(`A fiscal year is a whole Buddhist Era year: ${year}`);
  const endsIn = year - BUDDHIST_ERA_OFFSET;
  return {
    year,
    start: new Date(Date.UTC(endsIn - 1, 9, 1) - BANGKOK_OFFSET_MS),
    end: new Date(Date.UTC(endsIn, 9, 1) - BANGKOK_OFFSET_MS),
    th: `ปีงบประมาณ ${year}`,
    en: `Fiscal year ${year} BE (Oct ${endsIn - 1} – Sep ${endsIn})`,
  };
}

/** The fiscal year an instant falls in, by Bangkok time. */
export function fiscalYearOf(instant: Date): FiscalYear {
  const bangkok = new Date(instant.getTime() + BANGKOK_OFFSET_MS);
  const gregorian = bangkok.getUTCFullYear() + (bangkok.getUTCMonth() >= 9 ? 1 : 0);
  return fiscalYear(gregorian + BUDDHIST_ERA_OFFSET);
}

/** The Bangkok calendar day of an instant, as YYYY-MM-DD (the rollups' day key). */
export function bangkokDay(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}
