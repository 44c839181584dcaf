import type { EventRegistration } from './event-definition';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Events and subscriptions given to `MessagingModule.forRoot` directly (a test's own, say). The domains register
 * theirs from their own modules with `MessagingModule.forFeature`.
 */
export type MessagingOptions = EventRegistration;
