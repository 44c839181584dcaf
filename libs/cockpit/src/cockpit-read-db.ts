import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { CockpitErrors } from './cockpit-errors';

/** The application name of the replica's connections (visible in pg_stat_activity). */
export const COCKPIT_READ_APPLICATION = 'lc-cockpit-read';

/**
 * How long a read waits for a lock on the rollups. Only the first fill of the day and month rows holds one for long
 * (it drops their indexes until it commits: migration CockpitFirstFill); rather than hang until the statement
 * timeout, the read gives up and the client hears 503 COCKPIT_BEING_BUILT.
 */
export const COCKPIT_READ_LOCK_TIMEOUT_MS = 3000;
/** Seconds a client is told to wait before it asks again during the first fill. */
const FIRST_FILL_RETRY_AFTER_S = 60;

/**
 * Where the cockpit's reads go: a second pool on DATABASE_READ_URL (a read replica) when it is set, otherwise the
 * application's own data source. Only cockpit reads use it; every write stays on the primary. Its sessions are
 * read-only, so a read that tried to write would fail rather than write to the wrong server.
 */
@Injectable()
export class CockpitReadDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger(CockpitReadDatabase.name);
  private replica: Promise<DataSource> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly primary: DataSource,
  ) {}

  /** Whether reads go to a replica. */
  get usesReplica(): boolean {
    return Boolean(this.config.DATABASE_READ_URL);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      if (this.usesReplica) return await (await this.replicaSource()).query<T[]>(sql, params);
      // The primary's pool is shared with everything else: the lock timeout is set for this read only.
      return await this.primary.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = ${COCKPIT_READ_LOCK_TIMEOUT_MS}`);
        return manager.query<T[]>(sql, params);
      });
    } catch (error) {
      if (codeOf(error) === LOCK_NOT_AVAILABLE)
        throw new DomainError(CockpitErrors.COCKPIT_BEING_BUILT, undefined, {
          retryAfter: FIRST_FILL_RETRY_AFTER_S,
        });
      throw error;
    }
  }

  private replicaSource(): Promise<DataSource> {
    this.replica ??= (async () => {
      const role = this.config.DATABASE_APP_ROLE ? `-c role=${this.config.DATABASE_APP_ROLE} ` : '';
      const source = new DataSource({
        type: 'postgres',
        url: this.config.DATABASE_READ_URL,
        synchronize: false,
        migrationsRun: false,
        applicationName: COCKPIT_READ_APPLICATION,
        extra: {
          max: this.config.DATABASE_POOL_SIZE,
          connectionTimeoutMillis: this.config.DATABASE_CONNECT_TIMEOUT_MS,
          statement_timeout: this.config.DATABASE_STATEMENT_TIMEOUT_MS || undefined,
          idleTimeoutMillis: 30_000,
          options: `${role}-c default_transaction_read_only=on -c lock_timeout=${COCKPIT_READ_LOCK_TIMEOUT_MS}`,
        },
      });
      await source.initialize();
      this.logger.log('cockpit reads go to the read replica (DATABASE_READ_URL)');
      return source;
    })().catch((error: unknown) => {
      this.replica = null;
      throw error;
    });
    return this.replica;
  }

  async onApplicationShutdown(): Promise<void> {
    const replica = await this.replica?.catch(() => null);
    this.replica = null;
    if (replica?.isInitialized) await replica.destroy();
  }
}

/** PostgreSQL's lock_not_available: a lock timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

const codeOf = (error: unknown) => {
  const failed = error as { code?: string; driverError?: { code?: string } };
  return failed.driverError?.code ?? failed.code;
};
