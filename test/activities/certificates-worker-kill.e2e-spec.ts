import { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { uuidv7 } from '@lc/core';
import { createTestEnvironment, eventually, TestEnvironment } from '../support/test-app';
import { spawnTypeScript } from './typescript-process';

/** Six batches of 100: three kills need three batches committed after each restart, however fast the machine. */
const COMPLETERS = 600;
/** The real worker, run from its TypeScript without a build (see spawnTypeScript). */
const ENTRY = 'apps/worker/src/main.ts';

/**
 * A bulk issue of certificates while the worker is killed with SIGKILL again and again (its Chromium with it),
 * mid-batch: when a worker finally finishes, every completer holds exactly one certificate, announced once, with
 * its file stored. (Issue 18: "even when the worker is killed during a bulk issue".)
 */
describe('Fault: the worker killed during a bulk certificate issue', () => {
  let environment: TestEnvironment;
  let owner: Client;
  let worker: ChildProcess | null = null;
  const crashes: string[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment({
      QUEUE_LOCK_DURATION_MS: '1500',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      OUTBOX_POLL_MS: '100',
    });
    owner = new Client({ connectionString: environment.databaseUrl });
    await owner.connect();
  }, 120_000);

  afterAll(async () => {
    if (worker?.pid && worker.exitCode === null) process.kill(-worker.pid, 'SIGKILL');
    await owner?.end();
    await environment?.drop();
  });

  const startWorker = () => {
    const child = spawnTypeScript(ENTRY, { ...environment.overrides, LOG_LEVEL: 'error' });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') crashes.push(`worker exited (${code ?? signal}): ${output}`);
    });
    worker = child;
  };
  const killWorker = async () => {
    const child = worker!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  };
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await owner.query(sql, params)).rows[0].count);

  it('issues exactly one certificate per completer, each announced once and stored', async () => {
    const members = Array.from({ length: COMPLETERS }, () => uuidv7());
    await owner.query(
      `INSERT INTO member (id, email, display_name, member_kind, terms_version, privacy_version, consented_at, email_verified_at)
       SELECT id, 'kill-' || id || '@example.test', 'ครูทดสอบ ' || n, 'teacher', 't', 'p', now(), now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)`,
      [members],
    );
    // An OBEC forum that ended 8 days ago, certificates after 7: due now (events and completions written with SQL;
    // they have their own suites).
    const eventId = uuidv7();
    const endsAt = new Date(Date.now() - 8 * 86_400_000);
    await owner.query(
      `INSERT INTO activity_event (id, kind, title, organiser_type, registration_opens_at, registration_closes_at,
         starts_at, ends_at, completion_rule, certificate_issue_after_days, signatory_name, signatory_title,
         completions_computed_at, created_by)
       VALUES ($1, 'forum', 'เสวนาวิชาการระดับชาติ', 'obec', $2, $3, $4, $5, 'all_sessions', 7, 'นายทดสอบ ลงนาม',
               'เลขาธิการ กพฐ.', $5, $6)`,
      [
        eventId,
        new Date(endsAt.getTime() - 20 * 86_400_000),
        new Date(endsAt.getTime() - 86_400_000),
        new Date(endsAt.getTime() - 8 * 3_600_000),
        endsAt,
        members[0],
      ],
    );
    await owner.query(
      `INSERT INTO activity_completion (event_id, member_id, attended_sessions, attended_share)
       SELECT $1, id, 1, 1 FROM unnest($2::uuid[]) AS id`,
      [eventId, members],
    );
    const issued = () => count(`SELECT count(*) FROM activity_certificate WHERE event_id = $1`, [eventId]);

    let kills = 0;
    const deadline = Date.now() + 240_000;
    startWorker();
    let killedAt = -1;
    while (Date.now() < deadline && kills < 3) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = await issued();
      if (now >= COMPLETERS) break;
      // Once a batch has committed since the last kill, the next one is printing: kill it there, somewhere in its
      // first half (a batch takes over a second to print), before it commits too.
      if (now > killedAt && now > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 600));
        await killWorker();
        kills++;
        killedAt = await issued();
        startWorker();
      }
    }
    expect(kills).toBe(3);
    await eventually(async () => ((await issued()) === COMPLETERS ? true : undefined), 240_000, 500);
    expect(crashes).toEqual([]);

    expect(
      await count(`SELECT count(DISTINCT member_id) FROM activity_certificate WHERE event_id = $1`, [
        eventId,
      ]),
    ).toBe(COMPLETERS);
    expect(
      await count(
        `SELECT count(*) FROM outbox_event WHERE type = 'activity.certificate_issued' AND payload->>'eventId' = $1`,
        [eventId],
      ),
    ).toBe(COMPLETERS);
    expect(
      await count(
        `SELECT count(DISTINCT payload->>'memberId') FROM outbox_event
         WHERE type = 'activity.certificate_issued' AND payload->>'eventId' = $1`,
        [eventId],
      ),
    ).toBe(COMPLETERS);
    // Every certificate's file is there and is a PDF.
    const keys = (
      await owner.query(`SELECT storage_key FROM activity_certificate WHERE event_id = $1`, [eventId])
    ).rows as { storage_key: string }[];
    const storageDir = environment.overrides.STORAGE_DIR!;
    for (const { storage_key: key } of keys) {
      expect(existsSync(join(storageDir, key))).toBe(true);
    }
    const sample = await readFile(join(storageDir, keys[0]!.storage_key));
    expect(sample.subarray(0, 5).toString()).toBe('%PDF-');
  }, 600_000);
});
