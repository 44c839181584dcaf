import type { AppConfig } from '@lc/core';

export const SCHEDULES = Symbol('SCHEDULES');

/** A configuration key whose value is a number: where a schedule's interval is read from. */
export type IntervalConfigKey = {
  [K in keyof AppConfig]-?: AppConfig[K] extends number ? K : never;
}[keyof AppConfig];

export interface ScheduleOptions {
  /**
   * Unique across the platform: `<domain>.<what>` in lower case. It is the BullMQ job scheduler's id, so a
   * renamed schedule is a new one (the old one is removed at the next start).
   */
  name: string;
  /** Milliseconds between ticks: a number, or the configuration key that holds it. */
  every: number | IntervalConfigKey;
  /**
   * Also run once after each worker process starts, `afterMs` later (0: at once), besides the ticks. For work
   * that should not wait a whole interval after a deployment (the ledger hasher, the first reconciliation).
   */
  runAtStart?: { afterMs: number };
  /** A failing run logs at most once per this many ms (failures are still counted); default: every failure. */
  failureLogEveryMs?: number;
  /** The error logged when a run fails (alerts may match it); default: `scheduled run failed`. */
  failureMessage?: string;
}

/** What the scheduled method receives. */
export interface ScheduleTick {
  schedule: string;
  /** The BullMQ job id of this tick: unique per tick, the same whichever replica runs it. */
  id: string;
  /** The run after a worker started (`runAtStart`), not a tick of the interval. */
  atStart: boolean;
}

export interface ScheduleDeclaration extends ScheduleOptions {
  method: string | symbol;
}

/**
 * Declares periodic work beside the domain's code: the worker's scheduler (libs/messaging/src/schedules) runs
 * the method once per tick across all worker replicas, never in the api. The method may take the tick:
 * `(tick: ScheduleTick) => Promise<unknown>`. It must still be safe if a tick overlaps the previous one on
 * another replica (locks, `SKIP LOCKED`, unique keys); on one replica a tick is skipped while the last still runs.
 */
export function Schedule(options: ScheduleOptions): MethodDecorator {
  return (target, method) => {
    const owner = target.constructor;
    const declared: ScheduleDeclaration[] = Reflect.getMetadata(SCHEDULES, owner) ?? [];
    Reflect.defineMetadata(SCHEDULES, [...declared, { ...options, method }], owner);
  };
}
