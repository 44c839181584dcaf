import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@lc/core';

/** The application name of the replica's connections (visible in pg_stat_activity). */
export const COCKPIT_READ_APPLICATION = 'lc-cockpit-read';

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
    const source = this.usesReplica ? await this.replicaSource() : this.primary;
    return source.query<T[]>(sql, params);
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
          options: `${role}-c default_transaction_read_only=on`,
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
