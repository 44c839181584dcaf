import { createHash } from 'node:crypto';
import request from 'supertest';
import { uuidv7 } from '@lc/core';
import { ISSUANCE, LedgerService, memberWallet } from '@lc/ledger';
import { BadgeCredentialRecord, CredentialsService } from '@lc/recognition';
import { FILE_STORAGE, FileStorage } from '@lc/storage';
import { fullInnovation } from '../support/fixtures';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { samplePdf, samplePng } from '../support/sample-files';
import { createTestEnvironment, startTestApp, TestApp, TestEnvironment } from '../support/test-app';
import {
  activityPlanBody,
  activityReportBody,
  freshActivityEvidence,
  freshActivityPlan,
} from '../cockpit/activity-plans-fixtures';

/**
 * Every route × every kind of caller → the expected status. Not one unexpected 2xx. Later capabilities add
 * their rows here. Destructive calls build their own target per call, so rows don't depend on each other.
 */
type ActorName =
  | 'anonymous'
  | 'member'
  | 'anotherMember'
  | 'partnerStaff'
  | 'otherPartnerStaff'
  | 'areaAdminHere'
  | 'areaAdminElsewhere'
  | 'moderator'
  | 'obecAdmin';

const ACTORS: ActorName[] = [
  'anonymous',
  'member',
  'anotherMember',
  'partnerStaff',
  'otherPartnerStaff',
  'areaAdminHere',
  'areaAdminElsewhere',
  'moderator',
  'obecAdmin',
];

interface World {
  api: TestApp;
  given: Given;
  actors: Record<Exclude<ActorName, 'anonymous'>, GivenMember>;
  school: GivenSchool;
  areaId: string;
  /** A published innovation by `member`, and a draft of theirs. */
  innovationId: string;
  draftId: string;
  /** A live perk of partnerStaff's partner (manual fulfilment, 1 point, unlimited stock). */
  perkId: string;
}

async function freshPerk(
  w: World,
  state: 'draft' | 'pending' | 'live',
  fulfilment = 'manual',
): Promise<string> {
  const staff = w.actors.partnerStaff.auth;
  const created = await request(w.api.url)
    .post('/api/v1/partner/perks')
    .set(staff)
    .send({ title: 'สิทธิประโยชน์ทดสอบสิทธิ์', category: 'training', cost: 1, stock: null, fulfilment });
  if (state === 'draft') return created.body.id;
  await request(w.api.url).post(`/api/v1/partner/perks/${created.body.id}/submit`).set(staff);
  if (state === 'live')
    await request(w.api.url)
      .post(`/api/v1/admin/perks/${created.body.id}/approve`)
      .set(w.actors.obecAdmin.auth);
  return created.body.id;
}

/** A pending (manual) redemption of the world's perk by `member`. */
async function freshRedemption(w: World): Promise<string> {
  const response = await request(w.api.url)
    .post(`/api/v1/perks/${w.perkId}/redemptions`)
    .set(w.actors.member.auth)
    .set('idempotency-key', uuidv7())
    .send({});
  return response.body.id;
}

const staffOnly = (status: number, other = 404) =>
  signedIn(403, { partnerStaff: status, otherPartnerStaff: other });

/** A fresh innovation by `member`: a draft, or published, or published and then hidden. */
async function freshInnovation(w: World, state: 'draft' | 'published' | 'hidden'): Promise<string> {
  const author = w.actors.member.auth;
  const draft = await request(w.api.url).post('/api/v1/innovations').set(author).send(fullInnovation());
  if (state === 'draft') return draft.body.id;
  await request(w.api.url).post(`/api/v1/innovations/${draft.body.id}/publish`).set(author);
  if (state === 'hidden') {
    await request(w.api.url)
      .post(`/api/v1/moderation/innovations/${draft.body.id}/hide`)
      .set(w.actors.moderator.auth)
      .send({ note: 'matrix set-up' });
  }
  return draft.body.id;
}

async function freshComment(w: World): Promise<string> {
  const response = await request(w.api.url)
    .post(`/api/v1/innovations/${w.innovationId}/comments`)
    .set(w.actors.member.auth)
    .send({ body: 'ความคิดเห็นสำหรับทดสอบ' });
  return response.body.id;
}

/** A fresh attachment by `member` on their innovation (the published one unless another is given). */
async function freshAttachment(w: World, innovationId = w.innovationId, file = samplePdf()): Promise<string> {
  const response = await request(w.api.url)
    .post(`/api/v1/innovations/${innovationId}/attachments`)
    .set(w.actors.member.auth)
    .attach('file', file, 'matrix-file');
  return response.body.id;
}

/** A fresh published innovation by `member` with an adoption reported by `anotherMember`. */
async function freshAdoption(w: World): Promise<{ innovationId: string; adoptionId: string }> {
  const innovationId = await freshInnovation(w, 'published');
  const adoption = await request(w.api.url)
    .post(`/api/v1/innovations/${innovationId}/adoptions`)
    .set(w.actors.anotherMember.auth)
    .send({ gradeLevel: 'P4', classSize: 25, usedOn: '2026-11-02' });
  return { innovationId, adoptionId: adoption.body.id };
}

const ratingBody = { overall: 4, criteria: { clarity: 4, effect: 4, adoptability: 4, competencyFit: 4 } };

type Call = (world: World, auth: Record<string, string>) => Promise<request.Response>;

interface Row {
  route: string;
  call: Call;
  expect: Record<ActorName, number>;
}

const everyone = (
  status: number,
  overrides: Partial<Record<ActorName, number>> = {},
): Record<ActorName, number> => ({
  ...(Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Record<ActorName, number>),
  ...overrides,
});
const signedIn = (status: number, overrides: Partial<Record<ActorName, number>> = {}) =>
  everyone(status, { anonymous: 401, ...overrides });
const only = (status: number, allowed: ActorName[]) =>
  signedIn(
    403,
    Object.fromEntries(allowed.map((actor) => [actor, status])) as Partial<Record<ActorName, number>>,
  );

const http = (world: World) => request(world.api.url);
const schoolsCsv = () =>
  `code,name_th,area_code,province_code\n${String(Date.now()).slice(-9)}${Math.floor(Math.random() * 9)},โรงเรียนนำเข้า,P81,81\n`;

/** The member's ID PLAN of 2570, made on first use. */
let developmentPlanId: string | null = null;
async function matrixDevelopmentPlan(w: World): Promise<string> {
  if (!developmentPlanId)
    developmentPlanId = (
      await request(w.api.url)
        .post('/api/v1/me/development-plans')
        .set(w.actors.member.auth)
        .send({ fiscalYear: 2570, title: 'แผนพัฒนาตนเองของโลกทดสอบ' })
        .expect(201)
    ).body.id as string;
  return developmentPlanId!;
}

/** A badge's fields as OBEC writes them (the matrix's edits keep the default badge's meaning). */
const BADGE = {
  th: 'ภาคีการันตี',
  en: 'Endorsed by a partner',
  description: {
    th: 'นวัตกรรมได้รับการรับรองจากภาคีเครือข่าย',
    en: 'An innovation endorsed by a partner organisation',
  },
  criteria: { th: 'ได้รับการรับรองอย่างน้อย 1 ครั้ง', en: 'Be endorsed at least once' },
  criterion: 'endorsements',
  required: 1,
  colour: 'blue',
};

