// What other code imports from @lc/messaging; everything else in this folder is the library's own.

// Modules
export { EventProcessingModule, MessagingModule } from './messaging.module';
export { SchedulesModule } from './schedules';

// Events: definitions, the outbox and its relay
export { defineEvent, defineSubscription } from './event-definition';
export type { EnvelopeOf, EventDefinition, EventEnvelope, PayloadOf } from './event-definition';
export { OutboxService } from './outbox.service';
export { OutboxRelay } from './outbox-relay';
export type { RelayFaults } from './outbox-relay';

// Handlers and their consumer
export { OnEvent, OnEventBatch } from './on-event.decorator';
export { EventHandlerRegistry, HandlerRegistrationError } from './event-handler-registry';
export type { AfterCommit } from './event-handler-registry';
export { EventConsumer } from './event-consumer';
export { subscriberQueueName } from './queue-names';

// Schedules
export { SCHEDULE_QUEUE, Schedule, Scheduler } from './schedules';
export type { ScheduleTick } from './schedules';

// Redis
export { createRedis } from './redis-connection';
export { SharedRedis } from './shared-redis';
