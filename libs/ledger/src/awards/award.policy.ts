import type { InnovationEvents } from '@lc/innovations';
import type { EventEnvelope, PayloadOf } from '@lc/messaging';
import type { EarningRule } from './rules.repository';

export interface AwardCandidate {
  rule: EarningRule;
  beneficiaryId: string;
  /** Whose action the event records (the author for a publication): nothing is earned while theirs is unconfirmed. */
  actorId: string;
  event: EventEnvelope;
  innovationId: string | null;
  /** The other member in a feedback award (who rated, commented, reported use), for anti-gaming checks. */
  counterpartId: string | null;
  /** The points when the event names them (a campaign's bonus), instead of the rule's. */
  amount?: number;
}

type Payload<K extends keyof typeof InnovationEvents> = PayloadOf<(typeof InnovationEvents)[K]>;
type Feedback = Payload<'ratingSubmitted'> | Payload<'commentCreated'> | Payload<'adoptionReported'>;

/**
 * Which rules an event earns, before caps. Nothing is earned for interacting with one's own content; a rating
 * earns its author points only when it first reaches 4 or more, and its giver only for the first rating.
 */
export function candidatesFor(event: EventEnvelope, rules: EarningRule[], now: Date): AwardCandidate[] {
  const active = rules.filter(
    (rule) =>
      rule.enabled &&
      rule.eventType === event.type &&
      (!rule.activeFrom || rule.activeFrom <= now) &&
      (!rule.activeUntil || rule.activeUntil > now),
  );
  const candidates: AwardCandidate[] = [];
  for (const rule of active) {
    if (event.type === 'innovation.published') {
      const payload = event.payload as Payload<'published'>;
      candidates.push({
        rule,
        beneficiaryId: payload.authorId,
        actorId: payload.authorId,
        event,
        innovationId: payload.innovationId,
        counterpartId: null,
      });
      continue;
    }
    if (event.type === 'activity.campaign_action') {
      // Told once per campaign and counted action, inside the campaign's window: the bonus is the campaign's.
      const { memberId, points, innovationId } = event.payload as {
        memberId: string;
        points: number;
        innovationId: string | null;
      };
      if (!Number.isInteger(points) || points < 1) continue;
      candidates.push({
        rule,
        beneficiaryId: memberId,
        actorId: memberId,
        event,
        innovationId: innovationId ?? null,
        counterpartId: null,
        amount: points,
      });
      continue;
    }
    if (event.type === 'activity.session_attended' || event.type === 'activity.event_completed') {
      // Told once per member and session, or member and event, by activities: the member who took part earns.
      const { memberId } = event.payload as { memberId: string };
      candidates.push({
        rule,
        beneficiaryId: memberId,
        actorId: memberId,
        event,
        innovationId: null,
        counterpartId: null,
      });
      continue;
    }
    const payload = event.payload as Feedback;
    if (!payload.actorId || !payload.authorId || payload.actorId === payload.authorId) continue;
    if (event.type === 'rating.submitted') {
      const rating = payload as Payload<'ratingSubmitted'>;
      if (
        rule.beneficiary === 'author' &&
        !(rating.overall >= 4 && (rating.previousOverall === null || rating.previousOverall < 4))
      )
        continue;
      if (rule.beneficiary === 'actor' && rating.previousOverall !== null) continue;
    }
    const beneficiaryId = rule.beneficiary === 'author' ? payload.authorId : payload.actorId;
    const counterpartId = rule.beneficiary === 'author' ? payload.actorId : payload.authorId;
    candidates.push({
      rule,
      beneficiaryId,
      actorId: payload.actorId,
      event,
      innovationId: payload.innovationId,
      counterpartId,
    });
  }
  return candidates;
}

/** Asia/Bangkok is UTC+7 all year (no daylight saving): periods start at local midnight, weeks on Monday. */
const BANGKOK_OFFSET_MS = 7 * 3600 * 1000;

export function periodStarts(at: Date): { day: Date; week: Date; month: Date } {
  const local = new Date(at.getTime() + BANGKOK_OFFSET_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const weekday = (local.getUTCDay() + 6) % 7;
  const month = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  return {
    day: new Date(day - BANGKOK_OFFSET_MS),
    week: new Date(day - weekday * 24 * 3600 * 1000 - BANGKOK_OFFSET_MS),
    month: new Date(month - BANGKOK_OFFSET_MS),
  };
}
