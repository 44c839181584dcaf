import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { MailRunner } from '@lc/community';
import { FeedSubscription, NotificationsSubscription } from '@lc/community';
import { EventEnvelope } from '@lc/messaging';
import { EventHandlerRegistry } from '@lc/messaging';
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

const ratingBody = { overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 4, competencyFit: 5 } };

describe('Feed, follows, notifications and announcements', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let mailDir: string;
  let schoolA: GivenSchool;
  let schoolB: GivenSchool;
  let author: GivenMember;
  let colleague: GivenMember; // same school as the author
  let elsewhere: GivenMember; // another area
  let moderator: GivenMember;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'lc-test-mail-'));
    // The digest hour is 0 so the sweep sends digests whatever the time of day.
    environment = await createTestEnvironment({
      MAIL_TRANSPORT: 'file',
      MAIL_DIR: mailDir,
      DIGEST_HOUR: '0',
    });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    schoolA = await given.school('P81', 'โรงเรียนต้นแบบ');
    schoolB = await given.school('P10', 'โรงเรียนในเมือง');
    author = await given.member({ schoolId: schoolA.id });
    colleague = await given.member({ schoolId: schoolA.id });
    elsewhere = await given.member({ schoolId: schoolB.id });
    moderator = await given.member({ roles: [{ role: 'moderator' }] });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
    await rm(mailDir, { recursive: true, force: true });
  });

  const publish = async (who: GivenMember, title: string, learningAreas = ['MAT']) => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(who.auth)
      .send(fullInnovation({ title, learningAreas }))
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(who.auth).expect(200);
    return draft.body.id as string;
  };
  const feed = async (who: GivenMember, scope: string, cursor?: string) =>
    (
      await request(api.url)
        .get('/api/v1/feed')
        .query({ scope, ...(cursor ? { cursor } : {}) })
        .set(who.auth)
        .expect(200)
    ).body as {
      items: {
        kind: string;
        innovationId: string | null;
        title: { th: string };
        body: { th: string; en: string };
      }[];
      nextCursor: string | null;
    };
  const hasInnovation = async (who: GivenMember, scope: string, id: string) =>
    (await feed(who, scope)).items.some((item) => item.innovationId === id);
  const inbox = async (who: GivenMember) =>
    (await request(api.url).get('/api/v1/notifications').set(who.auth).expect(200)).body as {
      items: { id: string; type: string; title: { th: string; en: string }; read: boolean }[];
      unread: number;
      nextCursor: string | null;
    };

  it('puts a published innovation in the global, area and school feeds, and following for followers only', async () => {
    const follower = await given.member();
    const areaFollower = await given.member();
    await request(api.url)
      .post('/api/v1/follows')
      .set(follower.auth)
      .send({ targetType: 'member', targetId: author.id })
      .expect(201);
    await request(api.url)
      .post('/api/v1/follows')
      .set(areaFollower.auth)
      .send({ targetType: 'learningArea', targetId: 'SCI' })
      .expect(201);
    const id = await publish(author, 'สะพานน้ำหนักเบาจากหลอดกาแฟ', ['SCI']);

    await eventually(async () => ((await hasInnovation(colleague, 'global', id)) ? true : undefined));
    expect(await hasInnovation(colleague, 'area', id)).toBe(true);
    expect(await hasInnovation(colleague, 'school', id)).toBe(true);
    expect(await hasInnovation(elsewhere, 'area', id)).toBe(false);
    expect(await hasInnovation(elsewhere, 'school', id)).toBe(false);
    expect(await hasInnovation(follower, 'following', id)).toBe(true);
    expect(await hasInnovation(areaFollower, 'following', id)).toBe(true);
    expect(await hasInnovation(colleague, 'following', id)).toBe(false);
    const item = (await feed(colleague, 'global')).items.find((i) => i.innovationId === id)!;
    expect(item.kind).toBe('innovation.published');
    expect(item.body.th).toContain('สะพานน้ำหนักเบาจากหลอดกาแฟ');
    expect(item.body.en).toContain('published');
  });

  it('tells the author when their work is rated: a notification, a "mine" item, and the points', async () => {
    const id = await publish(author, 'เกมบันไดงูคำศัพท์');
    const before = (await inbox(author)).unread;
    await request(api.url)
      .put(`/api/v1/innovations/${id}/rating`)
      .set(colleague.auth)
      .send(ratingBody)
      .expect(200);
    const box = await eventually(async () => {
      const current = await inbox(author);
      return current.items.some((n) => n.type === 'rating.received') ? current : undefined;
    });
    const rated = box.items.find((n) => n.type === 'rating.received')!;
    expect(rated.title.th).toBe('มีผู้ให้คะแนนนวัตกรรมของคุณ');
    expect(rated.read).toBe(false);
    expect(box.unread).toBeGreaterThan(before);
    await eventually(async () => {
      const mine = (await feed(author, 'mine')).items;
      return mine.some((i) => i.kind === 'rating.submitted' && i.innovationId === id) &&
        mine.some((i) => i.kind === 'points.changed')
        ? true
        : undefined;
    });
    // The rater's own feed of "mine" says nothing about it.
    expect((await feed(colleague, 'mine')).items.some((i) => i.innovationId === id)).toBe(false);
  });

  it('marks read by ids (only my own) and all; unread counts follow', async () => {
    const id = await publish(author, 'ห้องเรียนกลับด้านวิชาประวัติศาสตร์');
    await request(api.url)
      .post(`/api/v1/innovations/${id}/comments`)
      .set(colleague.auth)
      .send({ body: 'ดีมากครับ' })
      .expect(201);
    await request(api.url)
      .post(`/api/v1/innovations/${id}/comments`)
      .set(elsewhere.auth)
      .send({ body: 'ขอบคุณค่ะ' })
      .expect(201);
    const box = await eventually(async () => {
      const current = await inbox(author);
      return current.items.filter((n) => n.type === 'comment.received' && !n.read).length >= 2
        ? current
        : undefined;
    });
    const [first, second] = box.items.filter((n) => n.type === 'comment.received');
    // Someone else cannot mark my notifications read.
    await request(api.url)
      .post('/api/v1/notifications/read')
      .set(colleague.auth)
      .send({ ids: [first!.id] })
      .expect(200);
    expect((await inbox(author)).items.find((n) => n.id === first!.id)!.read).toBe(false);

    const afterOne = await request(api.url)
      .post('/api/v1/notifications/read')
      .set(author.auth)
      .send({ ids: [first!.id] })
      .expect(200);
    expect(afterOne.body.unread).toBe(box.unread - 1);
    expect((await inbox(author)).items.find((n) => n.id === second!.id)!.read).toBe(false);
    const afterAll = await request(api.url)
      .post('/api/v1/notifications/read')
      .set(author.auth)
      .send({ all: true })
      .expect(200);
    expect(afterAll.body.unread).toBe(0);
    expect((await inbox(author)).items.every((n) => n.read)).toBe(true);

    const bad = await request(api.url)
      .post('/api/v1/notifications/read')
      .set(author.auth)
      .send({ ids: ['nope'] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('keeps hidden content out of every feed, and brings it back when restored', async () => {
    const id = await publish(author, 'สื่อที่จะถูกซ่อนชั่วคราว');
    await eventually(async () => ((await hasInnovation(colleague, 'global', id)) ? true : undefined));
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/hide`)
      .set(moderator.auth)
      .send({ note: 'รอตรวจสอบลิขสิทธิ์' })
      .expect(200);
    for (const scope of ['global', 'area', 'school'])
      expect(await hasInnovation(colleague, scope, id)).toBe(false);
    const told = await eventually(async () => {
      const box = await inbox(author);
      return box.items.find((n) => n.type === 'content.moderated');
    });
    expect(told.title.en).toBe('Your innovation was hidden');
    await request(api.url)
      .post(`/api/v1/moderation/innovations/${id}/restore`)
      .set(moderator.auth)
      .send({ note: 'ตรวจสอบแล้ว' })
      .expect(200);
    expect(await hasInnovation(colleague, 'global', id)).toBe(true);
  });

  it('pages a feed by cursor, newest first, without repeats', async () => {
    const prolific = await given.member({ schoolId: schoolB.id });
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await publish(prolific, `ใบงานชุดที่ ${i + 1}`));
    const reader = await given.member();
    await request(api.url)
      .post('/api/v1/follows')
      .set(reader.auth)
      .send({ targetType: 'member', targetId: prolific.id })
      .expect(201);
    await eventually(async () => {
      const everything = [] as string[];
      let next: string | null | undefined;
      do {
        const page = await feed(reader, 'following', next ?? undefined);
        everything.push(...page.items.map((i) => i.innovationId!));
        next = page.nextCursor;
      } while (next);
      return everything.length === 23 ? everything : undefined;
    }).then((everything) => {
      expect(new Set(everything).size).toBe(23);
      expect(everything).toEqual([...ids].reverse());
    });
    const first = await feed(reader, 'following');
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await feed(reader, 'following', first.nextCursor!);
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('follows: lists, refuses self, unknown targets and duplicates with clear codes, and unfollows only my own', async () => {
    const me = await given.member();
    const self = await request(api.url)
      .post('/api/v1/follows')
      .set(me.auth)
      .send({ targetType: 'member', targetId: me.id })
      .expect(400);
    expect(self.body.code).toBe('FOLLOW_SELF');
    const unknownArea = await request(api.url)
      .post('/api/v1/follows')
      .set(me.auth)
      .send({ targetType: 'learningArea', targetId: 'XYZ' })
      .expect(404);
    expect(unknownArea.body.code).toBe('FOLLOW_TARGET_NOT_FOUND');
    const badType = await request(api.url)
      .post('/api/v1/follows')
      .set(me.auth)
      .send({ targetType: 'school', targetId: 'x' })
      .expect(400);
    expect(badType.body.code).toBe('VALIDATION_FAILED');
    const created = await request(api.url)
      .post('/api/v1/follows')
      .set(me.auth)
      .send({ targetType: 'learningArea', targetId: 'THA' })
      .expect(201);
    expect(created.body).toMatchObject({ targetType: 'learningArea', targetId: 'THA' });
    expect(created.body.target.label.th).toBeTruthy();
    const again = await request(api.url)
      .post('/api/v1/follows')
      .set(me.auth)
      .send({ targetType: 'learningArea', targetId: 'THA' })
      .expect(409);
    expect(again.body.code).toBe('FOLLOW_EXISTS');
    expect((await request(api.url).get('/api/v1/follows').set(me.auth).expect(200)).body.items).toHaveLength(
      1,
    );
    await request(api.url).delete(`/api/v1/follows/${created.body.id}`).set(colleague.auth).expect(404);
    await request(api.url).delete(`/api/v1/follows/${created.body.id}`).set(me.auth).expect(204);
    expect((await request(api.url).get('/api/v1/follows').set(me.auth).expect(200)).body.items).toHaveLength(
      0,
    );
  });

  it('respects preferences: in-app off means no inbox row; e-mail on sends a Thai and English e-mail once', async () => {
    const writer = await given.member();
    const reader = await given.member();
    const prefs = await request(api.url)
      .put('/api/v1/me/notification-preferences')
      .set(writer.auth)
      .send({ channels: { 'comment.received': { inApp: false, email: true } } })
      .expect(200);
    expect(prefs.body.channels['comment.received']).toEqual({ inApp: false, email: true });
    expect(prefs.body.channels['rating.received']).toEqual({ inApp: true, email: false });
    const unknown = await request(api.url)
      .put('/api/v1/me/notification-preferences')
      .set(writer.auth)
      .send({ channels: { 'nonsense.type': { email: true } } })
      .expect(400);
    expect(unknown.body.code).toBe('NOTIFICATION_TYPE_UNKNOWN');

    const id = await publish(writer, 'การทดลองพืชไร้ดิน');
    await request(api.url)
      .post(`/api/v1/innovations/${id}/comments`)
      .set(reader.auth)
      .send({ body: 'น่าสนใจมาก' })
      .expect(201);
    const runner = worker.get(MailRunner);
    const files = await eventually(async () => {
      await runner.sweep();
      const names = (await readdir(mailDir)).filter((n) => n.startsWith('notification-'));
      for (const name of names) {
        const text = await readFile(join(mailDir, name), 'utf8');
        if (text.includes(writer.email)) return [text];
      }
      return undefined;
    });
    const eml = files[0]!;
    expect(eml).toMatch(/Subject: =\?UTF-8\?/);
    expect(Buffer.from(eml).toString('utf8')).toContain('Content-Type: text/plain; charset=utf-8');
    expect((await inbox(writer)).items.some((n) => n.type === 'comment.received')).toBe(false);
    // Sent once: another sweep finds nothing pending for it.
    const before = (await readdir(mailDir)).length;
    await runner.sweep();
    expect((await readdir(mailDir)).length).toBe(before);
  });

  it('sends the daily digest once per day to members who chose it', async () => {
    const digester = await given.member();
    await request(api.url)
      .put('/api/v1/me/notification-preferences')
      .set(digester.auth)
      .send({ digest: 'daily' })
      .expect(200);
    const id = await publish(digester, 'นิทานคุณธรรมสองภาษา');
    await request(api.url)
      .put(`/api/v1/innovations/${id}/rating`)
      .set(colleague.auth)
      .send(ratingBody)
      .expect(200);
    await eventually(async () => ((await inbox(digester)).unread > 0 ? true : undefined));
    const runner = worker.get(MailRunner);
    const now = new Date();
    expect(await runner.sendDigests(now)).toBe(1);
    expect(await runner.sendDigests(now)).toBe(0);
    const names = (await readdir(mailDir)).filter((n) => n.startsWith('digest-') && n.includes(digester.id));
    expect(names).toHaveLength(1);
    const text = await readFile(join(mailDir, names[0]!), 'utf8');
    expect(text).toContain(digester.email);
  });

  it('announcements: an area admin reaches only their area; OBEC reaches everyone; others are refused', async () => {
    const areaAdmin = await given.member({ roles: [{ role: 'area_admin', scopeId: schoolA.areaId }] });
    const obec = await given.member({ roles: [{ role: 'obec_admin' }] });
    const area = await request(api.url)
      .post('/api/v1/admin/announcements')
      .set(areaAdmin.auth)
      .send({ title: 'อบรมครูแกนนำ', body: 'เชิญครูในเขตเข้าร่วมอบรม', scope: 'area', areaId: schoolA.areaId })
      .expect(201);
    const elsewhereArea = await request(api.url)
      .post('/api/v1/admin/announcements')
      .set(areaAdmin.auth)
      .send({ title: 'x', body: 'y', scope: 'area', areaId: schoolB.areaId })
      .expect(403);
    expect(elsewhereArea.body.code).toBe('ANNOUNCEMENT_NOT_ALLOWED');
    const national = await request(api.url)
      .post('/api/v1/admin/announcements')
      .set(areaAdmin.auth)
      .send({ title: 'x', body: 'y', scope: 'national' })
      .expect(403);
    expect(national.body.code).toBe('ANNOUNCEMENT_NOT_ALLOWED');
    await request(api.url)
      .post('/api/v1/admin/announcements')
      .set(colleague.auth)
      .send({ title: 'x', body: 'y', scope: 'national' })
      .expect(403);
    const missingArea = await request(api.url)
      .post('/api/v1/admin/announcements')
      .set(obec.auth)
      .send({ title: 'x', body: 'y', scope: 'area' })
      .expect(400);
    expect(missingArea.body.code).toBe('ANNOUNCEMENT_AREA_REQUIRED');
    await request(api.url)
      .post('/api/v1/admin/announcements')
      .set(obec.auth)
      .send({ title: 'ประกาศ สพฐ.', body: 'เปิดรับนวัตกรรมรอบใหม่', scope: 'national' })
      .expect(201);

    const announced = (who: GivenMember, scope: string, title: string) =>
      feed(who, scope).then((page) =>
        page.items.some((i) => i.kind === 'announcement.published' && i.title.th === title),
      );
    await eventually(async () => ((await announced(colleague, 'area', 'อบรมครูแกนนำ')) ? true : undefined));
    expect(await announced(elsewhere, 'area', 'อบรมครูแกนนำ')).toBe(false);
    expect(await announced(elsewhere, 'global', 'อบรมครูแกนนำ')).toBe(false);
    await eventually(async () => ((await announced(elsewhere, 'global', 'ประกาศ สพฐ.')) ? true : undefined));
    expect(area.body.id).toBeDefined();
  });

  it('creates nothing twice when an event is delivered again', async () => {
    const id = await publish(author, 'แบบฝึกทักษะการอ่านจับใจความ');
    await request(api.url)
      .put(`/api/v1/innovations/${id}/rating`)
      .set(elsewhere.auth)
      .send(ratingBody)
      .expect(200);
    const [event]: EventEnvelope[] = await api.dataSource.query(
      `SELECT id, type, version, occurred_at AS "occurredAt", payload FROM outbox_event
       WHERE type = 'rating.submitted' AND payload->>'innovationId' = $1`,
      [id],
    );
    const count = async () => {
      const [{ n }] = await api.dataSource.query(
        `SELECT (SELECT count(*) FROM notification WHERE event_id = $1)::int + (SELECT count(*) FROM feed_item WHERE event_id = $1)::int AS n`,
        [event!.id],
      );
      return n as number;
    };
    await eventually(async () => ((await count()) === 2 ? true : undefined));
    const registry = worker.get(EventHandlerRegistry);
    // Delivered again (as BullMQ may): the processed-event key and the unique keys keep it once.
    expect(await registry.dispatch(NotificationsSubscription.subscriber, event!)).toBe('duplicate');
    expect(await registry.dispatch(FeedSubscription.subscriber, event!)).toBe('duplicate');
    expect(await count()).toBe(2);
  });

  it('refuses a feed scope it does not know with a clear 400', async () => {
    const response = await request(api.url)
      .get('/api/v1/feed')
      .query({ scope: 'everyone' })
      .set(colleague.auth)
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    await request(api.url).get('/api/v1/feed').expect(401);
  });
});
