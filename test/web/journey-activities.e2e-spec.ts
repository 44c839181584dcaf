import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { CompletionService } from '@lc/activities';
import { Clock } from '@lc/core';
import { text } from '../support/browser';
import { GivenMember } from '../support/given';
import { eventually } from '../support/test-app';
import { Journey, signedIn, startWebStack, WebStack } from '../support/web-stack';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A moment written with the Bangkok offset, as organisers send it. */
function bangkok(at: Date): string {
  return `${new Date(at.getTime() + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;
}

/**
 * An event from check-in to certificate (issue 18's "Done when", Playwright): an organiser opens the check-in screen;
 * a member, in another browser at phone size, registers, opens the QR's link and checks in; after the event has
 * ended and its certificate days have passed (a test clock), the certificate is on the member's page and its public
 * verification page confirms it.
 */
describe('Web journey: an event’s check-in and certificate', () => {
  let stack: WebStack;
  let organiser: GivenMember;
  let teacher: GivenMember;

  const http = () => request(stack.url);
  const clock = () => stack.api.app.get(Clock, { strict: false });
  const travel = (ms: number) => {
    clock().travel(ms);
    stack.worker.get(Clock, { strict: false }).travel(ms);
  };
  const activities = (key: string) => text('th', 'activities', key);

  beforeAll(async () => {
    stack = await startWebStack();
    const school = await stack.given.school('P81', 'โรงเรียนบ้านเกียรติบัตร');
    organiser = await stack.given.member({ roles: [{ role: 'obec_admin' }], displayName: 'ผู้จัดกิจกรรม สพฐ.' });
    teacher = await stack.given.member({ schoolId: school.id, displayName: 'ครูใจดี มีสุข' });
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('checks a member in from the QR on the organiser’s screen, then issues and verifies the certificate', async () => {
    const now = clock().now().getTime();
    const startsAt = new Date(now + 5 * MINUTE);
    const endsAt = new Date(now + 65 * MINUTE);
    const created = await http()
      .post('/api/v1/events')
      .set(organiser.auth)
      .send({
        kind: 'learning_talk',
        title: 'Learning Talk: ห้องเรียน Active Learning',
        description: 'แลกเปลี่ยนการจัดการเรียนรู้เชิงรุกที่ใช้ได้จริง',
        organiser: { type: 'obec' },
        sessions: [
          {
            title: 'บรรยายและแลกเปลี่ยน',
            startsAt: bangkok(startsAt),
            endsAt: bangkok(endsAt),
            mode: 'online',
            joinUrl: 'https://meet.example.test/learning-talk',
          },
        ],
        capacity: 100,
        registrationOpensAt: bangkok(new Date(now - HOUR)),
        registrationClosesAt: bangkok(endsAt),
        completion: { rule: 'all_sessions', evaluationRequired: false },
        certificate: {
          issueAfterDays: 7,
          signatoryName: 'นายสมชาย ใจดี',
          signatoryTitle: 'ผู้อำนวยการสำนักพัฒนาครู',
        },
      })
      .expect(201);
    const eventId = created.body.id as string;
    const sessionId = created.body.sessions[0].id as string;

    const organiserJourney = new Journey('activities-organiser', 'desktop');
    const memberJourney = new Journey('activities', 'phone');
    const screen = await signedIn(stack, 'desktop', organiser);
    const member = await signedIn(stack, 'phone', teacher);
    await organiserJourney.run(() =>
      memberJourney.run(async () => {
        organiserJourney.watch(screen.page);
        memberJourney.watch(member.page);

        // The organiser puts the check-in screen up.
        await screen.page.goto(`/events/${eventId}/check-in-screen`);
        const code = screen.page.getByTestId('code-text');
        await code.waitFor();
        await screen.page.getByRole('img', { name: activities('screen.scan') }).waitFor();
        await organiserJourney.step(screen.page, 'check-in-screen');

        // The member finds the event and registers.
        await member.page.goto('/events');
        await member.page.getByRole('link', { name: 'Learning Talk: ห้องเรียน Active Learning' }).click();
        await member.page.getByRole('button', { name: activities('event.register') }).click();
        await member.page
          .getByTestId('registration-state')
          .filter({ hasText: activities('event.registered') })
          .waitFor();
        await memberJourney.step(member.page, 'registered');

        // The QR's link (the code on the screen now), opened on the member's phone, checks them in.
        const shown = ((await code.textContent()) ?? '').trim();
        expect(shown).toMatch(/^[A-Z0-9]{4,}$/);
        await member.page.goto(`/events/${eventId}/check-in?session=${sessionId}&code=${shown}`);
        const success = member.page.getByTestId('check-in-success');
        await success.waitFor();
        expect(await success.textContent()).toContain(activities('checkIn.success'));
        await memberJourney.step(member.page, 'checked-in');

        // The event ends; its completions are decided; the certificate days pass (the test clock).
        travel(endsAt.getTime() - now + 7 * DAY + HOUR);
        await stack.api.app.get(CompletionService, { strict: false }).completeEnded();

        // The organiser sees the completion and issues now (the worker's schedule would too).
        await screen.page.goto(`/events/${eventId}/attendance`);
        await screen.page
          .getByTestId('completions')
          .getByText(text('th', 'activities', 'attendance.completed'))
          .waitFor();
        await screen.page.getByRole('button', { name: activities('attendance.issueNow') }).click();
        await screen.page
          .getByTestId('certificates-status')
          .filter({ hasText: text('th', 'activities', 'attendance.certStatus.done') })
          .waitFor({ timeout: 60_000 });
        await organiserJourney.step(screen.page, 'certificates-issued');

        // The member's certificate, and its public verification page.
        await eventually(async () => {
          const mine = (await http().get('/api/v1/me/certificates').set(teacher.auth).expect(200))
            .body as unknown[];
          return mine.length > 0 ? true : undefined;
        }, 60_000);
        await member.page.goto('/me/certificates');
        const certificate = member.page.getByTestId('certificate');
        await certificate.waitFor();
        expect(await certificate.textContent()).toContain('Learning Talk: ห้องเรียน Active Learning');
        await memberJourney.step(member.page, 'my-certificates');
        const [download] = await Promise.all([
          member.page.waitForEvent('download'),
          certificate.getByRole('button', { name: activities('certificates.download') }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^certificate-[\w-]+\.pdf$/);
        const pdf = await readFile((await download.path())!);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        await certificate.getByRole('link', { name: activities('certificates.verify') }).click();
        await member.page.waitForURL(/\/verify\/certificate\//);
        const result = member.page.getByTestId('certificate-result');
        await result.waitFor();
        expect(await result.textContent()).toContain(activities('verify.valid'));
        expect(await result.textContent()).toContain('ครูใจดี มีสุข');
        await memberJourney.step(member.page, 'certificate-verified');
        await member.page.getByRole('button', { name: /^EN · / }).click();
        await member.page.getByText(text('en', 'activities', 'verify.valid')).waitFor();
        await memberJourney.step(member.page, 'certificate-verified-en');
      }),
    );
    await screen.context.close();
    await member.context.close();
  }, 300_000);
});
