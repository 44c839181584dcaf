import { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from './data-source-options';

/** Names of migrations the code knows but the database has not applied. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  const exists: { present: boolean }[] = await dataSource.query(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [MIGRATIONS_TABLE],
  );
  if (!exists[0]?.present) return known;
  const applied: { name: string }[] = await dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
  const appliedNames = new Set(applied.map((row) => row.name));
  return known.filter((name) => !appliedNames.has(name));
}
