// What other code imports from @lc/database; everything else in this folder is the library's own.

// Module
export { DatabaseModule } from './database.module';

// Migrations
export { runMigrations } from './migrate';
export { pendingMigrations } from './migration-status';
export { installSqlSources, SQL_SOURCES, staleSqlSources } from './sql-sources';
export type { SqlSource } from './sql-sources';

// SQL helpers
export { prepared, refusalError, refusalOf, updateReturning } from './sql';
