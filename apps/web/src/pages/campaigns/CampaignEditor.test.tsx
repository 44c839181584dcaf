import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CampaignEditor from './CampaignEditor';
import CampaignPage from './CampaignPage';
import {
  AREA,
  CAMPAIGN,
  campaign,
  fakeApi,
  jsonResponse,
  problem,
  renderCampaigns,
} from './campaignsTesting';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const PAGES = { '/admin/campaigns/new': <CampaignEditor />, '/campaigns/:id': <CampaignPage /> };

const TAXONOMY = {
  learningAreas: [
    { code: 'SCI', th: 'วิทยาศาสตร์และเทคโนโลยี', en: 'Science and Technology' },
    { code: 'MAT', th: 'คณิตศาสตร์', en: 'Mathematics' },
  ],
  memberKinds: [],
  academicStandings: [],
  gradeLevels: [],
  competencies: [],
  activeLearningTechniques: [],
};

const BADGES = [
  {
    code: 'science_sharer',
    th: 'นักแบ่งปันวิทยาศาสตร์',
    en: 'Science sharer',
    description: { th: '', en: '' },
    criteria: { th: '', en: '' },
    criterion: 'campaign',
    required: 1,
    colour: '#0b7a75',
    active: true,
    image: '/api/v1/badges/science_sharer/image.svg',
  },
  {
    code: 'first_innovation',
    th: 'นวัตกรรมชิ้นแรก',
    en: 'First innovation',
    description: { th: '', en: '' },
    criteria: { th: '', en: '' },
    criterion: 'innovations_published',
    required: 1,
    colour: '#0b7a75',
    active: true,
    image: '/api/v1/badges/first_innovation/image.svg',
  },
];

const COMMON = {
  'GET /api/v1/taxonomy': () => jsonResponse(TAXONOMY),
  'GET /api/v1/badges': () => jsonResponse(BADGES),
  'GET /api/v1/areas': () => jsonResponse({ items: [], nextCursor: null }),
};

async function fill(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText(/Title \(Thai\)/), 'เผยแพร่นวัตกรรมวิทยาศาสตร์ 3 ชิ้น');
  await user.type(screen.getByLabelText(/Title \(English\)/), 'Publish three science innovations');
  await user.selectOptions(await screen.findByLabelText('Learning area'), 'SCI');
  const target = screen.getByLabelText(/Target per member/);
  await user.clear(target);
  await user.type(target, '3');
  const bonus = screen.getByLabelText(/Bonus points per counted action/);
  await user.clear(bonus);
  await user.type(bonus, '20');
  await user.type(screen.getByLabelText(/Starts \(Bangkok time\)/), '2026-12-01T09:00');
  await user.type(screen.getByLabelText(/Ends \(Bangkok time\)/), '2026-12-31T17:00');
}

