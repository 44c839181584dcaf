import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7 } from '@lc/core';
import { prepared } from '@lc/database';
import type { EventDefinition } from './event-definition';

const APPEND_EVENTS = prepared(
  'outbox.append',
  `INSERT INTO outbox_event (id, type, version, payload)
   SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::jsonb[])`,
);

export interface AppendedEvent {
  id: string;
  type: string;
}

/**
 * Writes events into the outbox inside the caller's transaction: the event exists if and only if the
 * change it describes committed. Nothing here talks to Redis.
 */
@Injectable()
export class OutboxService {
  /** Appends one declared event; its payload is checked against the declaration's type. */
  async append<P>(
    manager: EntityManager,
    event: EventDefinition<P>,
    payload: NoInfer<P>,
    version = 1,
  ): Promise<AppendedEvent> {
    return this.appendMany(manager, [{ event, payload, version }]).then((events) => events[0]!);
  }

  /** Appends several events of one declaration in one statement. */
  async appendMany<P>(
    manager: EntityManager,
    events: readonly { event: EventDefinition<P>; payload: NoInfer<P>; version?: number }[],
  ): Promise<AppendedEvent[]> {
    if (events.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.append must run inside a transaction');
    }
    const ids = events.map(() => uuidv7());
    await manager.query(APPEND_EVENTS, [
      ids,
      events.map((e) => e.event.type),
      events.map((e) => e.version ?? 1),
      events.map((e) => JSON.stringify(e.payload)),
    ]);
    return events.map((e, index) => ({ id: ids[index]!, type: e.event.type }));
  }
}
