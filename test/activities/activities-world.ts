import request from 'supertest';
import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@lc/core';
import { GivenMember } from '../support/given';
import { TestApp } from '../support/test-app';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A time `ms` from the app's now, written with the Bangkok offset as organisers send it. */
export function bangkok(at: Date): string {
  const local = new Date(at.getTime() + 7 * HOUR);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

export interface SessionSpec {
  startsInMs: number;
  minutes: number;
  checkpoints?: number;
  mode?: 'online' | 'onsite';
}

/**
 * An event body as an organiser sends it: sessions starting `startsInMs` from now (the api's clock), registration
 * open from an hour ago until the last session ends, certificates after 7 days.
 */
export function eventBody(
  api: TestApp,
  sessions: SessionSpec[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = api.app.get(Clock, { strict: false }).now().getTime();
  const ends = Math.max(...sessions.map((s) => now + s.startsInMs + s.minutes * MINUTE));
  return {
    kind: 'workshop',
    title: 'อบรมเชิงปฏิบัติการ การจัดการเรียนรู้เชิงรุก',
    description: 'ฝึกออกแบบกิจกรรม Active Learning ที่ใช้ในห้องเรียนได้จริง',
    organiser: { type: 'obec' },
    sessions: sessions.map((s, i) => ({
      title: `ช่วงที่ ${i + 1}`,
      startsAt: bangkok(new Date(now + s.startsInMs)),
      endsAt: bangkok(new Date(now + s.startsInMs + s.minutes * MINUTE)),
      mode: s.mode ?? 'online',
      ...((s.mode ?? 'online') === 'online'
        ? { joinUrl: 'https://meet.example.test/al-workshop' }
        : { venue: 'ห้องประชุม สพฐ. อาคาร 1' }),
      ...(s.checkpoints ? { checkpoints: s.checkpoints } : {}),
    })),
    registrationOpensAt: bangkok(new Date(now - HOUR)),
    registrationClosesAt: bangkok(new Date(ends)),
    completion: { rule: 'all_sessions', evaluationRequired: false },
    certificate: {
      issueAfterDays: 7,
      signatoryName: 'นายสมชาย ใจดี',
      signatoryTitle: 'ผู้อำนวยการสำนักพัฒนาครูและบุคลากรการศึกษาขั้นพื้นฐาน',
    },
    ...overrides,
  };
}

export async function createEvent(
  api: TestApp,
  organiser: GivenMember,
  body: Record<string, unknown>,
): Promise<{ id: string; sessions: { id: string; minutes: number }[] }> {
  const response = await request(api.url).post('/api/v1/events').set(organiser.auth).send(body);
  if (response.status !== 201)
    throw new Error(`creating the event failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Moves the clock of the api and of the worker (if any) together. */
export function travel(ms: number, ...apps: (TestApp | INestApplicationContext | null)[]): void {
  for (const app of apps) {
    if (!app) continue;
    const context = 'app' in app ? app.app : app;
    context.get(Clock, { strict: false }).travel(ms);
  }
}

export async function codeOf(
  api: TestApp,
  organiser: GivenMember,
  eventId: string,
  sessionId: string,
  checkpoint = 1,
): Promise<string> {
  const response = await request(api.url)
    .get(`/api/v1/events/${eventId}/sessions/${sessionId}/check-in-code?checkpoint=${checkpoint}`)
    .set(organiser.auth)
    .expect(200);
  return response.body.code as string;
}

/**
 * An event of `kind` by `organiser`, one hour-long session that started 5 minutes ago, which `members` register for
 * and check in to (it completes for them once it has ended and its completions are decided).
 */
export async function attendedEvent(
  api: TestApp,
  organiser: GivenMember,
  kind: string,
  members: GivenMember[],
): Promise<string> {
  const event = await createEvent(
    api,
    organiser,
    eventBody(api, [{ startsInMs: -5 * MINUTE, minutes: 60 }], { kind }),
  );
  const sessionId = event.sessions[0]!.id;
  const code = await codeOf(api, organiser, event.id, sessionId);
  for (const member of members) {
    await request(api.url).post(`/api/v1/events/${event.id}/registrations`).set(member.auth).expect(201);
    await request(api.url)
      .post(`/api/v1/events/${event.id}/sessions/${sessionId}/check-ins`)
      .set(member.auth)
      .send({ code })
      .expect(201);
  }
  return event.id;
}
