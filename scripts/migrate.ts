/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the local embedded server when unset). */
import { runMigrations } from '../libs/database/src/migrate';
import { createDatabase, ensureServices, exitOnLocalServerError } from './local-services';

async function main(): Promise<void> {
  const services = process.env.DATABASE_URL
    ? null
    : await exitOnLocalServerError(() => ensureServices({ purpose: 'dev', log: () => undefined }));
  const url = process.env.DATABASE_URL ?? (await createDatabase(services!.databaseUrl, 'learning_community'));
  const applied = await runMigrations(
    {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: 2,
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    },
    (line) => console.log(line),
  );
  console.log(applied.length === 0 ? 'database is up to date' : `applied ${applied.length} migration(s)`);
  await services?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
