import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventCatalogue } from './event-catalogue.service';
import type { EventRegistration } from './event-definition';
import { EventConsumer } from './event-consumer';
import { EventHandlerRegistry } from './event-handler-registry';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { MessagingMetrics } from './messaging-metrics';
import { OutboxRelay, RELAY_FAULTS, RelayFaults } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue-registry';
import { SharedRedis } from './shared-redis';

const EVENT_REGISTRATION = Symbol('EVENT_REGISTRATION');

/** Producer side, for every process: write events to the outbox, see queue depths. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        EventCatalogue,
        OutboxService,
        QueueRegistry,
        MessagingMetrics,
        SharedRedis,
      ],
      exports: [MESSAGING_OPTIONS, EventCatalogue, OutboxService, QueueRegistry, SharedRedis],
    };
  }

  /**
   * Registers what a domain module declares: its events (`libs/<domain>/src/<domain>.events.ts`) and the
   * subscriptions of its subscribers (declared beside their handlers). Import it from the domain module that both
   * the api and the worker load, so both route, report and check the same events:
   * `imports: [MessagingModule.forFeature('community', { events: CommunityEvents, subscriptions: [FeedSubscription] })]`.
   */
  static forFeature(owner: string, registration: EventRegistration): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: EVENT_REGISTRATION,
          inject: [EventCatalogue],
          useFactory: (catalogue: EventCatalogue) => {
            catalogue.register(owner, registration);
            return owner;
          },
        },
      ],
    };
  }
}

/** Consumer side, for the worker only: the outbox relay and the subscribers' queue workers. */
@Module({})
export class EventProcessingModule {
  static forRoot(faults: RelayFaults = {}): DynamicModule {
    return {
      module: EventProcessingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: RELAY_FAULTS, useValue: faults },
        EventHandlerRegistry,
        EventConsumer,
        OutboxRelay,
      ],
      exports: [EventHandlerRegistry, EventConsumer, OutboxRelay],
    };
  }
}
