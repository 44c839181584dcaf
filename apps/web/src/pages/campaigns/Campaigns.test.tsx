import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CampaignPage from './CampaignPage';
import Campaigns from './Campaigns';
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

const PAGES = { '/campaigns': <Campaigns />, '/campaigns/:id': <CampaignPage /> };

describe('/campaigns', () => {
  it('shows each campaign with its goal in words, the Bangkok window in the Buddhist Era, the bonus, the badge and my progress', async () => {
    fakeApi({ 'GET /api/v1/campaigns': () => jsonResponse([campaign()]) });
    renderCampaigns('/campaigns', PAGES);

    const card = await screen.findByTestId('campaign-card');
    expect(within(card).getByRole('link', { name: 'เผยแพร่นวัตกรรมวิทยาศาสตร์ 3 ชิ้น' })).toHaveAttribute(
      'href',
      `/campaigns/${CAMPAIGN}`,
    );
    expect(within(card).getByText('กำลังดำเนินการ')).toBeVisible();
    expect(within(card).getByText('ระดับประเทศ')).toBeVisible();
    expect(within(card).getByTestId('campaign-goal')).toHaveTextContent(
      'เผยแพร่นวัตกรรม 3 ชิ้น ในกลุ่มสาระวิทยาศาสตร์และเทคโนโลยี',
    );
    // 09:00 and 17:00 in Bangkok, year 2569 BE
    expect(within(card).getByTestId('campaign-window')).toHaveTextContent(
      '1 ธ.ค. 2569 09:00 – 31 ธ.ค. 2569 17:00 (เวลาประเทศไทย)',
    );
    expect(within(card).getByTestId('campaign-bonus')).toHaveTextContent('+20 พอยท์โบนัส ทุกครั้งที่นับได้');
    expect(within(card).getByTestId('campaign-badge')).toHaveTextContent('นักแบ่งปันวิทยาศาสตร์');
    expect(within(card).getByTestId('campaign-count')).toHaveTextContent('1 / 3');
    expect(within(card).getByRole('progressbar', { name: 'ความคืบหน้าของฉัน 1 จาก 3' })).toHaveAttribute(
      'aria-valuenow',
      '33',
    );
    expect(within(card).queryByText('สำเร็จแล้ว')).toBeNull();
  });

  it('says Completed once the target is reached, and keeps counting past it', async () => {
    fakeApi({
      'GET /api/v1/campaigns': () =>
        jsonResponse([
          campaign({
            goal: 'give_feedback',
            learningArea: null,
            target: 5,
            badge: null,
            me: { count: 7, target: 5, completed: true, completedAt: '2026-12-05T03:00:00Z', percent: 100 },
          }),
        ]),
    });
    renderCampaigns('/campaigns', PAGES, 'en');

    const card = await screen.findByTestId('campaign-card');
    expect(within(card).getByTestId('campaign-goal')).toHaveTextContent(
      'Give feedback (a rating or a comment) on 5 innovations by others',
    );
    expect(within(card).getByTestId('campaign-window')).toHaveTextContent(
      '1 Dec 2026, 09:00 – 31 Dec 2026, 17:00 (Bangkok time)',
    );
    expect(within(card).getByTestId('campaign-count')).toHaveTextContent('7 / 5');
    expect(within(card).getByText('Completed')).toBeVisible();
    expect(within(card).getByText('Completed 5 Dec 2026')).toBeVisible();
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    expect(within(card).queryByTestId('campaign-badge')).toBeNull();
  });

  it('says so when there is no campaign, and offers no new campaign to a teacher', async () => {
    fakeApi({ 'GET /api/v1/campaigns': () => jsonResponse([]) });
    renderCampaigns('/campaigns', PAGES);
    expect(await screen.findByText('ยังไม่มีแคมเปญในขณะนี้')).toBeVisible();
    expect(screen.queryByRole('link', { name: 'สร้างแคมเปญ' })).toBeNull();
  });

  it('offers an area admin a new campaign', async () => {
    fakeApi({ 'GET /api/v1/campaigns': () => jsonResponse([]) }, [
      { role: 'area_admin', scopeType: 'area', scopeId: AREA },
    ]);
    renderCampaigns('/campaigns', PAGES, 'en');
    expect(await screen.findByRole('link', { name: 'New campaign' })).toHaveAttribute(
      'href',
      '/admin/campaigns/new',
    );
  });
});

describe('/campaigns/:id', () => {
  it('shows a member the campaign and their own progress, without the participation totals', async () => {
    fakeApi({
      [`GET /api/v1/campaigns/${CAMPAIGN}/progress`]: () =>
        jsonResponse({ campaign: campaign(), me: campaign().me, totals: null }),
    });
    renderCampaigns(`/campaigns/${CAMPAIGN}`, PAGES);
    expect(await screen.findByRole('heading', { name: 'เผยแพร่นวัตกรรมวิทยาศาสตร์ 3 ชิ้น' })).toBeVisible();
    expect(screen.getByText('ชวนครูทุกคนแบ่งปันนวัตกรรมวิทยาศาสตร์ในเดือนธันวาคม')).toBeVisible();
    expect(screen.getByTestId('campaign-count')).toHaveTextContent('1 / 3');
    expect(screen.queryByTestId('campaign-totals')).toBeNull();
  });

  it('shows an admin the participants and the completions', async () => {
    fakeApi(
      {
        [`GET /api/v1/campaigns/${CAMPAIGN}/progress`]: () =>
          jsonResponse({
            campaign: campaign({ scope: 'area', areaId: AREA }),
            me: { count: 0, target: 3, completed: false, completedAt: null, percent: 0 },
            totals: { participants: 1250, completed: 500 },
          }),
        [`GET /api/v1/areas/${AREA}`]: () =>
          jsonResponse({
            id: AREA,
            code: 'SPM-BKK1',
            level: 'secondary',
            nameTh: 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษากรุงเทพมหานคร เขต 1',
            shortNameTh: 'สพม.กรุงเทพมหานคร เขต 1',
            nameEn: 'Bangkok Secondary Educational Service Area 1',
            areaNo: 1,
            provinces: [],
          }),
      },
      [{ role: 'area_admin', scopeType: 'area', scopeId: AREA }],
    );
    renderCampaigns(`/campaigns/${CAMPAIGN}`, PAGES, 'en');
    const totals = await screen.findByTestId('campaign-totals');
    expect(within(totals).getByTestId('campaign-participants')).toHaveTextContent('1,250');
    expect(within(totals).getByTestId('campaign-completions')).toHaveTextContent('500');
    expect(within(totals).getByTestId('campaign-rate')).toHaveTextContent('40%');
    expect(await screen.findByText(/Bangkok Secondary Educational Service Area 1/)).toBeVisible();
    expect(screen.getByTestId('campaign-count')).toHaveTextContent('0 / 3');
  });

  it('explains a campaign that cannot be loaded', async () => {
    fakeApi({
      [`GET /api/v1/campaigns/${CAMPAIGN}/progress`]: () => problem(404, 'CAMPAIGN_NOT_FOUND', 'ไม่พบแคมเปญนี้'),
    });
    renderCampaigns(`/campaigns/${CAMPAIGN}`, PAGES);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('โหลดแคมเปญนี้ไม่สำเร็จ');
    expect(alert).toHaveTextContent('ไม่พบแคมเปญนี้');
  });
});
