import { DataSource } from 'typeorm';
import { dataSourceOptions, DatabaseConfig } from './data-source-options';
import { installSqlSources } from './sql-sources';

/**
 * Applies every pending migration, then installs the SQL sources (the domains' database functions) whose text changed;
 * used by `npm run migrate`, quickstart and the test harness. Returns what it applied: migrations by name, sources as
 * `sql:<name>`.
 */
export async function runMigrations(
  config: DatabaseConfig,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(config, 'lc-migrate'), extra: { max: 2 } });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`migrated ${migration.name}`);
    const installed = await installSqlSources(dataSource);
    for (const name of installed) log(`installed the SQL functions of ${name}`);
    return [...applied.map((migration) => migration.name), ...installed.map((name) => `sql:${name}`)];
  } finally {
    await dataSource.destroy();
  }
}
