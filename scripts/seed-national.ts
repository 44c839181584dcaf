/**
 * `npm run seed:national -- --scale 1`: a synthetic national data set for the cockpit and its benchmarks — the 245
 * areas and 77 provinces of the migrations, ~29,000 schools, 500,000 members, 1,000,000 innovations, 20,000,000
 * ratings and comments, adoption reports, endorsements and 50,000,000 hash-chained ledger transfers (at scale 1;
 * `--scale 0.1` for a tenth). Names are marked as synthetic (โรงเรียนจำลอง / Synthetic School), e-mail addresses
 * end in @national.synthetic.invalid and no member can sign in (no password).
 *
 * Target: DATABASE_URL, or else the database `lc_national` on the local servers (started as quickstart starts
 * them). Migrations run first. Resumable: run the same command again after a stop and it continues.
 *
 * Options: --scale <fraction>  --seed <0–16383> (1)  --until <YYYY-MM-DD> (today: the data window ends there)
 *          --vacuum (VACUUM ANALYZE at the end, not only ANALYZE)  --concurrency <n> (2)
 *          --chunk-factor <x> (chunk sizes × x)  --interrupt-after <phase>:<chunks> (tests: stop on purpose)
 *          --no-progress
 */
import 'reflect-metadata';
import { runMigrations } from '../libs/database/src/migrate';
import { createDatabase, ensureServices, exitOnLocalServerError, redact } from './local-services';
import { SeedInterrupted } from './seed-national/phase';
import { runSeedNational, summary } from './seed-national/run';

export const NATIONAL_DATABASE = 'lc_national';

function parseArgs(argv: string[]): Record<string, string | true> {
  const args: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument: ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) args[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) args[name] = argv[++i]!;
    else args[name] = true;
  }
  return args;
}

function numberArg(args: Record<string, string | true>, name: string): number | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value === true || !Number.isFinite(parsed)) throw new Error(`--${name} needs a number`);
  return parsed;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const known = [
    'scale',
    'seed',
    'until',
    'vacuum',
    'concurrency',
    'chunk-factor',
    'interrupt-after',
    'no-progress',
  ];
  for (const name of Object.keys(args))
    if (!known.includes(name)) throw new Error(`Unknown option --${name} (known: ${known.join(', ')})`);
  let until: Date | undefined;
  if (args.until !== undefined) {
    if (typeof args.until !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(args.until))
      throw new Error('--until is a day, YYYY-MM-DD');
    until = new Date(`${args.until}T00:00:00Z`);
  }
  let interrupt: { phase: string; afterChunks: number } | null = null;
  const interruptArg = args['interrupt-after'] ?? process.env.SEED_NATIONAL_INTERRUPT_AFTER;
  if (interruptArg !== undefined) {
    const match = typeof interruptArg === 'string' ? /^([a-z-]+):(\d+)$/.exec(interruptArg) : null;
    if (!match) throw new Error('--interrupt-after is <phase>:<chunks>, e.g. ledger:3');
    interrupt = { phase: match[1]!, afterChunks: Number(match[2]) };
  }
  const blockSize = process.env.LEDGER_BLOCK_SIZE ? Number(process.env.LEDGER_BLOCK_SIZE) : undefined;

  const log = (line: string) => process.stderr.write(`[seed:national] ${line}\n`);
  const services = process.env.DATABASE_URL
    ? null
    : await exitOnLocalServerError(() => ensureServices({ purpose: 'dev', log }), '[seed:national] ');
  try {
    const url = process.env.DATABASE_URL ?? (await createDatabase(services!.databaseUrl, NATIONAL_DATABASE));
    log(`database ${redact(url)}`);
    const applied = await runMigrations(
      {
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: 2,
        DATABASE_CONNECT_TIMEOUT_MS: 5000,
        DATABASE_STATEMENT_TIMEOUT_MS: 0,
      },
      log,
    );
    if (applied.length) log(`applied ${applied.length} migration(s)`);
    const result = await runSeedNational({
      databaseUrl: url,
      scale: numberArg(args, 'scale'),
      seed: numberArg(args, 'seed'),
      until,
      blockSize,
      chunkFactor: numberArg(args, 'chunk-factor'),
      concurrency: numberArg(args, 'concurrency'),
      vacuum: args.vacuum === true,
      progress: args['no-progress'] ? null : process.stderr,
      interrupt,
      log,
    });
    process.stdout.write(`${summary(result)}\n`);
    log(`done. To check the ledger's hash chain: DATABASE_URL=<this database> npm run ledger:verify`);
    return 0;
  } catch (error) {
    if (error instanceof SeedInterrupted) {
      log(`${error.message}; run the same command again to continue`);
      return 3;
    }
    throw error;
  } finally {
    await services?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `[seed:national] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
