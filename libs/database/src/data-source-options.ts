import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@lc/core';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'schema_migrations';

export type DatabaseConfig = Pick<
  AppConfig,
  'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS'
> &
  Partial<Pick<AppConfig, 'DATABASE_APP_ROLE'>>;

/** One definition of how the platform talks to PostgreSQL, shared by the apps, the migrate command and tests. */
export function dataSourceOptions(config: DatabaseConfig, applicationName: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    applicationName,
    extra: {
      max: config.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS || undefined,
      idleTimeoutMillis: 30_000,
      // Act as the application role from the first statement on (migrations connect without it).
      ...(config.DATABASE_APP_ROLE ? { options: `-c role=${config.DATABASE_APP_ROLE}` } : {}),
    },
  };
}
