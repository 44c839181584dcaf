import request from 'supertest';
import { samplePdf } from '../support/sample-files';

/**
 * Bodies of area activity plans and reports shaped like seed 004's report (สพป.สมุทรปราการ เขต 2: 800 planned,
 * budget 497,000 baht), for the activity plan suites and the access matrix.
 */

/** A plan of ปีงบประมาณ 2570 (1 Oct 2026 – 30 Sep 2027) at the area level; override any field. */
export const activityPlanBody = (overrides: Record<string, unknown> = {}) => ({
  fiscalYear: 2570,
  title: 'กิจกรรมแลกเปลี่ยนเรียนรู้การจัดการเรียนรู้เชิงรุก (Active Learning) ระดับเขตพื้นที่',
  titleEn: 'Active Learning exchange, area level',
  level: 'area',
  startsOn: '2027-08-01',
  endsOn: '2027-09-30',
  targets: { educationExecutives: 20, supervisors: 30, schoolDirectors: 150, teachers: 600 },
  budget: '497000.00',
  ...overrides,
});

/** Seed 004's actuals: 700 took part in the exchange. */
export const activityReportBody = (overrides: Record<string, unknown> = {}) => ({
  participants: { educationExecutives: 15, supervisors: 25, schoolDirectors: 184, teachers: 476 },
  supervisionVisits: 48,
  budgetSpent: '496850.50',
  notes: 'ครูได้แลกเปลี่ยนเรียนรู้และนำเสนอผลงาน',
  ...overrides,
});

/** A new plan of the area, made through the API by someone who may; answers its id. */
export async function freshActivityPlan(
  url: string,
  auth: Record<string, string>,
  areaId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await request(url)
    .post(`/api/v1/areas/${areaId}/activity-plans`)
    .set(auth)
    .send(activityPlanBody(overrides));
  if (response.status !== 201)
    throw new Error(`activity plan set-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** A new evidence file (a small PDF) of the plan, uploaded through the API; answers its download path. */
export async function freshActivityEvidence(
  url: string,
  auth: Record<string, string>,
  planId: string,
): Promise<string> {
  const response = await request(url)
    .post(`/api/v1/activity-plans/${planId}/evidence`)
    .set(auth)
    .attach('file', samplePdf(), 'evidence.pdf');
  if (response.status !== 201)
    throw new Error(`evidence set-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.url as string;
}
