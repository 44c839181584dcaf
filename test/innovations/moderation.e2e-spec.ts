import request from 'supertest';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { fullInnovation } from '../support/fixtures';

describe('Moderation: a safe space', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let author: GivenMember;
  let member: GivenMember;
  let moderator: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment({ MODERATION_AUTO_HIDE_REPORTS: '3' });
    api = await startTestApp(environment);
    given = new Given(api);
    author = await given.member({ schoolId: (await given.school('P81')).id });
    member = await given.member();
    moderator = await given.member({ roles: [{ role: 'moderator' }] });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const publish = async (title: string) => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title, tags: ['ตรวจสอบเนื้อหา'] }))
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
    return draft.body.id as string;
  };
  const listed = async (who: GivenMember | null, query: Record<string, string> = { q: 'ตรวจสอบเนื้อหา' }) => {
    const call = request(api.url).get('/api/v1/innovations').query(query);
    if (who) call.set(who.auth);
    return (await call.expect(200)).body.items.map((i: { id: string }) => i.id) as string[];
  };

  it('hides content from members and guests but not from moderators or its author (who sees why); restore brings it back', async () => {
    const id = await publish('สื่อการสอนที่ถูกซ่อน');
    expect(await listed(member)).toContain(id);

    const hidden = await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/hide`)
      .set(moderator.auth)
      .send({ note: 'ละเมิดลิขสิทธิ์ รอตรวจสอบ' })
      .expect(200);
    expect(hidden.body.status).toBe('hidden');
    expect(await listed(member)).not.toContain(id);
    expect(await listed(null)).not.toContain(id);
    expect(await listed(member, { sort: 'newest' })).not.toContain(id);
    await request(api.url).get(`/api/v1/innovations/${id}`).set(member.auth).expect(404);
    await request(api.url).get(`/api/v1/innovations/${id}/comments`).expect(404);
    await request(api.url)
      .put(`/api/v1/innovations/${id}/rating`)
      .set(member.auth)
      .send({ overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 5, competencyFit: 5 } })
      .expect(404);

    expect(await listed(moderator)).toContain(id);
    const forModerator = await request(api.url)
      .get(`/api/v1/innovations/${id}`)
      .set(moderator.auth)
      .expect(200);
    expect(forModerator.body).toMatchObject({ status: 'hidden', moderationReason: 'ละเมิดลิขสิทธิ์ รอตรวจสอบ' });
    const forAuthor = await request(api.url).get(`/api/v1/innovations/${id}`).set(author.auth).expect(200);
    expect(forAuthor.body).toMatchObject({ status: 'hidden', moderationReason: 'ละเมิดลิขสิทธิ์ รอตรวจสอบ' });

    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/restore`)
      .set(moderator.auth)
      .send({ note: 'ตรวจสอบแล้วไม่พบปัญหา' })
      .expect(200);
    expect(await listed(member)).toContain(id);
    const restored = await request(api.url).get(`/api/v1/innovations/${id}`).set(member.auth).expect(200);
    expect(restored.body.moderationReason).toBeUndefined();

    const audit = await api.dataSource.query(
      `SELECT action, actor_id, reason FROM audit_log WHERE target_id = $1 ORDER BY seq`,
      [id],
    );
    expect(audit).toEqual([
      { action: 'innovation.hidden', actor_id: moderator.id, reason: 'ละเมิดลิขสิทธิ์ รอตรวจสอบ' },
      { action: 'innovation.restored', actor_id: moderator.id, reason: 'ตรวจสอบแล้วไม่พบปัญหา' },
    ]);
    const events = await api.dataSource.query(
      `SELECT type FROM outbox_event WHERE payload->>'innovationId' = $1 ORDER BY seq`,
      [id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'innovation.published',
      'innovation.hidden',
      'innovation.restored',
    ]);
  });

  it('hides content reported by enough distinct members until review, and queues it for moderators', async () => {
    const id = await publish('สื่อที่ถูกรายงาน');
    const reporters = await Promise.all([given.member(), given.member(), given.member()]);
    await request(api.url)
      .post(`/api/v1/innovations/${id}/reports`)
      .set(reporters[0]!.auth)
      .send({ reason: 'เนื้อหาไม่เหมาะสม' })
      .expect(201);
    const again = await request(api.url)
      .post(`/api/v1/innovations/${id}/reports`)
      .set(reporters[0]!.auth)
      .send({ reason: 'ซ้ำอีกครั้ง' })
      .expect(409);
    expect(again.body.code).toBe('REPORT_ALREADY_MADE');
    await request(api.url)
      .post(`/api/v1/innovations/${id}/reports`)
      .set(reporters[1]!.auth)
      .send({ reason: 'คัดลอกมา' })
      .expect(201);
    expect(await listed(member)).toContain(id);
    const third = await request(api.url)
      .post(`/api/v1/innovations/${id}/reports`)
      .set(reporters[2]!.auth)
      .send({ reason: 'ไม่ถูกต้อง' })
      .expect(201);
    expect(third.body.autoHidden).toBe(true);
    expect(await listed(member)).not.toContain(id);

    const queue = await request(api.url).get('/api/v1/moderation/queue').set(moderator.auth).expect(200);
    const entry = queue.body.items.find((i: { id: string }) => i.id === id);
    expect(entry).toMatchObject({ status: 'hidden', openReports: 3 });
    expect(entry.reports.map((r: { reason: string }) => r.reason).sort()).toEqual(
      ['คัดลอกมา', 'ไม่ถูกต้อง', 'เนื้อหาไม่เหมาะสม'].sort(),
    );

    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/remove`)
      .set(moderator.auth)
      .send({ note: 'ลบถาวร' })
      .expect(200);
    await request(api.url).get(`/api/v1/innovations/${id}`).set(member.auth).expect(404);
    const afterQueue = await request(api.url).get('/api/v1/moderation/queue').set(moderator.auth).expect(200);
    expect(afterQueue.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const restore = await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/restore`)
      .set(moderator.auth)
      .send({ note: 'กู้คืน' })
      .expect(409);
    expect(restore.body.code).toBe('MODERATION_INVALID_TRANSITION');
    const reported = await api.dataSource.query(
      `SELECT payload FROM outbox_event WHERE type = 'content.reported' AND payload->>'innovationId' = $1 ORDER BY seq`,
      [id],
    );
    expect(reported.map((e: { payload: { autoHidden: boolean } }) => e.payload.autoHidden)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('keeps moderation to moderators and OBEC admins', async () => {
    const id = await publish('สื่อทั่วไป');
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/hide`)
      .set(member.auth)
      .send({ note: 'ซ่อน' })
      .expect(403);
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/hide`)
      .set(author.auth)
      .send({ note: 'ซ่อน' })
      .expect(403);
    await request(api.url).get('/api/v1/moderation/queue').set(member.auth).expect(403);
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/hide`)
      .set(moderator.auth)
      .send({})
      .expect(400);
  });
});
