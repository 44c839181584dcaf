import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { ISSUANCE, LedgerService, memberWallet } from '@lc/ledger';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Every path that moves points locks accounts in one order: members' wallets first, then the other accounts, each
 * group by id. An award locks the wallet and then takes the issuance account; an administrator's adjustment of the
 * same member used to take issuance first (its id is older), so the two could wait on each other and PostgreSQL
 * broke the deadlock by failing one: a 500 for the administrator.
 */
describe('Ledger: awards and adjustments of one member at the same moment never deadlock', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let admin: GivenMember;
  let teacher: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    given = new Given(api);
    admin = await given.member({ roles: [{ role: 'obec_admin' }] });
    teacher = await given.member();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const balance = async () =>
    (await request(api.url).get('/api/v1/me/wallet').set(teacher.auth).expect(200)).body.balance as number;

  /** What an award does (AwardService): lock the beneficiaries' wallets, then transfer from issuance. */
  const award = (amount: number) => {
    const ledger = api.app.get(LedgerService, { strict: false });
    return api.dataSource.transaction(async (manager) => {
      await ledger.lockWallets(manager, [teacher.id]);
      // Hold the wallet a moment, as an award batch does while it counts caps, so the two paths overlap.
      await manager.query(`SELECT pg_sleep(0.01)`);
      await ledger.transfer(manager, [
        {
          idempotencyKey: `lock-order:${uuidv7()}`,
          debit: ISSUANCE,
          credit: memberWallet(teacher.id),
          amount,
          kind: 'award',
          reason: { code: 'test', th: 'ทดสอบ', en: 'test' },
        },
      ]);
    });
  };
  const adjust = (amount: number) =>
    request(api.url)
      .post('/api/v1/admin/ledger/adjustments')
      .set(admin.auth)
      .send({ memberId: teacher.id, amount, reason: 'ปรับยอดทดสอบพร้อมกัน' });

  it('runs 40 awards and 40 adjustments at once: every one succeeds and the balance is their sum', async () => {
    await given.points(teacher.id, 1000);
    const before = await balance();
    const results = await Promise.allSettled([
      ...Array.from({ length: 40 }, () => award(3)),
      ...Array.from({ length: 40 }, (_, i) => adjust(i % 2 === 0 ? 5 : -2)),
    ]);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const statuses = results
      .slice(40)
      .map((r) => (r as PromiseFulfilledResult<{ status: number }>).value.status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(await balance()).toBe(before + 40 * 3 + 20 * 5 - 20 * 2);
  });
});
