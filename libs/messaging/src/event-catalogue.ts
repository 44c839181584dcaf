/**
 * The typed event catalogue: every event type the platform emits, with its payload.
 * Payloads carry ids and the small facts subscribers route on; consumers re-read anything else.
 * A type, once shipped, is never renamed: queued jobs would be stranded. Add a version instead.
 */
export interface EventPayloads {
  'member.registered': {
    memberId: string;
    memberKind: string;
    schoolId: string | null;
    areaId: string | null;
  };
  'member.erased': { memberId: string };
  'member.disabled': { memberId: string };
  'role.granted': {
    grantId: string;
    memberId: string;
    role: string;
    scopeType: string;
    scopeId: string | null;
  };
  'role.revoked': {
    grantId: string;
    memberId: string;
    role: string;
    scopeType: string;
    scopeId: string | null;
  };
  'innovation.published': InnovationFacts;
  'innovation.updated': InnovationFacts;
  'innovation.hidden': InnovationFacts & { reason: string; moderatorId: string | null };
  'innovation.restored': InnovationFacts & { moderatorId: string };
  'innovation.removed': InnovationFacts & { reason: string; moderatorId: string };
  'comment.created': FeedbackFacts & { commentId: string; parentId: string | null };
  'rating.submitted': FeedbackFacts & { overall: number; previousOverall: number | null };
  'adoption.reported': FeedbackFacts & {
    adoptionId: string;
    reporterSchoolId: string | null;
    schoolTerm: string;
  };
  'innovation.endorsed': FeedbackFacts & { endorsementId: string; partnerId: string };
  'perk.live': { perkId: string; partnerId: string; category: string };
  'redemption.created': RedemptionFacts;
  'redemption.fulfilled': RedemptionFacts;
  'redemption.rejected': RedemptionFacts;
  'redemption.cancelled': RedemptionFacts;
  'redemption.expired': RedemptionFacts;
  'announcement.published': {
    announcementId: string;
    authorId: string;
    scope: 'national' | 'area';
    areaId: string | null;
  };
  /** The ledger subscriber credited (award) or debited (reversal) a member's wallet, once per new transfer. */
  'points.changed': {
    memberId: string;
    transferId: string;
    kind: 'award' | 'reversal';
    /** Signed: positive for a credit, negative for a reversal. */
    amount: number;
    reason: { code: string; th: string; en: string };
    innovationId: string | null;
  };
  'content.reported': {
    reportId: string;
    targetType: 'innovation' | 'comment';
    targetId: string;
    innovationId: string;
    reporterId: string;
    openReports: number;
    autoHidden: boolean;
  };
}

/** A redemption's state change, for the member's feed and notifications. */
export interface RedemptionFacts {
  redemptionId: string;
  perkId: string;
  partnerId: string;
  memberId: string;
  status: string;
  cost: number;
}

/** What subscribers route on when an innovation changes: who, where, and what it is about. */
export interface InnovationFacts {
  innovationId: string;
  authorId: string;
  schoolId: string | null;
  areaId: string | null;
  learningAreas: string[];
  competencies: string[];
  version: number;
}

/** Feedback on an innovation: who gave it (actorId) and whose work it is (authorId). */
export interface FeedbackFacts {
  innovationId: string;
  actorId: string;
  authorId: string;
  schoolId: string | null;
  areaId: string | null;
  learningAreas: string[];
}

export type EventType = keyof EventPayloads;

/** What a subscriber receives: the outbox row, as committed. */
export interface EventEnvelope<
  T extends string = string,
  P = T extends EventType ? EventPayloads[T] : unknown,
> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  payload: P;
}

/** Subscriber names: each has its own queue. Never renamed once shipped. */
export const Subscribers = {
  LEDGER: 'ledger',
  FEED: 'feed',
  RECOGNITION: 'recognition',
  COCKPIT: 'cockpit',
  NOTIFICATIONS: 'notifications',
} as const;

export type SubscriberName = (typeof Subscribers)[keyof typeof Subscribers];

/** Which subscriber reacts to which event type. The relay routes by this; the worker checks every pair has one handler. */
export type Subscriptions = Record<string, readonly string[]>;

const REDEMPTION_CHANGES = [
  'redemption.created',
  'redemption.fulfilled',
  'redemption.rejected',
  'redemption.cancelled',
  'redemption.expired',
] as const;

export const SUBSCRIPTIONS: Subscriptions = {
  /** Feed items (global, area, school, mine) and their push to connected clients. */
  [Subscribers.FEED]: [
    'innovation.published',
    'innovation.endorsed',
    'perk.live',
    'announcement.published',
    'rating.submitted',
    'comment.created',
    'adoption.reported',
    'points.changed',
    ...REDEMPTION_CHANGES,
  ],
  /** The inbox, its e-mail, and the member's live wallet and redemption status. */
  [Subscribers.NOTIFICATIONS]: [
    'rating.submitted',
    'comment.created',
    'adoption.reported',
    'innovation.endorsed',
    'innovation.hidden',
    'innovation.removed',
    'points.changed',
    ...REDEMPTION_CHANGES,
  ],
  [Subscribers.LEDGER]: [
    'innovation.published',
    'innovation.hidden',
    'innovation.removed',
    'innovation.restored',
    'rating.submitted',
    'comment.created',
    'adoption.reported',
    'innovation.endorsed',
  ],
};

/**
 * Subscribers on a hot path receive events in batches (one job per relay batch, handled in one transaction)
 * rather than one job per event: BullMQ moves a few thousand jobs a second, awards must go faster.
 */
export const BATCHED_SUBSCRIBERS: readonly string[] = [Subscribers.LEDGER];
