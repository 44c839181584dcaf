import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { ConfigModule, uuidv7 } from '@lc/core';
import { DatabaseModule } from '@lc/database';
import {
  blockMessage,
  chainHashHex,
  LedgerChainWorkerModule,
  LedgerHasher,
  LedgerProof,
  parseSigningKey,
  REDACTED_PROOF_FORMAT,
  RedactedLedgerProof,
  rootFromPath,
  verifyProof,
} from '@lc/ledger';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

const SEED = randomBytes(32).toString('base64');

/**
 * The public inclusion proof shows a transfer's content (who, which accounts, amounts, balances, reasons) only
 * to the member whose wallet it touches and to OBEC admins; anyone else gets a redacted proof that still checks.
 */
describe('Ledger proofs: the transfer only for its member and OBEC admins, a redacted proof for anyone else', () => {
  let environment: TestEnvironment;
  let moduleRef: TestingModule;
  let api: TestApp;
  let hasher: LedgerHasher;
  let admin: GivenMember;
  let member: GivenMember;
  let other: GivenMember;
  /** A credit to the member (by an admin: createdBy set) and a debit from the member. */
  const transfers: { id: string; memberSide: 'credit' | 'debit' }[] = [];
  const secrets: string[] = [];

  const proofOf = (id: string, auth: Record<string, string> = {}) =>
    request(api.url).get(`/api/v1/ledger/transfers/${id}/proof`).set(auth);

  beforeAll(async () => {
    environment = await createTestEnvironment({ LEDGER_SIGNING_KEY: SEED });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(environment.overrides),
        DatabaseModule.forRoot('test'),
        LedgerChainWorkerModule,
      ],
    }).compile();
    moduleRef.useLogger(false);
    hasher = moduleRef.get(LedgerHasher);
    api = await startTestApp(environment);
    const given = new Given(api);
    admin = await given.member({ roles: [{ role: 'obec_admin' }] });
    member = await given.member();
    other = await given.member();

    const adjust = async (amount: number, reason: string) =>
      (
        await request(api.url)
          .post('/api/v1/admin/ledger/adjustments')
          .set(admin.auth)
          .send({ memberId: member.id, amount, reason })
          .expect(201)
      ).body.transferId as string;
    transfers.push({ id: await adjust(250, 'รางวัลครูดีเด่น secret-reason'), memberSide: 'credit' });
    transfers.push({ id: await adjust(-40, 'แก้ไขยอด secret-reason'), memberSide: 'debit' });
    await hasher.catchUp({ flush: true });

    const rows: { id: string }[] = await api.dataSource.query(
      `SELECT id FROM ledger_account WHERE owner_id = $1 AND kind = 'member'`,
      [member.id],
    );
    secrets.push(member.id, admin.id, rows[0]!.id, 'secret-reason');
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await moduleRef?.close();
    await environment?.drop();
  });

  it('anonymous callers, another member and a bad token get no content, and the proof still checks against the head', async () => {
    const head = (await request(api.url).get('/api/v1/ledger/head').expect(200)).body;
    expect(head.publicKey).toBe(parseSigningKey(SEED).publicKey);
    const callers: [string, Record<string, string>][] = [
      ['anonymous', {}],
      ['another member', other.auth],
      ['an invalid token', { authorization: 'Bearer not-a-token' }],
    ];
    for (const { id } of transfers) {
      const full: LedgerProof = (await proofOf(id, member.auth).expect(200)).body;
      for (const [who, auth] of callers) {
        const response = await proofOf(id, auth);
        expect({ who, status: response.status }).toEqual({ who, status: 200 });
        const proof: RedactedLedgerProof = response.body;
        // Exactly what inclusion needs, nothing of the transfer.
        expect(Object.keys(proof).sort()).toEqual([
          'block',
          'format',
          'hash',
          'leafIndex',
          'merklePath',
          'transfer',
        ]);
        expect(proof.format).toBe(REDACTED_PROOF_FORMAT);
        expect(proof.transfer).toEqual({ id, seq: full.transfer.seq });
        const text = JSON.stringify(proof);
        for (const key of ['canonicalJson', 'prevHash', 'createdBy', 'AccountId', 'BalanceAfter', 'amount'])
          expect({ who, key, shown: text.includes(key) }).toEqual({ who, key, shown: false });
        for (const key of ['reason', 'idempotencyKey', 'sourceType'])
          expect({ who, key, shown: text.includes(key) }).toEqual({ who, key, shown: false });
        for (const secret of secrets)
          expect({ who, secret, shown: text.includes(secret) }).toEqual({ who, secret, shown: false });

        // The leaf check, as by hand: the Merkle path leads from the leaf to the root of the head's block,
        // whose signature verifies with the published key.
        expect(proof.hash).toBe(full.hash);
        expect(chainHashHex(full.prevHash, full.transfer.canonicalJson)).toBe(proof.hash);
        expect(rootFromPath(Buffer.from(proof.hash, 'hex'), proof.merklePath).toString('hex')).toBe(
          proof.block.merkleRoot,
        );
        expect(proof.block).toMatchObject({
          blockNo: head.blockNo,
          merkleRoot: head.blockRoot,
          signature: head.signature,
          publicKey: head.publicKey,
        });
        expect(
          verify(
            null,
            Buffer.from(blockMessage(proof.block)),
            createPublicKey(head.publicKeyPem),
            Buffer.from(proof.block.signature, 'hex'),
          ),
        ).toBe(true);
        expect(verifyProof(proof, { publicKey: head.publicKey })).toEqual({ ok: true, redacted: true });
        // A redacted proof with another leaf does not check.
        expect(verifyProof({ ...proof, hash: 'ab'.repeat(32) }).ok).toBe(false);
      }
    }
  });

  it('the member whose wallet the transfer touches and an OBEC admin get the full transfer, as before', async () => {
    const head = (await request(api.url).get('/api/v1/ledger/head').expect(200)).body;
    const [wallet] = await api.dataSource.query(
      `SELECT id FROM ledger_account WHERE owner_id = $1 AND kind = 'member'`,
      [member.id],
    );
    for (const { id, memberSide } of transfers) {
      for (const viewer of [member, admin]) {
        const proof: LedgerProof = (await proofOf(id, viewer.auth).expect(200)).body;
        expect(proof.format).toBe('lc-ledger-proof/1');
        const transfer = JSON.parse(proof.transfer.canonicalJson);
        expect(transfer).toMatchObject({ id, createdBy: admin.id, kind: 'adjustment' });
        expect(transfer[`${memberSide}AccountId`]).toBe(wallet.id);
        expect(transfer.amount).toBe(memberSide === 'credit' ? '250' : '40');
        expect(transfer[`${memberSide}BalanceAfter`]).toBe(memberSide === 'credit' ? '250' : '210');
        expect(transfer.reasonEn).toMatch(/secret-reason/);
        expect(verifyProof(proof, { publicKey: head.publicKey })).toEqual({ ok: true });
      }
    }
  });

  it('keeps answering: unknown ids are 404 for everyone, the head stays public', async () => {
    for (const auth of [{}, other.auth, admin.auth]) {
      const unknown = await proofOf(uuidv7(), auth).expect(404);
      expect(unknown.body.code).toBe('LEDGER_TRANSFER_NOT_FOUND');
    }
    await proofOf('not-a-uuid').expect(400);
    await request(api.url).get('/api/v1/ledger/head').expect(200);
  });
});
