import { RealtimeMessages, RealtimeMessageType } from './realtime-messages';

/**
 * How the worker (or anything outside the gateway) pushes a message to connected clients on any api replica.
 * Call it only after the database transaction that produced the message has committed. Delivery is
 * best-effort: clients that miss a message recover it by connection-state recovery or by refetching on `resync`.
 */
export abstract class RealtimePublisher {
  abstract publish<T extends RealtimeMessageType>(
    rooms: readonly string[],
    type: T,
    payload: RealtimeMessages[T],
  ): Promise<void>;
}
