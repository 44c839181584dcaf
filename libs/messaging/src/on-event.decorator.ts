import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope, Subscription } from './event-definition';

export const ON_EVENT = Symbol('ON_EVENT');

export interface OnEventMetadata {
  subscriber: string;
  type: string;
}

const nameOf = (subscriber: Subscription | string) =>
  typeof subscriber === 'string' ? subscriber : subscriber.subscriber;

/**
 * Marks a provider method as the one handler of `event` for `subscriber`. The method runs inside a
 * transaction that also records (subscriber, event id), so its effect happens exactly once.
 * Signature: `(event: EnvelopeOf<typeof event>, manager: EntityManager) => Promise<void | AfterCommit>`; the
 * compiler refuses a handler whose envelope's payload does not match the event's.
 */
export function OnEvent<P>(subscriber: Subscription | string, event: EventDefinition<P>) {
  const decorate = SetMetadata<symbol, OnEventMetadata>(ON_EVENT, {
    subscriber: nameOf(subscriber),
    type: event.type,
  });
  return <H extends (event: EventEnvelope<P>, manager: EntityManager) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    decorate(target, key, descriptor);
  };
}

export const ON_EVENT_BATCH = Symbol('ON_EVENT_BATCH');

/**
 * Marks the one handler of a batched subscriber: it receives the events of a batch not yet processed, in
 * order, inside one transaction that also records them as processed.
 * Signature: `(events: EventEnvelope[], manager: EntityManager) => Promise<void>`.
 */
export function OnEventBatch(subscriber: Subscription | string): MethodDecorator {
  return SetMetadata<symbol, { subscriber: string }>(ON_EVENT_BATCH, { subscriber: nameOf(subscriber) });
}
