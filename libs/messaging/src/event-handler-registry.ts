import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import { EventCatalogue } from './event-catalogue.service';
import type { EventEnvelope } from './event-definition';
import { ON_EVENT, ON_EVENT_BATCH, OnEventMetadata } from './on-event.decorator';

/**
 * What a handler may return: work to do once its transaction has committed (pushing to connected clients, say),
 * never before. It runs once, after COMMIT; if it fails, the failure is logged and the event stays handled.
 */
export type AfterCommit = () => Promise<void>;
export type EventHandlerFn = (event: EventEnvelope, manager: EntityManager) => Promise<void | AfterCommit>;
export type EventBatchHandlerFn = (
  events: EventEnvelope[],
  manager: EntityManager,
) => Promise<void | AfterCommit>;

export class HandlerRegistrationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Event handlers do not match the subscriptions:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HandlerRegistrationError';
  }
}

/** Finds every @OnEvent handler and refuses to start when a subscribed event has no handler or two. */
@Injectable()
export class EventHandlerRegistry implements OnModuleInit {
  private readonly logger = new Logger(EventHandlerRegistry.name);
  private readonly handlers = new Map<string, Map<string, EventHandlerFn>>();
  private readonly batchHandlers = new Map<string, EventBatchHandlerFn>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly catalogue: EventCatalogue,
  ) {}

  onModuleInit(): void {
    const found: (OnEventMetadata & { fn: EventHandlerFn; where: string })[] = [];
    const batchProblems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName];
        if (typeof method !== 'function') continue;
        const batch = this.reflector.get<{ subscriber: string } | undefined>(ON_EVENT_BATCH, method);
        if (batch) {
          const where = `${instance.constructor.name}.${methodName}`;
          if (this.batchHandlers.has(batch.subscriber))
            batchProblems.push(`${batch.subscriber}: more than one batch handler (${where} and another)`);
          this.batchHandlers.set(batch.subscriber, (method as EventBatchHandlerFn).bind(instance));
          continue;
        }
        const metadata = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT, method);
        if (!metadata) continue;
        found.push({
          ...metadata,
          fn: (method as EventHandlerFn).bind(instance),
          where: `${instance.constructor.name}.${methodName}`,
        });
      }
    }

    const problems: string[] = [...batchProblems];
    const catalogue = this.catalogue;
    for (const [subscriber] of this.batchHandlers) {
      if (!catalogue.isBatched(subscriber))
        problems.push(`${subscriber}: has a batch handler but is not a batched subscriber`);
    }
    for (const handler of found) {
      if (catalogue.isBatched(handler.subscriber)) {
        problems.push(
          `${handler.subscriber} ← ${handler.type}: a batched subscriber takes one @OnEventBatch handler, not @OnEvent`,
        );
        continue;
      }
      const key = `${handler.subscriber} ← ${handler.type}`;
      if (!catalogue.typesOf(handler.subscriber).includes(handler.type)) {
        problems.push(`${key}: handled by ${handler.where} but not in ${handler.subscriber}'s subscription`);
        continue;
      }
      const bySubscriber = this.handlers.get(handler.subscriber) ?? new Map<string, EventHandlerFn>();
      if (bySubscriber.has(handler.type)) {
        problems.push(`${key}: more than one handler (${handler.where} and another)`);
      }
      bySubscriber.set(handler.type, handler.fn);
      this.handlers.set(handler.subscriber, bySubscriber);
    }
    for (const subscriber of catalogue.subscribers()) {
      if (catalogue.isBatched(subscriber)) {
        if (!this.batchHandlers.has(subscriber))
          problems.push(`${subscriber}: batched, but no @OnEventBatch handler`);
        continue;
      }
      for (const type of catalogue.typesOf(subscriber)) {
        if (!this.handlers.get(subscriber)?.has(type)) problems.push(`${subscriber} ← ${type}: no handler`);
      }
    }
    if (problems.length > 0) throw new HandlerRegistrationError(problems);
  }

  subscribers(): string[] {
    return [...this.handlers.keys(), ...this.batchHandlers.keys()];
  }

  /** How many jobs of this subscriber one process runs at once, when its subscription says. */
  concurrencyOf(subscriber: string): number | undefined {
    return this.catalogue.concurrencyOf(subscriber);
  }

  /**
   * A batch: the events not yet processed by this subscriber are recorded and handled in one transaction,
   * in their outbox order. A redelivered or overlapping batch handles only what is new.
   */
  async dispatchBatch(subscriber: string, events: EventEnvelope[]): Promise<number> {
    const handler = this.batchHandlers.get(subscriber);
    if (!handler) throw new Error(`No batch handler for ${subscriber}`);
    const types = new Set(this.catalogue.typesOf(subscriber));
    const { count, after } = await this.dataSource.transaction(async (manager) => {
      const inserted: { event_id: string }[] = await manager.query(
        `INSERT INTO processed_event (subscriber, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [subscriber, events.map((event) => event.id)],
      );
      const fresh = new Set(inserted.map((row) => row.event_id));
      const todo = events.filter((event) => fresh.has(event.id) && types.has(event.type));
      return { count: todo.length, after: todo.length ? await handler(todo, manager) : undefined };
    });
    await this.afterCommit(after, subscriber);
    return count;
  }

  /**
   * Runs the handler at most once per (subscriber, event): the processed_event key and the handler's
   * writes commit together, so a redelivered job finds the key and does nothing.
   */
  async dispatch(subscriber: string, event: EventEnvelope): Promise<'handled' | 'duplicate'> {
    const handler = this.handlers.get(subscriber)?.get(event.type);
    if (!handler) throw new Error(`No handler for ${event.type} in ${subscriber}`);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_event (subscriber, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [subscriber, event.id],
      );
      if (inserted.length === 0) return { result: 'duplicate' as const };
      return { result: 'handled' as const, after: await handler(event, manager) };
    });
    await this.afterCommit(outcome.after, subscriber, event);
    return outcome.result;
  }

  /** A handler's after-commit work: best effort, never a reason to handle the event again. */
  private async afterCommit(
    after: void | AfterCommit | undefined,
    subscriber: string,
    event?: EventEnvelope,
  ) {
    if (typeof after !== 'function') return;
    try {
      await after();
    } catch (error) {
      this.logger.warn({ err: error, subscriber, eventId: event?.id }, 'after-commit work failed');
    }
  }
}
