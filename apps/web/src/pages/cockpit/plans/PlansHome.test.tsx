import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import PlansHome from './PlansHome';
import { AREA, areaRow, authAs, fakeApi, json, plan, PLAN, report, summaryOf } from './parts/testing';

vi.setConfig({ testTimeout: 60_000 });

const auth = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('../../../auth/AuthProvider', () => ({ useAuth: () => auth.current }));

let api: ReturnType<typeof fakeApi>;

beforeEach(() => {
  auth.current = authAs('area');
  api = fakeApi({
    [`GET /api/v1/areas/${AREA}/activity-plans`]: () =>
      json({
        items: [
          plan({ status: 'reported', report: report(1, 316) }),
          plan({
            id: `${PLAN.slice(0, -1)}0`,
            title: 'นิเทศชั้นเรียน โรงเรียนบ้านคลองม่วง',
            titleEn: null,
            level: 'school',
            schoolId: 'school-1',
            school: { id: 'school-1', code: '1081010001', nameTh: 'โรงเรียนบ้านคลองม่วง', nameEn: null },
            budget: '12500.75',
          }),
        ],
        nextCursor: null,
      }),
    'GET /api/v1/activity-plans/summary': (sent) =>
      json(
        summaryOf(sent.search.get('scope')!, [
          { ...areaRow('1081', 'สพป.กระบี่', 'Krabi', 476, 1600), areaId: AREA },
        ]),
      ),
  });
  vi.stubGlobal('fetch', vi.fn(api.fetch));
});
afterEach(() => vi.unstubAllGlobals());

describe('PlansHome', () => {
  it("lists the area's plans of the year with targets, actuals and money, and the area against 500", async () => {
    renderWithProviders(<PlansHome />, { route: '/cockpit/plans' });
    const cards = await screen.findAllByTestId('plan-card');
    expect(cards).toHaveLength(2);
    const list = api.sent.find((sent) => sent.path === `/api/v1/areas/${AREA}/activity-plans`)!;
    // The current fiscal year by default.
    expect(Number(list.search.get('fiscalYear'))).toBeGreaterThanOrEqual(2570);

    expect(within(cards[0]!).getByText('800 คน')).toBeInTheDocument();
    expect(within(cards[0]!).getByTestId('plan-card-actual')).toHaveTextContent('476 คน');
    expect(within(cards[0]!).getByText('497,000.00 บาท')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('476,000.50 บาท')).toBeInTheDocument();
    expect(
      within(cards[0]!).getByText(/ระดับเขตพื้นที่การศึกษา · 1 ส\.ค\. 2570 – 30 ก\.ย\. 2570/),
    ).toBeInTheDocument();
    expect(within(cards[1]!).getByTestId('plan-card-actual')).toHaveTextContent('ยังไม่รายงาน');
    expect(within(cards[1]!).getByText(/ระดับสถานศึกษา · โรงเรียนบ้านคลองม่วง/)).toBeInTheDocument();
    expect(within(cards[1]!).getByText('12,500.75 บาท')).toBeInTheDocument();

    expect(screen.getByTestId('plans-progress-actual')).toHaveTextContent('476 / 500 คน');
    expect(screen.getByRole('progressbar', { name: 'ผู้เข้าร่วมจริง 476 จากเกณฑ์ 500 คน' })).toHaveAttribute(
      'aria-valuenow',
      '95',
    );
    expect(screen.getByText('ยังขาดอีก 24 คน จึงจะถึงเกณฑ์')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'เพิ่มแผนกิจกรรม' })).toHaveAttribute(
      'href',
      expect.stringContaining(`area=${AREA}`),
    );
  });

  it('reads in English', async () => {
    renderWithProviders(<PlansHome />, { route: '/cockpit/plans?fy=2570', language: 'en' });
    const cards = await screen.findAllByTestId('plan-card');
    expect(within(cards[0]!).getByText('Active Learning exchange forum, area level')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('฿497,000.00')).toBeInTheDocument();
    expect(within(cards[0]!).getByText('800 people')).toBeInTheDocument();
    expect(within(cards[0]!).getByText(/Area level · 1 Aug 2027 – 30 Sept 2027/)).toBeInTheDocument();
    expect(screen.getByTestId('plans-progress-actual')).toHaveTextContent('476 / 500 people');
    expect(screen.getByRole('combobox', { name: 'Fiscal year' })).toHaveValue('Fiscal year 2570 BE');
  });

  it('asks an OBEC admin to choose an area, or open the national summary', async () => {
    auth.current = authAs('obec');
    renderWithProviders(<PlansHome />, { route: '/cockpit/plans?fy=2570' });
    expect(await screen.findByText('เลือกเขตพื้นที่การศึกษา')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'สรุปทั้งประเทศ' })).toHaveAttribute(
      'href',
      '/cockpit/plans/summary?fy=2570',
    );
    expect(screen.queryByRole('link', { name: 'เพิ่มแผนกิจกรรม' })).not.toBeInTheDocument();
  });
});
