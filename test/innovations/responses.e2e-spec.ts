import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Given, GivenMember } from '../support/given';
import { fullInnovation } from '../support/fixtures';
import { OpenApiDocument, responseSchema, schemaMismatches } from '../support/openapi-shape';
import { samplePdf, samplePng } from '../support/sample-files';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';

/**
 * The innovations, feedback, attachments and moderation routes answer exactly what the OpenAPI document says
 * (the web app's client is generated from it): real answers, with nullable fields null and set, and optional
 * fields absent and present.
 */
describe('Innovations: documented response schemas', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let outerDir: string;
  let document: OpenApiDocument;
  let author: GivenMember;
  let loner: GivenMember;
  let reader: GivenMember;
  let moderator: GivenMember;
  let innovationId: string;

  const V1 = '/api/v1';

  /** Expects the body to match the documented 2xx JSON schema of the route. */
  const expectDocumented = (method: string, path: string, body: unknown) => {
    expect({
      route: `${method} ${path}`,
      problems: schemaMismatches(document, responseSchema(document, method, path), body),
    }).toEqual({ route: `${method} ${path}`, problems: [] });
  };

  beforeAll(async () => {
    outerDir = await mkdtemp(join(tmpdir(), 'lc-innovation-responses-'));
    environment = await createTestEnvironment({
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: join(outerDir, 'uploads'),
    });
    api = await startTestApp(environment);
    given = new Given(api);
    author = await given.member({ schoolId: (await given.school('P81')).id });
    reader = await given.member({ schoolId: (await given.school('P10')).id });
    // No school: innovations and adoptions with school null.
    loner = await given.member();
    moderator = await given.member({ roles: [{ role: 'moderator' }] });
    document = (await request(api.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
    if (outerDir) await rm(outerDir, { recursive: true, force: true });
  });

  it('documents a response for every route of the four controllers', () => {
    const routes: [string, string, string][] = [
      ['get', '/api/v1/taxonomy', '200'],
      ['post', '/api/v1/innovations', '201'],
      ['get', '/api/v1/innovations', '200'],
      ['get', '/api/v1/me/innovations', '200'],
      ['get', '/api/v1/innovations/{id}', '200'],
      ['get', '/api/v1/innovations/{id}/versions', '200'],
      ['patch', '/api/v1/innovations/{id}', '200'],
      ['post', '/api/v1/innovations/{id}/publish', '200'],
      ['post', '/api/v1/innovations/{id}/comments', '201'],
      ['get', '/api/v1/innovations/{id}/comments', '200'],
      ['patch', '/api/v1/innovations/{id}/comments/{commentId}', '200'],
      ['delete', '/api/v1/innovations/{id}/comments/{commentId}', '204'],
      ['put', '/api/v1/innovations/{id}/rating', '200'],
      ['get', '/api/v1/innovations/{id}/rating', '200'],
      ['post', '/api/v1/innovations/{id}/adoptions', '201'],
      ['get', '/api/v1/innovations/{id}/adoptions', '200'],
      ['post', '/api/v1/innovations/{id}/reports', '201'],
      ['post', '/api/v1/innovations/{id}/attachments', '201'],
      ['get', '/api/v1/innovations/{id}/attachments', '200'],
      ['get', '/api/v1/innovations/{id}/attachments/{attachmentId}', '200'],
      ['get', '/api/v1/innovations/{id}/attachments/{attachmentId}/thumbnail', '200'],
      ['delete', '/api/v1/innovations/{id}/attachments/{attachmentId}', '204'],
      ['post', '/api/v1/innovations/{id}/adoptions/{adoptionId}/evidence', '201'],
      ['get', '/api/v1/moderation/queue', '200'],
      ['post', '/api/v1/moderation/innovations/{id}/hide', '200'],
      ['post', '/api/v1/moderation/innovations/{id}/restore', '200'],
      ['post', '/api/v1/moderation/innovations/{id}/remove', '200'],
    ];
    for (const [method, path, status] of routes) {
      const responses = document.paths[path]?.[method]?.responses ?? {};
      expect({ route: `${method} ${path}`, statuses: Object.keys(responses) }).toEqual({
        route: `${method} ${path}`,
        statuses: expect.arrayContaining([status]),
      });
      if (status !== '204' && !path.includes('{attachmentId}')) responseSchema(document, method, path);
    }
    // Nullable fields stay required; only what can be absent is optional.
    const core = document.components.schemas['InnovationResponse']!;
    expect(core.required).toEqual(
      expect.arrayContaining(['school', 'coverAttachmentId', 'publishedAt', 'body']),
    );
    expect(core.required).not.toContain('moderationReason');
    expect(core.properties!['school']).toMatchObject({
      type: 'object',
      nullable: true,
      required: ['id', 'name'],
    });
    // Downloads are files, not JSON.
    const download =
      document.paths['/api/v1/innovations/{id}/attachments/{attachmentId}']!.get!.responses!['200']!;
    expect(download.content?.['application/pdf']?.schema).toEqual({ type: 'string', format: 'binary' });
    expect(download.content?.['application/json']).toBeUndefined();
    const thumbnail =
      document.paths['/api/v1/innovations/{id}/attachments/{attachmentId}/thumbnail']!.get!.responses![
        '200'
      ]!;
    expect(Object.keys(thumbnail.content ?? {}).sort()).toEqual(['image/jpeg', 'image/png']);
  });

  it('the taxonomy', async () => {
    const taxonomy = await request(api.url).get(`${V1}/taxonomy`).expect(200);
    expectDocumented('get', '/api/v1/taxonomy', taxonomy.body);
  });

  it('drafts, publishing, edits, versions, lists and the detail with attachments', async () => {
    // A bare draft by a member without a school: school, publishedAt null; empty lists and context.
    const bare = await request(api.url)
      .post(`${V1}/innovations`)
      .set(loner.auth)
      .send({ title: 'ร่างเปล่า' })
      .expect(201);
    expect(bare.body).toMatchObject({ school: null, publishedAt: null, context: {}, competencyProfile: [] });
    expectDocumented('post', '/api/v1/innovations', bare.body);

    const draft = await request(api.url)
      .post(`${V1}/innovations`)
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    expect(draft.body.moderationReason).toBeNull();
    expectDocumented('post', '/api/v1/innovations', draft.body);
    innovationId = draft.body.id;

    const edited = await request(api.url)
      .patch(`${V1}/innovations/${innovationId}`)
      .set(author.auth)
      .send({ links: [{ url: 'https://example.org/no-title' }], context: {} })
      .expect(200);
    expectDocumented('patch', '/api/v1/innovations/{id}', edited.body);

    const mine = await request(api.url).get(`${V1}/me/innovations`).set(author.auth).expect(200);
    expect(mine.body.items[0]).toMatchObject({ id: innovationId, status: 'draft', moderationReason: null });
    expectDocumented('get', '/api/v1/me/innovations', mine.body);

    const published = await request(api.url)
      .post(`${V1}/innovations/${innovationId}/publish`)
      .set(author.auth)
      .expect(200);
    expect(published.body.moderationReason).toBeUndefined();
    expectDocumented('post', '/api/v1/innovations/{id}/publish', published.body);

    const again = await request(api.url)
      .patch(`${V1}/innovations/${innovationId}`)
      .set(author.auth)
      .send(fullInnovation({ title: 'กิจกรรมคณิตศาสตร์สนุก ฉบับปรับปรุง' }))
      .expect(200);
    expect(again.body.version).toBe(2);
    expectDocumented('patch', '/api/v1/innovations/{id}', again.body);

    const versions = await request(api.url).get(`${V1}/innovations/${innovationId}/versions`).expect(200);
    expect(versions.body.items).toHaveLength(2);
    expectDocumented('get', '/api/v1/innovations/{id}/versions', versions.body);

    // A cover image (with a thumbnail) and a PDF (without).
    const cover = await request(api.url)
      .post(`${V1}/innovations/${innovationId}/attachments`)
      .set(author.auth)
      .field('purpose', 'cover')
      .attach('file', samplePng(400, 300), { filename: 'cover.png', contentType: 'image/png' })
      .expect(201);
    expect(cover.body.thumbnailUrl).toEqual(expect.any(String));
    expectDocumented('post', '/api/v1/innovations/{id}/attachments', cover.body);
    const pdf = await request(api.url)
      .post(`${V1}/innovations/${innovationId}/attachments`)
      .set(author.auth)
      .attach('file', samplePdf(), { filename: 'แผนการสอน.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(pdf.body.thumbnailUrl).toBeNull();
    expectDocumented('post', '/api/v1/innovations/{id}/attachments', pdf.body);

    const attachments = await request(api.url)
      .get(`${V1}/innovations/${innovationId}/attachments`)
      .expect(200);
    expect(attachments.body.items).toHaveLength(2);
    expectDocumented('get', '/api/v1/innovations/{id}/attachments', attachments.body);

    const detail = await request(api.url).get(`${V1}/innovations/${innovationId}`).expect(200);
    expect(detail.body.attachments).toHaveLength(2);
    expect(detail.body.coverAttachmentId).toBe(cover.body.id);
    expectDocumented('get', '/api/v1/innovations/{id}', detail.body);

    const listed = await request(api.url).get(`${V1}/innovations`).query({ sort: 'newest' }).expect(200);
    expect(listed.body.items.find((i: { id: string }) => i.id === innovationId)).toBeDefined();
    expectDocumented('get', '/api/v1/innovations', listed.body);
    const searched = await request(api.url).get(`${V1}/innovations`).query({ q: 'คณิตศาสตร์' }).expect(200);
    expect(searched.body.items[0].snippet).toEqual(expect.any(String));
    expectDocumented('get', '/api/v1/innovations', searched.body);
  });

  it('comments, ratings, adoptions with evidence, and reports', async () => {
    const base = `${V1}/innovations/${innovationId}`;
    const thread = await request(api.url)
      .post(`${base}/comments`)
      .set(reader.auth)
      .send({ body: 'น่าสนใจมาก' })
      .expect(201);
    expect(thread.body).toMatchObject({ parentId: null, editedAt: null });
    expectDocumented('post', '/api/v1/innovations/{id}/comments', thread.body);
    const reply = await request(api.url)
      .post(`${base}/comments`)
      .set(author.auth)
      .send({ body: 'ขอบคุณครับ', parentId: thread.body.id })
      .expect(201);
    expect(reply.body.parentId).toBe(thread.body.id);
    expectDocumented('post', '/api/v1/innovations/{id}/comments', reply.body);
    const edited = await request(api.url)
      .patch(`${base}/comments/${thread.body.id}`)
      .set(reader.auth)
      .send({ body: 'น่าสนใจมากครับ' })
      .expect(200);
    expect(edited.body.editedAt).toEqual(expect.any(String));
    expectDocumented('patch', '/api/v1/innovations/{id}/comments/{commentId}', edited.body);
    const doomed = await request(api.url)
      .post(`${base}/comments`)
      .set(loner.auth)
      .send({ body: 'ลบทีหลัง' })
      .expect(201);
    await request(api.url).delete(`${base}/comments/${doomed.body.id}`).set(loner.auth).expect(204);
    const comments = await request(api.url).get(`${base}/comments`).expect(200);
    expect(comments.body.items).toContainEqual(
      expect.objectContaining({ id: doomed.body.id, author: null, body: null, deleted: true, replies: [] }),
    );
    expect(comments.body.items[0].replies).toHaveLength(1);
    expectDocumented('get', '/api/v1/innovations/{id}/comments', comments.body);

    const none = await request(api.url).get(`${base}/rating`).set(author.auth).expect(200);
    // Not rated: the JSON value null.
    expect(none.text).toBe('null');
    expectDocumented('get', '/api/v1/innovations/{id}/rating', none.body);
    const rated = await request(api.url)
      .put(`${base}/rating`)
      .set(reader.auth)
      .send({
        overall: 4,
        criteria: { clarity: 4, effect: 5, adoptability: 3, competencyFit: 4 },
        competencies: { 'CBC-HT': 5 },
      })
      .expect(200);
    expectDocumented('put', '/api/v1/innovations/{id}/rating', rated.body);
    const unjudged = await request(api.url)
      .put(`${base}/rating`)
      .set(loner.auth)
      .send({ overall: 3, criteria: { clarity: 3, effect: 3, adoptability: 3, competencyFit: 3 } })
      .expect(200);
    expect(unjudged.body.competencies).toEqual({});
    expectDocumented('put', '/api/v1/innovations/{id}/rating', unjudged.body);
    const mine = await request(api.url).get(`${base}/rating`).set(reader.auth).expect(200);
    expect(mine.body.overall).toBe(4);
    expectDocumented('get', '/api/v1/innovations/{id}/rating', mine.body);

    const usedOn = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const adoption = await request(api.url)
      .post(`${base}/adoptions`)
      .set(reader.auth)
      .send({ gradeLevel: 'P5', classSize: 28, usedOn, notes: 'ได้ผลดี' })
      .expect(201);
    expectDocumented('post', '/api/v1/innovations/{id}/adoptions', adoption.body);
    const schoolless = await request(api.url)
      .post(`${base}/adoptions`)
      .set(loner.auth)
      .send({ gradeLevel: 'P4', classSize: 12, usedOn })
      .expect(201);
    expect(schoolless.body.notes).toBe('');
    expectDocumented('post', '/api/v1/innovations/{id}/adoptions', schoolless.body);
    const evidence = await request(api.url)
      .post(`${base}/adoptions/${adoption.body.id}/evidence`)
      .set(reader.auth)
      .attach('file', samplePdf('class results'), 'results.pdf')
      .expect(201);
    expect(evidence.body.purpose).toBe('evidence');
    expectDocumented('post', '/api/v1/innovations/{id}/adoptions/{adoptionId}/evidence', evidence.body);
    const adoptions = await request(api.url).get(`${base}/adoptions`).expect(200);
    expect(adoptions.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: adoption.body.id, evidenceAttachmentId: evidence.body.id }),
        expect.objectContaining({ id: schoolless.body.id, evidenceAttachmentId: null, school: null }),
      ]),
    );
    expectDocumented('get', '/api/v1/innovations/{id}/adoptions', adoptions.body);

    const report = await request(api.url)
      .post(`${base}/reports`)
      .set(reader.auth)
      .send({ reason: 'มีข้อมูลส่วนตัวของนักเรียน' })
      .expect(201);
    expect(report.body).toMatchObject({ status: 'received', autoHidden: false });
    expectDocumented('post', '/api/v1/innovations/{id}/reports', report.body);
  });

  it('the moderation queue and the moderators’ actions', async () => {
    const queue = await request(api.url).get(`${V1}/moderation/queue`).set(moderator.auth).expect(200);
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({ id: innovationId, openReports: 1, moderationReason: null }),
    );
    expectDocumented('get', '/api/v1/moderation/queue', queue.body);

    const hidden = await request(api.url)
      .post(`${V1}/moderation/innovations/${innovationId}/hide`)
      .set(moderator.auth)
      .send({ note: 'ข้อมูลส่วนตัวของนักเรียน' })
      .expect(200);
    expect(hidden.body).toMatchObject({ status: 'hidden', moderationReason: 'ข้อมูลส่วนตัวของนักเรียน' });
    expectDocumented('post', '/api/v1/moderation/innovations/{id}/hide', hidden.body);

    // Hidden and no longer reported: no last report.
    const awaiting = await request(api.url).get(`${V1}/moderation/queue`).set(moderator.auth).expect(200);
    expect(awaiting.body.items).toContainEqual(
      expect.objectContaining({ id: innovationId, status: 'hidden', lastReportedAt: null, reports: [] }),
    );
    expectDocumented('get', '/api/v1/moderation/queue', awaiting.body);
    // Moderators list hidden work, with its reason; its author sees why on the detail.
    const moderated = await request(api.url).get(`${V1}/innovations`).set(moderator.auth).expect(200);
    expect(moderated.body.items).toContainEqual(
      expect.objectContaining({ id: innovationId, moderationReason: expect.any(String) }),
    );
    expectDocumented('get', '/api/v1/innovations', moderated.body);
    const seen = await request(api.url).get(`${V1}/innovations/${innovationId}`).set(author.auth).expect(200);
    expect(seen.body.moderationReason).toEqual(expect.any(String));
    expectDocumented('get', '/api/v1/innovations/{id}', seen.body);

    const restored = await request(api.url)
      .post(`${V1}/moderation/innovations/${innovationId}/restore`)
      .set(moderator.auth)
      .send({ note: 'แก้ไขแล้ว' })
      .expect(200);
    expect(restored.body.status).toBe('published');
    expectDocumented('post', '/api/v1/moderation/innovations/{id}/restore', restored.body);

    const removed = await request(api.url)
      .post(`${V1}/moderation/innovations/${innovationId}/remove`)
      .set(moderator.auth)
      .send({ note: 'ละเมิดลิขสิทธิ์' })
      .expect(200);
    expect(removed.body).toMatchObject({ status: 'removed', moderationReason: 'ละเมิดลิขสิทธิ์' });
    expectDocumented('post', '/api/v1/moderation/innovations/{id}/remove', removed.body);
  });
});