const ROWS: Row[] = [
  {
    route: 'GET /health/live',
    call: (w, a) => http(w).get('/api/v1/health/live').set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /health/ready',
    call: (w, a) => http(w).get('/api/v1/health/ready').set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /community/stats',
    call: (w, a) => http(w).get('/api/v1/community/stats').set(a),
    expect: everyone(200),
  },
  { route: 'GET /metrics', call: (w, a) => http(w).get('/metrics').set(a), expect: everyone(200) },
  { route: 'GET /provinces', call: (w, a) => http(w).get('/api/v1/provinces').set(a), expect: everyone(200) },
  {
    route: 'GET /areas',
    call: (w, a) => http(w).get('/api/v1/areas?level=primary').set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /areas/:id',
    call: (w, a) => http(w).get(`/api/v1/areas/${w.areaId}`).set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /schools',
    call: (w, a) => http(w).get(`/api/v1/schools?areaId=${w.areaId}`).set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /schools/:id',
    call: (w, a) => http(w).get(`/api/v1/schools/${w.school.id}`).set(a),
    expect: everyone(200),
  },
  {
    route: 'POST /auth/register',
    call: (w, a) =>
      http(w)
        .post('/api/v1/auth/register')
        .set(a)
        .send({
          email: `matrix-${uuidv7()}@example.test`,
          password: 'matrix-password-1',
          displayName: 'ผู้ทดสอบ',
          memberKind: 'teacher',
          acceptTerms: true,
        }),
    expect: everyone(201),
  },
  {
    route: 'POST /auth/login',
    call: (w, a) =>
      http(w)
        .post('/api/v1/auth/login')
        .set(a)
        .send({ email: w.actors.member.email, password: w.actors.member.password }),
    expect: everyone(200),
  },
  {
    route: 'POST /auth/refresh (unknown token)',
    call: (w, a) =>
      http(w)
        .post('/api/v1/auth/refresh')
        .set(a)
        .send({ refreshToken: 'y'.repeat(43) }),
    expect: everyone(401),
  },
  {
    route: 'POST /auth/verify-email (unknown token)',
    call: (w, a) =>
      http(w)
        .post('/api/v1/auth/verify-email')
        .set(a)
        .send({ token: 'z'.repeat(43) }),
    expect: everyone(400),
  },
  {
    // A fresh address per call: the limit per address (3 an hour) is the password reset suite's business.
    route: 'POST /auth/password-reset',
    call: (w, a) =>
      http(w)
        .post('/api/v1/auth/password-reset')
        .set(a)
        .send({ email: `matrix-reset-${uuidv7()}@example.test` }),
    expect: everyone(202),
  },
  {
    route: 'POST /auth/password-reset/confirm (unknown token)',
    call: (w, a) =>
      http(w)
        .post('/api/v1/auth/password-reset/confirm')
        .set(a)
        .send({ token: 'r'.repeat(43), password: 'matrix-password-2' }),
    expect: everyone(400),
  },
  { route: 'GET /me', call: (w, a) => http(w).get('/api/v1/me').set(a), expect: signedIn(200) },
  {
    // Confirmation is not required in the tests, so every member's address is already confirmed.
    route: 'POST /me/verify-email (address already confirmed)',
    call: (w, a) => http(w).post('/api/v1/me/verify-email').set(a),
    expect: signedIn(409),
  },
  {
    route: 'PATCH /me',
    call: (w, a) => http(w).patch('/api/v1/me').set(a).send({ bio: 'ทดสอบสิทธิ์' }),
    expect: signedIn(200),
  },
  { route: 'GET /me/export', call: (w, a) => http(w).get('/api/v1/me/export').set(a), expect: signedIn(200) },
  {
    route: 'POST /me/password (wrong current password)',
    call: (w, a) =>
      http(w)
        .post('/api/v1/me/password')
        .set(a)
        .send({ currentPassword: 'not-it-at-all', newPassword: 'another-passphrase' }),
    expect: signedIn(403),
  },
  {
    route: 'POST /me/erasure (wrong password)',
    call: (w, a) => http(w).post('/api/v1/me/erasure').set(a).send({ password: 'not-it-at-all' }),
    expect: signedIn(403),
  },
  {
    route: 'GET /members/:id',
    call: (w, a) => http(w).get(`/api/v1/members/${w.actors.member.id}`).set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /areas/:id/members',
    call: (w, a) => http(w).get(`/api/v1/areas/${w.areaId}/members`).set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /schools/:id/members',
    call: (w, a) => http(w).get(`/api/v1/schools/${w.school.id}/members`).set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/role-grants (school_admin here)',
    call: async (w, a) => {
      const target = await w.given.member({ schoolId: w.school.id });
      return http(w)
        .post('/api/v1/admin/role-grants')
        .set(a)
        .send({ memberId: target.id, role: 'school_admin', scopeId: w.school.id, reason: 'matrix test' });
    },
    expect: only(201, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/role-grants (moderator)',
    call: async (w, a) => {
      const target = await w.given.member();
      return http(w)
        .post('/api/v1/admin/role-grants')
        .set(a)
        .send({ memberId: target.id, role: 'moderator', reason: 'matrix test' });
    },
    expect: only(201, ['obecAdmin']),
  },
  {
    route: 'DELETE /admin/role-grants/:id (school_admin here)',
    call: async (w, a) => {
      const target = await w.given.member({
        schoolId: w.school.id,
        roles: [{ role: 'school_admin', scopeId: w.school.id }],
      });
      const [grant] = await w.api.dataSource.query(`SELECT id FROM role_grant WHERE member_id = $1`, [
        target.id,
      ]);
      return http(w).delete(`/api/v1/admin/role-grants/${grant.id}`).set(a).send({ reason: 'matrix test' });
    },
    expect: only(204, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /admin/role-grants',
    call: (w, a) => http(w).get('/api/v1/admin/role-grants').set(a),
    expect: only(200, ['areaAdminHere', 'areaAdminElsewhere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/imports/schools',
    call: (w, a) =>
      http(w).post('/api/v1/admin/imports/schools').set(a).set('content-type', 'text/csv').send(schoolsCsv()),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/imports/areas',
    call: (w, a) =>
      http(w)
        .post('/api/v1/admin/imports/areas')
        .set(a)
        .set('content-type', 'text/csv')
        .send(
          'code,level,name_th,name_en,province_th,area_no\n,primary,สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่,,กระบี่,\n',
        ),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/members/:id/disable (member here)',
    call: async (w, a) => {
      const target = await w.given.member({ schoolId: w.school.id });
      return http(w)
        .post(`/api/v1/admin/members/${target.id}/disable`)
        .set(a)
        .send({ reason: 'matrix test' });
    },
    expect: only(204, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/members/:id/enable (member here)',
    call: async (w, a) => {
      const target = await w.given.member({ schoolId: w.school.id });
      return http(w).post(`/api/v1/admin/members/${target.id}/enable`).set(a).send({ reason: 'matrix test' });
    },
    expect: only(204, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'PATCH /me (another member kind: asked for, not applied)',
    call: async (w, a) => {
      const asked = await http(w).patch('/api/v1/me').set(a).send({ memberKind: 'supervisor' });
      await http(w).delete('/api/v1/me/pending-change').set(a);
      return asked;
    },
    expect: signedIn(202),
  },
  {
    route: 'DELETE /me/pending-change',
    call: async (w, a) => {
      await http(w).patch('/api/v1/me').set(a).send({ memberKind: 'supervisor' });
      return http(w).delete('/api/v1/me/pending-change').set(a);
    },
    expect: signedIn(204),
  },
  {
    route: 'GET /admin/profile-changes',
    call: (w, a) => http(w).get('/api/v1/admin/profile-changes?status=pending').set(a),
    expect: only(200, ['areaAdminHere', 'areaAdminElsewhere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/profile-changes/:id/approve (a move to the school here)',
    call: async (w, a) => {
      const target = await w.given.member();
      await http(w).patch('/api/v1/me').set(target.auth).send({ schoolId: w.school.id });
      const [change] = await w.api.dataSource.query(
        `SELECT id FROM profile_change_request WHERE member_id = $1 AND status = 'pending'`,
        [target.id],
      );
      return http(w).post(`/api/v1/admin/profile-changes/${change.id}/approve`).set(a);
    },
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/profile-changes/:id/reject (a move to the school here)',
    call: async (w, a) => {
      const target = await w.given.member();
      await http(w).patch('/api/v1/me').set(target.auth).send({ schoolId: w.school.id });
      const [change] = await w.api.dataSource.query(
        `SELECT id FROM profile_change_request WHERE member_id = $1 AND status = 'pending'`,
        [target.id],
      );
      return http(w)
        .post(`/api/v1/admin/profile-changes/${change.id}/reject`)
        .set(a)
        .send({ reason: 'matrix test' });
    },
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  { route: 'GET /taxonomy', call: (w, a) => http(w).get('/api/v1/taxonomy').set(a), expect: everyone(200) },
  {
    route: 'POST /innovations',
    call: (w, a) => http(w).post('/api/v1/innovations').set(a).send({ title: 'ร่างทดสอบสิทธิ์' }),
    expect: signedIn(201),
  },
  {
    route: 'GET /innovations',
    call: (w, a) => http(w).get('/api/v1/innovations?q=คณิตศาสตร์').set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /me/innovations',
    call: (w, a) => http(w).get('/api/v1/me/innovations').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /innovations/:id (published)',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.innovationId}`).set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /innovations/:id (draft)',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.draftId}`).set(a),
    expect: everyone(404, { member: 200 }),
  },
  {
    route: 'GET /innovations/:id (hidden)',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/innovations/${await freshInnovation(w, 'hidden')}`)
        .set(a),
    expect: everyone(404, { member: 200, moderator: 200, obecAdmin: 200 }),
  },
  {
    route: 'GET /innovations/:id/versions',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.innovationId}/versions`).set(a),
    expect: everyone(200),
  },
  {
    route: 'PATCH /innovations/:id',
    call: (w, a) =>
      http(w).patch(`/api/v1/innovations/${w.innovationId}`).set(a).send({ summary: 'แก้ไขโดยผู้ทดสอบสิทธิ์' }),
    expect: signedIn(403, { member: 200 }),
  },
  {
    route: 'POST /innovations/:id/publish (a draft)',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/innovations/${await freshInnovation(w, 'draft')}/publish`)
        .set(a),
    expect: signedIn(404, { member: 200 }),
  },
  {
    route: 'POST /innovations/:id/comments',
    call: (w, a) =>
      http(w).post(`/api/v1/innovations/${w.innovationId}/comments`).set(a).send({ body: 'ดีมากครับ' }),
    expect: signedIn(201),
  },
  {
    route: 'GET /innovations/:id/comments',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.innovationId}/comments`).set(a),
    expect: everyone(200),
  },
  {
    route: "PATCH /innovations/:id/comments/:commentId (the member's)",
    call: async (w, a) =>
      http(w)
        .patch(`/api/v1/innovations/${w.innovationId}/comments/${await freshComment(w)}`)
        .set(a)
        .send({ body: 'แก้ไข' }),
    expect: signedIn(403, { member: 200 }),
  },
  {
    route: "DELETE /innovations/:id/comments/:commentId (the member's)",
    call: async (w, a) =>
      http(w)
        .delete(`/api/v1/innovations/${w.innovationId}/comments/${await freshComment(w)}`)
        .set(a),
    expect: signedIn(403, { member: 204, moderator: 204, obecAdmin: 204 }),
  },
  {
    route: 'PUT /innovations/:id/rating',
    call: (w, a) => http(w).put(`/api/v1/innovations/${w.innovationId}/rating`).set(a).send(ratingBody),
    expect: signedIn(200, { member: 403 }),
  },
  {
    route: 'GET /innovations/:id/rating',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.innovationId}/rating`).set(a),
    expect: signedIn(200),
  },
  {
    route: 'POST /innovations/:id/adoptions',
    call: (w, a) =>
      http(w)
        .post(`/api/v1/innovations/${w.innovationId}/adoptions`)
        .set(a)
        .send({ gradeLevel: 'P4', classSize: 25, usedOn: '2026-11-02' }),
    expect: signedIn(201, { member: 403 }),
  },
  {
    route: 'GET /innovations/:id/adoptions',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.innovationId}/adoptions`).set(a),
    expect: everyone(200),
  },
  {
    route: 'POST /innovations/:id/reports',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/innovations/${await freshInnovation(w, 'published')}/reports`)
        .set(a)
        .send({ reason: 'ทดสอบการรายงาน' }),
    expect: signedIn(201),
  },
  {
    route: 'POST /innovations/:id/attachments',
    call: (w, a) =>
      http(w)
        .post(`/api/v1/innovations/${w.innovationId}/attachments`)
        .set(a)
        .attach('file', samplePdf(), 'matrix.pdf'),
    expect: signedIn(403, { member: 201 }),
  },
  {
    route: 'GET /innovations/:id/attachments',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.innovationId}/attachments`).set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /innovations/:id/attachments/:attachmentId',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/innovations/${w.innovationId}/attachments/${await freshAttachment(w)}`)
        .set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /innovations/:id/attachments/:attachmentId (of a draft)',
    call: async (w, a) => {
      const draftId = await freshInnovation(w, 'draft');
      return http(w)
        .get(`/api/v1/innovations/${draftId}/attachments/${await freshAttachment(w, draftId)}`)
        .set(a);
    },
    expect: everyone(404, { member: 200 }),
  },
  {
    route: 'GET /innovations/:id/attachments/:attachmentId/thumbnail',
    call: async (w, a) =>
      http(w)
        .get(
          `/api/v1/innovations/${w.innovationId}/attachments/${await freshAttachment(w, w.innovationId, samplePng(40, 30))}/thumbnail`,
        )
        .set(a),
    expect: everyone(200),
  },
  {
    route: 'DELETE /innovations/:id/attachments/:attachmentId',
    call: async (w, a) =>
      http(w)
        .delete(`/api/v1/innovations/${w.innovationId}/attachments/${await freshAttachment(w)}`)
        .set(a),
    expect: signedIn(403, { member: 204 }),
  },
  {
    route: "POST /innovations/:id/adoptions/:adoptionId/evidence (anotherMember's report)",
    call: async (w, a) => {
      const { innovationId, adoptionId } = await freshAdoption(w);
      return http(w)
        .post(`/api/v1/innovations/${innovationId}/adoptions/${adoptionId}/evidence`)
        .set(a)
        .attach('file', samplePdf(), 'evidence.pdf');
    },
    expect: signedIn(403, { anotherMember: 201 }),
  },
  {
    route: 'GET /moderation/queue',
    call: (w, a) => http(w).get('/api/v1/moderation/queue').set(a),
    expect: only(200, ['moderator', 'obecAdmin']),
  },
  {
    route: 'POST /moderation/innovations/:id/hide',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/moderation/innovations/${await freshInnovation(w, 'published')}/hide`)
        .set(a)
        .send({ note: 'ทดสอบสิทธิ์' }),
    expect: only(200, ['moderator', 'obecAdmin']),
  },
  {
    route: 'POST /moderation/innovations/:id/restore',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/moderation/innovations/${await freshInnovation(w, 'hidden')}/restore`)
        .set(a)
        .send({ note: 'ทดสอบสิทธิ์' }),
    expect: only(200, ['moderator', 'obecAdmin']),
  },
  {
    route: 'POST /moderation/innovations/:id/remove',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/moderation/innovations/${await freshInnovation(w, 'published')}/remove`)
        .set(a)
        .send({ note: 'ทดสอบสิทธิ์' }),
    expect: only(200, ['moderator', 'obecAdmin']),
  },
  { route: 'GET /me/wallet', call: (w, a) => http(w).get('/api/v1/me/wallet').set(a), expect: signedIn(200) },
  {
    route: 'GET /me/wallet/transfers',
    call: (w, a) => http(w).get('/api/v1/me/wallet/transfers').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /admin/ledger/rules',
    call: (w, a) => http(w).get('/api/v1/admin/ledger/rules').set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'PUT /admin/ledger/rules/:code',
    call: (w, a) =>
      http(w)
        .put('/api/v1/admin/ledger/rules/feedback.comment')
        .set(a)
        .send({ points: 2, reason: 'ทดสอบสิทธิ์' }),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/ledger/adjustments',
    call: (w, a) =>
      http(w)
        .post('/api/v1/admin/ledger/adjustments')
        .set(a)
        .send({ memberId: w.actors.member.id, amount: 1, reason: 'ทดสอบสิทธิ์' }),
    expect: only(201, ['obecAdmin']),
  },
  { route: 'GET /perks', call: (w, a) => http(w).get('/api/v1/perks').set(a), expect: everyone(200) },
  {
    route: 'GET /perks/:id (live)',
    call: (w, a) => http(w).get(`/api/v1/perks/${w.perkId}`).set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /perks/:id (draft)',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/perks/${await freshPerk(w, 'draft')}`)
        .set(a),
    expect: everyone(404, { partnerStaff: 200 }),
  },
  {
    route: 'POST /perks/:id/redemptions',
    call: (w, a) =>
      http(w).post(`/api/v1/perks/${w.perkId}/redemptions`).set(a).set('idempotency-key', uuidv7()).send({}),
    expect: signedIn(201),
  },
  {
    route: 'GET /me/redemptions',
    call: (w, a) => http(w).get('/api/v1/me/redemptions').set(a),
    expect: signedIn(200),
  },
  {
    route: "POST /me/redemptions/:id/cancel (the member's)",
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/me/redemptions/${await freshRedemption(w)}/cancel`)
        .set(a),
    expect: signedIn(404, { member: 200 }),
  },
  {
    route: 'GET /partner/perks',
    call: (w, a) => http(w).get('/api/v1/partner/perks').set(a),
    expect: staffOnly(200, 200),
  },
  {
    route: 'POST /partner/perks',
    call: (w, a) =>
      http(w)
        .post('/api/v1/partner/perks')
        .set(a)
        .send({ title: 'ของภาคี', category: 'voucher', cost: 5, fulfilment: 'manual' }),
    expect: staffOnly(201, 201),
  },
  {
    route: 'POST /partner/perk-images',
    call: (w, a) =>
      http(w).post('/api/v1/partner/perk-images').set(a).attach('file', samplePng(40, 30), 'perk.png'),
    expect: staffOnly(201, 201),
  },
  {
    route: 'GET /perk-images/:id',
    call: async (w, a) => {
      const uploaded = await http(w)
        .post('/api/v1/partner/perk-images')
        .set(w.actors.partnerStaff.auth)
        .attach('file', samplePng(40, 30), 'perk.png');
      return http(w).get(uploaded.body.url).set(a);
    },
    expect: everyone(200),
  },
  {
    route: 'GET /partner/perks/:id',
    call: (w, a) => http(w).get(`/api/v1/partner/perks/${w.perkId}`).set(a),
    expect: staffOnly(200),
  },
  {
    route: 'PATCH /partner/perks/:id',
    call: (w, a) => http(w).patch(`/api/v1/partner/perks/${w.perkId}`).set(a).send({ description: 'แก้ไข' }),
    expect: staffOnly(200),
  },
  {
    route: 'POST /partner/perks/:id/submit',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/partner/perks/${await freshPerk(w, 'draft')}/submit`)
        .set(a),
    expect: staffOnly(200),
  },
  {
    route: 'POST /partner/perks/:id/pause',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/partner/perks/${await freshPerk(w, 'live')}/pause`)
        .set(a),
    expect: staffOnly(200),
  },
  {
    route: 'POST /partner/perks/:id/end',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/partner/perks/${await freshPerk(w, 'live')}/end`)
        .set(a),
    expect: staffOnly(200),
  },
  {
    route: 'POST /partner/perks/:id/voucher-codes',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/partner/perks/${await freshPerk(w, 'draft', 'pool_code')}/voucher-codes`)
        .set(a)
        .send({ codes: ['MATRIX-001'] }),
    expect: staffOnly(201),
  },
  {
    route: 'GET /partner/redemptions',
    call: (w, a) => http(w).get('/api/v1/partner/redemptions').set(a),
    expect: staffOnly(200, 200),
  },
  {
    route: 'GET /partner/redemptions.csv',
    call: (w, a) => http(w).get('/api/v1/partner/redemptions.csv').set(a),
    expect: staffOnly(200, 200),
  },
  {
    route: 'GET /partner/stats',
    call: (w, a) => http(w).get('/api/v1/partner/stats').set(a),
    expect: staffOnly(200, 200),
  },
  {
    route: 'POST /partner/redemptions/:id/confirm',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/partner/redemptions/${await freshRedemption(w)}/confirm`)
        .set(a),
    expect: staffOnly(200),
  },
  {
    route: 'POST /partner/redemptions/:id/reject',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/partner/redemptions/${await freshRedemption(w)}/reject`)
        .set(a)
        .send({ reason: 'ทดสอบสิทธิ์' }),
    expect: staffOnly(200),
  },
  {
    route: 'POST /partner/vouchers/verify',
    call: (w, a) => http(w).post('/api/v1/partner/vouchers/verify').set(a).send({ code: 'NO-SUCH-CODE' }),
    expect: staffOnly(200, 200),
  },
  {
    route: 'POST /admin/partners',
    call: (w, a) =>
      http(w)
        .post('/api/v1/admin/partners')
        .set(a)
        .send({ code: `p-${uuidv7().slice(-8)}`, nameTh: 'ภาคีใหม่' }),
    expect: only(201, ['obecAdmin']),
  },
  { route: 'GET /partners', call: (w, a) => http(w).get('/api/v1/partners').set(a), expect: everyone(200) },
  {
    route: 'GET /admin/perks/pending',
    call: (w, a) => http(w).get('/api/v1/admin/perks/pending').set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/perks/:id/approve',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/admin/perks/${await freshPerk(w, 'pending')}/approve`)
        .set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/perks/:id/return',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/admin/perks/${await freshPerk(w, 'pending')}/return`)
        .set(a)
        .send({ reason: 'โปรดแก้ไขรายละเอียด' }),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /innovations/:id/endorsements',
    call: (w, a) =>
      http(w)
        .post(`/api/v1/innovations/${w.innovationId}/endorsements`)
        .set(a)
        .send({ statement: 'ใช้ได้ผลจริง' }),
    expect: staffOnly(201, 201),
  },
  {
    route: 'GET /innovations/:id/endorsements',
    call: (w, a) => http(w).get(`/api/v1/innovations/${w.innovationId}/endorsements`).set(a),
    expect: everyone(200),
  },
  // Public, before the worker has sealed a block (the chain suite covers the signed answers): never 401/403.
  {
    route: 'GET /ledger/head (nothing sealed yet)',
    call: (w, a) => http(w).get('/api/v1/ledger/head').set(a),
    expect: everyone(404),
  },
  {
    route: 'GET /ledger/transfers/:id/proof (not sealed yet)',
    call: async (w, a) => {
      const [transfer] = await w.api.dataSource.query(`SELECT id FROM ledger_transfer ORDER BY seq LIMIT 1`);
      return http(w).get(`/api/v1/ledger/transfers/${transfer.id}/proof`).set(a);
    },
    expect: everyone(404),
  },
  {
    route: 'POST /admin/ledger/verify',
    call: (w, a) => http(w).post('/api/v1/admin/ledger/verify').set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /auth/logout',
    call: async (w, a) => {
      // Log out a fresh session of the same member, so the matrix's own tokens stay valid.
      if (!a.authorization) return http(w).post('/api/v1/auth/logout');
      const member = Object.values(w.actors).find((m) => `Bearer ${m.accessToken}` === a.authorization)!;
      const login = await http(w)
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: member.password });
      return http(w).post('/api/v1/auth/logout').set('authorization', `Bearer ${login.body.accessToken}`);
    },
    expect: signedIn(204),
  },
  // Feed, follows, notifications, announcements
  {
    route: 'GET /feed',
    call: (w, a) => http(w).get('/api/v1/feed?scope=area').set(a),
    expect: signedIn(200),
  },
  {
    route: 'POST /follows',
    call: (w, a) =>
      http(w).post('/api/v1/follows').set(a).send({ targetType: 'learningArea', targetId: 'MAT' }),
    expect: signedIn(201),
  },
  { route: 'GET /follows', call: (w, a) => http(w).get('/api/v1/follows').set(a), expect: signedIn(200) },
  {
    route: 'DELETE /follows/:id (the member’s own)',
    call: async (w, a) => {
      const owner = w.actors.member.auth;
      await http(w).post('/api/v1/follows').set(owner).send({ targetType: 'learningArea', targetId: 'SCI' });
      const follows = await http(w).get('/api/v1/follows').set(owner);
      const id = (follows.body.items as { id: string; targetId: string }[]).find(
        (f) => f.targetId === 'SCI',
      )!.id;
      return http(w).delete(`/api/v1/follows/${id}`).set(a);
    },
    expect: signedIn(404, { member: 204 }),
  },
  {
    route: 'GET /notifications',
    call: (w, a) => http(w).get('/api/v1/notifications').set(a),
    expect: signedIn(200),
  },
  {
    route: 'POST /notifications/read',
    call: (w, a) => http(w).post('/api/v1/notifications/read').set(a).send({ all: true }),
    expect: signedIn(200),
  },
  {
    route: 'GET /me/notification-preferences',
    call: (w, a) => http(w).get('/api/v1/me/notification-preferences').set(a),
    expect: signedIn(200),
  },
  {
    route: 'PUT /me/notification-preferences',
    call: (w, a) => http(w).put('/api/v1/me/notification-preferences').set(a).send({ digest: 'off' }),
    expect: signedIn(200),
  },
  {
    route: 'POST /admin/announcements (area)',
    call: (w, a) =>
      http(w)
        .post('/api/v1/admin/announcements')
        .set(a)
        .send({ title: 'ประกาศเขต', body: 'ข้อความประกาศ', scope: 'area', areaId: w.areaId }),
    expect: only(201, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/announcements (national)',
    call: (w, a) =>
      http(w)
        .post('/api/v1/admin/announcements')
        .set(a)
        .send({ title: 'ประกาศ สพฐ.', body: 'ข้อความประกาศ', scope: 'national' }),
    expect: only(201, ['obecAdmin']),
  },
  // Recognition: levels, their criteria and nominations (nobody in the world holds a level or is a Change Agent).
  {
    route: 'GET /me/level',
    call: (w, a) => http(w).get('/api/v1/me/level').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /admin/recognition/levels',
    call: (w, a) => http(w).get('/api/v1/admin/recognition/levels').set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'PUT /admin/recognition/levels',
    call: (w, a) =>
      http(w)
        .put('/api/v1/admin/recognition/levels')
        .set(a)
        .send({
          levels: [
            {
              code: 'practitioner',
              criteria: [
                { code: 'innovations_published', required: 1 },
                { code: 'feedback_given', required: 3 },
                { code: 'points_earned', required: 50 },
              ],
            },
          ],
        }),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/recognition/members/:id/levels/:level/revoke',
    call: (w, a) =>
      http(w)
        .post(`/api/v1/admin/recognition/members/${w.actors.member.id}/levels/practitioner/revoke`)
        .set(a)
        .send({ reason: 'ทดสอบสิทธิ์' }),
    expect: only(404, ['obecAdmin']),
  },
  {
    route: 'POST /recognition/nominations',
    call: (w, a) =>
      http(w)
        .post('/api/v1/recognition/nominations')
        .set(a)
        .send({ memberId: w.actors.member.id, statement: 'ครูผู้สร้างแรงบันดาลใจในเขตพื้นที่' }),
    expect: only(409, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /recognition/nominations',
    call: (w, a) => http(w).get('/api/v1/recognition/nominations').set(a),
    expect: only(200, ['areaAdminHere', 'areaAdminElsewhere', 'obecAdmin']),
  },
  {
    route: 'POST /admin/recognition/nominations/:id/approve',
    call: (w, a) => http(w).post(`/api/v1/admin/recognition/nominations/${uuidv7()}/approve`).set(a),
    expect: only(404, ['obecAdmin']),
  },
  {
    route: 'POST /admin/recognition/nominations/:id/reject',
    call: (w, a) =>
      http(w)
        .post(`/api/v1/admin/recognition/nominations/${uuidv7()}/reject`)
        .set(a)
        .send({ reason: 'ทดสอบสิทธิ์' }),
    expect: only(404, ['obecAdmin']),
  },
  // Verifiable badges: the credentials, the issuer's key, the status lists and verification are public.
  {
    route: 'GET /credentials/issuer',
    call: (w, a) => http(w).get('/api/v1/credentials/issuer').set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /credentials/:id',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/credentials/${(await matrixBadge(w)).id}`)
        .set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /credentials/status/:listId',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/credentials/status/${(await matrixBadge(w)).statusListId}`)
        .set(a),
    expect: everyone(200),
  },
  {
    route: 'POST /credentials/verify',
    call: async (w, a) =>
      http(w)
        .post('/api/v1/credentials/verify')
        .set(a)
        .send({ credential: (await matrixBadge(w)).credential }),
    expect: everyone(200),
  },
  {
    route: 'GET /me/privacy',
    call: (w, a) => http(w).get('/api/v1/me/privacy').set(a),
    expect: signedIn(200),
  },
  {
    route: 'PUT /me/privacy',
    call: (w, a) => http(w).put('/api/v1/me/privacy').set(a).send({ portfolio: 'members' }),
    expect: signedIn(200),
  },
  // Leaderboards name teachers and their schools: for signed-in members, staff included (who are not ranked).
  {
    route: 'GET /leaderboards',
    call: (w, a) =>
      http(w)
        .get('/api/v1/leaderboards')
        .query({ board: 'points', period: 'week', scope: `area:${w.areaId}` })
        .set(a),
    expect: signedIn(200),
  },
  // A portfolio visible to members (the default): 401 signed out.
  {
    route: 'GET /members/:id/portfolio',
    call: (w, a) => http(w).get(`/api/v1/members/${w.actors.member.id}/portfolio`).set(a),
    expect: signedIn(200),
  },
  // ID PLANs: each member's own (member's plan of 2570 is made once); others are not told it exists (404).
  {
    route: 'POST /me/development-plans',
    call: (w, a) =>
      http(w).post('/api/v1/me/development-plans').set(a).send({ fiscalYear: 2571, title: 'แผนทดสอบสิทธิ์' }),
    expect: signedIn(201),
  },
  {
    route: 'GET /me/development-plans',
    call: (w, a) => http(w).get('/api/v1/me/development-plans').set(a),
    expect: signedIn(200),
  },
  {
    route: 'PATCH /me/development-plans/:id',
    call: async (w, a) =>
      http(w)
        .patch(`/api/v1/me/development-plans/${await matrixDevelopmentPlan(w)}`)
        .set(a)
        .send({ title: 'แผนใหม่' }),
    expect: signedIn(404, { member: 200 }),
  },
  {
    route: 'POST /me/development-plans/:id/check-ins',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/me/development-plans/${await matrixDevelopmentPlan(w)}/check-ins`)
        .set(a)
        .send({ progress: 10, reflection: 'เริ่มแล้ว' }),
    expect: signedIn(404, { member: 201 }),
  },
  {
    route: 'POST /me/development-plans/:id/share',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/me/development-plans/${await matrixDevelopmentPlan(w)}/share`)
        .set(a)
        .send({ memberId: w.actors.anotherMember.id }),
    // The member may share, but only with a supervisor or a director.
    expect: signedIn(404, { member: 400 }),
  },
  {
    route: 'GET /development-plans/shared-with-me',
    call: (w, a) => http(w).get('/api/v1/development-plans/shared-with-me').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /development-plans/:id',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/development-plans/${await matrixDevelopmentPlan(w)}`)
        .set(a),
    expect: signedIn(404, { member: 200 }),
  },
  {
    route: 'POST /development-plans/:id/comments',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/development-plans/${await matrixDevelopmentPlan(w)}/comments`)
        .set(a)
        .send({ body: 'ความเห็น' }),
    expect: signedIn(404, { member: 201 }),
  },
  // The evidence PDF: every signed-in member's own, as far as the pdf queue (503 with no worker; printed in
  // test/recognition/evidence.e2e-spec.ts); its verification is public (404 for a code never issued).
  {
    route: 'GET /me/evidence',
    call: (w, a) => http(w).get('/api/v1/me/evidence').set(a),
    expect: signedIn(503),
  },
  {
    route: 'GET /evidence/:code',
    call: (w, a) => http(w).get('/api/v1/evidence/ABCDEFGHJK').set(a),
    expect: everyone(404),
  },
  // Badges: public definitions and awards; OBEC edits them (a fresh code per call) and takes awards back.
  { route: 'GET /badges', call: (w, a) => http(w).get('/api/v1/badges').set(a), expect: everyone(200) },
  {
    route: 'GET /badges/:code',
    call: (w, a) => http(w).get('/api/v1/badges/first_innovation').set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /badges/:code/image.svg',
    call: (w, a) => http(w).get('/api/v1/badges/first_innovation/image.svg').set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /members/:id/badges',
    call: (w, a) => http(w).get(`/api/v1/members/${w.actors.member.id}/badges`).set(a),
    expect: everyone(200),
  },
  {
    route: 'GET /admin/recognition/badges',
    call: (w, a) => http(w).get('/api/v1/admin/recognition/badges').set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/recognition/badges',
    call: (w, a) =>
      http(w)
        .post('/api/v1/admin/recognition/badges')
        .set(a)
        .send({
          ...BADGE,
          code: `matrix_${String(Date.now()).slice(-9)}_${Math.floor(Math.random() * 1000)}`,
        }),
    expect: only(201, ['obecAdmin']),
  },
  {
    route: 'PUT /admin/recognition/badges/:code',
    call: (w, a) => http(w).put('/api/v1/admin/recognition/badges/partner_endorsed').set(a).send(BADGE),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'POST /admin/recognition/badge-awards/:id/revoke',
    call: (w, a) =>
      http(w)
        .post(`/api/v1/admin/recognition/badge-awards/${uuidv7()}/revoke`)
        .set(a)
        .send({ reason: 'ทดสอบสิทธิ์' }),
    expect: only(404, ['obecAdmin']),
  },
  // Area activity plans and reports (cockpit): a fresh plan of the world's area per call where the call changes it.
  {
    route: 'POST /areas/:id/activity-plans',
    call: (w, a) => http(w).post(`/api/v1/areas/${w.areaId}/activity-plans`).set(a).send(activityPlanBody()),
    expect: only(201, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /areas/:id/activity-plans',
    call: (w, a) => http(w).get(`/api/v1/areas/${w.areaId}/activity-plans?fiscalYear=2570`).set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /activity-plans/summary (national)',
    call: (w, a) => http(w).get('/api/v1/activity-plans/summary?fiscalYear=2570&scope=national').set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'GET /activity-plans/summary (area)',
    call: (w, a) =>
      http(w).get(`/api/v1/activity-plans/summary?fiscalYear=2570&scope=area:${w.areaId}`).set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /activity-plans/:id',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/activity-plans/${await matrixPlan(w)}`)
        .set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'PATCH /activity-plans/:id',
    call: async (w, a) =>
      http(w)
        .patch(`/api/v1/activity-plans/${await matrixPlan(w)}`)
        .set(a)
        .send({ budget: '1000.00' }),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'DELETE /activity-plans/:id',
    call: async (w, a) =>
      http(w)
        .delete(`/api/v1/activity-plans/${await matrixPlan(w)}`)
        .set(a),
    expect: only(204, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /activity-plans/:id/report',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/activity-plans/${await matrixPlan(w)}/report`)
        .set(a)
        .send(activityReportBody()),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /activity-plans/:id/report/revisions',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/activity-plans/${await matrixPlan(w)}/report/revisions`)
        .set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /activity-plans/:id/evidence',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/activity-plans/${await matrixPlan(w)}/evidence`)
        .set(a)
        .attach('file', samplePdf(), 'evidence.pdf'),
    expect: only(201, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /activity-plans/:id/evidence/:evidenceId',
    call: async (w, a) =>
      http(w)
        .get(await matrixEvidence(w))
        .set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'DELETE /activity-plans/:id/evidence/:evidenceId',
    call: async (w, a) =>
      http(w)
        .delete(await matrixEvidence(w))
        .set(a),
    expect: only(204, ['areaAdminHere', 'obecAdmin']),
  },
  // Research extracts: OBEC admins only.
  {
    route: 'GET /cockpit/research-extract',
    call: (w, a) =>
      http(w).get('/api/v1/cockpit/research-extract?dataset=points&from=2026-10-01&to=2026-10-31').set(a),
    expect: only(200, ['obecAdmin']),
  },
  {
    route: 'GET /cockpit/research-extract/dictionary',
    call: (w, a) => http(w).get('/api/v1/cockpit/research-extract/dictionary').set(a),
    expect: only(200, ['obecAdmin']),
  },
  // The cockpit's reads: an area's numbers for its area admins and OBEC admins, 403 COCKPIT_SCOPE_FORBIDDEN else.
  ...[
    'summary',
    'breakdown?dimension=school&metric=ratings',
    'timeseries?metric=comments&interval=week',
    'indicator-18',
  ].map((path) => ({
    route: `GET /cockpit/${path.split('?')[0]}`,
    call: (w: World, a: Record<string, string>) =>
      http(w)
        .get(`/api/v1/cockpit/${path}${path.includes('?') ? '&' : '?'}scope=area:${w.areaId}`)
        .set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  })),
  {
    route: 'GET /cockpit/summary (national)',
    call: (w, a) => http(w).get('/api/v1/cockpit/summary?scope=national').set(a),
    expect: only(200, ['obecAdmin']),
  },
  // Cockpit exports and the printed area report keep the reads' scope. No worker runs here: the area report's
  // allowed callers get as far as the pdf queue (503); test/cockpit/area-report.e2e-spec.ts prints with one.
  {
    route: 'GET /cockpit/export',
    call: (w, a) =>
      http(w).get(`/api/v1/cockpit/export?report=summary&format=xlsx&scope=area:${w.areaId}`).set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /cockpit/export (activity plans)',
    call: (w, a) =>
      http(w)
        .get(`/api/v1/cockpit/export?report=activity-plans&format=csv&fiscalYear=2570&scope=area:${w.areaId}`)
        .set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /cockpit/area-report',
    call: (w, a) => http(w).get(`/api/v1/cockpit/area-report?areaId=${w.areaId}&fiscalYear=2570`).set(a),
    expect: only(503, ['areaAdminHere', 'obecAdmin']),
  },
  // Events (issue 18): listed and shown to members; created by whoever acts for the organiser (an event of the
  // world's area: its area admin and OBEC); codes, attendance and completions for its organisers; registering,
  // checking in and the evaluation for every member (each call registers its caller first where it needs to).
  {
    route: 'POST /events',
    call: (w, a) =>
      http(w)
        .post('/api/v1/events')
        .set(a)
        .send(matrixEventBody(w, 24 * 3_600_000)),
    expect: only(201, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /events',
    call: (w, a) => http(w).get('/api/v1/events').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /events/:id',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/events/${(await matrixEvent(w)).id}`)
        .set(a),
    expect: signedIn(200),
  },
  {
    route: 'POST /events/:id/cancel',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/events/${(await freshEvent(w)).id}/cancel`)
        .set(a)
        .send({ reason: 'ทดสอบสิทธิ์การยกเลิก' }),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /events/:id/registrations',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/events/${(await freshEvent(w)).id}/registrations`)
        .set(a),
    expect: signedIn(201),
  },
  {
    route: 'DELETE /events/:id/registrations/me',
    call: async (w, a) => {
      const event = await freshEvent(w);
      await http(w).post(`/api/v1/events/${event.id}/registrations`).set(a);
      return http(w).delete(`/api/v1/events/${event.id}/registrations/me`).set(a);
    },
    expect: signedIn(204),
  },
  {
    route: 'GET /events/:id/sessions/:sessionId/check-in-code',
    call: async (w, a) => {
      const event = await matrixEvent(w);
      return http(w).get(`/api/v1/events/${event.id}/sessions/${event.sessionId}/check-in-code`).set(a);
    },
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /events/:id/sessions/:sessionId/check-ins',
    call: async (w, a) => {
      const event = await matrixEvent(w);
      await http(w).post(`/api/v1/events/${event.id}/registrations`).set(a);
      const code = await http(w)
        .get(`/api/v1/events/${event.id}/sessions/${event.sessionId}/check-in-code`)
        .set(w.actors.obecAdmin.auth);
      return http(w)
        .post(`/api/v1/events/${event.id}/sessions/${event.sessionId}/check-ins`)
        .set(a)
        .send({ code: code.body.code });
    },
    expect: signedIn(201),
  },
  {
    route: 'POST /events/:id/attendance/import',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/events/${(await matrixEvent(w)).id}/attendance/import`)
        .set(a)
        .set('content-type', 'text/csv')
        .send('email,minutes\n'),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'PUT /events/:id/sessions/:sessionId/attendance/:memberId',
    call: async (w, a) => {
      const event = await matrixEvent(w);
      await http(w).post(`/api/v1/events/${event.id}/registrations`).set(w.actors.member.auth);
      return http(w)
        .put(`/api/v1/events/${event.id}/sessions/${event.sessionId}/attendance/${w.actors.member.id}`)
        .set(a)
        .send({ attended: true, reason: 'ทดสอบสิทธิ์การแก้ไข' });
    },
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /events/:id/evaluations',
    call: async (w, a) => {
      const event = await freshEvent(w);
      await http(w).post(`/api/v1/events/${event.id}/registrations`).set(a);
      return http(w).post(`/api/v1/events/${event.id}/evaluations`).set(a).send({ rating: 4, comments: 'ดี' });
    },
    expect: signedIn(201),
  },
  {
    route: 'GET /me/events',
    call: (w, a) => http(w).get('/api/v1/me/events').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /me/events/:id',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/me/events/${(await matrixEvent(w)).id}`)
        .set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /events/:id/completions',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/events/${(await matrixEvent(w)).id}/completions`)
        .set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  // Certificates (issue 18): members' own; the PDF to its holder and the event's organisers (404 to others, who learn
  // nothing); verification public; issue now and progress for organisers; revocation by organisers (a fresh one per
  // call; its holder 403). The event is one of areaAdminHere's area, ended, its completions decided.
  {
    route: 'GET /me/certificates',
    call: (w, a) => http(w).get('/api/v1/me/certificates').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /certificates/:id/pdf',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/certificates/${(await matrixCertificate(w)).id}/pdf`)
        .set(a),
    expect: signedIn(404, { member: 200, areaAdminHere: 200, obecAdmin: 200 }),
  },
  {
    route: 'GET /certificates/verify/:code',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/certificates/verify/${(await matrixCertificate(w)).code}`)
        .set(a),
    expect: everyone(200),
  },
  {
    route: 'POST /events/:id/certificates/issue',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/events/${(await matrixCertificate(w)).eventId}/certificates/issue`)
        .set(a),
    expect: only(202, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /events/:id/certificates/progress',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/events/${(await matrixCertificate(w)).eventId}/certificates/progress`)
        .set(a),
    expect: only(200, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'POST /certificates/:id/revoke',
    call: async (w, a) =>
      http(w)
        .post(`/api/v1/certificates/${(await freshCertificate(w)).id}/revoke`)
        .set(a)
        .send({ reason: 'ทดสอบสิทธิ์การเพิกถอน' }),
    expect: signedIn(404, { member: 403, areaAdminHere: 200, obecAdmin: 200 }),
  },
  // Campaigns (issue 18 §6): created by OBEC admins (any scope) and area admins (their area's: the world's area
  // here, 403 CAMPAIGN_SCOPE_FORBIDDEN elsewhere); listed to every member; an area campaign's progress for the
  // area's members and admins (404 CAMPAIGN_NOT_FOUND for others).
  {
    route: 'POST /admin/campaigns',
    call: (w, a) => http(w).post('/api/v1/admin/campaigns').set(a).send(matrixCampaignBody(w)),
    expect: only(201, ['areaAdminHere', 'obecAdmin']),
  },
  {
    route: 'GET /campaigns',
    call: (w, a) => http(w).get('/api/v1/campaigns').set(a),
    expect: signedIn(200),
  },
  {
    route: 'GET /campaigns/:id/progress',
    call: async (w, a) =>
      http(w)
        .get(`/api/v1/campaigns/${await matrixCampaign(w)}/progress`)
        .set(a),
    expect: signedIn(404, { member: 200, anotherMember: 200, areaAdminHere: 200, obecAdmin: 200 }),
  },
];

/** A campaign of the world's area: give feedback 3 times this week, 5 points each. */
const matrixCampaignBody = (w: World) => ({
  title: { th: 'แคมเปญทดสอบสิทธิ์', en: 'Access test campaign' },
  scope: 'area',
  areaId: w.areaId,
  goal: 'give_feedback',
  target: 3,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  bonusPoints: 5,
});
let matrixCampaignMade: Promise<string> | undefined;
const matrixCampaign = (w: World) =>
  (matrixCampaignMade ??= (async () => {
    const created = await request(w.api.url)
      .post('/api/v1/admin/campaigns')
      .set(w.actors.obecAdmin.auth)
      .send(matrixCampaignBody(w));
    if (created.status !== 201)
      throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id as string;
  })());

/** An event of the world's area with a session under way (started 10 minutes ago, 2 hours long). */
const matrixEventBody = (w: World, startsInMs = -10 * 60_000) => {
  // One moment for every time of the body (two reads of the clock could put the registration's close after the end).
  const now = Date.now();
  const iso = (ms: number) => new Date(now + ms).toISOString();
  return {
    kind: 'workshop',
    title: 'อบรมทดสอบสิทธิ์',
    organiser: { type: 'area', id: w.areaId },
    sessions: [
      {
        title: 'ช่วงเดียว',
        startsAt: iso(startsInMs),
        endsAt: iso(startsInMs + 2 * 3_600_000),
        mode: 'online',
        joinUrl: 'https://meet.example.test/matrix',
      },
    ],
    registrationOpensAt: iso(-3_600_000),
    registrationClosesAt: iso(startsInMs + 2 * 3_600_000),
    completion: { rule: 'all_sessions', evaluationRequired: false },
    certificate: { signatoryName: 'ผู้ลงนาม', signatoryTitle: 'ตำแหน่ง' },
  };
};
async function freshEvent(w: World): Promise<{ id: string; sessionId: string }> {
  const created = await request(w.api.url)
    .post('/api/v1/events')
    .set(w.actors.obecAdmin.auth)
    .send(matrixEventBody(w));
  if (created.status !== 201) throw new Error(`event: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id, sessionId: created.body.sessions[0].id };
}
let matrixEventMade: Promise<{ id: string; sessionId: string }> | undefined;
const matrixEvent = (w: World) => (matrixEventMade ??= freshEvent(w));

/** One badge credential of `member`'s, issued once (badge awards come later: its award id is made up). */
let matrixBadgeIssued: Promise<BadgeCredentialRecord> | undefined;
const matrixBadge = (w: World) =>
  (matrixBadgeIssued ??= w.api.dataSource.transaction((manager) =>
    w.api.app.get(CredentialsService, { strict: false }).issue(manager, {
      awardId: uuidv7(),
      memberId: w.actors.member.id,
      issuedAt: new Date(),
      achievement: {
        id: 'http://localhost:3000/badges/matrix',
        name: { th: 'เหรียญทดสอบสิทธิ์', en: 'Access test badge' },
        description: { th: 'ใช้ทดสอบสิทธิ์', en: 'For the access matrix' },
        criteria: { th: 'ไม่มี', en: 'None' },
        image: 'http://localhost:3000/badges/matrix.png',
      },
    }),
  ));

/** A fresh activity plan of the world's area, by its OBEC admin; and a fresh evidence file of one. */
const matrixPlan = (w: World) => freshActivityPlan(w.api.url, w.actors.obecAdmin.auth, w.areaId);
const matrixEvidence = async (w: World) =>
  freshActivityEvidence(w.api.url, w.actors.obecAdmin.auth, await matrixPlan(w));

/**
 * A certificate of `member` for a fresh ended event of the world's area (written with SQL: issuing has its own
 * suite), with its PDF in the storage; the first one is shared by the read rows.
 */
async function freshCertificate(w: World): Promise<{ id: string; code: string; eventId: string }> {
  const db = w.api.dataSource;
  const eventId = uuidv7();
  const endsAt = new Date(Date.now() - 3_600_000);
  await db.query(
    `INSERT INTO activity_event (id, kind, title, organiser_type, organiser_id, area_id, registration_opens_at,
       registration_closes_at, starts_at, ends_at, completion_rule, signatory_name, signatory_title,
       completions_computed_at, created_by)
     VALUES ($1, 'forum', 'กิจกรรมทดสอบสิทธิ์', 'area', $2, $2, $3, $4, $5, $6, 'all_sessions', 'ผู้ลงนาม', 'ตำแหน่ง', $6, $7)`,
    [
      eventId,
      w.areaId,
      new Date(endsAt.getTime() - 10 * 86_400_000),
      new Date(endsAt.getTime() - 86_400_000),
      new Date(endsAt.getTime() - 3_600_000),
      endsAt,
      w.actors.obecAdmin.id,
    ],
  );
  await db.query(
    `INSERT INTO activity_completion (event_id, member_id, attended_sessions, attended_share) VALUES ($1, $2, 1, 1)`,
    [eventId, w.actors.member.id],
  );
  const id = uuidv7();
  const code = Array.from(
    { length: 10 },
    () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 31)],
  ).join('');
  const key = `certificates/${eventId}/${id}.pdf`;
  const pdf = samplePdf();
  await w.api.app.get<FileStorage>(FILE_STORAGE, { strict: false }).put(key, pdf, {
    contentType: 'application/pdf',
    size: pdf.length,
    sha256: createHash('sha256').update(pdf).digest('hex'),
  });
  await db.query(
    `INSERT INTO activity_certificate (id, event_id, member_id, number, code, holder_name, storage_key)
     VALUES ($1, $2, $3, $4, $5, 'ครูทดสอบสิทธิ์', $6)`,
    [id, eventId, w.actors.member.id, `LC-TEST-${id.replace(/-/g, '').slice(-16)}`, code, key],
  );
  return { id, code, eventId };
}
let matrixCertificateIssued: Promise<{ id: string; code: string; eventId: string }> | undefined;
const matrixCertificate = (w: World) => (matrixCertificateIssued ??= freshCertificate(w));

describe('Access-control matrix', () => {
  let environment: TestEnvironment;
  const world = {} as World;

  beforeAll(async () => {
    environment = await createTestEnvironment({
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '1000',
      LOGIN_MAX_ATTEMPTS_PER_IP: '10000',
      // The comment rows build a fresh comment by `member` for every caller (about 20 a minute).
      COMMENT_LIMIT_PER_MINUTE: '1000',
    });
    world.api = await startTestApp(environment);
    world.given = new Given(world.api);
    world.school = await world.given.school('P81');
    world.areaId = world.school.areaId;
    const otherSchool = await world.given.school('P81', 'โรงเรียนข้างเคียง');
    const partner = await world.given.partner();
    world.actors = {
      member: await world.given.member({ schoolId: world.school.id }),
      anotherMember: await world.given.member({ schoolId: otherSchool.id }),
      partnerStaff: await world.given.member({ roles: [{ role: 'partner_staff', scopeId: partner.id }] }),
      otherPartnerStaff: await world.given.member({
        roles: [{ role: 'partner_staff', scopeId: (await world.given.partner('ภาคีอื่น')).id }],
      }),
      areaAdminHere: await world.given.member({ roles: [{ role: 'area_admin', scopeId: world.areaId }] }),
      areaAdminElsewhere: await world.given.member({
        roles: [{ role: 'area_admin', scopeId: await world.given.areaId('S01') }],
      }),
      moderator: await world.given.member({ roles: [{ role: 'moderator' }] }),
      obecAdmin: await world.given.member({ roles: [{ role: 'obec_admin' }] }),
    };
    world.innovationId = await freshInnovation(world, 'published');
    world.draftId = await freshInnovation(world, 'draft');
    world.perkId = await freshPerk(world, 'live');
    const ledger = world.api.app.get(LedgerService, { strict: false });
    await world.api.dataSource.transaction((m) =>
      ledger.transfer(
        m,
        Object.values(world.actors).map((actor) => ({
          idempotencyKey: `matrix-fund:${actor.id}`,
          debit: ISSUANCE,
          credit: memberWallet(actor.id),
          amount: 1000,
          kind: 'award' as const,
          reason: { code: 'test', th: 'ทดสอบ', en: 'test' },
        })),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await world.api?.close();
    await environment?.drop();
  });

  it('has a row for every route of the OpenAPI document', async () => {
    const document = (await http(world).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const shape = (method: string, path: string) =>
      `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}|:[A-Za-z]+/g, ':param')}`;
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => shape(method, path)),
    );
    expect(routes.length).toBeGreaterThan(100);
    const covered = new Set(
      ROWS.map((row) => {
        const [method, path] = row.route.split(' (')[0]!.split(' ');
        return shape(method!, path!);
      }),
    );
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(ROWS.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const actual: Record<string, number> = {};
    for (const actor of ACTORS) {
      const auth = actor === 'anonymous' ? {} : world.actors[actor].auth;
      actual[actor] = (await row.call(world, auth)).status;
    }
    expect(actual).toEqual(row.expect);
  });
});
