import { ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { runMigrations } from '@lc/database';
import { createDatabase, freePort, localServerHome } from '../../scripts/local-services';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';

/**
 * A PostgreSQL of this suite's own (the shared one can't be stopped): stop it under a running API,
 * readiness must say so, and recover by itself when the server is back.
 */
interface PostgresProcess {
  url: string;
  stop: () => Promise<void>;
}

function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [join(__dirname, '../support/postgres-process.js'), dataDir, String(port)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`postgres process exited with ${code}: ${errors}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /READY (\S+)/.exec(chunk.toString());
      if (!match) return;
      child.removeAllListeners('exit');
      resolve({
        url: match[1]!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

describe('Readiness when PostgreSQL goes away and comes back', () => {
  const dataDir = join(localServerHome(), 'pg-outage-test');
  let port: number;
  let postgres: PostgresProcess;
  let environment: TestEnvironment;
  let api: TestApp;

  beforeAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    port = await freePort(55532);
    postgres = await startPostgresProcess(dataDir, port);
    const databaseUrl = await createDatabase(postgres.url, 'lc_outage');
    await runMigrations({
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: 2,
      DATABASE_CONNECT_TIMEOUT_MS: 2000,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    });
    environment = await createTestEnvironment();
    api = await startTestApp(environment, { overrides: { DATABASE_URL: databaseUrl } });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await postgres?.stop();
    await environment?.drop();
  });

  it('answers 503 naming the database while it is down, then 200 again without a restart', async () => {
    await request(api.url).get('/api/v1/health/ready').expect(200);

    await postgres.stop();
    const down = await eventually(async () => {
      const response = await request(api.url).get('/api/v1/health/ready');
      return response.status === 503 ? response : undefined;
    }, 30_000);
    expect(down.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', failed: ['database'] });
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(api.url).get('/api/v1/health/live').expect(200);

    postgres = await startPostgresProcess(dataDir, port);
    const up = await eventually(async () => {
      const response = await request(api.url).get('/api/v1/health/ready');
      return response.status === 200 ? response : undefined;
    }, 30_000);
    expect(up.body.checks).toEqual({ database: 'up', redis: 'up', migrations: 'up' });
  }, 90_000);
});
