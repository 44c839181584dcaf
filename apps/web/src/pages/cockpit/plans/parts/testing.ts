/** Fixtures and a fake API for the plan pages' component tests. */
import { act } from '@testing-library/react';
import type {
  ActivityPlanResponse,
  ActivityPlanSummaryResponse,
  AreaActivitySummaryResponse,
} from '../../../../api/generated/model';

export const AREA = '01a24d32-d3ea-7efe-a7fb-2826e8b65da9';
export const SCHOOL = '01a24d33-0000-7000-8000-000000000001';
export const PLAN = '01a24d35-c9a3-72b5-ab99-097b52a7d56f';

export const area = {
  id: AREA,
  code: '1081',
  level: 'primary',
  nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่',
  shortNameTh: 'สพป.กระบี่',
  nameEn: 'Krabi Primary Educational Service Area Office',
  areaNo: null,
  provinces: [],
  schoolCount: 2,
  memberCount: 10,
};

export const school = {
  id: SCHOOL,
  code: '1081010001',
  nameTh: 'โรงเรียนบ้านคลองม่วง',
  nameEn: 'Ban Khlong Muang School',
  areaId: AREA,
  localOrganisationId: null,
  provinceCode: '81',
};

const counts = (
  educationExecutives: number,
  supervisors: number,
  schoolDirectors: number,
  teachers: number,
) => ({
  educationExecutives,
  supervisors,
  schoolDirectors,
  teachers,
  total: educationExecutives + supervisors + schoolDirectors + teachers,
});

export function plan(overrides: Partial<ActivityPlanResponse> = {}): ActivityPlanResponse {
  return {
    id: PLAN,
    areaId: AREA,
    fiscalYear: 2570,
    title: 'แลกเปลี่ยนเรียนรู้การจัดการเรียนรู้เชิงรุก ระดับเขตพื้นที่',
    titleEn: 'Active Learning exchange forum, area level',
    level: 'area',
    schoolId: null,
    school: null,
    startsOn: '2027-08-01',
    endsOn: '2027-09-30',
    targets: counts(20, 30, 150, 600),
    budget: '497000.00',
    status: 'planned',
    report: null,
    attended: counts(0, 0, 0, 0),
    evidence: [],
    createdAt: '2026-11-02T03:00:00.000Z',
    updatedAt: '2026-11-02T03:00:00.000Z',
    ...overrides,
  };
}

export function report(revision: number, teachers: number, budgetSpent = '476000.50') {
  return {
    revision,
    participants: counts(15, 25, 120, teachers),
    supervisionVisits: 42,
    budgetSpent,
    notes: 'ครูได้แลกเปลี่ยนเรียนรู้ครบทุกกลุ่มสาระ',
    reportedBy: '01a24d36-0000-7000-8000-000000000009',
    reportedAt: '2026-12-01T07:30:00.000Z',
  };
}

export function areaRow(
  code: string,
  th: string,
  en: string,
  actual: number,
  target: number,
): AreaActivitySummaryResponse {
  return {
    areaId: `area-${code}`,
    code,
    th,
    en,
    plans: 2,
    reportedPlans: 1,
    target: counts(0, 0, 0, target),
    actual: counts(0, 0, 0, actual),
    targetParticipants: target,
    actualParticipants: actual,
    supervisionVisits: 3,
    budgetPlanned: '100000.00',
    budgetSpent: '80000.25',
    below500: actual < 500,
  };
}

export function summaryOf(scope: string, rows: AreaActivitySummaryResponse[]): ActivityPlanSummaryResponse {
  const sum = (pick: (row: AreaActivitySummaryResponse) => number) =>
    rows.reduce((s, row) => s + pick(row), 0);
  return {
    fiscalYear: { year: 2570, th: 'ปีงบประมาณ 2570', en: 'Fiscal year 2570 BE (Oct 2026 – Sep 2027)' },
    scope,
    threshold: 500,
    totals: {
      plans: sum((row) => row.plans),
      reportedPlans: sum((row) => row.reportedPlans),
      target: counts(
        0,
        0,
        0,
        sum((row) => row.targetParticipants),
      ),
      actual: counts(
        0,
        0,
        0,
        sum((row) => row.actualParticipants),
      ),
      targetParticipants: sum((row) => row.targetParticipants),
      actualParticipants: sum((row) => row.actualParticipants),
      supervisionVisits: sum((row) => row.supervisionVisits),
      budgetPlanned: '300000.00',
      budgetSpent: '240000.75',
      areas: rows.length,
      areasBelow500: rows.filter((row) => row.below500).length,
    },
    areas: rows,
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

export interface Sent {
  path: string;
  method: string;
  search: URLSearchParams;
  body?: unknown;
}

/** A fake API: `routes` answers by "METHOD /path"; the areas and schools of the pickers are answered for all. */
export function fakeApi(routes: Record<string, (sent: Sent) => Response>) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    const parsed = new URL(url, 'http://localhost');
    const request: Sent = {
      path: parsed.pathname,
      method: init?.method ?? 'GET',
      search: parsed.searchParams,
      body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined,
    };
    sent.push(request);
    const route = routes[`${request.method} ${request.path}`];
    if (route) return route(request);
    if (request.path === `/api/v1/areas/${AREA}`) return json(area);
    if (request.path === '/api/v1/areas') return json({ items: [area], nextCursor: null });
    if (request.path === `/api/v1/schools/${SCHOOL}`) return json(school);
    if (request.path === '/api/v1/schools') return json({ items: [school], nextCursor: null });
    return json({ status: 404, title: 'not here' }, 404);
  };
  return { fetch, sent };
}

/** An XMLHttpRequest the test drives: progress, then an answer. */
export class FakeRequest {
  static all: FakeRequest[] = [];
  url = '';
  method = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  statusText = '';
  withCredentials = false;
  upload: {
    onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
  } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeRequest.all.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader() {}
  send(body: FormData) {
    this.body = body;
  }
  progress(fraction: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded: fraction * 100, total: 100 }));
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
}

/** useAuth as an area admin of AREA, or an OBEC admin. */
export function authAs(kind: 'area' | 'obec') {
  const roles =
    kind === 'area'
      ? [{ role: 'area_admin', scopeType: 'area', scopeId: AREA }]
      : [{ role: 'obec_admin', scopeType: 'national', scopeId: null }];
  return {
    status: 'member',
    signedOut: false,
    me: { id: 'me-1', displayName: 'ผู้ดูแลเขต', roles },
    hasRole: (...names: string[]) => roles.some((grant) => names.includes(grant.role)),
  };
}
