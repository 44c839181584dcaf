import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import PlansSummary from './PlansSummary';
import { AREA, areaRow, authAs, fakeApi, json, summaryOf } from './parts/testing';

vi.setConfig({ testTimeout: 60_000 });

const auth = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('../../../auth/AuthProvider', () => ({ useAuth: () => auth.current }));

const rows = [
  areaRow('1081', 'สพป.กระบี่', 'Krabi Primary', 476, 800),
  areaRow('1050', 'สพป.เชียงใหม่ เขต 1', 'Chiang Mai Primary 1', 700, 650),
  areaRow('2040', 'สพม.ขอนแก่น', 'Khon Kaen Secondary', 0, 0),
  areaRow('1010', 'สพป.กรุงเทพมหานคร', 'Bangkok Primary', 500, 500),
];

let api: ReturnType<typeof fakeApi>;

beforeEach(() => {
  auth.current = authAs('obec');
  api = fakeApi({
    'GET /api/v1/activity-plans/summary': (sent) =>
      json(
        sent.search.get('scope') === 'national'
          ? summaryOf('national', rows)
          : summaryOf(sent.search.get('scope')!, [{ ...rows[0]!, areaId: AREA }]),
      ),
  });
  vi.stubGlobal('fetch', vi.fn(api.fetch));
});
afterEach(() => vi.unstubAllGlobals());

const areaNames = () =>
  screen.getAllByTestId('summary-row').map((row) => within(row).getAllByRole('link')[0]!.textContent);

describe('PlansSummary', () => {
  it('flags the areas under 500 participants and sorts them by the actual count', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<PlansSummary />, { route: '/cockpit/plans/summary?fy=2570' });

    expect(
      await screen.findByRole('heading', { name: 'สรุปกิจกรรมแลกเปลี่ยนเรียนรู้ทั้งประเทศ' }),
    ).toBeInTheDocument();
    const summaryCall = api.sent.find((sent) => sent.path === '/api/v1/activity-plans/summary')!;
    expect(summaryCall.search.get('scope')).toBe('national');
    expect(summaryCall.search.get('fiscalYear')).toBe('2570');
    expect(await screen.findByTestId('summary-below-count')).toHaveTextContent(
      '2 จาก 4 เขตพื้นที่ ยังมีผู้เข้าร่วมต่ำกว่า 500 คน',
    );
    expect(screen.getByTestId('summary-actual')).toHaveTextContent('1,676');

    // Lowest first: the lagging areas lead, each flagged; 500 exactly is not under.
    expect(areaNames()).toEqual(['สพม.ขอนแก่น', 'สพป.กระบี่', 'สพป.กรุงเทพมหานคร', 'สพป.เชียงใหม่ เขต 1']);
    const flagged = screen
      .getAllByTestId('summary-row')
      .filter((row) => within(row).queryByTestId('area-under-flag'))
      .map((row) => within(row).getAllByRole('link')[0]!.textContent);
    expect(flagged).toEqual(['สพม.ขอนแก่น', 'สพป.กระบี่']);
    expect(within(screen.getAllByTestId('summary-row')[1]!).getByText('ต่ำกว่า 500 คน')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: /ผลจริง/ })).toHaveAttribute('aria-sort', 'ascending');

    await user.click(screen.getByTestId('summary-sort-actual'));
    expect(areaNames()).toEqual(['สพป.เชียงใหม่ เขต 1', 'สพป.กรุงเทพมหานคร', 'สพป.กระบี่', 'สพม.ขอนแก่น']);
    expect(screen.getByRole('columnheader', { name: /ผลจริง/ })).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('switch', { name: 'เฉพาะเขตที่ต่ำกว่า 500 คน' }));
    expect(areaNames()).toEqual(['สพป.กระบี่', 'สพม.ขอนแก่น']);
    // Each area opens its plans for the same year.
    expect(screen.getByRole('link', { name: 'สพป.กระบี่' })).toHaveAttribute(
      'href',
      '/cockpit/plans?fy=2570&area=area-1081',
    );
  });

  it('reads in English', async () => {
    renderWithProviders(<PlansSummary />, { route: '/cockpit/plans/summary?fy=2570', language: 'en' });
    expect(
      await screen.findByRole('heading', { name: 'Active Learning exchange: national summary' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('summary-below-count')).toHaveTextContent(
      '2 of 4 areas are under 500 participants',
    );
    expect(areaNames()).toEqual([
      'Khon Kaen Secondary',
      'Krabi Primary',
      'Bangkok Primary',
      'Chiang Mai Primary 1',
    ]);
    expect(screen.getAllByText('Under 500')).toHaveLength(2);
    expect(screen.getByRole('combobox', { name: 'Fiscal year' })).toHaveValue('Fiscal year 2570 BE');
  });

  it("shows an area admin their own area's summary", async () => {
    auth.current = authAs('area');
    renderWithProviders(<PlansSummary />, { route: '/cockpit/plans/summary?fy=2570' });
    expect(await screen.findByRole('heading', { name: 'สรุปเป้าหมายและผลของเขตพื้นที่' })).toBeInTheDocument();
    await waitFor(() =>
      expect(
        api.sent.find((sent) => sent.path === '/api/v1/activity-plans/summary')?.search.get('scope'),
      ).toBe(`area:${AREA}`),
    );
    expect(await screen.findByTestId('plans-progress-actual')).toHaveTextContent('476 / 500 คน');
    expect(screen.getByText('ยังขาดอีก 24 คน จึงจะถึงเกณฑ์')).toBeInTheDocument();
  });
});
