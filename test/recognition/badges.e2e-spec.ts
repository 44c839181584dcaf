import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

const rating = (overall: number) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: 4, competencyFit: 4 },
});

interface Award {
  id: string;
  badge: { code: string; th: string; en: string; image: string };
  revoked: boolean;
  credentialId: string | null;
  credentialUrl: string | null;
}

/**
 * Badges: defined in Thai and English by OBEC, awarded automatically and exactly once, each award a signed Open
 * Badges 3.0 credential that anyone can fetch and verify, and that stops verifying when the badge is taken back.
 */
describe('Recognition: badges and their verifiable credentials', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let school: GivenSchool;
  let peers: GivenMember[];
  let obec: GivenMember;
  const peerInnovations: string[] = [];

  const http = () => request(api.url);
  const publish = async (who: GivenMember, title: string) => {
    const draft = await http()
      .post('/api/v1/innovations')
      .set(who.auth)
      .send(fullInnovation({ title }))
      .expect(201);
    await http().post(`/api/v1/innovations/${draft.body.id}/publish`).set(who.auth).expect(200);
    return draft.body.id as string;
  };
  const awardsOf = async (memberId: string) =>
    (await http().get(`/api/v1/members/${memberId}/badges`).expect(200)).body as Award[];
  const caughtUp = () =>
    eventually(async () => {
      const [row] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_event WHERE relayed_at IS NULL`,
      );
      return row.n === 0 ? true : undefined;
    });

  beforeAll(async () => {
    // Room for ten ratings a minute by one member.
    environment = await createTestEnvironment({ LOG_LEVEL: 'error', RATING_LIMIT_PER_MINUTE: '50' });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    school = await given.school('P81', 'โรงเรียนเหรียญตรา');
    peers = await given.members(10, { schoolId: (await given.school('P81', 'โรงเรียนเพื่อน')).id });
    obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    for (const [index, peer] of peers.entries())
      peerInnovations.push(await publish(peer, `นวัตกรรมให้คะแนน ${index + 1}`));
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  it('lists the badges in Thai and English, each with its picture', async () => {
    const badges = (await http().get('/api/v1/badges').expect(200)).body as Award['badge'][];
    expect(badges.map((b) => b.code)).toEqual([
      'adopted_ten',
      'first_innovation',
      'helpful_reviewer',
      'partner_endorsed',
      'quality_innovator',
      // Added with events (migration EventCriteria), after the first five.
      'forum_completed',
    ]);
    const first = badges.find((b) => b.code === 'first_innovation')!;
    expect([first.th, first.en]).toEqual(['นวัตกรรมชิ้นแรก', 'First innovation']);
    const image = await http().get(new URL(first.image).pathname).expect(200);
    expect(image.headers['content-type']).toContain('image/svg+xml');
    expect(String(image.text ?? image.body)).toContain('<title>First innovation</title>');
    const missing = await http().get('/api/v1/badges/no_such_badge');
    expect([missing.status, missing.body.code]).toEqual([404, 'RECOGNITION_BADGE_NOT_FOUND']);
  });

  it('awards a first innovation’s badge within seconds, as a credential anyone can fetch and verify', async () => {
    const author = await given.member({ schoolId: school.id });
    await publish(author, 'เกมการเรียนรู้เศษส่วน');
    const awards = await eventually(async () => {
      const list = await awardsOf(author.id);
      return list.some((a) => a.badge.code === 'first_innovation') ? list : undefined;
    }, 5_000);
    const award = awards.find((a) => a.badge.code === 'first_innovation')!;
    expect(award.revoked).toBe(false);
    expect(award.credentialUrl).toMatch(new RegExp(`/api/v1/credentials/${award.credentialId}$`));

    const credential = (await http().get(`/api/v1/credentials/${award.credentialId}`).expect(200)).body;
    expect(credential.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']));
    expect(JSON.stringify(credential.credentialSubject)).toContain(author.id);
    expect(JSON.stringify(credential.credentialSubject.achievement)).toContain('First innovation');
    const verified = await http().post('/api/v1/credentials/verify').send({ credential }).expect(200);
    expect(verified.body.verified).toBe(true);

    // The member hears of it once: a notification and an item in their feed.
    await eventually(async () => {
      const notes = (await http().get('/api/v1/notifications').set(author.auth).expect(200)).body.items as {
        type: string;
        title: { en: string };
      }[];
      const badges = notes.filter((n) => n.type === 'badge.awarded');
      return badges.length === 1 && badges[0]!.title.en === 'You earned the badge “First innovation”'
        ? true
        : undefined;
    });
  });

  it('awards a badge exactly once when ten qualifying events come in at once', async () => {
    await http()
      .post('/api/v1/admin/recognition/badges')
      .set(obec.auth)
      .send({
        code: 'first_review',
        th: 'รีวิวแรก',
        en: 'First review',
        description: {
          th: 'ให้คะแนนนวัตกรรมของเพื่อนครูครั้งแรก',
          en: 'Rated a peer’s innovation for the first time',
        },
        criteria: { th: 'ให้คะแนนนวัตกรรมของผู้อื่นอย่างน้อย 1 ครั้ง', en: 'Rate another member’s innovation once' },
        criterion: 'feedback_given',
        required: 1,
        colour: 'indigo',
      })
      .expect(201);
    const reviewer = await given.member({ schoolId: school.id });
    const ratings = await Promise.all(
      peerInnovations.map((id) =>
        http().put(`/api/v1/innovations/${id}/rating`).set(reviewer.auth).send(rating(4)),
      ),
    );
    expect(ratings.map((r) => r.status)).toEqual(Array(10).fill(200));
    await eventually(async () =>
      (await awardsOf(reviewer.id)).some((a) => a.badge.code === 'first_review') ? true : undefined,
    );
    await caughtUp();
    const [counts] = await api.dataSource.query(
      `SELECT (SELECT count(*)::int FROM badge_award WHERE member_id = $1 AND badge_code = 'first_review') AS awards,
              (SELECT count(*)::int FROM badge_credential c JOIN badge_award a ON a.id = c.award_id
                WHERE a.member_id = $1 AND a.badge_code = 'first_review') AS credentials,
              (SELECT count(*)::int FROM outbox_event WHERE type = 'recognition.badge_awarded'
                AND payload->>'memberId' = $1::text AND payload->>'badge' = 'first_review') AS events`,
      [reviewer.id],
    );
    expect(counts).toEqual({ awards: 1, credentials: 1, events: 1 });
    // Every one of the ten events is handled by recognition (relayed is not yet handled: wait for the subscriber).
    const handled = async () =>
      (
        await api.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM outbox_event o JOIN processed_event p ON p.event_id = o.id
           WHERE p.subscriber = 'recognition' AND o.type = 'rating.submitted' AND o.payload->>'actorId' = $1`,
          [reviewer.id],
        )
      )[0]!.n;
    await eventually(async () => ((await handled()) === 10 ? true : undefined));
    const [after] = await api.dataSource.query(
      `SELECT count(*)::int AS awards FROM badge_award WHERE member_id = $1 AND badge_code = 'first_review'`,
      [reviewer.id],
    );
    expect(after.awards).toBe(1);
  });

  it('lets OBEC define and change badges, refusing bad ones with 400 and a second code with 409', async () => {
    const body = {
      code: 'bad code',
      th: 'x',
      en: 'x',
      description: { th: 'x', en: 'x' },
      criteria: { th: 'x', en: 'x' },
      criterion: 'feedback_given',
      required: 1,
    };
    const bad = await http().post('/api/v1/admin/recognition/badges').set(obec.auth).send(body);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await http()
      .post('/api/v1/admin/recognition/badges')
      .set(obec.auth)
      .send({ ...body, code: 'likes_many', criterion: 'likes' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const twice = await http()
      .post('/api/v1/admin/recognition/badges')
      .set(obec.auth)
      .send({ ...body, code: 'first_innovation' });
    expect([twice.status, twice.body.code]).toEqual([409, 'RECOGNITION_BADGE_EXISTS']);

    const changed = await http()
      .put('/api/v1/admin/recognition/badges/first_review')
      .set(obec.auth)
      .send({
        th: 'รีวิวแรก',
        en: 'First review',
        description: { th: 'ให้คะแนนนวัตกรรมของเพื่อนครู', en: 'Rated a peer’s innovation' },
        criteria: { th: 'ให้คะแนนอย่างน้อย 1 ครั้ง', en: 'Rate once' },
        criterion: 'feedback_given',
        required: 1,
        active: false,
      })
      .expect(200);
    expect(changed.body.active).toBe(false);
    // Inactive badges leave the public list, stay in the admins' and in the awards.
    expect(
      ((await http().get('/api/v1/badges').expect(200)).body as { code: string }[]).map((b) => b.code),
    ).not.toContain('first_review');
    expect(
      (
        (await http().get('/api/v1/admin/recognition/badges').set(obec.auth).expect(200)).body as {
          code: string;
        }[]
      ).map((b) => b.code),
    ).toContain('first_review');
  });

  it('takes a badge back with a reason: its credential no longer verifies and the status check says why', async () => {
    const author = await given.member({ schoolId: school.id });
    await publish(author, 'นวัตกรรมที่จะถูกเพิกถอนเหรียญ');
    const award = await eventually(async () =>
      (await awardsOf(author.id)).find((a) => a.badge.code === 'first_innovation'),
    );
    const credential = (await http().get(`/api/v1/credentials/${award.credentialId}`).expect(200)).body;
    expect(
      (await http().post('/api/v1/credentials/verify').send({ credential }).expect(200)).body.verified,
    ).toBe(true);
    const revoked = await http()
      .post(`/api/v1/admin/recognition/badge-awards/${award.id}/revoke`)
      .set(obec.auth)
      .send({ reason: 'ผลงานไม่ใช่ของผู้รับเหรียญ' })
      .expect(200);
    expect(revoked.body).toMatchObject({ revoked: true, revokedReason: 'ผลงานไม่ใช่ของผู้รับเหรียญ' });
    const after = (await http().post('/api/v1/credentials/verify').send({ credential }).expect(200)).body as {
      verified: boolean;
      checks: { check: string; ok: boolean }[];
    };
    expect(after.verified).toBe(false);
    expect(after.checks.find((c) => c.check === 'status')?.ok).toBe(false);
    expect(after.checks.find((c) => c.check === 'proof')?.ok).toBe(true);
    const again = await http()
      .post(`/api/v1/admin/recognition/badge-awards/${award.id}/revoke`)
      .set(obec.auth)
      .send({ reason: 'ซ้ำอีกครั้ง' });
    expect([again.status, again.body.code]).toEqual([409, 'RECOGNITION_AWARD_REVOKED']);
  });
});
