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

/** The job of a batch: named by its first event and size, so a re-relayed identical batch is deduplicated too. */
export function relayBatchJobId(firstEventId: string, count: number, subscriber: string): string {
  return `${firstEventId}+${count}@${subscriber}`;
}

export const BATCH_JOB_NAME = 'events.batch';
