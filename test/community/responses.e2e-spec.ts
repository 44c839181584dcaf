import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { OpenApiDocument, responseSchema, schemaMismatches } from '../support/openapi-shape';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

/** The community routes answer exactly what the OpenAPI document says (the web app's client is generated from it). */
describe('Community answers match their documented schemas', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let document: OpenApiDocument;
  let school: GivenSchool;
  let author: GivenMember;
  let reader: GivenMember;
  let admin: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    document = (await request(api.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
    school = await given.school('P81');
    author = await given.member({ schoolId: school.id });
    reader = await given.member({ schoolId: school.id });
    admin = await given.member({ roles: [{ role: 'obec_admin' }] });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
  });

  const matches = (method: string, path: string, body: unknown) =>
    expect(schemaMismatches(document, responseSchema(document, method, path), body)).toEqual([]);

  it('feed pages (actor set and null, innovation set and null, a next cursor and none)', async () => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title: 'สื่อการสอนเศษส่วนจากกระดาษ' }))
      .expect(201);
    const innovationId = draft.body.id as string;
    await request(api.url).post(`/api/v1/innovations/${innovationId}/publish`).set(author.auth).expect(200);
    for (let i = 0; i < 21; i++) {
      const announced = await request(api.url)
        .post('/api/v1/admin/announcements')
        .set(admin.auth)
        .send({ title: `ประกาศ ${i}`, body: 'ข่าวจาก สพฐ.', scope: 'national' })
        .expect(201);
      matches('post', '/api/v1/admin/announcements', announced.body);
      expect(announced.body.areaId).toBeNull();
    }
    const areaAnnouncement = await request(api.url)
      .post('/api/v1/admin/announcements')
      .set(admin.auth)
      .send({ title: 'อบรมครูแกนนำ', body: 'เชิญครูในเขต', scope: 'area', areaId: school.areaId })
      .expect(201);
    expect(areaAnnouncement.body.areaId).toBe(school.areaId);
    matches('post', '/api/v1/admin/announcements', areaAnnouncement.body);

    const feed = (scope: string, who: GivenMember, cursor?: string) =>
      request(api.url)
        .get('/api/v1/feed')
        .query({ scope, ...(cursor ? { cursor } : {}) })
        .set(who.auth)
        .expect(200);
    const global = await eventually(async () => {
      const page = (await feed('global', reader)).body;
      return page.nextCursor ? page : undefined;
    });
    matches('get', '/api/v1/feed', global);
    const next = (await feed('global', reader, global.nextCursor)).body;
    expect(next.nextCursor).toBeNull();
    expect(
      [...global.items, ...next.items].some(
        (item: { innovationId: string | null }) => item.innovationId === innovationId,
      ),
    ).toBe(true);
    expect(global.items.some((item: { innovationId: string | null }) => item.innovationId === null)).toBe(
      true,
    );
    matches('get', '/api/v1/feed', next);
    // The author's own feed: the points earned by publishing, written without an actor.
    const mine = await eventually(async () => {
      const page = (await feed('mine', author)).body;
      return page.items.some((item: { actor: unknown }) => item.actor === null) ? page : undefined;
    });
    matches('get', '/api/v1/feed', mine);
    for (const scope of ['area', 'school', 'following'])
      matches('get', '/api/v1/feed', (await feed(scope, reader)).body);
  }, 60_000);

  it('follows of a member and of a learning area, and their list', async () => {
    const member = await request(api.url)
      .post('/api/v1/follows')
      .set(reader.auth)
      .send({ targetType: 'member', targetId: author.id })
      .expect(201);
    matches('post', '/api/v1/follows', member.body);
    expect(member.body.target.displayName).toBe(author.displayName);
    const area = await request(api.url)
      .post('/api/v1/follows')
      .set(reader.auth)
      .send({ targetType: 'learningArea', targetId: 'SCI' })
      .expect(201);
    matches('post', '/api/v1/follows', area.body);
    expect(area.body.target.label.th).toBeTruthy();
    const list = (await request(api.url).get('/api/v1/follows').set(reader.auth).expect(200)).body;
    expect(list.items).toHaveLength(2);
    matches('get', '/api/v1/follows', list);
    const wrong = { ...list, items: [{ ...list.items[0], target: {} }] };
    expect(schemaMismatches(document, responseSchema(document, 'get', '/api/v1/follows'), wrong)).not.toEqual(
      [],
    );
  });

  it('the inbox (with and without an actor), marking read, and the preferences', async () => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation({ title: 'เกมคำศัพท์ภาษาอังกฤษ' }))
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
    await request(api.url)
      .put(`/api/v1/innovations/${draft.body.id}/rating`)
      .set(reader.auth)
      .send({ overall: 5, criteria: { clarity: 5, effect: 5, adoptability: 4, competencyFit: 5 } })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const inbox = await eventually(async () => {
      const body = (await request(api.url).get('/api/v1/notifications').set(author.auth).expect(200)).body;
      const actors = body.items.map((item: { actorId: string | null }) => item.actorId);
      return actors.includes(null) && actors.includes(reader.id) ? body : undefined;
    });
    expect(inbox.unread).toBeGreaterThan(0);
    matches('get', '/api/v1/notifications', inbox);
    const read = await request(api.url)
      .post('/api/v1/notifications/read')
      .set(author.auth)
      .send({ ids: [inbox.items[0].id] })
      .expect(200);
    matches('post', '/api/v1/notifications/read', read.body);
    const after = (await request(api.url).get('/api/v1/notifications').set(author.auth).expect(200)).body;
    expect(after.items.some((item: { read: boolean }) => item.read)).toBe(true);
    matches('get', '/api/v1/notifications', after);

    const preferences = await request(api.url)
      .get('/api/v1/me/notification-preferences')
      .set(author.auth)
      .expect(200);
    matches('get', '/api/v1/me/notification-preferences', preferences.body);
    const broken = { ...preferences.body, channels: { 'rating.received': { inApp: 'yes' } } };
    expect(
      schemaMismatches(
        document,
        responseSchema(document, 'get', '/api/v1/me/notification-preferences'),
        broken,
      ),
    ).not.toEqual([]);
    const updated = await request(api.url)
      .put('/api/v1/me/notification-preferences')
      .set(author.auth)
      .send({ channels: { 'rating.received': { email: true } }, digest: 'daily' })
      .expect(200);
    expect(updated.body.channels['rating.received']).toEqual({ inApp: true, email: true });
    matches('put', '/api/v1/me/notification-preferences', updated.body);
  }, 60_000);
});
