/**
 * Once per `npm test`: find or start PostgreSQL and Redis, then build the template database with the real
 * migrations. Suites clone it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
import { Client } from 'pg';
import { runMigrations } from '../../libs/database/src/migrate';
import {
  createDatabase,
  ensureServices,
  exitOnLocalServerError,
  redact,
  withDatabase,
} from '../../scripts/local-services';

/**
 * `LC_TEST_NAMESPACE` (optional, [a-z0-9]): several jest runs may then share one server (DATABASE_URL) without
 * touching each other's databases: each names its template and suite databases with its namespace.
 */
const NAMESPACE = (process.env.LC_TEST_NAMESPACE ?? '').replace(/[^a-z0-9]/g, '');
export const TEMPLATE_DATABASE = NAMESPACE ? `lc_${NAMESPACE}_template` : 'lc_test_template';
const SUITE_PREFIX = NAMESPACE ? `lc_${NAMESPACE}_t_` : 'lc_t_';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const services = await exitOnLocalServerError(
    () =>
      ensureServices({
        purpose: 'test',
        log: (line) => process.stdout.write(`[test services] ${line}\n`),
      }),
    '[test services] ',
  );
  (globalThis as { __LC_SERVICES__?: typeof services }).__LC_SERVICES__ = services;

  const admin = new Client({ connectionString: services.databaseUrl });
  await admin.connect();
  try {
    const leftovers = await admin.query(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $2) OR datname = $1`,
      [TEMPLATE_DATABASE, SUITE_PREFIX],
    );
    for (const row of leftovers.rows as { datname: string }[]) {
      await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  const templateUrl = await createDatabase(services.databaseUrl, TEMPLATE_DATABASE);
  await runMigrations({
    DATABASE_URL: templateUrl,
    DATABASE_POOL_SIZE: 2,
    DATABASE_CONNECT_TIMEOUT_MS: 5000,
    DATABASE_STATEMENT_TIMEOUT_MS: 0,
  });

  process.env.LC_TEST_SERVER_URL = withDatabase(services.databaseUrl, 'postgres');
  process.env.LC_TEST_ADMIN_URL = services.databaseUrl;
  process.env.LC_TEST_TEMPLATE = TEMPLATE_DATABASE;
  process.env.LC_TEST_DATABASE_PREFIX = SUITE_PREFIX;
  process.env.LC_TEST_REDIS_URL = services.redisUrl;
  process.stdout.write(
    `[test services] PostgreSQL ${redact(services.databaseUrl)}, Redis ${services.redisUrl}, template ready in ${Date.now() - started} ms\n`,
  );
}
