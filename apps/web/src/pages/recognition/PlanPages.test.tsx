import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DevelopmentPlanResponse } from '../../api/generated/model';
import { anEvent, EVENT } from '../activities/activitiesTesting';
import { fiscalYearOf } from './growth';
import { DIRECTOR, fakeApi, jsonResponse, plan, renderPage, TEACHER } from './growthTesting';
import MyPlan from './MyPlan';
import SharedPlans from './SharedPlans';

vi.setConfig({ testTimeout: 60_000 });

let saved: string[] = [];
beforeEach(() => {
  saved = [];
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const TAXONOMY = {
  learningAreas: [],
  gradeLevels: [],
  competencyFrameworks: [
    {
      code: 'CBC',
      th: 'สมรรถนะหลัก',
      en: 'Core competencies',
      competencies: [{ code: 'CBC-HT', th: 'การคิดขั้นสูง', en: 'Higher-order thinking' }],
    },
  ],
  activeLearningTechniques: [],
  memberKinds: [],
  roles: [],
  academicStandings: [],
  promotionLevels: [],
  perkCategories: [],
  eventSessionKinds: [],
};
const TRAINING = {
  items: [{ id: 'perk-1', title: 'อบรมการจัดการเรียนรู้เชิงรุก', titleEn: 'Active learning training' }],
  nextCursor: null,
};

describe('the fiscal year', () => {
  it('starts on 1 October in Bangkok, in the Buddhist Era', () => {
    expect(fiscalYearOf(new Date('2026-09-30T16:59:00Z'))).toBe(2569);
    expect(fiscalYearOf(new Date('2026-09-30T17:00:00Z'))).toBe(2570); // 1 Oct 00:00 in Bangkok
    expect(fiscalYearOf(new Date('2027-09-30T12:00:00Z'))).toBe(2570);
  });
});

describe('/me/plan, the ID PLAN of the fiscal year', () => {
  function api(initial: DevelopmentPlanResponse | null) {
    let current = initial;
    const calls = fakeApi(
      {
        'GET /api/v1/me/development-plans': () => jsonResponse({ items: current ? [current] : [] }),
        'POST /api/v1/me/development-plans': (call) => {
          current = plan({ goals: [], activities: [], checkIns: [], progress: 0, ...(call.body as object) });
          return jsonResponse(current, 201);
        },
        'PATCH /api/v1/me/development-plans/plan-1': (call) => {
          const body = call.body as { activities: DevelopmentPlanResponse['activities'] };
          current = plan({ ...current, activities: body.activities, updatedAt: '2026-12-07T08:00:00Z' });
          return jsonResponse(current);
        },
        'POST /api/v1/me/development-plans/plan-1/check-ins': (call) => {
          const body = call.body as { progress: number; reflection: string };
          current = plan({
            ...current,
            progress: body.progress,
            checkIns: [
              ...(current?.checkIns ?? []),
              { id: 'c2', createdAt: '2026-12-07T08:01:00Z', ...body },
            ],
          });
          return jsonResponse(current, 201);
        },
        'POST /api/v1/me/development-plans/plan-1/share': () => {
          current = plan({
            ...current,
            sharedWith: [{ id: DIRECTOR, displayName: 'ผอ.ประเสริฐ ศรีสมบูรณ์', memberKind: 'school_director' }],
          });
          return jsonResponse(current);
        },
        'GET /api/v1/taxonomy': () => jsonResponse(TAXONOMY),
        'GET /api/v1/perks': () => jsonResponse(TRAINING),
        'GET /api/v1/events': () => jsonResponse({ items: [anEvent()], nextCursor: null }),
        'GET /api/v1/innovations': () => jsonResponse({ items: [], nextCursor: null }),
        'GET /api/v1/me/evidence': () =>
          new Response('%PDF-1.7', {
            status: 200,
            headers: {
              'content-type': 'application/pdf',
              'content-disposition': `attachment; filename="evidence-${fiscalYearOf()}.pdf"`,
            },
          }),
      },
      { id: TEACHER },
    );
    return calls;
  }

  it('creates the plan of the current fiscal year when there is none', async () => {
    const user = userEvent.setup();
    const calls = api(null);
    renderPage('/me/plan', '/me/plan', <MyPlan />);
    const year = fiscalYearOf();
    expect(await screen.findByText(`ยังไม่มีแผนของปีงบประมาณ ${year}`)).toBeVisible();
    await user.click(screen.getByRole('button', { name: `สร้างแผนปีงบประมาณ ${year}` }));
    expect(await screen.findByLabelText('ชื่อแผน')).toBeVisible();
    const created = calls.find(
      (call) => call.method === 'POST' && call.url === '/api/v1/me/development-plans',
    );
    expect(created?.body).toMatchObject({ fiscalYear: year });
    expect(calls.some((call) => call.url === `/api/v1/me/development-plans?fiscalYear=${year}`)).toBe(true);
  });

  it('adds a training perk as an activity with a due date and saves the plan', async () => {
    const user = userEvent.setup();
    const calls = api(plan({ activities: [] }));
    renderPage('/me/plan', '/me/plan', <MyPlan />);
    await user.click(await screen.findByRole('button', { name: 'เพิ่มกิจกรรม' }));
    const activity = screen.getByTestId('plan-activity');
    await user.selectOptions(within(activity).getByLabelText('ประเภท'), 'perk');
    await user.click(within(activity).getAllByLabelText('เลือกการอบรม')[0]!);
    await user.click(await within(activity).findByRole('option', { name: 'อบรมการจัดการเรียนรู้เชิงรุก' }));
    expect(within(activity).getByRole('textbox', { name: 'กิจกรรม' })).toHaveValue('อบรมการจัดการเรียนรู้เชิงรุก');
    fireEvent.change(within(activity).getByLabelText(/กำหนดเสร็จ/), { target: { value: '2027-01-15' } });
    // the date in the Buddhist Era beside the browser's own picker
    expect(within(activity).getByText('15 ม.ค. 2570')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'บันทึกแผน' }));
    await vi.waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({
      activities: [
        { kind: 'perk', refId: 'perk-1', title: 'อบรมการจัดการเรียนรู้เชิงรุก', dueOn: '2027-01-15', done: false },
      ],
    });
  });

  it('adds an event of the community as an activity, named by its title', async () => {
    const user = userEvent.setup();
    const calls = api(plan({ activities: [] }));
    renderPage('/me/plan', '/me/plan', <MyPlan />);
    await user.click(await screen.findByRole('button', { name: 'เพิ่มกิจกรรม' }));
    const activity = screen.getByTestId('plan-activity');
    await user.selectOptions(within(activity).getByLabelText('ประเภท'), 'event');
    await user.click(within(activity).getAllByLabelText('เลือกกิจกรรม')[0]!);
    // The event with its date in the Buddhist Era.
    await user.click(
      await within(activity).findByRole('option', { name: /^Active Learning ในห้องเรียนคณิตศาสตร์ · .*2569$/ }),
    );
    expect(within(activity).getByRole('textbox', { name: 'กิจกรรม' })).toHaveValue(
      'Active Learning ในห้องเรียนคณิตศาสตร์',
    );
    await user.click(screen.getByRole('button', { name: 'บันทึกแผน' }));
    await vi.waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({
      activities: [{ kind: 'event', refId: EVENT, title: 'Active Learning ในห้องเรียนคณิตศาสตร์' }],
    });
    // Only events from today on (Bangkok) are offered.
    expect(calls.some((call) => /^\/api\/v1\/events\?from=\d{4}-\d{2}-\d{2}$/.test(call.url))).toBe(true);
  });

  it('records a check-in with its progress and reflection, and shares the plan with a director', async () => {
    const user = userEvent.setup();
    const calls = api(plan());
    renderPage('/me/plan', '/me/plan', <MyPlan />, 'en');
    const slider = await screen.findByRole('slider');
    slider.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByText('Progress of the plan (%): 45%')).toBeVisible();
    await user.type(screen.getByLabelText(/Reflection/), 'Tried open questions with grade 5');
    await user.click(screen.getByRole('button', { name: 'Record a check-in' }));
    expect(await screen.findByText('Tried open questions with grade 5')).toBeVisible();
    expect(calls.find((call) => call.url.endsWith('/check-ins'))?.body).toEqual({
      progress: 45,
      reflection: 'Tried open questions with grade 5',
    });

    await user.type(screen.getByLabelText(/Member id/), DIRECTOR);
    await user.click(screen.getByRole('button', { name: 'Share' }));
    expect(await screen.findByText('Shared with: ผอ.ประเสริฐ ศรีสมบูรณ์')).toBeVisible();
    expect(calls.find((call) => call.url.endsWith('/share'))?.body).toEqual({ memberId: DIRECTOR });
  });

  it('downloads the evidence PDF of the chosen fiscal year with the session', async () => {
    const user = userEvent.setup();
    const calls = api(plan());
    renderPage('/me/plan', '/me/plan', <MyPlan />, 'en');
    await user.click(await screen.findByRole('button', { name: 'Download evidence (PDF)' }));
    await vi.waitFor(() => expect(saved).toEqual([`evidence-${fiscalYearOf()}.pdf`]));
    const download = calls.find((call) => call.url.startsWith('/api/v1/me/evidence'));
    expect(download?.url).toBe(`/api/v1/me/evidence?fiscalYear=${fiscalYearOf()}`);
  });
});

