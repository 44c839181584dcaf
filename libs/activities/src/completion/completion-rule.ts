/** How an event is completed (seed 003 §2 "ผ่านทุกกิจกรรม"; seed 001 "at least 80 % of the development time"). */
export interface CompletionRule {
  rule: 'all_sessions' | 'min_share';
  /** The share of the sessions' minutes to attend, in thousandths (800 = 80 %); for `min_share` only. */
  minShareMilli: number | null;
  evaluationRequired: boolean;
}

export interface SessionLength {
  id: string;
  minutes: number;
}

/** What a member still lacks: the sessions not attended, the minutes short of the share, the evaluation. */
export type Missing =
  | { code: 'sessions'; sessionIds: string[] }
  | { code: 'share'; requiredMinutes: number; attendedMinutes: number }
  | { code: 'evaluation' };

export interface CompletionState {
  completed: boolean;
  attendedSessions: number;
  attendedMinutes: number;
  totalMinutes: number;
  /** attendedMinutes / totalMinutes, rounded down to 4 decimals (what is stored and shown). */
  share: number;
  missing: Missing[];
}

/**
 * Whether a member completed an event, and what is missing if not. Shares are compared in whole numbers
 * (minutes × 1000 against thousandths × minutes), so exactly 80 % passes and a minute less does not.
 */
export function completionOf(
  rule: CompletionRule,
  sessions: SessionLength[],
  attended: ReadonlyMap<string, number>,
  evaluated: boolean,
): CompletionState {
  const totalMinutes = sessions.reduce((sum, s) => sum + s.minutes, 0);
  let attendedMinutes = 0;
  let attendedSessions = 0;
  const notAttended: string[] = [];
  for (const session of sessions) {
    const minutes = Math.min(attended.get(session.id) ?? 0, session.minutes);
    if (minutes > 0) {
      attendedSessions += 1;
      attendedMinutes += minutes;
    } else notAttended.push(session.id);
  }
  const missing: Missing[] = [];
  if (rule.rule === 'all_sessions') {
    if (notAttended.length > 0) missing.push({ code: 'sessions', sessionIds: notAttended });
  } else {
    const milli = rule.minShareMilli ?? 1000;
    if (attendedMinutes * 1000 < milli * totalMinutes)
      missing.push({
        code: 'share',
        requiredMinutes: Math.ceil((milli * totalMinutes) / 1000),
        attendedMinutes,
      });
  }
  if (rule.evaluationRequired && !evaluated) missing.push({ code: 'evaluation' });
  const share = totalMinutes === 0 ? 0 : Math.floor((attendedMinutes * 10000) / totalMinutes) / 10000;
  return { completed: missing.length === 0, attendedSessions, attendedMinutes, totalMinutes, share, missing };
}

/** Whole minutes between two instants (sessions are planned in minutes). */
export function minutesBetween(startsAt: Date, endsAt: Date): number {
  return Math.max(0, Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000));
}
