import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { installSqlSources, runMigrations, SQL_SOURCES, staleSqlSources } from '@lc/database';
import { createTestDatabase } from '../support/test-database';

/** The functions a source file defines, by name. */
function functionsIn(text: string): string[] {
  return [...text.matchAll(/CREATE OR REPLACE FUNCTION\s+([a-z_0-9]+)\s*\(/g)].map((match) => match[1]!);
}

/**
 * Each domain's database functions have one source, a readable .sql file beside its code, and the database runs
 * exactly that text: installed after the migrations whenever it changes, reported by the health check until it is.
 */
describe('SQL sources: one readable file per domain, and the database runs exactly it', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let scratch: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } });
    await dataSource.initialize();
    scratch = mkdtempSync(join(tmpdir(), 'lc-sql-sources-'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('has the ledger, identity and marketplace functions in their sources, and the database runs those bodies', async () => {
    expect(SQL_SOURCES.map((source) => source.name)).toEqual(['ledger', 'identity', 'marketplace']);
    expect(await staleSqlSources(dataSource)).toEqual([]);
    const defined = new Map<string, string>();
    for (const source of SQL_SOURCES) {
      const text = readFileSync(source.path, 'utf8');
      for (const name of functionsIn(text)) defined.set(name, text);
    }
    expect([...defined.keys()]).toEqual(
      expect.arrayContaining([
        'ledger_transfer',
        'ledger_lock_accounts',
        'identity_actors',
        'marketplace_redeem',
      ]),
    );
    const rows = await dataSource.query<{ name: string; body: string; args: string }[]>(
      `SELECT p.proname AS name, p.prosrc AS body, pg_get_function_identity_arguments(p.oid) AS args
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proname = ANY($1)`,
      [[...defined.keys()]],
    );
    // Exactly one function of each name (an old signature left behind would be a second), and its body is the file's.
    expect(rows.map((row) => row.name).sort()).toEqual([...defined.keys()].sort());
    for (const row of rows) expect(defined.get(row.name)).toContain(row.body.trim());
    // One typed argument each: a record per transfer, per redemption request, per session.
    const args = Object.fromEntries(rows.map((row) => [row.name, row.args]));
    expect(args).toMatchObject({
      ledger_transfer: 'specs ledger_transfer_spec[]',
      marketplace_redeem: 'requests marketplace_redeem_request[]',
      identity_actors: 'sessions identity_session_key[]',
    });
  });

  it('installs a source when its text changes, and only then; the change is reported until it is installed', async () => {
    const path = join(scratch, 'probe.sql');
    const source = [{ name: 'probe', path }];
    const write = (answer: number) =>
      writeFileSync(
        path,
        `-- A probe.\nCREATE OR REPLACE FUNCTION sql_source_probe() RETURNS int LANGUAGE sql AS $$ SELECT ${answer} $$;\n`,
      );
    const probe = async () =>
      (await dataSource.query<{ n: number }[]>(`SELECT sql_source_probe() AS n`))[0]!.n;

    write(1);
    expect(await staleSqlSources(dataSource, source)).toEqual(['probe']);
    expect(await installSqlSources(dataSource, source)).toEqual(['probe']);
    expect(await probe()).toBe(1);
    expect(await staleSqlSources(dataSource, source)).toEqual([]);
    // Unchanged: nothing to do.
    expect(await installSqlSources(dataSource, source)).toEqual([]);

    write(2);
    expect(await staleSqlSources(dataSource, source)).toEqual(['probe']);
    expect(await probe()).toBe(1);
    expect(await installSqlSources(dataSource, source)).toEqual(['probe']);
    expect(await probe()).toBe(2);
  });

  it('installs nothing when two replicas start at once, and a broken source changes nothing', async () => {
    const path = join(scratch, 'twice.sql');
    writeFileSync(
      path,
      `CREATE OR REPLACE FUNCTION sql_source_twice() RETURNS int LANGUAGE sql AS $$ SELECT 7 $$;\n`,
    );
    const source = [{ name: 'twice', path }];
    const installed = await Promise.all([
      installSqlSources(dataSource, source),
      installSqlSources(dataSource, source),
    ]);
    // One of them installs it; the other, after waiting its turn, finds it current.
    expect(installed.flat()).toEqual(['twice']);

    writeFileSync(
      path,
      `CREATE OR REPLACE FUNCTION sql_source_twice() RETURNS int LANGUAGE sql AS $$ SELEC 8 $$;\n`,
    );
    await expect(installSqlSources(dataSource, source)).rejects.toThrow(/syntax error/);
    expect((await dataSource.query(`SELECT sql_source_twice() AS n`))[0].n).toBe(7);
    expect(await staleSqlSources(dataSource, source)).toEqual(['twice']);
  });

  it('runs migrations and sources again on a migrated database without changing anything', async () => {
    expect(
      await runMigrations({
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: 2,
        DATABASE_CONNECT_TIMEOUT_MS: 5000,
        DATABASE_STATEMENT_TIMEOUT_MS: 0,
      }),
    ).toEqual([]);
  });
});
