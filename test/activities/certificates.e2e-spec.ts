import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { CertificateIssuer } from '@lc/activities';
import { Clock, THAI_MONTHS } from '@lc/core';
import { Given, GivenMember, GivenSchool } from '../support/given';
import { plainTextOf } from '../support/mail-files';
import {
  createTestEnvironment,
  eventually,
  startTestApp,
  TestApp,
  TestEnvironment,
} from '../support/test-app';
import { startTestWorker } from '../support/test-worker';
import { count, insertCompleters, insertEvent, insertMembers } from './certificates-support';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** Where this suite keeps what a person would look at (the rendered certificate). */
const LOOK_DIR = join(tmpdir(), 'certs');

/**
 * Certificates (issue 18 §5): issued by the worker once per completer after the configured days (a test clock),
 * never twice when issues run again or at once; organisers issue now, follow progress and revoke; members list and
 * download theirs; anyone verifies by code. Events and completions are written with SQL (their creation and
 * completion have their own suites); the issue-now test lets the lead's CompletionService decide completions.
 */
describe('Activities: certificates', () => {
  let environment: TestEnvironment;
  let api: TestApp;
  let worker: INestApplicationContext;
  let given: Given;
  let mailDir: string;
  let school: GivenSchool;
  let organiser: GivenMember;
  let holder: GivenMember;
  let second: GivenMember;
  let outsider: GivenMember;
  let obecAdmin: GivenMember;

  const http = () => request(api.url);
  const issuer = () => worker.get(CertificateIssuer, { strict: false });
  const now = () => api.app.get(Clock).now();
  const travel = (ms: number) => {
    api.app.get(Clock).travel(ms);
    worker.get(Clock, { strict: false }).travel(ms);
  };
  const certificatesOf = (eventId: string) =>
    count(api.dataSource, `SELECT count(*) FROM activity_certificate WHERE event_id = $1`, [eventId]);
  const issuedEventsOf = (eventId: string) =>
    count(
      api.dataSource,
      `SELECT count(*) FROM outbox_event WHERE type = 'activity.certificate_issued' AND payload->>'eventId' = $1`,
      [eventId],
    );

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'lc-test-mail-'));
    environment = await createTestEnvironment({
      MAIL_TRANSPORT: 'file',
      MAIL_DIR: mailDir,
      MAIL_SWEEP_MS: '200',
      WEB_URL: 'https://lc.example.test',
    });
    api = await startTestApp(environment);
    worker = await startTestWorker(environment);
    given = new Given(api);
    school = await given.school('P81', 'โรงเรียนเกียรติบัตร');
    organiser = await given.member({ roles: [{ role: 'area_admin', scopeId: school.areaId }] });
    holder = await given.member({ schoolId: school.id, displayName: 'นางสาวใจดี มีสุข' });
    second = await given.member({ schoolId: school.id });
    outsider = await given.member();
    obecAdmin = await given.member({ roles: [{ role: 'obec_admin' }] });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.drop();
    await rm(mailDir, { recursive: true, force: true });
  });

  /** An area event of the world's area that ended `endedAgo` ms before the test clock's now. */
  const areaEvent = (
    title: string,
    options: { endedAgo?: number; issueAfterDays?: number; computed?: boolean } = {},
  ) => {
    const endsAt = new Date(now().getTime() - (options.endedAgo ?? HOUR));
    return insertEvent(api.dataSource, {
      title,
      createdBy: obecAdmin.id,
      organiser: { type: 'area', id: school.areaId },
      areaId: school.areaId,
      startsAt: new Date(endsAt.getTime() - 3 * HOUR),
      endsAt,
      issueAfterDays: options.issueAfterDays ?? 7,
      completionsComputed: options.computed ?? true,
    });
  };

  describe('a forum that ended an hour ago, certificates after 7 days', () => {
    let eventId: string;
    let bulk: string[];

    beforeAll(async () => {
      eventId = await areaEvent('เสวนาวิชาการ Active Learning ครั้งที่ 1');
      bulk = await insertMembers(api.dataSource, 3);
      await insertCompleters(api.dataSource, eventId, [holder.id, second.id, ...bulk]);
      // Registered but did not complete: no certificate.
      await api.dataSource.query(
        `INSERT INTO activity_registration (event_id, member_id, status) VALUES ($1, $2, 'registered')`,
        [eventId, outsider.id],
      );
    });

    it('issues nothing before the days have passed, and says so in the progress', async () => {
      await issuer().issueDue();
      expect(await certificatesOf(eventId)).toBe(0);
      const progress = await http()
        .get(`/api/v1/events/${eventId}/certificates/progress`)
        .set(organiser.auth)
        .expect(200);
      expect(progress.body).toMatchObject({
        completers: 5,
        issued: 0,
        revoked: 0,
        pending: 5,
        status: 'waiting',
      });
      const endsAt = (
        await api.dataSource.query(`SELECT ends_at FROM activity_event WHERE id = $1`, [eventId])
      )[0].ends_at as Date;
      expect(progress.body.dueAt).toBe(new Date(endsAt.getTime() + 7 * DAY).toISOString());
      travel(6 * DAY);
      await issuer().issueDue();
      expect(await certificatesOf(eventId)).toBe(0);
    });

    it('issues one to every completer once the days have passed, and never a second', async () => {
      travel(1 * DAY);
      await issuer().issueDue();
      expect(await certificatesOf(eventId)).toBe(5);
      await issuer().issueDue();
      await issuer().issueEvent(eventId);
      expect(await certificatesOf(eventId)).toBe(5);
      expect(await issuedEventsOf(eventId)).toBe(5);
      const rows = await api.dataSource.query(
        `SELECT member_id, number, code, holder_name, storage_key FROM activity_certificate WHERE event_id = $1`,
        [eventId],
      );
      expect(new Set(rows.map((r: { member_id: string }) => r.member_id))).toEqual(
        new Set([holder.id, second.id, ...bulk]),
      );
      for (const row of rows) {
        expect(row.number).toMatch(/^LC-25\d\d-\d{6,}$/);
        expect(row.code).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);
        expect(row.storage_key).toBeTruthy();
      }
      expect(rows.find((r: { member_id: string }) => r.member_id === holder.id).holder_name).toBe(
        'นางสาวใจดี มีสุข',
      );
      const progress = await http()
        .get(`/api/v1/events/${eventId}/certificates/progress`)
        .set(organiser.auth)
        .expect(200);
      expect(progress.body).toMatchObject({
        completers: 5,
        issued: 5,
        revoked: 0,
        pending: 0,
        status: 'done',
      });
    });

    it('tells the member in the app and by e-mail, in Thai and English', async () => {
      const notification = await eventually(async () => {
        const inbox = await http().get('/api/v1/notifications').set(holder.auth).expect(200);
        const items = (inbox.body.items ?? inbox.body) as {
          type: string;
          title: { th: string; en: string };
        }[];
        return items.find((item) => item.type === 'certificate.issued');
      }, 20_000);
      expect(notification.title.th).toContain('เกียรติบัตร');
      expect(notification.title.en).toContain('certificate');
      const mail = await eventually(async () => {
        for (const name of await readdir(mailDir)) {
          const eml = await readFile(join(mailDir, name), 'utf8');
          if (eml.includes(holder.email) && plainTextOf(eml).includes('เกียรติบัตร')) return plainTextOf(eml);
        }
        return undefined;
      }, 20_000);
      expect(mail).toContain('เสวนาวิชาการ Active Learning ครั้งที่ 1');
      expect(mail).toContain('certificate');
      expect(mail).toContain('https://lc.example.test/me/certificates');
    });

    it('lists the member’s certificates, and the member downloads the PDF again: Thai text and a rendered page', async () => {
      const mine = await http().get('/api/v1/me/certificates').set(holder.auth).expect(200);
      expect(mine.body).toHaveLength(1);
      const certificate = mine.body[0];
      expect(certificate).toMatchObject({
        event: { id: eventId, title: 'เสวนาวิชาการ Active Learning ครั้งที่ 1', kind: 'forum' },
        revoked: false,
        downloadUrl: `/api/v1/certificates/${certificate.id}/pdf`,
      });
      // The member's portfolio shows it with its public verification link (the portfolio is visible to members).
      const portfolio = await http()
        .get(`/api/v1/members/${holder.id}/portfolio`)
        .set(holder.auth)
        .expect(200);
      expect(portfolio.body.certificates).toEqual([
        expect.objectContaining({
          id: certificate.id,
          number: certificate.number,
          event: expect.objectContaining({ id: eventId, kind: 'forum' }),
          verifyUrl: certificate.verifyUrl,
        }),
      ]);
      const first = await http()
        .get(certificate.downloadUrl)
        .set(holder.auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(first.headers['content-type']).toBe('application/pdf');
      expect(first.headers['content-disposition']).toBe(
        `attachment; filename="certificate-${certificate.number}.pdf"`,
      );
      const pdf = first.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      await mkdir(LOOK_DIR, { recursive: true });
      const file = join(LOOK_DIR, `certificate-${certificate.number}.pdf`);
      await writeFile(file, pdf);
      // The text as a reader's tools extract it: Thai words whole (Sarabun shaped by Chromium).
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const squeezed = text.replace(/\s+/g, ' ');
      expect(squeezed).toContain('เกียรติบัตร');
      expect(squeezed).toContain('นางสาวใจดี มีสุข');
      expect(squeezed).toContain('เสวนาวิชาการ Active Learning ครั้งที่ 1');
      expect(squeezed).toContain(certificate.number);
      expect(squeezed).toContain(certificate.code);
      expect(squeezed).toContain('นายทดสอบ ลงนาม');
      expect(squeezed).toContain('สำนักงานเขตพื้นที่การศึกษา');
      const bangkokDay = new Date(new Date(certificate.event.startsAt).getTime() + 7 * HOUR);
      expect(squeezed).toContain(
        `${bangkokDay.getUTCDate()} ${THAI_MONTHS[bangkokDay.getUTCMonth()]} ${bangkokDay.getUTCFullYear() + 543}`,
      );
      // And as a reader's eyes see it: page 1 rendered to an image, not blank (a PNG to look at; a PGM to count).
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        file,
        file.replace(/\.pdf$/, ''),
      ]);
      const pgm = execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', '1', '-l', '1', '-singlefile', file]);
      const { width, height, pixels } = parsePgm(pgm);
      expect(width).toBeGreaterThan(height); // landscape
      const dark = pixels.filter((value) => value < 128).length;
      expect(dark / pixels.length).toBeGreaterThan(0.01);
      expect(dark / pixels.length).toBeLessThan(0.5);

      const again = await http().get(certificate.downloadUrl).set(holder.auth).expect(200);
      expect(Number(again.headers['content-length'])).toBe(pdf.length);
    });

    it('gives the PDF to organisers too, and to nobody else', async () => {
      const [row] = await api.dataSource.query(
        `SELECT id FROM activity_certificate WHERE event_id = $1 AND member_id = $2`,
        [eventId, holder.id],
      );
      await http().get(`/api/v1/certificates/${row.id}/pdf`).set(second.auth).expect(404);
      await http().get(`/api/v1/certificates/${row.id}/pdf`).set(outsider.auth).expect(404);
      await http().get(`/api/v1/certificates/${row.id}/pdf`).expect(401);
      await http().get(`/api/v1/certificates/${row.id}/pdf`).set(organiser.auth).expect(200);
      await http().get(`/api/v1/events/${eventId}/certificates/progress`).set(outsider.auth).expect(403);
      const otherArea = await given.member({
        roles: [{ role: 'area_admin', scopeId: await given.areaId('S01') }],
      });
      await http().get(`/api/v1/certificates/${row.id}/pdf`).set(otherArea.auth).expect(404);
    });

    it('verifies by code: valid with the holder’s name only; unknown for any other code', async () => {
      const [row] = await api.dataSource.query(
        `SELECT code, number FROM activity_certificate WHERE event_id = $1 AND member_id = $2`,
        [eventId, holder.id],
      );
      const valid = await http().get(`/api/v1/certificates/verify/${row.code}`).expect(200);
      expect(valid.body).toMatchObject({
        status: 'valid',
        holder: 'นางสาวใจดี มีสุข',
        number: row.number,
        event: { title: 'เสวนาวิชาการ Active Learning ครั้งที่ 1', kind: 'forum' },
      });
      expect(Object.keys(valid.body).sort()).toEqual(['event', 'holder', 'issuedAt', 'number', 'status']);
      expect(JSON.stringify(valid.body)).not.toContain(holder.email);
      // Typed from paper: lower case and spaces are fine.
      const typed = `${row.code.slice(0, 5).toLowerCase()} ${row.code.slice(5)}`;
      expect(
        (
          await http()
            .get(`/api/v1/certificates/verify/${encodeURIComponent(typed)}`)
            .expect(200)
        ).body.status,
      ).toBe('valid');
      expect((await http().get('/api/v1/certificates/verify/ABCDEFGHJK').expect(200)).body).toEqual({
        status: 'unknown',
      });
      expect((await http().get('/api/v1/certificates/verify/nonsense').expect(200)).body).toEqual({
        status: 'unknown',
      });
    });

    it('lets organisers revoke one with a reason, once, audited; the verification then answers revoked', async () => {
      const [row] = await api.dataSource.query(
        `SELECT id, code FROM activity_certificate WHERE event_id = $1 AND member_id = $2`,
        [eventId, second.id],
      );
      const path = `/api/v1/certificates/${row.id}/revoke`;
      await http().post(path).set(outsider.auth).send({ reason: 'ไม่ใช่ผู้จัด' }).expect(404);
      const own = await http().post(path).set(second.auth).send({ reason: 'ขอเพิกถอนเอง' }).expect(403);
      expect(own.body.code).toBe('CERTIFICATE_FORBIDDEN');
      await http().post(path).set(organiser.auth).send({ reason: '' }).expect(400);
      const revoked = await http()
        .post(path)
        .set(organiser.auth)
        .send({ reason: 'ตรวจพบว่าไม่ได้เข้าร่วมกิจกรรมจริง' })
        .expect(200);
      expect(revoked.body.id).toBe(row.id);
      const again = await http().post(path).set(obecAdmin.auth).send({ reason: 'อีกครั้ง' }).expect(409);
      expect(again.body.code).toBe('CERTIFICATE_REVOKED');
      const audit = await api.dataSource.query(
        `SELECT actor_id, reason FROM audit_log WHERE action = 'activity.certificate_revoked' AND target_id = $1`,
        [row.id],
      );
      expect(audit).toEqual([{ actor_id: organiser.id, reason: 'ตรวจพบว่าไม่ได้เข้าร่วมกิจกรรมจริง' }]);
      const verified = await http().get(`/api/v1/certificates/verify/${row.code}`).expect(200);
      expect(verified.body).toMatchObject({ status: 'revoked', revokedAt: revoked.body.revokedAt });
      const mine = await http().get('/api/v1/me/certificates').set(second.auth).expect(200);
      expect(mine.body[0]).toMatchObject({ revoked: true });
      const progress = await http()
        .get(`/api/v1/events/${eventId}/certificates/progress`)
        .set(organiser.auth)
        .expect(200);
      expect(progress.body).toMatchObject({
        completers: 5,
        issued: 5,
        revoked: 1,
        pending: 0,
        status: 'done',
      });
      // A revoked certificate is not issued again.
      await issuer().issueEvent(eventId);
      expect(await certificatesOf(eventId)).toBe(5);
    });
  });

  it('never issues twice when two issues of a bulk event run at once', async () => {
    const eventId = await areaEvent('Learning Talk พร้อมกัน', { issueAfterDays: 0 });
    const members = await insertMembers(api.dataSource, 130, 'ครูพร้อมกัน');
    await insertCompleters(api.dataSource, eventId, members);
    // Two issuers in two worker processes' worth of code paths: the schedule's and the event's, at once, twice.
    const issued = await Promise.all([
      issuer().issueEvent(eventId),
      issuer().issueEvent(eventId),
      issuer().issueDue(),
    ]);
    await issuer().issueEvent(eventId);
    expect(await certificatesOf(eventId)).toBe(130);
    expect(
      await count(
        api.dataSource,
        `SELECT count(DISTINCT member_id) FROM activity_certificate WHERE event_id = $1`,
        [eventId],
      ),
    ).toBe(130);
    expect(await issuedEventsOf(eventId)).toBe(130);
    // What the issuers say they issued adds up (issueDue may have taken other due events: at least this one's).
    expect(issued[0] + issued[1] + issued[2]).toBeGreaterThanOrEqual(130);
    expect(
      await count(
        api.dataSource,
        `SELECT count(DISTINCT number) FROM activity_certificate WHERE event_id = $1`,
        [eventId],
      ),
    ).toBe(130);
  }, 180_000);

  describe('issue now', () => {
    it('refuses before the event has ended, and to members who do not organise it', async () => {
      const eventId = await areaEvent('อบรมเชิงปฏิบัติการยังไม่จบ', { endedAgo: -HOUR, computed: false });
      const early = await http()
        .post(`/api/v1/events/${eventId}/certificates/issue`)
        .set(organiser.auth)
        .expect(409);
      expect(early.body.code).toBe('EVENT_CERTIFICATES_NOT_READY');
      await http().post(`/api/v1/events/${eventId}/certificates/issue`).set(holder.auth).expect(403);
      await http().post(`/api/v1/events/${eventId}/certificates/issue`).expect(401);
    });

    it('lets organisers issue at once (202) instead of waiting the days; completions are decided first', async () => {
      const eventId = await areaEvent('อบรมเชิงปฏิบัติการออกทันที', { issueAfterDays: 30, computed: false });
      // One session all three attended (the lead's completion rule decides who completed): two attended, one not.
      const [{ starts_at: startsAt, ends_at: endsAt }] = await api.dataSource.query(
        `SELECT starts_at, ends_at FROM activity_event WHERE id = $1`,
        [eventId],
      );
      const sessionId = (await api.dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
      await api.dataSource.query(
        `INSERT INTO activity_session (id, event_id, position, title, starts_at, ends_at, mode, venue, code_secret)
         VALUES ($1, $2, 1, 'ช่วงเดียว', $3, $4, 'onsite', 'ห้องประชุม', '\\x00')`,
        [sessionId, eventId, startsAt, endsAt],
      );
      const members = await insertMembers(api.dataSource, 3, 'ครูออกทันที');
      await api.dataSource.query(
        `INSERT INTO activity_registration (event_id, member_id, status) SELECT $1, id, 'registered' FROM unnest($2::uuid[]) AS id`,
        [eventId, members],
      );
      await api.dataSource.query(
        `INSERT INTO activity_attendance (session_id, member_id, event_id, minutes, source)
         SELECT $1, id, $2, 180, 'import' FROM unnest($3::uuid[]) AS id`,
        [sessionId, eventId, members.slice(0, 2)],
      );
      await issuer().issueDue();
      expect(await certificatesOf(eventId)).toBe(0);

      const accepted = await http()
        .post(`/api/v1/events/${eventId}/certificates/issue`)
        .set(organiser.auth)
        .expect(202);
      expect(accepted.body).toMatchObject({
        completers: 2,
        issued: 0,
        pending: 2,
        status: 'issuing',
        completionsComputed: true,
      });
      // The worker is asked at once (its schedule would find it within a minute too).
      await eventually(async () => ((await certificatesOf(eventId)) === 2 ? true : undefined), 30_000);
      const progress = await http()
        .get(`/api/v1/events/${eventId}/certificates/progress`)
        .set(organiser.auth)
        .expect(200);
      expect(progress.body).toMatchObject({ completers: 2, issued: 2, pending: 0, status: 'done' });
      // Asking again changes nothing.
      await http().post(`/api/v1/events/${eventId}/certificates/issue`).set(obecAdmin.auth).expect(202);
      await issuer().issueEvent(eventId);
      expect(await certificatesOf(eventId)).toBe(2);
      const audit = await count(
        api.dataSource,
        `SELECT count(*) FROM audit_log WHERE action = 'activity.certificates_requested' AND target_id = $1`,
        [eventId],
      );
      expect(audit).toBe(2);
    }, 60_000);
  });
});

/** A binary PGM (P5) as pdftoppm -gray writes it. */
function parsePgm(data: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = data.subarray(0, 64).toString('latin1');
  const match = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!match) throw new Error('not a PGM');
  const width = Number(match[1]);
  const height = Number(match[2]);
  return {
    width,
    height,
    pixels: new Uint8Array(data.subarray(match[0].length, match[0].length + width * height)),
  };
}
