import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { loadTaxonomy } from '@lc/core';
import { DemoSeedResult, seedDemoCommunity } from '../../scripts/demo/seed-demo';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const PASSWORD = 'learn-to-earn-2026';

/**
 * The demo community a newcomer meets (quickstart, `npm run seed:demo`), seeded on a fresh database through the
 * real API while the real worker takes up its events.
 */
describe('Demo community (quickstart and npm run seed:demo)', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let first: DemoSeedResult;

  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await api.dataSource.query(sql, params)) as { n: string }[])[0]!.n);
  const signIn = async (email: string) => {
    const response = await request(api.url).post('/api/v1/auth/login').send({ email, password: PASSWORD });
    expect(response.status).toBe(200);
    return { authorization: `Bearer ${response.body.accessToken as string}` };
  };

  beforeAll(async () => {
    environment = await createTestEnvironment({
      LEDGER_HASH_INTERVAL_MS: '50',
      LEDGER_BLOCK_SECONDS: '0.5',
      // As scripts/seed.ts runs it: the seed posts up to 10 comments and 25 ratings by one member in seconds.
      COMMENT_LIMIT_PER_MINUTE: '1000',
      RATING_LIMIT_PER_MINUTE: '1000',
    });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    first = await seedDemoCommunity({ baseUrl: api.url, databaseUrl: environment.databaseUrl });
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('has at least 40 members in at least 6 schools of at least 3 areas, with the kinds of real life', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM member WHERE email LIKE '%@demo.local'`),
    ).toBeGreaterThanOrEqual(40);
    expect(
      await count(`SELECT count(DISTINCT school_id) AS n FROM member WHERE school_id IS NOT NULL`),
    ).toBeGreaterThanOrEqual(6);
    expect(
      await count(`SELECT count(DISTINCT s.area_id) AS n FROM member m JOIN school s ON s.id = m.school_id`),
    ).toBeGreaterThanOrEqual(3);
    const kinds = (
      (await api.dataSource.query(`SELECT DISTINCT member_kind FROM member`)) as { member_kind: string }[]
    )
      .map((row) => row.member_kind)
      .sort();
    expect(kinds).toEqual(expect.arrayContaining(['teacher', 'supervisor', 'school_director', 'executive']));
  });

  it('signs the six demo accounts in with the demo password, each with its role', async () => {
    expect(first.accounts.map((a) => a.email)).toEqual([
      'teacher@demo.local',
      'teacher2@demo.local',
      'partner@demo.local',
      'area.admin@demo.local',
      'moderator@demo.local',
      'obec.admin@demo.local',
    ]);
    const roles: Record<string, string[]> = {};
    for (const { email } of first.accounts) {
      const me = await request(api.url)
        .get('/api/v1/me')
        .set(await signIn(email))
        .expect(200);
      roles[email] = me.body.roles.map((r: { role: string }) => r.role);
    }
    expect(roles).toEqual({
      'teacher@demo.local': ['member'],
      'teacher2@demo.local': ['member'],
      'partner@demo.local': ['member', 'partner_staff'],
      'area.admin@demo.local': ['member', 'area_admin'],
      'moderator@demo.local': ['member', 'moderator'],
      'obec.admin@demo.local': ['member', 'obec_admin'],
    });
  });

  it('publishes at least 60 innovations in Thai across all 8 learning areas, with taxonomy codes only', async () => {
    const published = (await api.dataSource.query(
      `SELECT title, summary, body, learning_areas, grade_levels, techniques FROM innovation WHERE status = 'published'`,
    )) as {
      title: string;
      summary: string;
      body: string;
      learning_areas: string[];
      grade_levels: string[];
      techniques: string[];
    }[];
    expect(published.length).toBeGreaterThanOrEqual(60);
    const taxonomy = loadTaxonomy();
    const areas = new Set(published.flatMap((i) => i.learning_areas));
    for (const code of ['THA', 'MAT', 'SCI', 'SOC', 'HPE', 'ART', 'OCC', 'FLA'])
      expect(areas).toContain(code);
    const known = (list: { code: string }[]) => new Set(list.map((item) => item.code));
    const grades = known(taxonomy.gradeLevels);
    const techniques = known(taxonomy.activeLearningTechniques);
    for (const innovation of published) {
      expect(innovation.grade_levels.every((code) => grades.has(code))).toBe(true);
      expect(innovation.techniques.every((code) => techniques.has(code))).toBe(true);
      // Written in Thai, with the steps of the activity: not one template with a number changed.
      expect(innovation.title).toMatch(/[ก-๙]/);
      expect(innovation.body.length).toBeGreaterThan(400);
      expect(innovation.body).toMatch(/^\s*1\./m);
    }
    expect(new Set(published.map((i) => i.title)).size).toBe(published.length);
    expect(new Set(published.map((i) => i.summary)).size).toBe(published.length);
  });

  it('has ratings with rubric criteria, threaded comments, adoption reports, endorsements, reports and an announcement', async () => {
    expect(await count(`SELECT count(*) AS n FROM innovation_rating`)).toBeGreaterThanOrEqual(100);
    expect(
      await count(`SELECT count(*) AS n FROM innovation_comment WHERE parent_id IS NOT NULL`),
    ).toBeGreaterThan(5);
    expect(
      await count(`SELECT count(*) AS n FROM innovation_adoption WHERE length(notes) > 40`),
    ).toBeGreaterThan(10);
    expect(await count(`SELECT count(*) AS n FROM endorsement`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM announcement WHERE scope = 'area'`)).toBe(1);

    const moderator = await signIn('moderator@demo.local');
    const queue = await request(api.url).get('/api/v1/moderation/queue').set(moderator).expect(200);
    expect(queue.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('runs a marketplace: 3 partners, at least 12 live perks over the 8 categories and every fulfilment mode', async () => {
    expect(await count(`SELECT count(*) AS n FROM partner`)).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM perk WHERE status = 'live'`)).toBeGreaterThanOrEqual(12);
    expect(await count(`SELECT count(DISTINCT category) AS n FROM perk WHERE status = 'live'`)).toBe(8);
    expect(await count(`SELECT count(DISTINCT fulfilment) AS n FROM perk WHERE status = 'live'`)).toBe(3);
    expect(
      await count(
        `SELECT count(*) AS n FROM redemption WHERE status = 'fulfilled' AND voucher_code IS NOT NULL`,
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(
      await count(
        `SELECT count(*) AS n FROM redemption r JOIN perk p ON p.id = r.perk_id WHERE p.fulfilment = 'manual' AND r.status = 'pending'`,
      ),
    ).toBe(1);
  });

  it("fills the teacher's feed and wallet from the worker: points earned by the rules, a statement that tells a story", async () => {
    const teacher = await signIn('teacher@demo.local');
    const feed = await request(api.url).get('/api/v1/feed?scope=global').set(teacher).expect(200);
    expect(feed.body.items.length).toBeGreaterThanOrEqual(20);
    const mine = await request(api.url).get('/api/v1/feed?scope=mine').set(teacher).expect(200);
    expect(mine.body.items.length).toBeGreaterThan(5);

    const statement: { kind: string; reason: { code: string } }[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: { body: { items: typeof statement; nextCursor: string | null } } = await request(api.url)
        .get(`/api/v1/me/wallet/transfers${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set(teacher)
        .expect(200);
      statement.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    const reasons = new Set(statement.map((item) => item.reason.code));
    for (const code of [
      'innovation.published',
      'rating.received_high',
      'adoption.received',
      'innovation.endorsed',
    ])
      expect(reasons).toContain(code);
    expect(statement.some((item) => item.kind === 'post' || item.kind === 'hold')).toBe(true);
    // Every point the teacher has came from an earning rule (no hand-made adjustment).
    expect(
      await count(
        `SELECT count(*) AS n FROM ledger_transfer t JOIN ledger_account a ON a.id = t.credit_account_id
          JOIN member m ON m.id = a.owner_id WHERE m.email = 'teacher@demo.local' AND t.kind <> 'award'`,
      ),
    ).toBe(0);

    // Enough left to redeem at least two of the perks she may still redeem.
    const wallet = (await request(api.url).get('/api/v1/me/wallet').set(teacher).expect(200)).body as {
      spendable: number;
    };
    const catalogue = (await request(api.url).get('/api/v1/perks?sort=cost').set(teacher).expect(200)).body
      .items as { cost: number; eligible: boolean; myRemaining: number | null }[];
    const open = catalogue.filter((perk) => perk.eligible && perk.myRemaining !== 0).map((perk) => perk.cost);
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(wallet.spendable).toBeGreaterThanOrEqual(open[0]! + open[1]!);
  });

  it('has events: a national forum and an area workshop the teacher registered for, and a certificate of a past training', async () => {
    const teacher = await signIn('teacher@demo.local');
    const mine = (await request(api.url).get('/api/v1/me/events').set(teacher).expect(200)).body.items as {
      event: { kind: string; phase: string; title: string };
    }[];
    expect(mine.map((item) => [item.event.kind, item.event.phase])).toEqual(
      expect.arrayContaining([
        ['forum', 'upcoming'],
        ['workshop', 'upcoming'],
        ['workshop', 'ended'],
      ]),
    );
    const certificates = (await request(api.url).get('/api/v1/me/certificates').set(teacher).expect(200))
      .body;
    expect(certificates).toHaveLength(1);
    const code = (certificates[0].verifyUrl as string).split('/').pop();
    const verified = await request(api.url).get(`/api/v1/certificates/verify/${code}`).expect(200);
    expect(verified.body).toMatchObject({ status: 'valid', holder: 'ครูสมใจ ใฝ่เรียนรู้' });
  });

  it('leaves a ledger that verifies end to end and sums to zero', async () => {
    const admin = await signIn('obec.admin@demo.local');
    const verified = await eventually(async () => {
      const body = (await request(api.url).post('/api/v1/admin/ledger/verify').set(admin).expect(200)).body;
      return body.unchained === 0 ? body : undefined;
    }, 60_000);
    expect(verified).toMatchObject({ ok: true, firstBadSeq: null });
    expect(verified.checked).toBeGreaterThan(200);
    expect(await count(`SELECT coalesce(sum(balance), 0) AS n FROM ledger_account`)).toBe(0);
  });

  it('adds nothing when it runs a second time', async () => {
    const tables = [
      'member',
      'school',
      'role_grant',
      'auth_session',
      'partner',
      'innovation',
      'innovation_version',
      'innovation_rating',
      'innovation_comment',
      'innovation_adoption',
      'content_report',
      'endorsement',
      'perk',
      'voucher_code',
      'redemption',
      'announcement',
      'activity_event',
      'activity_registration',
      'activity_certificate',
      'ledger_transfer',
      'outbox_event',
      'feed_item',
      'notification',
    ];
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          tables.map(async (t) => [t, await count(`SELECT count(*) AS n FROM ${t}`)] as const),
        ),
      );
    const before = await snapshot();
    const second = await seedDemoCommunity({ baseUrl: api.url, databaseUrl: environment.databaseUrl });
    expect(second.added).toEqual({});
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to run in production, before it writes anything', async () => {
    const members = await count(`SELECT count(*) AS n FROM member`);
    const environmentBefore = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(
        seedDemoCommunity({ baseUrl: api.url, databaseUrl: environment.databaseUrl }),
      ).rejects.toThrow(/never seeded in production/);
    } finally {
      process.env.NODE_ENV = environmentBefore;
    }
    expect(await count(`SELECT count(*) AS n FROM member`)).toBe(members);
  });

  it('lets the demo teacher redeem a perk', async () => {
    const teacher = await signIn('teacher@demo.local');
    const catalogue = (await request(api.url).get('/api/v1/perks?sort=cost').set(teacher).expect(200)).body
      .items as { id: string; eligible: boolean; myRemaining: number | null; stockLeft: number | null }[];
    const perk = catalogue.find((p) => p.eligible && p.myRemaining !== 0 && p.stockLeft !== 0)!;
    const redeemed = await request(api.url)
      .post(`/api/v1/perks/${perk.id}/redemptions`)
      .set(teacher)
      .set('idempotency-key', 'demo-test-redeem')
      .send({});
    expect(redeemed.status).toBe(201);
  });
});
