/**
 * The statistics API answers one row per perk and day (only days with redemptions). The chart wants every day of the
 * period, and the summary wants totals per perk: both are built here.
 */
import type { RedemptionStatsRowResponse } from '../../../api/generated/model';
import { formatDate } from '../../../format/format';

export interface DayPoint {
  day: string;
  label: string;
  fulfilled: number;
  pending: number;
  returned: number;
}

export interface PerkTotals {
  perkId: string;
  title: string;
  redemptions: number;
  fulfilled: number;
  pending: number;
  returned: number;
  points: number;
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a moment in Bangkok. */
export function bangkokDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(date);
}

/** "7 ธ.ค." / "7 Dec": the date of format.ts without its year, short enough for an axis. */
export function shortDay(day: string, language: string): string {
  return formatDate(`${day}T12:00:00+07:00`, language).split(' ').slice(0, 2).join(' ');
}

/** Every day of the last `days` (oldest first), with the counts of one perk or of all. */
export function buildDays(
  rows: RedemptionStatsRowResponse[],
  days: number,
  perkId: string | null,
  language: string,
  now: Date = new Date(),
): DayPoint[] {
  const byDay = new Map<string, DayPoint>();
  const today = new Date(`${bangkokDay(now)}T12:00:00+07:00`).getTime();
  for (let i = days - 1; i >= 0; i--) {
    const day = bangkokDay(new Date(today - i * DAY_MS));
    byDay.set(day, { day, label: shortDay(day, language), fulfilled: 0, pending: 0, returned: 0 });
  }
  for (const row of rows) {
    if (perkId && row.perkId !== perkId) continue;
    const point = byDay.get(row.day);
    if (!point) continue;
    point.fulfilled += row.fulfilled;
    point.pending += row.pending;
    point.returned += row.returned;
  }
  return [...byDay.values()];
}

/** Totals per perk, the most redeemed first. */
export function perkTotals(rows: RedemptionStatsRowResponse[]): PerkTotals[] {
  const totals = new Map<string, PerkTotals>();
  for (const row of rows) {
    const total = totals.get(row.perkId) ?? {
      perkId: row.perkId,
      title: row.title,
      redemptions: 0,
      fulfilled: 0,
      pending: 0,
      returned: 0,
      points: 0,
    };
    total.redemptions += row.redemptions;
    total.fulfilled += row.fulfilled;
    total.pending += row.pending;
    total.returned += row.returned;
    total.points += row.points;
    totals.set(row.perkId, total);
  }
  return [...totals.values()].sort((a, b) => b.redemptions - a.redemptions || a.title.localeCompare(b.title));
}
