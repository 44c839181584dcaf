import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { SCHEDULES, ScheduleDeclaration, ScheduleTick } from './schedule.decorator';

const NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

export interface RegisteredSchedule {
  name: string;
  everyMs: number;
  /** Where the interval comes from: the configuration key, or `fixed`. */
  everyFrom: string;
  runAtStart: { afterMs: number } | null;
  failureLogEveryMs: number;
  failureMessage: string;
  /** `Class.method`, for messages. */
  where: string;
  run: (tick: ScheduleTick) => Promise<unknown>;
}

export class ScheduleRegistrationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Schedules are not declared correctly:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScheduleRegistrationError';
  }
}

/**
 * Finds every @Schedule and refuses to start when a name is declared twice, a declared method is missing, or an
 * interval is not a whole number of milliseconds.
 */
@Injectable()
export class ScheduleRegistry implements OnModuleInit {
  private readonly byName = new Map<string, RegisteredSchedule>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string | symbol, unknown> | undefined;
      const type = (instance && typeof instance === 'object' ? instance.constructor : wrapper.metatype) as
        (abstract new (...args: never[]) => unknown) | null | undefined;
      if (!type || wrapper.inject) continue;
      const declared: ScheduleDeclaration[] = Reflect.getMetadata(SCHEDULES, type) ?? [];
      if (declared.length === 0) continue;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) {
        problems.push(`${type.name}: declares schedules but is not a singleton provider`);
        continue;
      }
      for (const declaration of declared) {
        const where = `${type.name}.${String(declaration.method)}`;
        const problem = this.check(declaration, where, instance);
        if (problem) {
          problems.push(problem);
          continue;
        }
        const method = instance[declaration.method] as (tick: ScheduleTick) => Promise<unknown>;
        this.byName.set(declaration.name, {
          name: declaration.name,
          everyMs: this.intervalOf(declaration),
          everyFrom: typeof declaration.every === 'number' ? 'fixed' : declaration.every,
          runAtStart: declaration.runAtStart ?? null,
          failureLogEveryMs: declaration.failureLogEveryMs ?? 0,
          failureMessage: declaration.failureMessage ?? 'scheduled run failed',
          where,
          run: (tick) => method.call(instance, tick),
        });
      }
    }
    if (problems.length > 0) throw new ScheduleRegistrationError(problems);
  }

  schedules(): RegisteredSchedule[] {
    return [...this.byName.values()];
  }

  get(name: string): RegisteredSchedule | undefined {
    return this.byName.get(name);
  }

  private check(declaration: ScheduleDeclaration, where: string, instance: object): string | null {
    const { name } = declaration;
    if (typeof name !== 'string' || !NAME.test(name))
      return `${where}: the schedule name "${String(name)}" is not of the form <domain>.<what> (lower case, digits, '-')`;
    const other = this.byName.get(name);
    if (other) return `${name}: declared twice (${other.where} and ${where})`;
    if (typeof (instance as Record<string | symbol, unknown>)[declaration.method] !== 'function')
      return `${name}: its method ${where} is missing (not a method of the provider)`;
    const every = this.intervalOf(declaration);
    if (!Number.isInteger(every) || every < 1) {
      const from = typeof declaration.every === 'number' ? '' : ` (from ${String(declaration.every)})`;
      return `${name}: every must be a whole number of milliseconds, at least 1; it is ${String(every)}${from}`;
    }
    const afterMs = declaration.runAtStart?.afterMs;
    if (afterMs !== undefined && (!Number.isInteger(afterMs) || afterMs < 0))
      return `${name}: runAtStart.afterMs must be a whole number of milliseconds, at least 0`;
    return null;
  }

  private intervalOf(declaration: ScheduleDeclaration): number {
    return typeof declaration.every === 'number'
      ? declaration.every
      : (this.config as unknown as Record<string, number>)[declaration.every]!;
  }
}
