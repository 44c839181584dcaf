import { DynamicModule, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@lc/core';
import { EventCatalogue, EventCatalogueError } from './event-catalogue.service';
import { defineEvent, defineSubscription, EventRegistration } from './event-definition';
import { MessagingModule } from './messaging.module';

/** What MessagingModule's producers inject; nothing here connects to anything. */
@Module({})
class NoServers {
  static forRoot(): DynamicModule {
    return {
      module: NoServers,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: {} },
        { provide: DataSource, useValue: {} },
      ],
      exports: [APP_CONFIG, DataSource],
    };
  }
}

const opened = defineEvent<{ doorId: string }>('door.opened');
const closed = defineEvent<{ doorId: string }>('door.closed');

/** Starts a process whose modules register `features`, the way the domain modules do. */
async function start(...features: [string, EventRegistration][]): Promise<TestingModule> {
  const module = await Test.createTestingModule({
    imports: [
      NoServers.forRoot(),
      MessagingModule.forRoot(),
      ...features.map(([owner, registration]) => MessagingModule.forFeature(owner, registration)),
    ],
  }).compile();
  module.useLogger(false);
  await module.init();
  return module;
}

describe('EventCatalogue', () => {
  it('routes each event to the subscribers of every module that registered one', async () => {
    const module = await start(
      ['doors', { events: { opened, closed } }],
      ['alarm', { subscriptions: [defineSubscription('alarm', [opened])] }],
      ['audit', { subscriptions: [defineSubscription('audit', [opened, closed], { batched: true })] }],
    );
    const catalogue = module.get(EventCatalogue);
    expect(catalogue.subscribersOf('door.opened').sort()).toEqual(['alarm', 'audit']);
    expect(catalogue.subscribersOf('door.closed')).toEqual(['audit']);
    expect(catalogue.subscribersOf('door.painted')).toEqual([]);
    expect(catalogue.subscribers().sort()).toEqual(['alarm', 'audit']);
    expect(catalogue.typesOf('audit')).toEqual(['door.opened', 'door.closed']);
    expect(catalogue.isBatched('audit')).toBe(true);
    expect(catalogue.isBatched('alarm')).toBe(false);
    await module.close();
  });

  it('counts one definition registered by two modules once', async () => {
    const module = await start(['doors', { events: [opened] }], ['alarm', { events: [opened] }]);
    expect(module.get(EventCatalogue).problems()).toEqual([]);
    await module.close();
  });

  it('refuses to start when two declarations share an event type', async () => {
    const again = defineEvent<{ gate: number }>('door.opened');
    const failure = start(['doors', { events: { opened } }], ['gates', { events: { again } }]);
    await expect(failure).rejects.toThrow(EventCatalogueError);
    await expect(failure).rejects.toThrow(/door\.opened: declared 2 times \(by doors; by gates\)/);
  });

  it('refuses to start when a subscription names an event type no module declares', async () => {
    const failure = start(
      ['doors', { events: [opened] }],
      ['alarm', { subscriptions: [defineSubscription('alarm', [opened, closed])] }],
    );
    await expect(failure).rejects.toThrow(
      /alarm ← door\.closed: subscribed \(by alarm\) but no registered module declares the event/,
    );
  });

  it('refuses to start when a subscriber is declared twice or subscribes to one event twice', async () => {
    const failure = start(
      ['doors', { events: [opened] }],
      ['alarm', { subscriptions: [defineSubscription('alarm', [opened, opened])] }],
      ['siren', { subscriptions: [defineSubscription('alarm', [opened])] }],
    );
    await expect(failure).rejects.toThrow(/alarm: subscriptions declared 2 times \(by alarm; by siren\)/);
    await expect(failure).rejects.toThrow(/alarm ← door\.opened: subscribed twice/);
  });
});
