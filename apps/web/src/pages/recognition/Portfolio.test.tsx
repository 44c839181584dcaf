import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PortfolioResponse } from '../../api/generated/model';
import { award, DIRECTOR, fakeApi, jsonResponse, renderPage, TEACHER } from './growthTesting';
import { spokeLabel } from './CompetencyRadar';
import Portfolio from './Portfolio';

vi.setConfig({ testTimeout: 60_000 });
afterEach(() => vi.unstubAllGlobals());

const PATH = '/members/:id/portfolio';
const ROUTE = `/members/${TEACHER}/portfolio`;

const PORTFOLIO: PortfolioResponse = {
  member: {
    id: TEACHER,
    displayName: 'ครูสมใจ ใฝ่เรียนรู้',
    memberKind: 'teacher',
    school: { id: 's1', name: 'โรงเรียนสาธิตกระบี่ 1' } as PortfolioResponse['member']['school'],
    areaId: null,
  },
  level: { code: 'practitioner', rank: 2, th: 'นักปฏิบัติ', en: 'Practitioner' } as PortfolioResponse['level'],
  visibility: 'members',
  stats: {
    innovationsPublished: 3,
    ratingsReceived: 14,
    averageRating: 4.5,
    adoptions: 5,
    adoptingSchools: 3,
    adoptingAreas: 2,
    endorsements: 1,
    feedbackGiven: 33,
    pointsEarned: 471,
    badges: 1,
  },
  innovations: [
    {
      id: 'i1',
      title: 'หนังสือพิมพ์ฝาผนัง',
      publishedAt: '2026-12-07T07:00:00Z',
      averageRating: 4.5,
      ratings: 4,
      adoptions: 2,
      endorsements: 0,
    },
  ],
  competencyRadar: [
    {
      code: 'CBC-HT',
      framework: 'CBC',
      th: 'การคิดขั้นสูง',
      en: 'Higher-order thinking',
      score: 4.2,
      innovations: 2,
    },
    {
      code: 'KC51-COM',
      framework: 'KC51',
      th: 'ความสามารถในการสื่อสาร',
      en: 'Communication',
      score: 0,
      innovations: 0,
    },
  ],
  teachingProfile: [
    { code: 'clarity', th: 'ความชัดเจน', en: 'Clarity', average: 4.57, ratings: 14 },
    { code: 'competency_fit', th: 'ตรงกับสมรรถนะ', en: 'Competency fit', average: null, ratings: 0 },
  ] as PortfolioResponse['teachingProfile'],
  badges: [award()],
  certificates: [],
  plan: null,
};

