/**
 * Thai fiscal years (ปีงบประมาณ): 1 October to 30 September, named by the Buddhist Era year in which they end, by
 * Bangkok time (as libs/cockpit/src/fiscal-year.ts). ปีงบประมาณ 2570 runs from 1 October 2026 to 30 September 2027.
 */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const BUDDHIST_ERA_OFFSET = 543;

/** The fiscal year (Buddhist Era) a moment falls in, by Bangkok time. */
export function fiscalYearOf(now: Date = new Date()): number {
  const bangkok = new Date(now.getTime() + BANGKOK_OFFSET_MS);
  return bangkok.getUTCFullYear() + (bangkok.getUTCMonth() >= 9 ? 1 : 0) + BUDDHIST_ERA_OFFSET;
}

/** The first and last days (YYYY-MM-DD, Gregorian, as the API takes them) of a fiscal year. */
export function fiscalYearDays(year: number): { first: string; last: string } {
  const endsIn = year - BUDDHIST_ERA_OFFSET;
  return { first: `${endsIn - 1}-10-01`, last: `${endsIn}-09-30` };
}

/** The years offered: two ahead and four back from the current one, newest first. */
export function fiscalYearChoices(current: number = fiscalYearOf()): number[] {
  return [current + 1, current, current - 1, current - 2, current - 3, current - 4];
}

/** A fiscal year from the address (?fy=2570), or the current one. */
export function fiscalYearParam(value: string | null): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2500 && year <= 2700 ? year : fiscalYearOf();
}

/** Noon in Bangkok of a calendar day, so that formatDate shows that very day. */
export function dayInstant(day: string): string {
  return `${day}T12:00:00+07:00`;
}
