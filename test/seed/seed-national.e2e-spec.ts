import { DataSource } from 'typeorm';
import { reconcileLedger, verifyChain } from '@lc/ledger';
import { SeedInterrupted } from '../../scripts/seed-national/phase';
import { FULL_SCALE } from '../../scripts/seed-national/plan';
import { runSeedNational, SeedNationalOptions } from '../../scripts/seed-national/run';
import { createTestDatabase } from '../support/test-database';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const SCALE = 0.0002;
const OPTIONS: Omit<SeedNationalOptions, 'databaseUrl'> = {
  scale: SCALE,
  seed: 7,
  until: new Date('2027-06-01T00:00:00Z'),
  // Small chunks: several per phase even at this scale, so a stop lands in the middle of a phase.
  chunkFactor: 0.01,
  progress: null,
  log: () => undefined,
};

const TABLES = [
  'school',
  'member',
  'role_grant',
  'partner',
  'perk',
  'innovation',
  'innovation_version',
  'innovation_rating',
  'innovation_comment',
  'innovation_adoption',
  'endorsement',
  'ledger_account',
  'ledger_transfer',
  'ledger_chain',
  'ledger_block',
  'redemption',
  'redemption_history',
  'voucher_code',
];

async function counts(dataSource: DataSource): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await dataSource.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM ${table}`);
    result[table] = Number(row!.n);
  }
  return result;
}

/** What the data set is, row for row: a digest per table of the columns that make it. */
async function fingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  const queries: Record<string, string> = {
    school: `SELECT id::text || code || area_id::text FROM school ORDER BY id`,
    member: `SELECT id::text || email || member_kind || coalesce(school_id::text, '') FROM member ORDER BY id`,
    innovation: `SELECT id::text || author_id::text || status || rating_sum || comment_count || trending_key FROM innovation ORDER BY id`,
    innovation_rating: `SELECT innovation_id::text || member_id::text || overall FROM innovation_rating ORDER BY 1`,
    innovation_comment: `SELECT id::text || coalesce(parent_id::text, '') FROM innovation_comment ORDER BY id`,
    ledger_account: `SELECT id::text || balance || pending || lifetime_earned || version FROM ledger_account ORDER BY id`,
    redemption: `SELECT id::text || status || cost FROM redemption ORDER BY id`,
  };
  for (const [table, sql] of Object.entries(queries)) {
    const [row] = await dataSource.query<{ digest: string }[]>(
      `SELECT md5(coalesce(string_agg(x.v, ',' ORDER BY x.n), '')) AS digest
         FROM (SELECT row_number() OVER () AS n, q.* FROM (${sql}) AS q(v)) x`,
    );
    digests[table] = row!.digest;
  }
  return digests;
}

async function headHash(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query<{ hash: string }[]>(
    `SELECT encode(hash, 'hex') AS hash FROM ledger_chain ORDER BY seq DESC LIMIT 1`,
  );
  return row!.hash;
}

async function open(database: TestDatabase): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } });
  await dataSource.initialize();
  return dataSource;
}

/**
 * `npm run seed:national`: a national data set at a tiny scale, made twice — once straight through, once stopped
 * in the middle of two phases and continued — and the two must be the same data, down to the ledger's head hash.
 */
describe('seed:national: the national data set, resumable, with a ledger that balances and verifies', () => {
  let whole: TestDatabase;
  let resumed: TestDatabase;
  let wholeSource: DataSource;
  let resumedSource: DataSource;

  beforeAll(async () => {
    whole = await createTestDatabase();
    resumed = await createTestDatabase();
  });

  afterAll(async () => {
    await wholeSource?.destroy();
    await resumedSource?.destroy();
    await whole?.drop();
    await resumed?.drop();
  });

  it('makes every table proportional to the scale, schools in every area, and a ledger whose balances and chain check', async () => {
    await runSeedNational({ ...OPTIONS, databaseUrl: whole.url });
    wholeSource = await open(whole);
    const made = await counts(wholeSource);

    // At this scale the floor of one school per area applies; the rest follow the scale.
    expect(made.school).toBe(245);
    expect(made.member).toBe(Math.round(FULL_SCALE.members * SCALE));
    expect(made.innovation).toBe(Math.round(FULL_SCALE.innovations * SCALE));
    expect(made.ledger_transfer).toBe(Math.round(FULL_SCALE.transfers * SCALE));
    const feedback = made.innovation_rating! + made.innovation_comment!;
    const expectedFeedback = (FULL_SCALE.ratings + FULL_SCALE.comments) * SCALE;
    expect(feedback).toBeGreaterThan(expectedFeedback * 0.75);
    expect(feedback).toBeLessThan(expectedFeedback * 1.25);
    expect(made.innovation_adoption).toBeGreaterThan(0);
    expect(made.redemption).toBeGreaterThan(0);
    // Every transfer is chained and sealed in blocks.
    expect(made.ledger_chain).toBe(made.ledger_transfer);

    const [areas] = await wholeSource.query<{ areas: number; without: number }[]>(
      `SELECT count(*)::int AS areas,
              (count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM school s WHERE s.area_id = a.id)))::int AS without
         FROM area a`,
    );
    expect(areas).toEqual({ areas: 245, without: 0 });

    // Names say they are synthetic; nobody can sign in.
    const [names] = await wholeSource.query<{ schools: number; members: number; passwords: number }[]>(
      `SELECT (SELECT count(*) FROM school WHERE name_th NOT LIKE 'โรงเรียนจำลอง %' OR name_en NOT LIKE 'Synthetic School %')::int AS schools,
              (SELECT count(*) FROM member WHERE email NOT LIKE '%@national.synthetic.invalid')::int AS members,
              (SELECT count(*) FROM member WHERE password_hash IS NOT NULL)::int AS passwords`,
    );
    expect(names).toEqual({ schools: 0, members: 0, passwords: 0 });

    // Balances and pending points are the sums of the transfers, and the ledger sums to zero.
    const reconciliation = await reconcileLedger(wholeSource);
    expect(reconciliation.drift).toEqual([]);
    expect(reconciliation.ok).toBe(true);
    expect(reconciliation.transfers).toBe(made.ledger_transfer);
    // Lifetime earnings are what awards gave a member, less what reversals took back; no one spent below zero.
    const [wallets] = await wholeSource.query<{ wrong: number; negative: number }[]>(
      `SELECT (count(*) FILTER (WHERE a.lifetime_earned <> coalesce(e.earned, 0)))::int AS wrong,
              (count(*) FILTER (WHERE a.balance - a.pending < 0))::int AS negative
         FROM ledger_account a
         LEFT JOIN (SELECT account, sum(amount) AS earned FROM (
                      SELECT credit_account_id AS account, amount FROM ledger_transfer WHERE kind = 'award'
                      UNION ALL
                      SELECT debit_account_id, -amount FROM ledger_transfer WHERE kind = 'reversal') m
                    GROUP BY account) e ON e.account = a.id
        WHERE a.kind = 'member'`,
    );
    expect(wallets).toEqual({ wrong: 0, negative: 0 });
    // Versions count the ledger_transfer calls that changed an account: one per transfer, except that a voucher's
    // hold and post are one call (same time, consecutive sequence numbers).
    const [versions] = await wholeSource.query<{ wrong: number; changed: number }[]>(
      `WITH legs AS (
         SELECT account, count(*) AS n FROM (
           SELECT debit_account_id AS account FROM ledger_transfer UNION ALL SELECT credit_account_id FROM ledger_transfer) l
          GROUP BY account),
       same_call AS (
         SELECT v.account, count(*) AS n
           FROM ledger_transfer p JOIN ledger_transfer h ON h.id = p.pending_id
          CROSS JOIN LATERAL (VALUES (p.debit_account_id), (p.credit_account_id)) AS v(account)
          WHERE p.kind = 'post' AND p.seq = h.seq + 1 AND p.created_at = h.created_at
          GROUP BY v.account)
       SELECT (count(*) FILTER (WHERE a.version <> coalesce(l.n, 0) - coalesce(s.n, 0)))::int AS wrong,
              (count(*) FILTER (WHERE a.version > 0))::int AS changed
         FROM ledger_account a LEFT JOIN legs l ON l.account = a.id LEFT JOIN same_call s ON s.account = a.id`,
    );
    expect(versions.wrong).toBe(0);
    expect(versions.changed).toBeGreaterThan(made.member! / 2);

    // The hash chain and every signed block verify with the ledger's own verifier.
    const chain = await verifyChain(wholeSource);
    expect(chain).toMatchObject({ ok: true, problem: null, checked: made.ledger_transfer, unchained: 0 });
    expect(chain.blocks).toBe(Math.ceil(made.ledger_transfer! / 500));
  }, 240_000);

  it('continues after a stop in the middle of a phase and ends with the same data as a run without one', async () => {
    // Stopped during the ratings, then during the ledger, then run to the end.
    await expect(
      runSeedNational({
        ...OPTIONS,
        databaseUrl: resumed.url,
        interrupt: { phase: 'ratings', afterChunks: 1 },
      }),
    ).rejects.toBeInstanceOf(SeedInterrupted);
    await expect(
      runSeedNational({
        ...OPTIONS,
        databaseUrl: resumed.url,
        interrupt: { phase: 'ledger', afterChunks: 3 },
      }),
    ).rejects.toBeInstanceOf(SeedInterrupted);
    resumedSource = await open(resumed);
    // The stop undid the chunk it was in: three ledger chunks of 1,000 transfers are there, nothing of the fourth.
    expect(await counts(resumedSource)).toMatchObject({ ledger_transfer: 3000, ledger_chain: 3000 });

    // Options that would make different data are refused.
    await expect(runSeedNational({ ...OPTIONS, scale: 0.001, databaseUrl: resumed.url })).rejects.toThrow(
      /scale = 0.0002/,
    );

    await runSeedNational({ ...OPTIONS, databaseUrl: resumed.url });
    expect(await counts(resumedSource)).toEqual(await counts(wholeSource));
    expect(await headHash(resumedSource)).toBe(await headHash(wholeSource));
    expect(await fingerprint(resumedSource)).toEqual(await fingerprint(wholeSource));
    expect((await verifyChain(resumedSource)).ok).toBe(true);

    // A run on a finished data set adds nothing.
    await runSeedNational({ ...OPTIONS, databaseUrl: resumed.url });
    expect(await counts(resumedSource)).toEqual(await counts(wholeSource));
  }, 240_000);
});
