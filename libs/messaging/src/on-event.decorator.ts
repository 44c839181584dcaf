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
