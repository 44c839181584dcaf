import request from 'supertest';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import { fullInnovation } from '../support/fixtures';

const rating = (overall: number, competencies?: Record<string, number>) => ({
  overall,
  criteria: { clarity: overall, effect: overall, adoptability: 3, competencyFit: 4 },
  ...(competencies ? { competencies } : {}),
});

describe('Feedback: ratings, comments and adoption reports', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let given: Given;
  let school: GivenSchool;
  let author: GivenMember;

  beforeAll(async () => {
    environment = await createTestEnvironment({
      COMMENT_EDIT_MINUTES: '15',
      // One member sends 20 ratings at once to show that one rating per member is kept; the per-minute limit
      // has its own suite (feedback-limits).
      RATING_LIMIT_PER_MINUTE: '100',
    });
    api = await startTestApp(environment);
    given = new Given(api);
    school = await given.school('P81');
    author = await given.member({ schoolId: school.id });
  });

  afterAll(async () => {
    await api?.close();
    await environment?.drop();
  });

  const publish = async () => {
    const draft = await request(api.url)
      .post('/api/v1/innovations')
      .set(author.auth)
      .send(fullInnovation())
      .expect(201);
    await request(api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author.auth).expect(200);
    return draft.body.id as string;
  };
  const detail = async (id: string) =>
    (await request(api.url).get(`/api/v1/innovations/${id}`).expect(200)).body;

  describe('ratings', () => {
    it("refuses a rating of one's own innovation with 403 INNOVATION_SELF_RATING", async () => {
      const id = await publish();
      const response = await request(api.url)
        .put(`/api/v1/innovations/${id}/rating`)
        .set(author.auth)
        .send(rating(5))
        .expect(403);
      expect(response.body.code).toBe('INNOVATION_SELF_RATING');
      expect((await detail(id)).rating).toEqual({ average: null, count: 0, score: 3 });
    });

    it('keeps one rating per member: 20 concurrent submissions by one member leave exactly one', async () => {
      const id = await publish();
      const rater = await given.member();
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(api.url)
            .put(`/api/v1/innovations/${id}/rating`)
            .set(rater.auth)
            .send(rating((i % 5) + 1))
            .then((r) => r.status),
        ),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      const rows = await api.dataSource.query(
        `SELECT overall FROM innovation_rating WHERE innovation_id = $1`,
        [id],
      );
      expect(rows).toHaveLength(1);
      const shown = await detail(id);
      expect(shown.rating.count).toBe(1);
      expect(shown.rating.average).toBe(rows[0].overall);
      const mine = await request(api.url).get(`/api/v1/innovations/${id}/rating`).set(rater.auth).expect(200);
      expect(mine.body.overall).toBe(rows[0].overall);
    });

    it('keeps the average and the Bayesian score exact under concurrent ratings by many members', async () => {
      const id = await publish();
      const raters = await Promise.all(Array.from({ length: 30 }, () => given.member()));
      const scores = raters.map((_, i) => [5, 4, 4, 3, 5, 2][i % 6]!);
      await Promise.all(
        raters.map((r, i) =>
          request(api.url)
            .put(`/api/v1/innovations/${id}/rating`)
            .set(r.auth)
            .send(rating(scores[i]!))
            .expect(200),
        ),
      );
      // And some of them change their minds at the same time.
      await Promise.all(
        raters
          .slice(0, 10)
          .map((r) =>
            request(api.url).put(`/api/v1/innovations/${id}/rating`).set(r.auth).send(rating(1)).expect(200),
          ),
      );
      const final = scores.map((s, i) => (i < 10 ? 1 : s));
      const sum = final.reduce((a, b) => a + b, 0);
      const shown = await detail(id);
      expect(shown.rating.count).toBe(30);
      expect(shown.rating.average).toBeCloseTo(sum / 30, 2);
      expect(shown.rating.score).toBeCloseTo((5 * 3 + sum) / (5 + 30), 3);
    });

    it('ranks by a score that does not favour a few ratings', async () => {
      const few = await publish();
      const many = await publish();
      const raters = await Promise.all(Array.from({ length: 12 }, () => given.member()));
      await request(api.url)
        .put(`/api/v1/innovations/${few}/rating`)
        .set(raters[0]!.auth)
        .send(rating(5))
        .expect(200);
      await Promise.all(
        raters.map((r, i) =>
          request(api.url)
            .put(`/api/v1/innovations/${many}/rating`)
            .set(r.auth)
            .send(rating(i % 4 === 0 ? 4 : 5))
            .expect(200),
        ),
      );
      const top = await request(api.url).get('/api/v1/innovations').query({ sort: 'top' }).expect(200);
      const order = top.body.items.map((i: { id: string }) => i.id);
      expect(order.indexOf(many)).toBeLessThan(order.indexOf(few));
    });

    it("combines the author's declaration and raters' judgements in the competency profile", async () => {
      const id = await publish();
      const [a, b] = [await given.member(), await given.member()];
      await request(api.url)
        .put(`/api/v1/innovations/${id}/rating`)
        .set(a.auth)
        .send(rating(4, { 'CBC-HT': 2 }))
        .expect(200);
      await request(api.url)
        .put(`/api/v1/innovations/${id}/rating`)
        .set(b.auth)
        .send(rating(4, { 'CBC-HT': 4, 'CBC-TW': 5 }))
        .expect(200);
      const profile = (await detail(id)).competencyProfile;
      const ht = profile.find((p: { code: string }) => p.code === 'CBC-HT');
      // Declared strength 3 → 5 on the 1–5 scale, weighted as two ratings: (5·2 + 2 + 4) / 4 = 4.
      expect(ht).toMatchObject({
        declaredStrength: 3,
        raterAverage: 3,
        raterCount: 2,
        level: 4,
        label: { th: 'การคิดขั้นสูง' },
      });
      const tw = profile.find((p: { code: string }) => p.code === 'CBC-TW');
      expect(tw).toMatchObject({ declaredStrength: 2, raterCount: 1, raterAverage: 5 });
      const stray = await request(api.url)
        .put(`/api/v1/innovations/${id}/rating`)
        .set(a.auth)
        .send(rating(4, { 'KC51-COM': 3 }))
        .expect(400);
      expect(stray.body.errors[0].field).toBe('competencies.KC51-COM');
    });

    it('refuses ratings out of range or of drafts', async () => {
      const id = await publish();
      const rater = await given.member();
      await request(api.url)
        .put(`/api/v1/innovations/${id}/rating`)
        .set(rater.auth)
        .send(rating(6))
        .expect(400);
      await request(api.url)
        .put(`/api/v1/innovations/${id}/rating`)
        .set(rater.auth)
        .send({ overall: 4 })
        .expect(400);
      const draft = await request(api.url)
        .post('/api/v1/innovations')
        .set(author.auth)
        .send({ title: 'ร่าง' })
        .expect(201);
      await request(api.url)
        .put(`/api/v1/innovations/${draft.body.id}/rating`)
        .set(rater.auth)
        .send(rating(4))
        .expect(404);
    });
  });

  describe('comments', () => {
    it('threads two levels deep, edits for a while, and leaves a tombstone when deleted', async () => {
      const id = await publish();
      const [a, b] = [await given.member(), await given.member()];
      const top = await request(api.url)
        .post(`/api/v1/innovations/${id}/comments`)
        .set(a.auth)
        .send({ body: 'นำไปใช้แล้วเด็กชอบมาก' })
        .expect(201);
      const reply = await request(api.url)
        .post(`/api/v1/innovations/${id}/comments`)
        .set(b.auth)
        .send({ body: 'ใช้กับ ป.5 ได้ไหมคะ', parentId: top.body.id })
        .expect(201);
      const tooDeep = await request(api.url)
        .post(`/api/v1/innovations/${id}/comments`)
        .set(a.auth)
        .send({ body: 'ได้ค่ะ', parentId: reply.body.id })
        .expect(400);
      expect(tooDeep.body.code).toBe('COMMENT_TOO_DEEP');
      const edited = await request(api.url)
        .patch(`/api/v1/innovations/${id}/comments/${top.body.id}`)
        .set(a.auth)
        .send({ body: 'นำไปใช้แล้ว เด็กชอบมาก' })
        .expect(200);
      expect(edited.body.editedAt).not.toBeNull();
      await request(api.url)
        .patch(`/api/v1/innovations/${id}/comments/${top.body.id}`)
        .set(b.auth)
        .send({ body: 'แก้ของคนอื่น' })
        .expect(403);
      await request(api.url)
        .delete(`/api/v1/innovations/${id}/comments/${top.body.id}`)
        .set(b.auth)
        .expect(403);
      await request(api.url)
        .delete(`/api/v1/innovations/${id}/comments/${top.body.id}`)
        .set(a.auth)
        .expect(204);
      const thread = await request(api.url).get(`/api/v1/innovations/${id}/comments`).expect(200);
      expect(thread.body.items).toEqual([
        expect.objectContaining({
          id: top.body.id,
          deleted: true,
          body: null,
          author: null,
          replies: [
            expect.objectContaining({
              id: reply.body.id,
              body: 'ใช้กับ ป.5 ได้ไหมคะ',
              author: { id: b.id, displayName: b.displayName, level: 'member' },
            }),
          ],
        }),
      ]);
      expect((await detail(id)).commentCount).toBe(1);
    });

    it('closes editing after the edit window and lets a moderator delete', async () => {
      const id = await publish();
      const a = await given.member();
      const moderator = await given.member({ roles: [{ role: 'moderator' }] });
      const comment = await request(api.url)
        .post(`/api/v1/innovations/${id}/comments`)
        .set(a.auth)
        .send({ body: 'ความคิดเห็นเก่า' })
        .expect(201);
      await api.dataSource.query(
        `UPDATE innovation_comment SET created_at = now() - interval '16 minutes' WHERE id = $1`,
        [comment.body.id],
      );
      const late = await request(api.url)
        .patch(`/api/v1/innovations/${id}/comments/${comment.body.id}`)
        .set(a.auth)
        .send({ body: 'แก้ช้า' })
        .expect(409);
      expect(late.body.code).toBe('COMMENT_EDIT_WINDOW_CLOSED');
      await request(api.url)
        .delete(`/api/v1/innovations/${id}/comments/${comment.body.id}`)
        .set(moderator.auth)
        .expect(204);
      const events = await api.dataSource.query(
        `SELECT payload FROM outbox_event WHERE type = 'comment.created' AND payload->>'commentId' = $1`,
        [comment.body.id],
      );
      expect(events[0].payload).toMatchObject({
        innovationId: id,
        actorId: a.id,
        authorId: author.id,
        areaId: school.areaId,
      });
    });
  });

  describe('adoption reports', () => {
    it('records "I used it" once per member per school term, counted on the innovation', async () => {
      const id = await publish();
      const teacher = await given.member();
      const body = { gradeLevel: 'P5', classSize: 28, usedOn: '2026-11-10', notes: 'นักเรียนเข้าใจเศษส่วนดีขึ้น' };
      const first = await request(api.url)
        .post(`/api/v1/innovations/${id}/adoptions`)
        .set(teacher.auth)
        .send(body)
        .expect(201);
      expect(first.body.schoolTerm).toBe('2569-2');
      const again = await request(api.url)
        .post(`/api/v1/innovations/${id}/adoptions`)
        .set(teacher.auth)
        .send({ ...body, usedOn: '2026-11-16' })
        .expect(409);
      expect(again.body.code).toBe('ADOPTION_ALREADY_REPORTED');
      await request(api.url)
        .post(`/api/v1/innovations/${id}/adoptions`)
        .set(teacher.auth)
        .send({ ...body, usedOn: '2026-06-15' })
        .expect(201);
      const future = await request(api.url)
        .post(`/api/v1/innovations/${id}/adoptions`)
        .set(teacher.auth)
        .send({ ...body, usedOn: '2099-01-01' })
        .expect(400);
      expect(future.body.errors[0].field).toBe('usedOn');
      const own = await request(api.url)
        .post(`/api/v1/innovations/${id}/adoptions`)
        .set(author.auth)
        .send(body)
        .expect(403);
      expect(own.body.code).toBe('INNOVATION_SELF_ADOPTION');
      expect((await detail(id)).adoptionCount).toBe(2);
      const list = await request(api.url).get(`/api/v1/innovations/${id}/adoptions`).expect(200);
      expect(list.body.items).toHaveLength(2);
      expect(list.body.items[0]).toMatchObject({ reporter: { id: teacher.id }, gradeLevel: 'P5' });
    });

    it('counts exactly under concurrent reports, one per member per term', async () => {
      const id = await publish();
      const teachers = await Promise.all(Array.from({ length: 10 }, () => given.member()));
      const body = { gradeLevel: 'P4', classSize: 20, usedOn: '2026-11-12' };
      const results = await Promise.all(
        teachers.flatMap((t) =>
          [0, 1, 2].map(() =>
            request(api.url)
              .post(`/api/v1/innovations/${id}/adoptions`)
              .set(t.auth)
              .send(body)
              .then((r) => r.status),
          ),
        ),
      );
      expect(results.filter((s) => s === 201)).toHaveLength(10);
      expect(results.filter((s) => s === 409)).toHaveLength(20);
      expect((await detail(id)).adoptionCount).toBe(10);
      const adopted = await request(api.url)
        .get('/api/v1/innovations')
        .query({ sort: 'adopted' })
        .expect(200);
      expect(adopted.body.items[0].id).toBe(id);
    });
  });
});
