import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { createEvent, DAY, eventBody } from '../activities/activities-world';

/**
 * ID PLANs (แผนพัฒนาตนเองรายบุคคล): a teacher plans a fiscal year's growth linked to a training perk and an
 * innovation, checks in, shares the plan with a supervisor who comments; nobody else sees it.
 */
describe('Recognition: ID PLANs', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let teacher: GivenMember;
  let supervisor: GivenMember;
  let colleague: GivenMember;
  let trainingPerk: string;
  let voucherPerk: string;
  let innovationId: string;
  let eventId: string;
  let cancelledEventId: string;

  const http = () => request(api.url);

  const livePerk = async (staff: GivenMember, category: string) => {
    const created = await http()
      .post('/api/v1/partner/perks')
      .set(staff.auth)
      .send({ title: `อบรมครู ${category}`, category, cost: 10, stock: null, fulfilment: 'manual' })
      .expect(201);
    await http().post(`/api/v1/partner/perks/${created.body.id}/submit`).set(staff.auth).expect(200);
    return created.body.id as string;
  };

  beforeAll(async () => {
    environment = await createTestEnvironment({ LOG_LEVEL: 'error' });
    api = await startTestApp(environment);
    given = new Given(api);
    const school = await given.school('P81', 'โรงเรียนแผนพัฒนา');
    teacher = await given.member({ schoolId: school.id });
    colleague = await given.member({ schoolId: school.id });
    supervisor = await given.member({ memberKind: 'supervisor' });
    const partner = await given.partner('มูลนิธิพัฒนาครู');
    const staff = await given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] });
    const obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    trainingPerk = await livePerk(staff, 'training');
    voucherPerk = await livePerk(staff, 'voucher');
    for (const id of [trainingPerk, voucherPerk])
      await http().post(`/api/v1/admin/perks/${id}/approve`).set(obec.auth).expect(200);
    const draft = await http()
      .post('/api/v1/innovations')
      .set(colleague.auth)
      .send(fullInnovation())
      .expect(201);
    innovationId = draft.body.id;
    await http().post(`/api/v1/innovations/${innovationId}/publish`).set(colleague.auth).expect(200);
    eventId = (await createEvent(api, obec, eventBody(api, [{ startsInMs: 7 * DAY, minutes: 180 }]))).id;
    cancelledEventId = (await createEvent(api, obec, eventBody(api, [{ startsInMs: 8 * DAY, minutes: 60 }])))
      .id;
    await http()
      .post(`/api/v1/events/${cancelledEventId}/cancel`)
      .set(obec.auth)
      .send({ reason: 'วิทยากรติดภารกิจ' })
      .expect(200);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const plan = () => ({
    fiscalYear: 2570,
    title: 'พัฒนาการจัดการเรียนรู้เชิงรุกด้วยโครงงาน',
    goals: [
      { competency: 'CBC-HT', targetLevel: 4, note: 'ให้นักเรียนตั้งคำถามเอง' },
      { competency: 'KC51-COM', targetLevel: 3 },
    ],
    activities: [
      { kind: 'perk', refId: trainingPerk, title: 'อบรมการออกแบบการเรียนรู้เชิงรุก', dueOn: '2027-01-31' },
      { kind: 'innovation', refId: innovationId, title: 'ทดลองใช้เกมเศษส่วนกับ ป.5', dueOn: '2027-02-28' },
      { kind: 'event', refId: eventId, title: 'เข้าร่วมอบรมเชิงปฏิบัติการ Active Learning' },
      { kind: 'other', title: 'สังเกตการสอนเพื่อนครู' },
    ],
  });

  it('writes a plan linked to a training perk, an innovation and an event, one per fiscal year', async () => {
    const created = await http()
      .post('/api/v1/me/development-plans')
      .set(teacher.auth)
      .send(plan())
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'พัฒนาการจัดการเรียนรู้เชิงรุกด้วยโครงงาน',
      fiscalYear: { year: 2570, th: 'ปีงบประมาณ 2570' },
      showOnPortfolio: false,
      progress: 0,
      goals: [
        { competency: 'CBC-HT', th: 'การคิดขั้นสูง', targetLevel: 4, note: 'ให้นักเรียนตั้งคำถามเอง' },
        { competency: 'KC51-COM', en: 'Communication capacity', targetLevel: 3, note: null },
      ],
      activities: [
        { kind: 'perk', refId: trainingPerk, dueOn: '2027-01-31', done: false },
        { kind: 'innovation', refId: innovationId, dueOn: '2027-02-28' },
        { kind: 'event', refId: eventId, dueOn: null },
        { kind: 'other', refId: null, dueOn: null },
      ],
    });
    const twice = await http().post('/api/v1/me/development-plans').set(teacher.auth).send(plan());
    expect([twice.status, twice.body.code]).toEqual([409, 'RECOGNITION_PLAN_EXISTS']);
    const mine = await http()
      .get('/api/v1/me/development-plans?fiscalYear=2570')
      .set(teacher.auth)
      .expect(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    expect(
      (await http().get('/api/v1/me/development-plans?fiscalYear=2569').set(teacher.auth).expect(200)).body
        .items,
    ).toEqual([]);
  });

  it('refuses a perk that is not a training, an unknown competency and bad dates, with 400 codes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { activities: [{ kind: 'perk', refId: voucherPerk, title: 'บัตรกำนัล' }] },
        'RECOGNITION_PLAN_PERK_NOT_TRAINING',
      ],
      [
        { activities: [{ kind: 'innovation', refId: '00000000-0000-4000-8000-000000000000', title: 'x' }] },
        'RECOGNITION_PLAN_INNOVATION_NOT_FOUND',
      ],
      [
        { activities: [{ kind: 'event', refId: cancelledEventId, title: 'กิจกรรมที่ถูกยกเลิก' }] },
        'RECOGNITION_PLAN_EVENT_NOT_FOUND',
      ],
      [{ goals: [{ competency: 'FLYING', targetLevel: 3 }] }, 'RECOGNITION_PLAN_INVALID'],
      [{ activities: [{ kind: 'other', title: 'x', dueOn: '2027-02-30' }] }, 'RECOGNITION_PLAN_INVALID'],
      [{ goals: [{ competency: 'CBC-HT', targetLevel: 9 }] }, 'VALIDATION_FAILED'],
    ];
    const [existing] = (await http().get('/api/v1/me/development-plans?fiscalYear=2570').set(teacher.auth))
      .body.items as { id: string }[];
    for (const [changes, code] of cases) {
      const refused = await http()
        .patch(`/api/v1/me/development-plans/${existing!.id}`)
        .set(teacher.auth)
        .send(changes);
      expect([refused.status, refused.body.code]).toEqual([400, code]);
    }
    // Nothing changed by the refusals.
    expect(
      (await http().get(`/api/v1/development-plans/${existing!.id}`).set(teacher.auth).expect(200)).body
        .activities,
    ).toHaveLength(4);
  });

  it('checks in with progress and reflection, and shares with a supervisor who comments; no one else sees it', async () => {
    const [existing] = (
      await http().get('/api/v1/me/development-plans').query({ fiscalYear: 2570 }).set(teacher.auth)
    ).body.items as { id: string }[];
    const id = existing!.id;
    const checked = await http()
      .post(`/api/v1/me/development-plans/${id}/check-ins`)
      .set(teacher.auth)
      .send({ progress: 40, reflection: 'อบรมเสร็จแล้ว เริ่มทดลองใช้เกมในชั้นเรียน' })
      .expect(201);
    expect(checked.body.progress).toBe(40);
    expect(checked.body.checkIns[0]).toMatchObject({ progress: 40 });

    // Others: not the owner's to edit, not theirs to read (404, the plan is not theirs to know of).
    const edit = await http()
      .patch(`/api/v1/me/development-plans/${id}`)
      .set(colleague.auth)
      .send({ title: 'x' });
    expect([edit.status, edit.body.code]).toEqual([404, 'RECOGNITION_PLAN_NOT_FOUND']);
    expect((await http().get(`/api/v1/development-plans/${id}`).set(supervisor.auth)).status).toBe(404);

    const wrong = await http()
      .post(`/api/v1/me/development-plans/${id}/share`)
      .set(teacher.auth)
      .send({ memberId: colleague.id });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'RECOGNITION_PLAN_SHARE_KIND']);
    const shared = await http()
      .post(`/api/v1/me/development-plans/${id}/share`)
      .set(teacher.auth)
      .send({ memberId: supervisor.id })
      .expect(201);
    expect(shared.body.sharedWith).toEqual([
      expect.objectContaining({ id: supervisor.id, memberKind: 'supervisor' }),
    ]);

    const list = await http()
      .get('/api/v1/development-plans/shared-with-me')
      .set(supervisor.auth)
      .expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    await http()
      .post(`/api/v1/development-plans/${id}/comments`)
      .set(supervisor.auth)
      .send({ body: 'เป้าหมายชัดเจนดีครับ ลองเพิ่มการประเมินผลผู้เรียนด้วย' })
      .expect(201);
    const seen = await http().get(`/api/v1/development-plans/${id}`).set(teacher.auth).expect(200);
    expect(seen.body.comments).toEqual([
      expect.objectContaining({
        author: expect.objectContaining({ id: supervisor.id }),
        body: expect.stringContaining('เป้าหมาย'),
      }),
    ]);
    const stranger = await http()
      .post(`/api/v1/development-plans/${id}/comments`)
      .set(colleague.auth)
      .send({ body: 'ขอดูด้วย' });
    expect([stranger.status, stranger.body.code]).toEqual([404, 'RECOGNITION_PLAN_NOT_FOUND']);
    expect(
      (await http().get('/api/v1/development-plans/shared-with-me').set(colleague.auth).expect(200)).body
        .items,
    ).toEqual([]);
  });
});
