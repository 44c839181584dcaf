import { randomBytes } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { ConfigModule, uuidv7 } from '@lc/core';
import { DatabaseModule } from '@lc/database';
import { ISSUANCE, LedgerChainWorkerModule, LedgerHasher, LedgerService, memberWallet } from '@lc/ledger';
import { Given, GivenMember } from '../support/given';
import { OpenApiDocument, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/** The points and ledger routes answer exactly what the OpenAPI document says. */
describe('Points and ledger answers match their documented schemas', () => {
  let environment: TestEnvironment;
  let moduleRef: TestingModule;
  let api: TestApp;
  let hasher: LedgerHasher;
  let document: OpenApiDocument;
  let admin: GivenMember;
  let member: GivenMember;
  let other: GivenMember;
  let adjustmentId: string;

  beforeAll(async () => {
    environment = await createTestEnvironment({ LEDGER_SIGNING_KEY: randomBytes(32).toString('base64') });
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
    document = (await request(api.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const given = new Given(api);
    admin = await given.member({ roles: [{ role: 'obec_admin' }] });
    member = await given.member();
    other = await given.member();
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await moduleRef?.close();
    await environment?.drop();
  });

  const matches = (method: string, path: string, body: unknown) =>
    expect(schemaMismatches(document, responseSchema(document, method, path), body)).toEqual([]);

  it('the wallet (empty and with points), adjustments and the statement', async () => {
    const empty = (await request(api.url).get('/api/v1/me/wallet').set(other.auth).expect(200)).body;
    expect(empty).toEqual({ balance: 0, pending: 0, spendable: 0, lifetimeEarned: 0 });
    matches('get', '/api/v1/me/wallet', empty);

    const adjusted = await request(api.url)
      .post('/api/v1/admin/ledger/adjustments')
      .set(admin.auth)
      .send({ memberId: member.id, amount: 120, reason: 'รางวัลครูดีเด่น' })
      .expect(201);
    matches('post', '/api/v1/admin/ledger/adjustments', adjusted.body);
    adjustmentId = adjusted.body.transferId;
    const taken = await request(api.url)
      .post('/api/v1/admin/ledger/adjustments')
      .set(admin.auth)
      .send({ memberId: member.id, amount: -20, reason: 'แก้ไขยอด' })
      .expect(201);
    matches('post', '/api/v1/admin/ledger/adjustments', taken.body);
    // An award about an innovation: the statement line names it.
    const ledger = api.app.get(LedgerService, { strict: false });
    await api.dataSource.transaction((manager) =>
      ledger.transfer(manager, [
        {
          idempotencyKey: `responses:${uuidv7()}`,
          debit: ISSUANCE,
          credit: memberWallet(member.id),
          amount: 50,
          kind: 'award',
          reason: { code: 'innovation.published', th: 'เผยแพร่นวัตกรรม', en: 'Published an innovation' },
          subjectInnovationId: uuidv7(),
        },
      ]),
    );

    const wallet = (await request(api.url).get('/api/v1/me/wallet').set(member.auth).expect(200)).body;
    expect(wallet.balance).toBe(150);
    matches('get', '/api/v1/me/wallet', wallet);
    const statement = (await request(api.url).get('/api/v1/me/wallet/transfers').set(member.auth).expect(200))
      .body;
    expect(statement.items).toHaveLength(3);
    const innovations = statement.items.map((line: { innovationId: string | null }) => line.innovationId);
    expect(innovations.some((id: string | null) => id === null)).toBe(true);
    expect(innovations.some((id: string | null) => id !== null)).toBe(true);
    expect(statement.items.some((line: { amount: number }) => line.amount < 0)).toBe(true);
    matches('get', '/api/v1/me/wallet/transfers', statement);
    matches(
      'get',
      '/api/v1/me/wallet/transfers',
      (await request(api.url).get('/api/v1/me/wallet/transfers').set(other.auth).expect(200)).body,
    );
  });

  it('the earning rules, before and after a change (null and set periods, caps and editor)', async () => {
    const rules = (await request(api.url).get('/api/v1/admin/ledger/rules').set(admin.auth).expect(200)).body;
    expect(rules.items.some((rule: { capWeek: number | null }) => rule.capWeek === null)).toBe(true);
    expect(rules.items.some((rule: { updatedBy: string | null }) => rule.updatedBy === null)).toBe(true);
    matches('get', '/api/v1/admin/ledger/rules', rules);
    const code = rules.items[0].code as string;
    const changed = await request(api.url)
      .put(`/api/v1/admin/ledger/rules/${code}`)
      .set(admin.auth)
      .send({
        points: 7,
        activeFrom: '2026-01-01T00:00:00.000Z',
        activeUntil: '2027-01-01T00:00:00.000Z',
        reason: 'ปรับตามนโยบาย',
      })
      .expect(200);
    expect(changed.body.activeFrom).not.toBeNull();
    expect(changed.body.updatedBy).toBe(admin.id);
    matches('put', '/api/v1/admin/ledger/rules/{code}', changed.body);
    matches(
      'get',
      '/api/v1/admin/ledger/rules',
      (await request(api.url).get('/api/v1/admin/ledger/rules').set(admin.auth).expect(200)).body,
    );
  });

  it('the signed head, both forms of the proof (one schema, oneOf) and the verification', async () => {
    await hasher.catchUp({ flush: true });
    const head = (await request(api.url).get('/api/v1/ledger/head').expect(200)).body;
    matches('get', '/api/v1/ledger/head', head);

    const proofPath = '/api/v1/ledger/transfers/{id}/proof';
    const full = (
      await request(api.url)
        .get(`/api/v1/ledger/transfers/${adjustmentId}/proof`)
        .set(member.auth)
        .expect(200)
    ).body;
    expect(full.format).toBe('lc-ledger-proof/1');
    matches('get', proofPath, full);
    const redacted = (
      await request(api.url).get(`/api/v1/ledger/transfers/${adjustmentId}/proof`).expect(200)
    ).body;
    expect(redacted.format).toBe('lc-ledger-proof-redacted/1');
    expect(redacted.merklePath.length).toBeGreaterThan(0);
    matches('get', proofPath, redacted);
    // Each alternative is strict: a redacted proof that leaks the content matches neither.
    const leaky = { ...redacted, prevHash: full.prevHash };
    expect(schemaMismatches(document, responseSchema(document, 'get', proofPath), leaky)).not.toEqual([]);

    const verification = await request(api.url)
      .post('/api/v1/admin/ledger/verify')
      .set(admin.auth)
      .expect(200);
    expect(verification.body).toMatchObject({ ok: true, firstBadSeq: null, problem: null });
    matches('post', '/api/v1/admin/ledger/verify', verification.body);
  }, 60_000);
});
