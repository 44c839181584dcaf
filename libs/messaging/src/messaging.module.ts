import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BATCHED_SUBSCRIBERS, SUBSCRIPTIONS } from './event-catalogue';
import { EventConsumer } from './event-consumer';
import { EventHandlerRegistry } from './event-handler-registry';
import { MESSAGING_OPTIONS, MessagingOptions, ResolvedMessagingOptions } from './messaging-options';
import { MessagingMetrics } from './messaging-metrics';
import { OutboxRelay, RELAY_FAULTS, RelayFaults } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueRegistry } from './queue-registry';
import { SharedRedis } from './shared-redis';

/** Producer side, for every process: write events to the outbox, see queue depths. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    const resolved: ResolvedMessagingOptions = {
      subscriptions: options.subscriptions ?? SUBSCRIPTIONS,
      batched: options.batched ?? (options.subscriptions ? [] : BATCHED_SUBSCRIBERS),
    };
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: resolved },
        OutboxService,
        QueueRegistry,
        MessagingMetrics,
        SharedRedis,
      ],
      exports: [MESSAGING_OPTIONS, OutboxService, QueueRegistry, SharedRedis],
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
