import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ConfigModule, metricsRegistry, uuidv7 } from '@lc/core';
import { DatabaseModule } from '@lc/database';
import {
  blockMessage,
  canonicalTransferJson,
  LedgerChainWorkerModule,
  LedgerHasher,
  LedgerProof,
  LedgerReconciliation,
  LedgerService,
  memberWallet,
  parseSigningKey,
  partnerClearing,
  reconcileLedger,
  TRANSFER_COLUMNS_SQL,
  TRANSFER_JSON_SQL,
  verifyChain,
  verifyProof,
} from '@lc/ledger';
import { Given, GivenMember } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const ISSUANCE_ID = '00000000-0000-7000-8000-000000000001';
/** Issuance shards 1 and 2 (see the migration): two writers that don't wait on each other's row locks. */
const SHARD = (n: number) => `00000000-0000-7000-8000-0000000001${n.toString(16).padStart(2, '0')}`;
const SEED = randomBytes(32).toString('base64');
const TRANSFERS = 1_200;

describe('Ledger tamper evidence: hash chain, signed blocks, proofs, verification, reconciliation', () => {
  let environment: TestEnvironment;
  let moduleRef: TestingModule;
  let api: TestApp;
  let owner: Client;
  let dataSource: DataSource;
  let hasher: LedgerHasher;
  let admin: GivenMember;
  let member: GivenMember;
  const accounts: string[] = [];
  const balances = new Map<string, number>();

  /** Appends an award as LedgerService would (balances after, account balances), in `client`'s transaction. */
  async function award(client: Client, from: string, to: string, amount: number): Promise<number> {
    const [debit] = (
      await client.query(
        `UPDATE ledger_account SET balance = balance - $2, version = version + 1 WHERE id = $1 RETURNING balance::text`,
        [from, amount],
      )
    ).rows;
    const [credit] = (
      await client.query(
        `UPDATE ledger_account SET balance = balance + $2, lifetime_earned = lifetime_earned + $2, version = version + 1
          WHERE id = $1 RETURNING balance::text`,
        [to, amount],
      )
    ).rows;
    const { rows } = await client.query(
      `INSERT INTO ledger_transfer (id, idempotency_key, debit_account_id, credit_account_id, amount, kind,
         reason_code, reason_th, reason_en, debit_balance_after, credit_balance_after)
       VALUES ($1, $2, $3, $4, $5, 'award', 'test.award', 'ทดสอบให้พอยท์', 'Test award', $6, $7) RETURNING seq::text`,
      [uuidv7(), `test:${uuidv7()}`, from, to, amount, debit.balance, credit.balance],
    );
    return Number(rows[0].seq);
  }

  const verifyApi = async () =>
    (await request(api.url).post('/api/v1/admin/ledger/verify').set(admin.auth).expect(200)).body;
  const chainedSeqs = async (from: number) =>
    (await owner.query(`SELECT seq::int FROM ledger_chain WHERE seq >= $1 ORDER BY seq`, [from])).rows.map(
      (r: { seq: number }) => r.seq,
    );
  /** As a database superuser: with the append-only trigger off, as an attacker with full access would. */
  const asSuperuser = async (sql: string, params: unknown[] = []) => {
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE ledger_transfer DISABLE TRIGGER ledger_transfer_append_only');
    await owner.query(sql, params);
    await owner.query('ALTER TABLE ledger_transfer ENABLE TRIGGER ledger_transfer_append_only');
    await owner.query('COMMIT');
  };
  const connect = async () => {
    const client = new Client({ connectionString: environment.databaseUrl });
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    environment = await createTestEnvironment({ LEDGER_SIGNING_KEY: SEED, LEDGER_BLOCK_SIZE: '500' });
    owner = await connect();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(environment.overrides),
        DatabaseModule.forRoot('test'),
        LedgerChainWorkerModule,
      ],
    }).compile();
    moduleRef.useLogger(false);
    dataSource = moduleRef.get(DataSource);
    hasher = moduleRef.get(LedgerHasher);
    api = await startTestApp(environment);
    const given = new Given(api);
    admin = await given.member({ roles: [{ role: 'obec_admin' }] });
    member = await given.member();

    // Five member wallets and 1,200 awards from issuance, with consistent balances after each.
    for (let i = 0; i < 5; i++) {
      const id = uuidv7();
      await owner.query(`INSERT INTO ledger_account (id, kind, owner_id) VALUES ($1, 'member', $2)`, [
        id,
        uuidv7(),
      ]);
      accounts.push(id);
    }
    const rows: unknown[][] = [];
    let issuance = 0;
    for (let i = 0; i < TRANSFERS; i++) {
      const to = accounts[i % accounts.length]!;
      const amount = 1 + ((i * 7) % 50);
      issuance -= amount;
      balances.set(to, (balances.get(to) ?? 0) + amount);
      rows.push([uuidv7(), `seed:${i}`, ISSUANCE_ID, to, amount, issuance, balances.get(to)]);
    }
    const column = (index: number) => rows.map((row) => row[index]);
    await owner.query(
      `INSERT INTO ledger_transfer (id, idempotency_key, debit_account_id, credit_account_id, amount, kind,
         reason_code, reason_th, reason_en, debit_balance_after, credit_balance_after)
       SELECT id, key, d, c, a, 'award', 'innovation.published', 'เผยแพร่นวัตกรรม', 'Published an innovation', db, cb
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::bigint[], $6::bigint[], $7::bigint[])
           WITH ORDINALITY AS x(id, key, d, c, a, db, cb, n) ORDER BY n`,
      Array.from({ length: 7 }, (_, index) => column(index)),
    );
    await owner.query(`UPDATE ledger_account SET balance = $1 WHERE id = $2`, [issuance, ISSUANCE_ID]);
    for (const [id, balance] of balances) {
      await owner.query(`UPDATE ledger_account SET balance = $1, lifetime_earned = $1 WHERE id = $2`, [
        balance,
        id,
      ]);
    }
    expect(await hasher.catchUp({ flush: true })).toEqual({ chained: TRANSFERS, sealed: 3 });
  });

  afterAll(async () => {
    await api?.close();
    await moduleRef?.close();
    await owner?.end();
    await environment?.drop();
  });

  it('serves the signed head publicly; its signature checks with node:crypto and the configured key', async () => {
    const head = (await request(api.url).get('/api/v1/ledger/head').expect(200)).body;
    expect(head).toMatchObject({ seq: TRANSFERS, blockNo: 3, firstSeq: 1001 });
    expect(head.publicKey).toBe(parseSigningKey(SEED).publicKey);
    const [stored] = (
      await owner.query(`SELECT encode(hash, 'hex') AS hash FROM ledger_chain WHERE seq = $1`, [TRANSFERS])
    ).rows;
    expect(head.hash).toBe(stored.hash);
    const message = blockMessage({
      blockNo: head.blockNo,
      firstSeq: head.firstSeq,
      lastSeq: head.seq,
      merkleRoot: head.blockRoot,
      headHash: head.hash,
    });
    expect(head.signedMessage).toBe(message);
    expect(
      verify(
        null,
        Buffer.from(message),
        createPublicKey(head.publicKeyPem),
        Buffer.from(head.signature, 'hex'),
      ),
    ).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(message + ' '),
        createPublicKey(head.publicKeyPem),
        Buffer.from(head.signature, 'hex'),
      ),
    ).toBe(false);
  });

  it('serves inclusion proofs that check with verifyProof against the head’s key, and refuses unknown ids', async () => {
    const head = (await request(api.url).get('/api/v1/ledger/head').expect(200)).body;
    for (const seq of [1, 500, 777, 1001, TRANSFERS]) {
      const [{ id, amount }] = (
        await owner.query(`SELECT id, amount::text FROM ledger_transfer WHERE seq = $1`, [seq])
      ).rows;
      const proof: LedgerProof = (
        await request(api.url).get(`/api/v1/ledger/transfers/${id}/proof`).set(admin.auth).expect(200)
      ).body;
      expect(proof.transfer.seq).toBe(seq);
      expect(JSON.parse(proof.transfer.canonicalJson)).toMatchObject({ id, amount, seq: String(seq) });
      expect(verifyProof(proof, { publicKey: head.publicKey })).toEqual({ ok: true });
      const tampered = proof.transfer.canonicalJson.replace(
        `"amount":"${amount}"`,
        `"amount":"${Number(amount) + 1}"`,
      );
      expect(verifyProof({ ...proof, transfer: { ...proof.transfer, canonicalJson: tampered } }).ok).toBe(
        false,
      );
    }
    const unknown = await request(api.url).get(`/api/v1/ledger/transfers/${uuidv7()}/proof`).expect(404);
    expect(unknown.body.code).toBe('LEDGER_TRANSFER_NOT_FOUND');
  });

  it('verifies the whole chain for an obec_admin only: {ok: true, checked: 1200, firstBadSeq: null}', async () => {
    expect(await verifyApi()).toMatchObject({
      ok: true,
      checked: TRANSFERS,
      firstBadSeq: null,
      blocks: 3,
      unchained: 0,
    });
    await request(api.url).post('/api/v1/admin/ledger/verify').expect(401);
    await request(api.url).post('/api/v1/admin/ledger/verify').set(member.auth).expect(403);
  });

  it('the application role can neither UPDATE nor DELETE a transfer (nor can the owner, with the trigger on)', async () => {
    await expect(
      dataSource.query(`UPDATE ledger_transfer SET amount = amount + 1 WHERE seq = 1`),
    ).rejects.toThrow(/permission denied/);
    await expect(dataSource.query(`DELETE FROM ledger_transfer WHERE seq = 1`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(dataSource.query(`TRUNCATE ledger_transfer CASCADE`)).rejects.toThrow(/permission denied/);
    await expect(
      owner.query(`UPDATE ledger_transfer SET amount = amount + 1 WHERE seq = 1`),
    ).rejects.toThrow();
    await expect(owner.query(`DELETE FROM ledger_transfer WHERE seq = 1`)).rejects.toThrow();
  });

  it('names exactly the seq whose amount a superuser changed, and is clean again once restored', async () => {
    await asSuperuser(`UPDATE ledger_transfer SET amount = amount + 1 WHERE seq = 640`);
    expect(await verifyApi()).toMatchObject({
      ok: false,
      checked: 639,
      firstBadSeq: 640,
      problem: 'hash_mismatch',
    });
    await asSuperuser(`UPDATE ledger_transfer SET amount = amount - 1 WHERE seq = 640`);
    expect(await verifyApi()).toMatchObject({ ok: true, checked: TRANSFERS, firstBadSeq: null });
  });

  it('names a deleted transfer: alone (foreign keys off), or with its chain row, inside a block or at its end', async () => {
    await owner.query(`CREATE TEMP TABLE saved_transfer AS SELECT * FROM ledger_transfer WITH NO DATA`);
    await owner.query(`CREATE TEMP TABLE saved_chain AS SELECT * FROM ledger_chain WITH NO DATA`);
    const remove = async (seq: number, withChainRow: boolean) => {
      await owner.query(`INSERT INTO saved_transfer SELECT * FROM ledger_transfer WHERE seq = $1`, [seq]);
      await owner.query(`INSERT INTO saved_chain SELECT * FROM ledger_chain WHERE seq = $1`, [seq]);
      if (withChainRow) {
        await owner.query(`DELETE FROM ledger_chain WHERE seq = $1`, [seq]);
        await asSuperuser(`DELETE FROM ledger_transfer WHERE seq = $1`, [seq]);
      } else {
        // session_replication_role = replica switches off every trigger, foreign keys included.
        await owner.query('BEGIN');
        await owner.query(`SET LOCAL session_replication_role = replica`);
        await owner.query(`DELETE FROM ledger_transfer WHERE seq = $1`, [seq]);
        await owner.query('COMMIT');
      }
    };
    const restore = async () => {
      await owner.query('BEGIN');
      await owner.query(`SET LOCAL session_replication_role = replica`);
      await owner.query(`INSERT INTO ledger_transfer OVERRIDING SYSTEM VALUE SELECT * FROM saved_transfer`);
      await owner.query(`INSERT INTO ledger_chain SELECT * FROM saved_chain ON CONFLICT (seq) DO NOTHING`);
      await owner.query(`TRUNCATE saved_transfer, saved_chain`);
      await owner.query('COMMIT');
      expect(await verifyApi()).toMatchObject({ ok: true, checked: TRANSFERS, firstBadSeq: null });
    };

    await remove(333, false);
    expect(await verifyApi()).toMatchObject({ ok: false, firstBadSeq: 333, problem: 'transfer_missing' });
    await restore();

    await remove(1100, true);
    expect(await verifyApi()).toMatchObject({ ok: false, firstBadSeq: 1100, problem: 'transfer_missing' });
    await restore();

    await remove(500, true);
    expect(await verifyApi()).toMatchObject({ ok: false, firstBadSeq: 500, problem: 'transfer_missing' });
    await restore();
  });

  it('names the first seq of a block whose stored root, signature or key was replaced', async () => {
    const [block] = (await owner.query(`SELECT * FROM ledger_block WHERE block_no = 2`)).rows;
    await owner.query(`UPDATE ledger_block SET signature = $1 WHERE block_no = 2`, [Buffer.alloc(64, 1)]);
    expect(await verifyApi()).toMatchObject({ ok: false, firstBadSeq: 501, problem: 'bad_signature' });
    await owner.query(`UPDATE ledger_block SET signature = $1, merkle_root = $2 WHERE block_no = 2`, [
      block.signature,
      Buffer.alloc(32, 2),
    ]);
    expect(await verifyApi()).toMatchObject({ ok: false, firstBadSeq: 501, problem: 'merkle_root_mismatch' });
    // Re-signed with another key: valid on its own, but not the ledger's configured key.
    await owner.query(`UPDATE ledger_block SET merkle_root = $1 WHERE block_no = 2`, [block.merkle_root]);
    const other = (await verifyChain(dataSource)).ok;
    expect(other).toBe(true);
    await owner.query(`UPDATE ledger_block SET public_key = $1 WHERE block_no = 2`, ['ab'.repeat(32)]);
    expect(await verifyApi()).toMatchObject({ ok: false, firstBadSeq: 501, problem: 'untrusted_key' });
    await owner.query(`UPDATE ledger_block SET public_key = $1 WHERE block_no = 2`, [block.public_key]);
    expect(await verifyApi()).toMatchObject({ ok: true, checked: TRANSFERS });
  });

  it('reconciles: every balance equals its transfers and the ledger sums to zero; a tampered balance is named', async () => {
    // Holds through the real LedgerService: a post moves the points, a void releases them.
    const ledger = new LedgerService(dataSource);
    const memberId = uuidv7();
    const partnerId = uuidv7();
    const reason = { code: 'test', th: 'ทดสอบ', en: 'test' };
    await dataSource.transaction((m) =>
      ledger.transfer(m, [
        {
          idempotencyKey: uuidv7(),
          debit: { kind: 'system_issuance' },
          credit: memberWallet(memberId),
          amount: 100,
          kind: 'award',
          reason,
        },
      ]),
    );
    const holds = await dataSource.transaction((m) =>
      ledger.transfer(m, [
        {
          idempotencyKey: uuidv7(),
          debit: memberWallet(memberId),
          credit: partnerClearing(partnerId),
          amount: 30,
          kind: 'hold',
          reason,
        },
        {
          idempotencyKey: uuidv7(),
          debit: memberWallet(memberId),
          credit: partnerClearing(partnerId),
          amount: 20,
          kind: 'hold',
          reason,
        },
        {
          idempotencyKey: uuidv7(),
          debit: memberWallet(memberId),
          credit: partnerClearing(partnerId),
          amount: 5,
          kind: 'hold',
          reason,
        },
      ]),
    );
    await dataSource.transaction((m) =>
      ledger.transfer(m, [
        {
          idempotencyKey: uuidv7(),
          debit: memberWallet(memberId),
          credit: partnerClearing(partnerId),
          amount: 30,
          kind: 'post',
          pendingId: holds[0]!.id,
          reason,
        },
        {
          idempotencyKey: uuidv7(),
          debit: memberWallet(memberId),
          credit: partnerClearing(partnerId),
          amount: 20,
          kind: 'void',
          pendingId: holds[1]!.id,
          reason,
        },
      ]),
    );
    expect(await ledger.wallet(memberId)).toMatchObject({ balance: 70, pending: 5 });

    const clean = await reconcileLedger(dataSource);
    expect(clean).toMatchObject({ ok: true, drift: [], totalBalance: 0, transfers: TRANSFERS + 6 });

    const [account] = (await owner.query(`SELECT id FROM ledger_account WHERE owner_id = $1`, [memberId]))
      .rows;
    await owner.query(`UPDATE ledger_account SET balance = balance + 7 WHERE id = $1`, [account.id]);
    const drifted = await moduleRef.get(LedgerReconciliation).run();
    expect(drifted).toMatchObject({
      ok: false,
      totalBalance: 7,
      drift: [
        {
          accountId: account.id,
          kind: 'member',
          ownerId: memberId,
          balance: 77,
          expectedBalance: 70,
          pending: 5,
          expectedPending: 5,
        },
      ],
    });
    const metrics = await metricsRegistry.metrics();
    expect(metrics).toMatch(/^ledger_drift_accounts 1$/m);
    expect(metrics).toMatch(/^ledger_total_balance 7$/m);
    await owner.query(`UPDATE ledger_account SET balance = balance - 7 WHERE id = $1`, [account.id]);
    expect((await moduleRef.get(LedgerReconciliation).run()).ok).toBe(true);
    expect(await metricsRegistry.metrics()).toMatch(/^ledger_drift_accounts 0$/m);

    await hasher.catchUp({ flush: true });
    expect(await verifyApi()).toMatchObject({ ok: true, checked: TRANSFERS + 6 });
  });

  it('leaves a later transfer unchained while an earlier seq is in an open transaction, then chains both in order', async () => {
    const early = await connect();
    const late = await connect();
    try {
      const [tipBefore] = (await owner.query(`SELECT max(seq)::int AS seq FROM ledger_chain`)).rows;
      await early.query('BEGIN');
      const x = await award(early, SHARD(1), accounts[0]!, 11);
      const y = await award(late, SHARD(2), accounts[1]!, 12);
      expect(y).toBe(x + 1);
      const step = await hasher.step();
      expect(step).toMatchObject({ chained: 0, waitingFor: x });
      expect(await chainedSeqs(tipBefore.seq + 1)).toEqual([]);
      expect((await verifyApi()).unchained).toBe(1); // only the committed one is visible
      await early.query('COMMIT');
      expect(await hasher.step()).toMatchObject({ chained: 2, waitingFor: null });
      expect(await chainedSeqs(tipBefore.seq + 1)).toEqual([x, y]);
      expect(await verifyApi()).toMatchObject({ ok: true, firstBadSeq: null, unchained: 0 });
    } finally {
      await early.end();
      await late.end();
    }
  });

  it('skips the seq of a rolled-back insert only once no transaction can still commit it, after the grace period', async () => {
    const early = await connect();
    const late = await connect();
    try {
      await early.query('BEGIN');
      const z = await award(early, SHARD(1), accounts[2]!, 13);
      const next = await award(late, SHARD(2), accounts[3]!, 14);
      expect(await hasher.step()).toMatchObject({ chained: 0, waitingFor: z });
      await early.query('ROLLBACK');
      // Still within the grace period: waits.
      expect(await hasher.step()).toMatchObject({ chained: 0, waitingFor: z });
      hasher.gapGraceMs = 0;
      await eventually(async () => ((await hasher.step()).chained === 1 ? true : undefined));
      expect(await chainedSeqs(z)).toEqual([next]);
      await hasher.catchUp({ flush: true });
      expect(await verifyApi()).toMatchObject({ ok: true, firstBadSeq: null });

      // A legitimate gap does not hide tampering right after it: the changed transfer is named, not the gap.
      await asSuperuser(`UPDATE ledger_transfer SET amount = amount + 1 WHERE seq = $1`, [next]);
      expect(await verifyApi()).toMatchObject({ ok: false, firstBadSeq: next, problem: 'hash_mismatch' });
      await asSuperuser(`UPDATE ledger_transfer SET amount = amount - 1 WHERE seq = $1`, [next]);
      expect(await verifyApi()).toMatchObject({ ok: true });
    } finally {
      hasher.gapGraceMs = 5_000;
      await early.end();
      await late.end();
    }
  });

  it('answers 404 LEDGER_TRANSFER_NOT_SEALED for a chained transfer whose block is not sealed yet', async () => {
    await award(owner, SHARD(3), accounts[4]!, 15);
    const [{ id }] = (await owner.query(`SELECT id FROM ledger_transfer ORDER BY seq DESC LIMIT 1`)).rows;
    expect(await hasher.step()).toMatchObject({ chained: 1, sealed: 0 });
    const response = await request(api.url).get(`/api/v1/ledger/transfers/${id}/proof`).expect(404);
    expect(response.body.code).toBe('LEDGER_TRANSFER_NOT_SEALED');
    expect(await verifyApi()).toMatchObject({ ok: true, unchained: 0 }); // chained, unsealed: fine
    await hasher.catchUp({ flush: true });
    const proof = (
      await request(api.url).get(`/api/v1/ledger/transfers/${id}/proof`).set(admin.auth).expect(200)
    ).body;
    expect(verifyProof(proof, { publicKey: parseSigningKey(SEED).publicKey }).ok).toBe(true);
    expect((await reconcileLedger(dataSource)).ok).toBe(true);
  });

  it('builds the canonical JSON in SQL exactly as the reference canonicalTransferJson does, on hostile text', async () => {
    const hostile =
      'ทดสอบ "quoted" \\ back/slash ' +
      Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('') +
      ' \u007f \u2028 \u2029 😀 é';
    const seq = await award(owner, SHARD(3), accounts[4]!, 17);
    await asSuperuser(
      `UPDATE ledger_transfer SET reason_th = $2, reason_en = $2, idempotency_key = $3, source_type = 'x"y', source_id = $2,
         hold_expires_at = '2030-02-03 04:05:06.789999+07', created_by = $4, source_event_id = $4, subject_innovation_id = $4
       WHERE seq = $1`,
      [seq, hostile, `k:${hostile}`, uuidv7()],
    );
    const [row] = (
      await owner.query({
        text: `SELECT ${TRANSFER_COLUMNS_SQL}, ${TRANSFER_JSON_SQL} FROM ledger_transfer t WHERE t.seq = $1`,
        values: [seq],
        rowMode: 'array',
      })
    ).rows;
    const json = row.pop();
    expect(json).toBe(canonicalTransferJson(row));
    expect(JSON.parse(json)).toMatchObject({ reasonTh: hostile, holdExpiresAt: '2030-02-02T21:05:06.789Z' });
    await hasher.catchUp({ flush: true });
    const [{ id }] = (await owner.query(`SELECT id FROM ledger_transfer WHERE seq = $1`, [seq])).rows;
    const proof = (
      await request(api.url).get(`/api/v1/ledger/transfers/${id}/proof`).set(admin.auth).expect(200)
    ).body;
    expect(proof.transfer.canonicalJson).toBe(json);
    expect(verifyProof(proof).ok).toBe(true);
    expect(await verifyApi()).toMatchObject({ ok: true });
  });

  it('the worker chains and seals on its own (runner), with the configured key', async () => {
    const worker: INestApplicationContext = await startTestWorker(environment, {
      LEDGER_HASH_INTERVAL_MS: '50',
      LEDGER_BLOCK_SECONDS: '0.2',
    });
    try {
      const seq = await award(owner, SHARD(1), accounts[0]!, 16);
      const head = await eventually(async () => {
        const response = await request(api.url).get('/api/v1/ledger/head');
        return response.body.seq === seq ? response.body : undefined;
      });
      expect(head.publicKey).toBe(parseSigningKey(SEED).publicKey);
    } finally {
      await worker.close();
    }
    expect(await verifyApi()).toMatchObject({ ok: true, unchained: 0 });
  });

  it('chains, seals and verifies a large ledger in one catch-up (its speed is printed by bench:ledger)', async () => {
    const BULK = 30_000;
    await owner.query(
      `INSERT INTO ledger_transfer (id, idempotency_key, debit_account_id, credit_account_id, amount, kind,
         reason_code, reason_th, reason_en, source_type, source_id, debit_balance_after, credit_balance_after)
       SELECT gen_random_uuid(), 'bulk:' || n, $1, $2, 1 + n % 50, 'award', 'innovation.published',
              'เผยแพร่นวัตกรรม', 'Published an innovation', 'innovation', n::text, -n, n
         FROM generate_series(1, $3::int) AS n`,
      [ISSUANCE_ID, accounts[0], BULK],
    );
    const hashed = await hasher.catchUp({ flush: true });
    expect(hashed.chained).toBe(BULK);
    await owner.query(`ANALYZE ledger_transfer, ledger_chain`); // as autovacuum would have by now
    const once = await verifyChain(dataSource);
    expect(once).toMatchObject({ ok: true, firstBadSeq: null });
    expect(once.checked).toBeGreaterThanOrEqual(BULK);
  }, 180_000);
});
