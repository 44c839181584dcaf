import { defineEvent } from '@lc/messaging';

/**
 * The events of activities. A type, once shipped, is never renamed (rows in the outbox carry it).
 */
export const ActivityEvents = {
  /** A seat freed and the first waitlisted member took it: they are told. */
  registrationPromoted: defineEvent<{ eventId: string; memberId: string; title: string }>(
    'activity.registration_promoted',
  ),
  /** The organisers cancelled an event: everyone registered or waitlisted is told. */
  eventCancelled: defineEvent<{ eventId: string; title: string; reason: string }>('activity.event_cancelled'),
  /** A member attended a session (once per member and session): the ledger's rule for attending. */
  sessionAttended: defineEvent<{
    eventId: string;
    sessionId: string;
    memberId: string;
    activityPlanId: string | null;
  }>('activity.session_attended'),
  /**
   * A member completed an event by its rule (once per member and event): the ledger's rule for completing.
   * `completedAt` is the completion's recorded time (the clock's, which the outbox's own time may not equal); events
   * written before it existed lack it.
   */
  eventCompleted: defineEvent<{ eventId: string; memberId: string; kind: string; completedAt?: string }>(
    'activity.event_completed',
  ),
  /** A certificate was issued (once per member and event): the member is told, by notification and e-mail. */
  certificateIssued: defineEvent<{ certificateId: string; eventId: string; memberId: string; title: string }>(
    'activity.certificate_issued',
  ),
  /**
   * A member's action counted for a campaign with a bonus, inside its window (once per campaign and action): the
   * ledger's `campaign.bonus` rule awards `points` to the member. `innovationId` names the innovation the action was
   * about, if any, so hiding it takes the bonus back like the action's own points.
   */
  campaignAction: defineEvent<{
    campaignId: string;
    memberId: string;
    points: number;
    sourceEventId: string;
    innovationId: string | null;
  }>('activity.campaign_action'),
  /** A member reached a campaign's target (once per member and campaign): recognition awards its badge, if any. */
  campaignCompleted: defineEvent<{ campaignId: string; memberId: string; badgeCode: string | null }>(
    'activity.campaign_completed',
  ),
} as const;
