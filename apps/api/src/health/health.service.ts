import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@lc/core';
import { pendingMigrations, staleSqlSources } from '@lc/database';
import { createRedis } from '@lc/messaging';

export type CheckState = 'up' | 'down';
export interface Readiness {
  ready: boolean;
  checks: { database: CheckState; redis: CheckState; migrations: CheckState };
  failed: string[];
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);
}

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: IORedis;
  /** Once every migration is applied it stays applied; only the not-yet state is re-checked. */
  private migrationsApplied = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = createRedis(config.REDIS_URL, 'probe', 'lc-health');
    this.redis.on('error', () => undefined);
  }

  async readiness(): Promise<Readiness> {
    const [database, redis] = await Promise.all([
      this.check(() => this.dataSource.query('SELECT 1')),
      this.check(() => this.redis.ping()),
    ]);
    let migrations: CheckState = 'down';
    if (this.migrationsApplied) migrations = 'up';
    else if (database === 'up') {
      migrations = await this.check(async () => {
        const pending = [
          ...(await pendingMigrations(this.dataSource)),
          ...(await staleSqlSources(this.dataSource)).map((name) => `sql:${name}`),
        ];
        if (pending.length > 0) throw new Error(`pending: ${pending.join(', ')}`);
      });
      this.migrationsApplied = migrations === 'up';
    }
    const checks = { database, redis, migrations };
    const failed = Object.entries(checks)
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    return { ready: failed.length === 0, checks, failed };
  }

  private async check(probe: () => Promise<unknown>): Promise<CheckState> {
    try {
      await withTimeout(probe(), CHECK_TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
