import 'reflect-metadata';
import { Injectable, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { APP_CONFIG } from '@lc/core';
import { Schedule } from './schedule.decorator';
import { ScheduleRegistrationError, ScheduleRegistry } from './schedule-registry';

const config = { HOLD_EXPIRY_SWEEP_MS: 30_000, MAIL_SWEEP_MS: 0 };

/** Builds the registry over `providers` the way the worker does; resolves to it, or rejects with the start-up error. */
async function registryOver(...providers: Type[]): Promise<ScheduleRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [ScheduleRegistry, { provide: APP_CONFIG, useValue: config }, ...providers],
  }).compile();
  try {
    await moduleRef.init();
    return moduleRef.get(ScheduleRegistry);
  } finally {
    await moduleRef.close();
  }
}

@Injectable()
class Sweeps {
  @Schedule({ name: 'test.sweep', every: 'HOLD_EXPIRY_SWEEP_MS' })
  async sweep(): Promise<void> {}

  @Schedule({ name: 'test.hourly', every: 3_600_000, runAtStart: { afterMs: 30_000 } })
  async hourly(): Promise<void> {}
}

@Injectable()
class SweepsAgain {
  @Schedule({ name: 'test.sweep', every: 1000 })
  async sweep(): Promise<void> {}
}

@Injectable()
class Removed {}
// A declaration whose method is gone (renamed or deleted while the declaration stayed).
Schedule({ name: 'test.removed', every: 1000 })(Removed.prototype, 'gone', {});

@Injectable()
class NoInterval {
  @Schedule({ name: 'test.mail', every: 'MAIL_SWEEP_MS' })
  async send(): Promise<void> {}
}

describe('ScheduleRegistry: the start-up check of declared schedules', () => {
  it('finds each schedule with its interval read from the configuration or given', async () => {
    const registry = await registryOver(Sweeps);
    expect(
      registry.schedules().map(({ name, everyMs, everyFrom, runAtStart, where }) => ({
        name,
        everyMs,
        everyFrom,
        runAtStart,
        where,
      })),
    ).toEqual([
      {
        name: 'test.sweep',
        everyMs: 30_000,
        everyFrom: 'HOLD_EXPIRY_SWEEP_MS',
        runAtStart: null,
        where: 'Sweeps.sweep',
      },
      {
        name: 'test.hourly',
        everyMs: 3_600_000,
        everyFrom: 'fixed',
        runAtStart: { afterMs: 30_000 },
        where: 'Sweeps.hourly',
      },
    ]);
  });

  it('refuses to start when a schedule name is declared twice, naming both places', async () => {
    const failure = registryOver(Sweeps, SweepsAgain);
    await expect(failure).rejects.toThrow(ScheduleRegistrationError);
    await expect(failure).rejects.toThrow('test.sweep: declared twice (Sweeps.sweep and SweepsAgain.sweep)');
  });

  it('refuses to start when a declared method is missing', async () => {
    await expect(registryOver(Removed)).rejects.toThrow(
      'test.removed: its method Removed.gone is missing (not a method of the provider)',
    );
  });

  it('refuses an interval that is not a whole number of milliseconds, naming its configuration key', async () => {
    await expect(registryOver(NoInterval)).rejects.toThrow(
      'test.mail: every must be a whole number of milliseconds, at least 1; it is 0 (from MAIL_SWEEP_MS)',
    );
  });
});
