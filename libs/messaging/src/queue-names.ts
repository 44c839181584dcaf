/** One BullMQ queue per subscriber. BullMQ forbids ':' in queue names. */
export function subscriberQueueName(subscriber: string): string {
  return `events-${subscriber}`;
}

/**
 * The job id that makes a relayed event unique per subscriber. BullMQ 6 refuses a custom id with a
 * single ':' (only a legacy three-part form passes, marked for removal), hence '@' as the separator.
 */
export function relayJobId(eventId: string, subscriber: string): string {
  return `${eventId}@${subscriber}`;
}