describe('/members/:id/portfolio', () => {
  it('explains a members-only portfolio to someone signed out and offers to sign in', async () => {
    fakeApi(
      {
        [`GET /api/v1/members/${TEACHER}/portfolio`]: () =>
          jsonResponse(
            { status: 401, code: 'RECOGNITION_PORTFOLIO_MEMBERS_ONLY', title: 'Members only' },
            401,
          ),
      },
      null,
    );
    renderPage(PATH, ROUTE, <Portfolio />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('แฟ้มผลงานนี้เปิดให้เฉพาะสมาชิก');
    expect(within(alert).getByRole('link', { name: 'เข้าสู่ระบบ' })).toHaveAttribute(
      'href',
      `/login?next=${encodeURIComponent(ROUTE)}`,
    );
  });

  it('explains a private portfolio (English)', async () => {
    fakeApi(
      {
        [`GET /api/v1/members/${TEACHER}/portfolio`]: () =>
          jsonResponse({ status: 403, code: 'RECOGNITION_PORTFOLIO_PRIVATE', title: 'Private' }, 403),
      },
      { id: DIRECTOR, memberKind: 'school_director' },
    );
    renderPage(PATH, ROUTE, <Portfolio />, 'en');
    expect(await screen.findByRole('alert')).toHaveTextContent('This portfolio is private');
  });

  it('shows level, numbers, the radar and teaching profile with their definitions, innovations and badges', async () => {
    fakeApi(
      { [`GET /api/v1/members/${TEACHER}/portfolio`]: () => jsonResponse(PORTFOLIO) },
      { id: DIRECTOR, memberKind: 'school_director' },
    );
    renderPage(PATH, ROUTE, <Portfolio />);
    expect(await screen.findByRole('heading', { name: 'แฟ้มผลงานของ ครูสมใจ ใฝ่เรียนรู้' })).toBeVisible();
    expect(screen.getByText('นักปฏิบัติ')).toBeVisible();
    expect(screen.getByText(/คะแนนของสมาชิกคือค่าเฉลี่ยถ่วงน้ำหนัก/)).toBeVisible();
    expect(await screen.findByTestId('competency-radar')).toHaveAccessibleName(
      'แผนภูมิเรดาร์สมรรถนะ: การคิดขั้นสูง 4.2, ความสามารถในการสื่อสาร 0',
    );
    const teaching = screen.getByTestId('teaching-profile');
    expect(within(teaching).getByText('4.57 จาก 5 · 14 การประเมิน')).toBeVisible();
    expect(within(teaching).getByText('ยังไม่มีการประเมิน')).toBeVisible();
    expect(screen.getByRole('link', { name: 'หนังสือพิมพ์ฝาผนัง' })).toHaveAttribute('href', '/innovations/i1');
    expect(screen.getByTestId('badge-award')).toHaveTextContent('นวัตกรรมชิ้นแรก');
    // someone else's portfolio: no privacy settings, no evidence download
    expect(screen.queryByTestId('privacy-settings')).toBeNull();
    expect(screen.queryByTestId('evidence-download')).toBeNull();
  });

  it('shows the ID PLAN and its progress when the member chose to show it', async () => {
    fakeApi(
      {
        [`GET /api/v1/members/${TEACHER}/portfolio`]: () =>
          jsonResponse({
            ...PORTFOLIO,
            plan: {
              title: 'พัฒนาการคิดขั้นสูงของผู้เรียน',
              fiscalYear: { year: 2570, th: 'ปีงบประมาณ 2570', en: 'Fiscal year 2570 BE' },
              progress: 60,
              goals: [{ competency: 'CBC-HT', th: 'การคิดขั้นสูง', en: 'Higher-order thinking', targetLevel: 4 }],
              activitiesDone: 1,
              activities: 2,
            },
          }),
      },
      { id: DIRECTOR, memberKind: 'school_director' },
    );
    renderPage(PATH, ROUTE, <Portfolio />);
    const plan = await screen.findByTestId('portfolio-plan');
    expect(plan).toHaveTextContent('พัฒนาการคิดขั้นสูงของผู้เรียน · ปีงบประมาณ 2570');
    expect(plan).toHaveTextContent('ความคืบหน้า 60% · กิจกรรมเสร็จแล้ว 1 จาก 2');
    expect(plan).toHaveTextContent('เป้าหมาย: การคิดขั้นสูง ระดับ 4 จาก 5');
    expect(within(plan).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '60');
  });

  it('lets the owner choose who sees it and leave the leaderboards, and offers the evidence PDF', async () => {
    const user = userEvent.setup();
    const calls = fakeApi(
      {
        [`GET /api/v1/members/${TEACHER}/portfolio`]: () => jsonResponse(PORTFOLIO),
        'GET /api/v1/me/privacy': () => jsonResponse({ leaderboards: true, portfolio: 'members' }),
        'PUT /api/v1/me/privacy': (call) =>
          jsonResponse({ leaderboards: true, portfolio: 'members', ...(call.body as object) }),
      },
      { id: TEACHER },
    );
    renderPage(PATH, ROUTE, <Portfolio />, 'en');
    const settings = await screen.findByTestId('privacy-settings');
    expect(within(settings).getByRole('radio', { name: 'Signed-in members' })).toBeChecked();
    await user.click(within(settings).getByRole('radio', { name: 'Only me' }));
    expect(await within(settings).findByRole('status', {}, { timeout: 5000 })).toHaveTextContent('Saved');
    expect(within(settings).getByRole('radio', { name: 'Only me' })).toBeChecked();
    await user.click(within(settings).getByRole('switch', { name: /Show me on leaderboards/ }));
    const puts = calls.filter((call) => call.method === 'PUT').map((call) => call.body);
    await vi.waitFor(() => expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(2));
    expect(puts[0]).toEqual({ portfolio: 'private' });
    expect(calls.filter((call) => call.method === 'PUT')[1]!.body).toEqual({ leaderboards: false });
    expect(screen.getByRole('button', { name: 'Download evidence (PDF)' })).toBeVisible();
  });

  it('labels radar spokes short enough for a phone, numbered like the list under it', () => {
    expect(spokeLabel('ความสามารถในการสื่อสาร', 6)).toBe('7. การสื่อสาร');
    expect(spokeLabel('Capacity for applying life skills', 9)).toBe('10. Applying …');
    expect(spokeLabel('การสื่อสาร', 2)).toBe('3. การสื่อสาร');
  });
});
