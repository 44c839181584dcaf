import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventDefinition, EventRegistration, Subscription } from './event-definition';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';

export class EventCatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(`Event declarations do not add up:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EventCatalogueError';
  }
}

/**
 * The events and subscriptions of this process, as its modules registered them (`MessagingModule.forRoot` and
 * `forFeature`). The relay routes by it, the queue metrics and the handler registry read it. It refuses to start
 * when two declarations share a type, when a subscription names a type no module declares, or when a subscriber
 * is declared twice.
 */
@Injectable()
export class EventCatalogue implements OnModuleInit {
  private readonly declarations = new Map<string, { event: EventDefinition; owners: string[] }[]>();
  private readonly subscriptions = new Map<string, { subscription: Subscription; owners: string[] }[]>();
  /** Event type → its subscribers, built on first use (the relay asks for every row it moves). */
  private routes: Map<string, string[]> | null = null;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.register('MessagingModule.forRoot', options);
  }

  /** Records what `owner` declares. The same definition or subscription registered again counts once. */
  register(owner: string, registration: EventRegistration): void {
    this.routes = null;
    const events = registration.events ?? [];
    for (const event of Array.isArray(events) ? events : Object.values(events)) {
      const entries = this.declarations.get(event.type) ?? [];
      const same = entries.find((entry) => entry.event === event);
      if (same) same.owners.push(owner);
      else entries.push({ event, owners: [owner] });
      this.declarations.set(event.type, entries);
    }
    for (const subscription of registration.subscriptions ?? []) {
      const entries = this.subscriptions.get(subscription.subscriber) ?? [];
      const same = entries.find((entry) => entry.subscription === subscription);
      if (same) same.owners.push(owner);
      else entries.push({ subscription, owners: [owner] });
      this.subscriptions.set(subscription.subscriber, entries);
    }
  }

  /** What does not add up, one line each; empty when the declarations are sound. */
  problems(): string[] {
    const problems: string[] = [];
    const by = (owners: string[]) => [...new Set(owners)].join(', ');
    for (const [type, entries] of this.declarations) {
      if (entries.length > 1)
        problems.push(
          `${type}: declared ${entries.length} times (${entries.map((e) => `by ${by(e.owners)}`).join('; ')}); one domain declares each event`,
        );
    }
    for (const [subscriber, entries] of this.subscriptions) {
      if (entries.length > 1)
        problems.push(
          `${subscriber}: subscriptions declared ${entries.length} times (${entries.map((e) => `by ${by(e.owners)}`).join('; ')})`,
        );
      for (const { subscription, owners } of entries) {
        const seen = new Set<string>();
        for (const { type } of subscription.events) {
          if (seen.has(type)) problems.push(`${subscriber} ← ${type}: subscribed twice (by ${by(owners)})`);
          seen.add(type);
          if (!this.declarations.has(type))
            problems.push(
              `${subscriber} ← ${type}: subscribed (by ${by(owners)}) but no registered module declares the event`,
            );
        }
      }
    }
    return problems;
  }

  onModuleInit(): void {
    const problems = this.problems();
    if (problems.length > 0) throw new EventCatalogueError(problems);
  }

  /** Every subscriber, whether or not this process handles its events (the api reports their queue depths). */
  subscribers(): string[] {
    return [...this.subscriptions.keys()];
  }

  subscribersOf(eventType: string): string[] {
    if (!this.routes) {
      this.routes = new Map();
      for (const subscriber of this.subscriptions.keys()) {
        for (const type of new Set(this.typesOf(subscriber)))
          this.routes.set(type, [...(this.routes.get(type) ?? []), subscriber]);
      }
    }
    return this.routes.get(eventType) ?? [];
  }

  /** The event types `subscriber` reacts to. */
  typesOf(subscriber: string): string[] {
    return (this.subscriptions.get(subscriber)?.[0]?.subscription.events ?? []).map((event) => event.type);
  }

  isBatched(subscriber: string): boolean {
    return this.subscriptions.get(subscriber)?.[0]?.subscription.batched ?? false;
  }

  /** The subscriber's own limit on jobs at once in one process, if it sets one. */
  concurrencyOf(subscriber: string): number | undefined {
    return this.subscriptions.get(subscriber)?.[0]?.subscription.concurrency;
  }
}
