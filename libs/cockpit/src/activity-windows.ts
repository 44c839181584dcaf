import { addDays, daysBetween } from './periods';

/** The windows of "active in the last N days": 7 and 30 days, each ending on the day it is read for. */
export const ACTIVITY_WINDOWS = [
  { days: 7, metric: 'members_active_7d' },
  { days: 30, metric: 'members_active_30d' },
] as const;

/**
 * The window ends (days) on which a member newly counts as active because of the days added: day e counts when
 * the member has an activity day in [e − window + 1, e]. Days already recorded, and each added day once handled,
 * cover their own ends, so every (member, end) is counted once whatever the order the days arrive in. The rebuild
 * computes the same union of windows from the sorted days (each day adds [max(day, previous + window), day +
 * window − 1]).
 */
export function newlyCoveredEnds(
  existing: readonly string[],
  added: readonly string[],
  window: number,
): string[] {
  const accounted = [...existing];
  const ends: string[] = [];
  for (const day of [...new Set(added)].sort()) {
    if (accounted.includes(day)) continue;
    for (let offset = 0; offset < window; offset++) {
      const end = addDays(day, offset);
      const covered = accounted.some((other) => {
        const age = daysBetween(other, end);
        return age >= 0 && age < window;
      });
      if (!covered) ends.push(end);
    }
    accounted.push(day);
  }
  return ends;
}
