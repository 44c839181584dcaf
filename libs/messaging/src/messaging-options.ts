import type { Subscriptions } from './event-catalogue';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** Event type routing; defaults to the catalogue's SUBSCRIPTIONS. */
  subscriptions?: Subscriptions;
}

export interface ResolvedMessagingOptions {
  subscriptions: Subscriptions;
}
