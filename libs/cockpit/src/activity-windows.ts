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

/**
 * A set of days as the changes of its indicator: +1 on the first day of each run of consecutive days, −1 on the day
 * after its last. The active-member counts are stored this way (the count on a day is the sum of the changes up to
 * it), so a member's window is two rows however long it is.
 */
export function changesOf(days: Iterable<string>): { day: string; delta: 1 | -1 }[] {
  const sorted = [...new Set(days)].sort();
  const changes: { day: string; delta: 1 | -1 }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const day = sorted[i]!;
    if (i === 0 || addDays(sorted[i - 1]!, 1) !== day) changes.push({ day, delta: 1 });
    if (i === sorted.length - 1 || addDays(day, 1) !== sorted[i + 1])
      changes.push({ day: addDays(day, 1), delta: -1 });
  }
  return changes;
}
