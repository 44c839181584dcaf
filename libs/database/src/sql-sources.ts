import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The database functions each domain writes in SQL, one readable file per domain (`libs/<domain>/src/sql/<domain>.sql`,
 * only CREATE OR REPLACE FUNCTION statements). `runMigrations` installs a file after the migrations whenever its text
 * differs from the one installed, and records its checksum in `sql_source`; the health check reports a file the
 * database does not run yet, like a pending migration. So a function has one source, and the database runs exactly
 * that source, in a fresh database and in one migrated years ago alike.
 *
 * Types a function takes and the tables it reads are schema: migrations make and change them. A change of a
 * function's arguments or result type needs a migration that drops the old function first (CREATE OR REPLACE cannot
 * change them).
 */
export interface SqlSource {
  /** The library (and file) name: `ledger` for libs/ledger/src/sql/ledger.sql. */
  name: string;
  path: string;
}

/** The library's SQL source, found beside the compiled code too (the build copies .sql files). */
function librarySource(library: string): SqlSource {
  return { name: library, path: join(__dirname, '..', '..', library, 'src', 'sql', `${library}.sql`) };
}

/** Every SQL source, in the order they are installed. */
export const SQL_SOURCES: readonly SqlSource[] = [
  librarySource('ledger'),
  librarySource('identity'),
  librarySource('marketplace'),
];

const checksum = (text: string) => createHash('sha256').update(text).digest('hex');

async function installedChecksums(manager: EntityManager | DataSource): Promise<Map<string, string> | null> {
  const [table] = await manager.query<{ present: boolean }[]>(
    `SELECT to_regclass('sql_source') IS NOT NULL AS present`,
  );
  if (!table?.present) return null;
  const rows = await manager.query<{ name: string; checksum: string }[]>(
    `SELECT name, checksum FROM sql_source`,
  );
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

/**
 * Installs the sources whose text changed since they were installed, all in one transaction (replicas starting
 * together take turns on an advisory lock). Returns the names installed.
 */
export async function installSqlSources(
  dataSource: DataSource,
  sources: readonly SqlSource[] = SQL_SOURCES,
): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('lc.sql_sources'))`);
    const installed = await installedChecksums(manager);
    if (!installed) throw new Error('The sql_source table is missing: run the migrations first');
    const done: string[] = [];
    for (const source of sources) {
      const text = readFileSync(source.path, 'utf8');
      const sum = checksum(text);
      if (installed.get(source.name) === sum) continue;
      await manager.query(text);
      await manager.query(
        `INSERT INTO sql_source (name, checksum) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, installed_at = now()`,
        [source.name, sum],
      );
      done.push(source.name);
    }
    return done;
  });
}

/** The sources the database does not run as written (never installed, or changed since). */
export async function staleSqlSources(
  dataSource: DataSource,
  sources: readonly SqlSource[] = SQL_SOURCES,
): Promise<string[]> {
  const installed = (await installedChecksums(dataSource)) ?? new Map<string, string>();
  return sources
    .filter((source) => installed.get(source.name) !== checksum(readFileSync(source.path, 'utf8')))
    .map((source) => source.name);
}
