import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { uuidv7 } from '@lc/core';
import { ROOT } from '../../scripts/local-services';
import { createTestEnvironment, eventually, TestEnvironment } from '../support/test-app';

const EVENTS = 10_000;
const AUTHORS = 500;
const POINTS = 50;
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');

/**
 * While 10,000 award events flow, the worker is killed with SIGKILL again and again (mid-relay, mid-batch).
 * When it has recovered, every award is there exactly once: counts and sums exact.
 */
describe('Fault: the worker killed again and again while awards flow', () => {
  let environment: TestEnvironment;
  let owner: Client;
  let worker: ChildProcess | null = null;
  // A worker that dies on its own (not by our SIGKILL) is a failure in itself: kept with the end of its stderr.
  const crashes: string[] = [];
  let output = '';

  beforeAll(async () => {
    if (!existsSync(WORKER))
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
    environment = await createTestEnvironment({
      QUEUE_LOCK_DURATION_MS: '1500',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      OUTBOX_POLL_MS: '100',
    });
    owner = new Client({ connectionString: environment.databaseUrl });
    await owner.connect();
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await owner?.end();
    await environment?.drop();
  });

  const startWorker = () => {
    const child = spawn(process.execPath, [WORKER], {
      env: { ...process.env, ...environment.overrides, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const keep = (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      output = stderr;
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') crashes.push(`worker exited (${code ?? signal}): ${stderr}`);
    });
    worker = child;
  };
  const count = async (sql: string) => Number((await owner.query(sql)).rows[0].count);

  it('loses no award and doubles none', async () => {
    const authors = Array.from({ length: AUTHORS }, () => uuidv7());
    // Uncapped for the test, so the expected totals are plain arithmetic.
    await owner.query(
      `UPDATE ledger_rule SET cap_day = NULL, cap_week = NULL, cap_month = NULL, points = $1 WHERE code = 'innovation.published'`,
      [POINTS],
    );
    await owner.query(
      `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at, email_verified_at)
       SELECT id, 'fault-' || id || '@example.test', 'ครู', 'teacher', 't', 'p', now(), now() FROM unnest($1::uuid[]) AS id`,
      [authors],
    );
    const ids = Array.from({ length: EVENTS }, () => uuidv7());
    const payloads = ids.map((_, i) =>
      JSON.stringify({
        innovationId: uuidv7(),
        authorId: authors[i % AUTHORS],
        schoolId: null,
        areaId: null,
        learningAreas: [],
        competencies: [],
        version: 1,
      }),
    );
    await owner.query(
      `INSERT INTO outbox_event (id, type, payload) SELECT id, 'innovation.published', p FROM unnest($1::uuid[], $2::jsonb[]) AS x(id, p)`,
      [ids, payloads],
    );

    let kills = 0;
    const deadline = Date.now() + 150_000;
    startWorker();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 600 + Math.random() * 600));
      const awarded = await count(
        `SELECT count(*) FROM ledger_transfer WHERE reason_code = 'innovation.published'`,
      );
      if (awarded >= EVENTS) break;
      if (kills < 6 && awarded > 0) {
        worker!.kill('SIGKILL');
        kills++;
        await new Promise((resolve) => worker!.once('exit', resolve));
        startWorker();
      }
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(crashes).toEqual([]);
    // Let the last worker settle, then check everything.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      await count(`SELECT count(*) FROM ledger_transfer WHERE reason_code = 'innovation.published'`),
    ).toBe(EVENTS);
    expect(await count(`SELECT count(*) FROM processed_event WHERE subscriber = 'ledger'`)).toBe(EVENTS);
    // Awards announce themselves (points.changed) in the outbox too: those are relayed as well, nothing stays behind.
    // (The worker also runs the cockpit's subscriber on these 20,000 events, which on 2 busy cores slows the relay:
    // the bound is how long to wait for "nothing stays behind", not a speed.)
    await eventually(
      async () =>
        (await count(`SELECT count(*) FROM outbox_event WHERE relayed_at IS NULL`)) === 0 ? true : undefined,
      120_000,
    ).catch(async (error: unknown) => {
      // Say what stayed behind and whether the worker still runs, so a failure can be read.
      const left = await owner.query(
        `SELECT type, count(*)::int AS n FROM outbox_event WHERE relayed_at IS NULL GROUP BY type`,
      );
      throw new Error(
        `${String(error)}; unrelayed: ${JSON.stringify(left.rows)}; worker alive: ${worker?.exitCode === null}; its last output: ${output}; crashes: ${crashes.join(' | ')}`,
      );
    });
    expect(crashes).toEqual([]);
    expect(await count(`SELECT count(*) FROM outbox_event WHERE type = 'points.changed'`)).toBe(EVENTS);
    const balances = await owner.query(
      `SELECT balance FROM ledger_account WHERE kind = 'member' AND owner_id = ANY($1::uuid[])`,
      [authors],
    );
    expect(balances.rows).toHaveLength(AUTHORS);
    expect(
      balances.rows.every((row: { balance: string }) => Number(row.balance) === (EVENTS / AUTHORS) * POINTS),
    ).toBe(true);
    expect(await count(`SELECT sum(balance) AS count FROM ledger_account`)).toBe(0);
    expect(
      await count(
        `SELECT count(*) FROM (SELECT source_event_id FROM ledger_transfer GROUP BY source_event_id HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
  }, 300_000);
});
