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

export const SUBSCRIPTIONS: Subscriptions = {};
