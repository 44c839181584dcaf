import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from './event-catalogue';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from './messaging-options';
import { ON_EVENT, OnEventMetadata } from './on-event.decorator';

export type EventHandlerFn = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

export class HandlerRegistrationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Event handlers do not match the subscriptions:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HandlerRegistrationError';
  }
}

/** Finds every @OnEvent handler and refuses to start when a subscribed event has no handler or two. */
@Injectable()
export class EventHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, Map<string, EventHandlerFn>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
  ) {}

  onModuleInit(): void {
    const found: (OnEventMetadata & { fn: EventHandlerFn; where: string })[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName];
        if (typeof method !== 'function') continue;
        const metadata = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT, method);
        if (!metadata) continue;
        found.push({
          ...metadata,
          fn: (method as EventHandlerFn).bind(instance),
          where: `${instance.constructor.name}.${methodName}`,
        });
      }
    }

    const problems: string[] = [];
    const subscriptions = this.options.subscriptions;
    for (const handler of found) {
      const key = `${handler.subscriber} ← ${handler.type}`;
      if (!subscriptions[handler.subscriber]?.includes(handler.type)) {
        problems.push(`${key}: handled by ${handler.where} but not subscribed in the catalogue`);
        continue;
      }
      const bySubscriber = this.handlers.get(handler.subscriber) ?? new Map<string, EventHandlerFn>();
      if (bySubscriber.has(handler.type)) {
        problems.push(`${key}: more than one handler (${handler.where} and another)`);
      }
      bySubscriber.set(handler.type, handler.fn);
      this.handlers.set(handler.subscriber, bySubscriber);
    }
    for (const [subscriber, types] of Object.entries(subscriptions)) {
      for (const type of types) {
        if (!this.handlers.get(subscriber)?.has(type)) problems.push(`${subscriber} ← ${type}: no handler`);
      }
    }
    if (problems.length > 0) throw new HandlerRegistrationError(problems);
  }

  subscribers(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * Runs the handler at most once per (subscriber, event): the processed_event key and the handler's
   * writes commit together, so a redelivered job finds the key and does nothing.
   */
  async dispatch(subscriber: string, event: EventEnvelope): Promise<'handled' | 'duplicate'> {
    const handler = this.handlers.get(subscriber)?.get(event.type);
    if (!handler) throw new Error(`No handler for ${event.type} in ${subscriber}`);
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_event (subscriber, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [subscriber, event.id],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler(event, manager);
      return 'handled';
    });
  }
}
