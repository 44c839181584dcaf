import { DataSource } from 'typeorm';
import { dataSourceOptions, DatabaseConfig } from './data-source-options';

/** Applies every pending migration; used by `npm run migrate`, quickstart and the test harness. */
export async function runMigrations(
  config: DatabaseConfig,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(config, 'lc-migrate'), extra: { max: 2 } });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`migrated ${migration.name}`);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
