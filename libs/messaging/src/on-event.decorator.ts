import { SetMetadata } from '@nestjs/common';
import type { EventType } from './event-catalogue';

export const ON_EVENT = Symbol('ON_EVENT');

export interface OnEventMetadata {
  subscriber: string;
  type: string;
}

/**
 * Marks a provider method as the one handler of `type` for `subscriber`. The method runs inside a
 * transaction that also records (subscriber, event id), so its effect happens exactly once.
 * Signature: `(event: EventEnvelope<T>, manager: EntityManager) => Promise<void>`.
 */
export function OnEvent(subscriber: string, type: EventType | (string & {})): MethodDecorator {
  return SetMetadata<symbol, OnEventMetadata>(ON_EVENT, { subscriber, type });
}

export const ON_EVENT_BATCH = Symbol('ON_EVENT_BATCH');

/**
 * Marks the one handler of a batched subscriber: it receives the events of a batch not yet processed, in
 * order, inside one transaction that also records them as processed.
 * Signature: `(events: EventEnvelope[], manager: EntityManager) => Promise<void>`.
 */
export function OnEventBatch(subscriber: string): MethodDecorator {
  return SetMetadata<symbol, { subscriber: string }>(ON_EVENT_BATCH, { subscriber });
}