describe('/plans/shared, for a supervisor or director', () => {
  it('lists the plans shared with them and posts a comment', async () => {
    const user = userEvent.setup();
    let shared = plan({
      sharedWith: [{ id: DIRECTOR, displayName: 'ผอ.ประเสริฐ', memberKind: 'school_director' }],
    });
    const calls = fakeApi(
      {
        'GET /api/v1/development-plans/shared-with-me': () => jsonResponse({ items: [shared] }),
        'POST /api/v1/development-plans/plan-1/comments': (call) => {
          shared = plan({
            ...shared,
            comments: [
              {
                id: 'm1',
                author: { id: DIRECTOR, displayName: 'ผอ.ประเสริฐ' },
                body: (call.body as { body: string }).body,
                createdAt: '2026-12-07T08:05:00Z',
              },
            ],
          });
          return jsonResponse(shared, 201);
        },
      },
      { id: DIRECTOR, memberKind: 'school_director' },
    );
    renderPage('/plans/shared', '/plans/shared', <SharedPlans />);
    const card = await screen.findByTestId('shared-plan');
    expect(within(card).getByRole('heading', { name: 'แผนพัฒนาตนเอง 2570' })).toBeVisible();
    expect(within(card).getByText('ของ ครูสมใจ ใฝ่เรียนรู้ · ปีงบประมาณ 2570')).toBeVisible();
    expect(within(card).getByText(/การคิดขั้นสูง · เป้าหมายระดับ 4/)).toBeVisible();
    expect(within(card).getByText(/กำหนด 30 พ.ค. 2570/)).toBeVisible();
    expect(within(card).getByText('นักเรียนกล้าตอบมากขึ้น')).toBeVisible();
    await user.type(within(card).getByLabelText('เขียนความคิดเห็น'), ' เป้าหมายชัดเจนดีครับ ');
    await user.click(within(card).getByRole('button', { name: 'ส่ง' }));
    expect(await within(card).findByText('เป้าหมายชัดเจนดีครับ')).toBeVisible();
    expect(calls.find((call) => call.url.endsWith('/comments'))?.body).toEqual({ body: 'เป้าหมายชัดเจนดีครับ' });
  });
});
