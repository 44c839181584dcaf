import type { Subscriptions } from './event-catalogue';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** Event type routing; defaults to the catalogue's SUBSCRIPTIONS. */
  subscriptions?: Subscriptions;
  /** Subscribers that take events in batches; defaults to the catalogue's BATCHED_SUBSCRIBERS. */
  batched?: readonly string[];
}

export interface ResolvedMessagingOptions {
  subscriptions: Subscriptions;
  batched: readonly string[];
}