describe('/admin/campaigns/new', () => {
  it('posts a national campaign with the Bangkok window and the chosen campaign badge, then opens it', async () => {
    const user = userEvent.setup();
    const calls = fakeApi(
      {
        ...COMMON,
        'POST /api/v1/admin/campaigns': () => jsonResponse(campaign(), 201),
        [`GET /api/v1/campaigns/${CAMPAIGN}/progress`]: () =>
          jsonResponse({
            campaign: campaign(),
            me: campaign().me,
            totals: { participants: 0, completed: 0 },
          }),
      },
      [{ role: 'obec_admin', scopeType: 'national', scopeId: null }],
    );
    renderCampaigns('/admin/campaigns/new', PAGES, 'en');
    await fill(user);
    // only badges with the criterion "campaign" are offered
    const badge = screen.getByLabelText(/Badge on completion/);
    expect(screen.queryByRole('option', { name: 'First innovation' })).toBeNull();
    await user.selectOptions(badge, 'science_sharer');
    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    await screen.findByTestId('campaign-totals');
    const post = calls.find((call) => call.method === 'POST' && call.url === '/api/v1/admin/campaigns');
    expect(post?.url).toBe('/api/v1/admin/campaigns');
    expect(post?.body).toEqual({
      title: { th: 'เผยแพร่นวัตกรรมวิทยาศาสตร์ 3 ชิ้น', en: 'Publish three science innovations' },
      scope: 'national',
      areaId: null,
      goal: 'publish_innovations',
      learningArea: 'SCI',
      target: 3,
      startsAt: '2026-12-01T09:00:00+07:00',
      endsAt: '2026-12-31T17:00:00+07:00',
      bonusPoints: 20,
      badgeCode: 'science_sharer',
    });
  });

  it("sends no learning area for another goal, and an area admin's campaign is for their area", async () => {
    const user = userEvent.setup();
    const calls = fakeApi(
      {
        ...COMMON,
        'GET /api/v1/areas': () =>
          jsonResponse({
            items: [
              {
                id: AREA,
                code: 'SPM-BKK1',
                level: 'secondary',
                nameTh: 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษากรุงเทพมหานคร เขต 1',
                shortNameTh: 'สพม.กรุงเทพมหานคร เขต 1',
                nameEn: 'Bangkok Secondary Area 1',
                areaNo: 1,
                provinces: [],
              },
            ],
            nextCursor: null,
          }),
        'POST /api/v1/admin/campaigns': () => jsonResponse(campaign({ scope: 'area', areaId: AREA }), 201),
      },
      [{ role: 'area_admin', scopeType: 'area', scopeId: AREA }],
    );
    renderCampaigns('/admin/campaigns/new', PAGES, 'en');
    await user.type(await screen.findByLabelText(/Title \(Thai\)/), 'ชวนกันให้ข้อเสนอแนะ');
    await user.type(screen.getByLabelText(/Title \(English\)/), 'Give feedback');
    // no national choice for an area admin
    expect(screen.queryByText('The whole nation')).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Give feedback on others’ innovations' }));
    expect(screen.queryByLabelText('Learning area')).toBeNull();
    await user.type(screen.getByLabelText(/Starts \(Bangkok time\)/), '2026-12-01T09:00');
    await user.type(screen.getByLabelText(/Ends \(Bangkok time\)/), '2026-12-08T00:00');
    await user.click(screen.getByRole('button', { name: 'Create campaign' }));
    await vi.waitFor(() =>
      expect(calls.some((call) => call.method === 'POST' && call.url === '/api/v1/admin/campaigns')).toBe(
        true,
      ),
    );
    expect(
      calls.find((call) => call.method === 'POST' && call.url === '/api/v1/admin/campaigns')?.body,
    ).toMatchObject({
      scope: 'area',
      areaId: AREA,
      goal: 'give_feedback',
      learningArea: null,
      target: 3,
      bonusPoints: 10,
      badgeCode: null,
    });
  });

  it('refuses an end before the start without asking the API', async () => {
    const user = userEvent.setup();
    const calls = fakeApi({ ...COMMON }, [{ role: 'obec_admin', scopeType: 'national', scopeId: null }]);
    renderCampaigns('/admin/campaigns/new', PAGES);
    await user.type(await screen.findByLabelText(/ชื่อแคมเปญ \(ภาษาไทย\)/), 'แคมเปญ');
    await user.type(screen.getByLabelText(/ชื่อแคมเปญ \(ภาษาอังกฤษ\)/), 'Campaign');
    await user.type(screen.getByLabelText(/เริ่ม \(เวลาประเทศไทย\)/), '2026-12-31T17:00');
    await user.type(screen.getByLabelText(/สิ้นสุด \(เวลาประเทศไทย\)/), '2026-12-01T09:00');
    await user.click(screen.getByRole('button', { name: 'สร้างแคมเปญ' }));
    expect(await screen.findByText('เวลาสิ้นสุดต้องหลังเวลาเริ่ม')).toBeVisible();
    expect(calls.some((call) => call.method === 'POST' && call.url === '/api/v1/admin/campaigns')).toBe(
      false,
    );
  });

  it("shows the API's 400 in the member's language and stays on the form", async () => {
    const user = userEvent.setup();
    fakeApi(
      {
        ...COMMON,
        'POST /api/v1/admin/campaigns': () =>
          problem(400, 'CAMPAIGN_BADGE_INVALID', 'เหรียญตรานี้ไม่ใช่เหรียญตราของแคมเปญ'),
      },
      [{ role: 'obec_admin', scopeType: 'national', scopeId: null }],
    );
    renderCampaigns('/admin/campaigns/new', PAGES);
    await user.type(await screen.findByLabelText(/ชื่อแคมเปญ \(ภาษาไทย\)/), 'แคมเปญ');
    await user.type(screen.getByLabelText(/ชื่อแคมเปญ \(ภาษาอังกฤษ\)/), 'Campaign');
    await user.type(screen.getByLabelText(/เริ่ม \(เวลาประเทศไทย\)/), '2026-12-01T09:00');
    await user.type(screen.getByLabelText(/สิ้นสุด \(เวลาประเทศไทย\)/), '2026-12-31T17:00');
    await user.click(screen.getByRole('button', { name: 'สร้างแคมเปญ' }));
    const alert = await screen.findByRole('alert', { name: /สร้างแคมเปญไม่สำเร็จ/ });
    expect(alert).toHaveTextContent('เหรียญตรานี้ไม่ใช่เหรียญตราของแคมเปญ');
    expect(screen.getByRole('button', { name: 'สร้างแคมเปญ' })).toBeVisible();
  });
});
