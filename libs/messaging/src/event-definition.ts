/**
 * The helpers with which a domain declares its events and a subscriber its subscriptions, beside their own code
 * (`libs/<domain>/src/<domain>.events.ts`, `*.subscriber.ts`). Messaging holds only these shapes: it knows no
 * domain, and learns the declarations of a process from the modules that register them (`MessagingModule.forFeature`).
 */

/** Never present at run time: carries an event's payload type for the compiler. */
declare const payloadType: unique symbol;

/**
 * A declared event: its type, as stored in the outbox (a type, once shipped, is never renamed: queued jobs and
 * stored rows would be stranded; add a new type or a `version` instead), and its payload's type.
 */
export interface EventDefinition<P = unknown> {
  readonly type: string;
  readonly [payloadType]?: P;
}

/**
 * Declares an event of the calling domain: `defineEvent<InnovationFacts>('innovation.published')`. Publishers
 * append it (`outbox.append(manager, InnovationEvents.published, facts)`) and handlers receive it
 * (`EnvelopeOf<typeof InnovationEvents.published>`) with the payload type declared here.
 */
export function defineEvent<P>(type: string): EventDefinition<P> {
  if (!type.trim()) throw new Error('An event type must not be empty');
  return Object.freeze({ type });
}

export type PayloadOf<E> = E extends EventDefinition<infer P> ? P : never;

/** What a subscriber receives: the outbox row, as committed. Payloads carry ids and the small facts to route on. */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  payload: P;
}

/** The envelope of a declared event: `EnvelopeOf<typeof InnovationEvents.published>`. */
export type EnvelopeOf<E extends EventDefinition<unknown>> = EventEnvelope<PayloadOf<E>>;

/**
 * Which events one subscriber reacts to. The subscriber's name is its queue's (`events-<name>`) and its key in
 * `processed_event`: never renamed once shipped. A batched subscriber receives one job per relay batch and has one
 * `@OnEventBatch` handler; any other has one `@OnEvent` handler per event (checked when the worker starts).
 */
export interface Subscription {
  readonly subscriber: string;
  readonly events: readonly EventDefinition[];
  readonly batched: boolean;
  /**
   * How many of its jobs one worker process runs at once (the default is `QUEUE_CONCURRENCY`). A subscriber whose
   * jobs take turns under one lock sets 1: jobs waiting for the lock would otherwise hold the pool's connections
   * while the one holding it needs the pool too.
   */
  readonly concurrency?: number;
}

export function defineSubscription(
  subscriber: string,
  events: readonly EventDefinition[],
  options: { batched?: boolean; concurrency?: number } = {},
): Subscription {
  if (!subscriber.trim()) throw new Error('A subscriber name must not be empty');
  if (
    options.concurrency !== undefined &&
    !(Number.isInteger(options.concurrency) && options.concurrency >= 1)
  )
    throw new Error(`${subscriber}: concurrency must be a whole number of at least 1`);
  return Object.freeze({
    subscriber,
    events: Object.freeze([...events]),
    batched: options.batched ?? false,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
}

/** A domain's events as its events file exports them (an object of definitions) or as a list. */
export type EventDeclarations = Readonly<Record<string, EventDefinition>> | readonly EventDefinition[];

/** What a module registers with `MessagingModule.forFeature`: the events it declares, the subscriptions it holds. */
export interface EventRegistration {
  events?: EventDeclarations;
  subscriptions?: readonly Subscription[];
}
