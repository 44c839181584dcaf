import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import Cockpit from './Cockpit';
import { addDays, bangkokDay } from './parts/period';
import {
  AREA,
  authAs,
  fakeApi,
  json,
  LocationProbe,
  OTHER_AREA,
  row,
  SCHOOL,
  SCHOOL_2,
  searchOf,
  summary,
} from './parts/testing';

vi.setConfig({ testTimeout: 60_000 });

const auth = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('../../auth/AuthProvider', () => ({ useAuth: () => auth.current }));

// The realtime socket is replaced by a registry the test fires messages into.
const handlers = vi.hoisted(() => new Map<string, (message: unknown) => void>());
vi.mock('../../realtime/RealtimeProvider', () => ({
  useRealtime: (name: string, handler: (message: unknown) => void) => handlers.set(name, handler),
  useRealtimeConnected: () => true,
}));

// jsdom draws no charts: the series is shown as its numbers.
vi.mock('./parts/TimeSeriesChart', () => ({
  default: ({ points }: { points: { t: string; value: number | null }[] }) => (
    <ol data-testid="timeseries-chart">
      {points.map((point) => (
        <li key={point.t}>{`${point.t}: ${point.value}`}</li>
      ))}
    </ol>
  ),
}));

let published = 1234;
let api: ReturnType<typeof fakeApi>;

function breakdownRows(dimension: string) {
  switch (dimension) {
    case 'area':
      return [
        row(AREA, 'สพป.กระบี่', 'Krabi Primary', 25),
        row(OTHER_AREA, 'สพม.กรุงเทพมหานคร เขต 1', 'Bangkok Secondary 1', 20),
      ];
    case 'school':
      return [
        row(SCHOOL, 'โรงเรียนบ้านคลองม่วง', 'Ban Khlong Muang School', 13),
        row(SCHOOL_2, 'โรงเรียนอ่าวนางวิทยา', 'Ao Nang Wittaya School', 12),
      ];
    case 'province':
      return [
        row('81', 'กระบี่', 'Krabi', 25),
        row('10', 'กรุงเทพมหานคร', 'Bangkok', 20),
        row('90', 'สงขลา', 'Songkhla', 3),
      ];
    case 'region':
      return [row('south', 'ภาคใต้', 'South', 28), row('central', 'ภาคกลาง', 'Central', 20)];
    default:
      return [row('MAT', 'คณิตศาสตร์', 'Mathematics', 9)];
  }
}

beforeEach(() => {
  published = 1234;
  handlers.clear();
  auth.current = authAs('obec');
  api = fakeApi({
    '/api/v1/cockpit/summary': (sent) =>
      json(summary(sent.search.get('scope')!, sent.search.get('from')!, sent.search.get('to')!, published)),
    '/api/v1/cockpit/breakdown': (sent) =>
      json({
        scope: sent.search.get('scope'),
        dimension: sent.search.get('dimension'),
        metric: sent.search.get('metric'),
        from: sent.search.get('from'),
        to: sent.search.get('to'),
        truncated: false,
        rows: breakdownRows(sent.search.get('dimension')!),
      }),
    '/api/v1/cockpit/timeseries': (sent) =>
      json({
        scope: sent.search.get('scope'),
        metric: sent.search.get('metric'),
        interval: sent.search.get('interval'),
        from: sent.search.get('from'),
        to: sent.search.get('to'),
        points: [
          { t: '2026-10-01', value: 3 },
          { t: '2026-11-01', value: 5 },
        ],
      }),
    '/api/v1/cockpit/indicator-18': (sent) =>
      json({
        fiscalYear: Number(sent.search.get('fiscalYear')),
        th: 'ปีงบประมาณ 2570',
        en: 'Fiscal year 2570 BE',
        rows: [
          {
            areaId: AREA,
            code: 'P81',
            th: 'สพป.กระบี่',
            en: 'Krabi Primary',
            targetParticipants: 800,
            actualParticipants: 476,
            alCapableTeachers: 32,
            alCapableTeachersNew: 12,
            below500: true,
          },
        ],
      }),
  });
  vi.stubGlobal('fetch', vi.fn(api.fetch));
});
afterEach(() => vi.unstubAllGlobals());

function open(route = '/cockpit', language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <>
      <Cockpit />
      <LocationProbe />
    </>,
    { route, language },
  );
}

const address = () => searchOf(screen.getByTestId('location'));
const lastSearch = (path: string) => api.last(`/api/v1/cockpit/${path}`)!.search;

describe('the cockpit', () => {
  it('opens on the nation for OBEC and drills down from an area to a school', async () => {
    const user = userEvent.setup({ delay: null });
    open();
    expect(
      await screen.findByTestId('kpi-value-innovations_published', {}, { timeout: 15_000 }),
    ).toHaveTextContent('1,234');
    expect(lastSearch('summary').get('scope')).toBe('national');
    expect(screen.getByTestId('scope-current')).toHaveTextContent('ทั้งประเทศ');

    // The area table leads to the area's own cockpit.
    await screen.findAllByTestId('breakdown-row', {}, { timeout: 15_000 });
    expect(lastSearch('breakdown').get('dimension')).toBe('area');
    await user.click(
      within(screen.getByTestId('breakdown-table')).getByRole('button', { name: 'เปิดค็อกพิทของ สพป.กระบี่' }),
    );
    await waitFor(() => expect(address().get('scope')).toBe(`area:${AREA}`));
    await waitFor(() => expect(lastSearch('summary').get('scope')).toBe(`area:${AREA}`));
    expect(await screen.findByTestId('scope-current')).toHaveTextContent('สพป.กระบี่');
    expect(screen.getByTestId('scope-up-national')).toHaveTextContent('ทั้งประเทศ');

    // In an area, its schools; a school opens its own cockpit.
    await waitFor(() => expect(lastSearch('breakdown').get('dimension')).toBe('school'));
    await user.click(await screen.findByRole('button', { name: 'เปิดค็อกพิทของ โรงเรียนบ้านคลองม่วง' }));
    await waitFor(() => expect(address().get('scope')).toBe(`school:${SCHOOL}`));
    await waitFor(() => expect(lastSearch('summary').get('scope')).toBe(`school:${SCHOOL}`));
    await waitFor(() => expect(screen.getByTestId('scope-current')).toHaveTextContent('โรงเรียนบ้านคลองม่วง'));
    // A school has no places below it: its breakdown opens on the KPI's categories.
    await waitFor(() => expect(lastSearch('breakdown').get('dimension')).toBe('learningArea'));

    // Up the trail again.
    await user.click(screen.getByTestId('scope-up-area'));
    await waitFor(() => expect(address().get('scope')).toBe(`area:${AREA}`));
  });

  it('narrows the nation from a region to its provinces and from a province to its areas', async () => {
    const user = userEvent.setup({ delay: null });
    open('/cockpit?dim=region');
    await user.click(await screen.findByRole('button', { name: 'ดูจังหวัดในภาคใต้' }, { timeout: 15_000 }));
    await waitFor(() => expect(address().get('in')).toBe('region:south'));
    expect(address().get('dim')).toBe('province');
    await waitFor(() =>
      expect(screen.getAllByTestId('breakdown-row').map((tr) => tr.getAttribute('data-key'))).toEqual([
        '81',
        '90',
      ]),
    );
    expect(screen.getByTestId('breakdown-within')).toHaveTextContent('เฉพาะจังหวัดในภาคใต้');

    await user.click(screen.getByRole('button', { name: 'ดูเขตพื้นที่ในจังหวัดกระบี่' }));
    await waitFor(() => expect(address().get('in')).toBe('province:81'));
    await waitFor(() =>
      expect(screen.getAllByTestId('breakdown-row').map((tr) => tr.getAttribute('data-key'))).toEqual([AREA]),
    );
    await user.click(screen.getByRole('button', { name: 'ดูทั้งหมด' }));
    await waitFor(() => expect(address().get('in')).toBeNull());
    await waitFor(() => expect(screen.getAllByTestId('breakdown-row')).toHaveLength(2));
  });

  it('writes every filter into the address, and an address reproduces the view', async () => {
    const user = userEvent.setup({ delay: null });
    const { unmount } = open();
    await screen.findByTestId('kpi-value-ratings', {}, { timeout: 15_000 });

    await user.click(screen.getByRole('combobox', { name: 'ช่วงเวลา' }));
    await user.click(await screen.findByRole('option', { name: '30 วันล่าสุด' }));
    await waitFor(() => expect(address().get('period')).toBe('30d'));
    const today = bangkokDay();
    await waitFor(() => expect(lastSearch('summary').get('from')).toBe(addDays(today, -29)));
    expect(lastSearch('summary').get('to')).toBe(today);

    await user.click(screen.getByTestId('kpi-select-ratings'));
    await waitFor(() => expect(address().get('kpi')).toBe('ratings'));
    await waitFor(() => expect(lastSearch('breakdown').get('metric')).toBe('ratings'));
    expect(lastSearch('timeseries').get('metric')).toBe('ratings');

    await user.click(screen.getByRole('combobox', { name: 'จำแนกตาม' }));
    await user.click(await screen.findByRole('option', { name: 'จังหวัด' }));
    await waitFor(() => expect(address().get('dim')).toBe('province'));

    await user.click(screen.getByRole('radio', { name: 'สัปดาห์' }));
    await waitFor(() => expect(address().get('interval')).toBe('week'));
    await waitFor(() => expect(lastSearch('timeseries').get('interval')).toBe('week'));

    await user.click(await screen.findByTestId('breakdown-sort-value'));
    await waitFor(() => expect(address().get('sort')).toBe('asc'));
    await waitFor(() =>
      expect(screen.getAllByTestId('breakdown-row').map((tr) => tr.getAttribute('data-key'))).toEqual([
        '90',
        '10',
        '81',
      ]),
    );
    unmount();

    // The same address elsewhere: the same view.
    open(`/cockpit?scope=area:${AREA}&period=month&kpi=comments&dim=school&interval=week`);
    await screen.findByTestId('kpi-value-comments', {}, { timeout: 15_000 });
    await waitFor(() => expect(lastSearch('breakdown').get('scope')).toBe(`area:${AREA}`));
    expect(lastSearch('summary').get('from')).toBe(`${today.slice(0, 8)}01`);
    expect(lastSearch('breakdown').get('metric')).toBe('comments');
    expect(lastSearch('breakdown').get('dimension')).toBe('school');
    expect(lastSearch('timeseries').get('interval')).toBe('week');
    expect(screen.getByTestId('kpi-select-comments')).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows an area admin only their area and its schools', async () => {
    auth.current = authAs('area');
    // Neither the nation nor another area can be asked for in the address.
    open(`/cockpit?scope=area:${OTHER_AREA}`);
    await screen.findByTestId('kpi-value-innovations_published', {}, { timeout: 15_000 });
    expect(lastSearch('summary').get('scope')).toBe(`area:${AREA}`);
    expect(await screen.findByTestId('scope-current')).toHaveTextContent('สพป.กระบี่');
    expect(screen.queryByTestId('scope-up-national')).not.toBeInTheDocument();
    expect(screen.queryByText('ทั้งประเทศ')).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'ดูเขตพื้นที่การศึกษา' })).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'ดูโรงเรียนในเขตพื้นที่' })).toBeInTheDocument();
    await waitFor(() => expect(lastSearch('breakdown').get('dimension')).toBe('school'));
    const table = await screen.findByTestId('breakdown-table');
    expect(within(table).queryByText('สพม.กรุงเทพมหานคร เขต 1')).not.toBeInTheDocument();
  });

  it("says so when a school is not in the admin's area, and leads back to their own", async () => {
    auth.current = authAs('area');
    const base = api.fetch;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.startsWith('/api/v1/cockpit/') && url.includes(encodeURIComponent(`school:${SCHOOL_2}`))
          ? json(
              {
                status: 403,
                code: 'COCKPIT_SCOPE_FORBIDDEN',
                title: 'Forbidden',
                detail: 'ขอบเขตนี้ไม่อยู่ในสิทธิ์ของคุณ',
              },
              403,
            )
          : base(url),
      ),
    );
    const user = userEvent.setup({ delay: null });
    open(`/cockpit?scope=school:${SCHOOL_2}`);
    expect(await screen.findByRole('alert', {}, { timeout: 15_000 })).toHaveTextContent(
      'ขอบเขตนี้ไม่อยู่ในสิทธิ์ของคุณ',
    );
    await user.click(screen.getByRole('button', { name: 'กลับไปที่ขอบเขตของฉัน' }));
    await waitFor(() => expect(address().get('scope')).toBe(`area:${AREA}`));
    expect(await screen.findByTestId('kpi-value-innovations_published')).toHaveTextContent('1,234');
  });

  it('refetches the tiles when the cockpit of the scope changes live', async () => {
    open();
    await screen.findByTestId('kpi-value-innovations_published', {}, { timeout: 15_000 });
    const summaries = () => api.sent.filter((sent) => sent.path === '/api/v1/cockpit/summary').length;
    const before = summaries();

    published = 1235;
    act(() => handlers.get('cockpit.changed')!({ scopes: ['national'], at: new Date().toISOString() }));
    await waitFor(() =>
      expect(screen.getByTestId('kpi-value-innovations_published')).toHaveTextContent('1,235'),
    );
    expect(summaries()).toBe(before + 1);

    // A burst of changes is read in few refetches, the last one included.
    published = 1240;
    for (let i = 0; i < 5; i += 1)
      act(() => handlers.get('cockpit.changed')!({ scopes: ['national'], at: new Date().toISOString() }));
    await waitFor(
      () => expect(screen.getByTestId('kpi-value-innovations_published')).toHaveTextContent('1,240'),
      {
        timeout: 5_000,
      },
    );
    expect(summaries()).toBeLessThanOrEqual(before + 3);
  });

  it('downloads the breakdown as XLSX with the same query, with the session', async () => {
    const user = userEvent.setup({ delay: null });
    const created = vi.fn((blob: Blob) => `blob:${blob.size}`);
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const base = api.fetch;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.startsWith('/api/v1/cockpit/export')
          ? new Response('xlsx', {
              headers: {
                'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                'content-disposition': `attachment; filename="breakdown.xlsx"; filename*=UTF-8''${encodeURIComponent('จำแนก.xlsx')}`,
              },
            })
          : base(url),
      ),
    );
    open();
    await screen.findAllByTestId('breakdown-row', {}, { timeout: 15_000 });
    await user.click(screen.getByTestId('export-breakdown-xlsx'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const call = vi
      .mocked(fetch)
      .mock.calls.find(([url]) => String(url).startsWith('/api/v1/cockpit/export'))!;
    const sent = new URL(String(call[0]), 'http://localhost').searchParams;
    expect(Object.fromEntries(sent)).toMatchObject({
      report: 'breakdown',
      format: 'xlsx',
      scope: 'national',
      metric: 'innovations_published',
      dimension: 'area',
      from: lastSearch('breakdown').get('from'),
      to: lastSearch('breakdown').get('to'),
    });
    expect(created).toHaveBeenCalled();
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('จำแนก.xlsx');

    // Indicator 18's table downloads as itself (per area, for the chosen fiscal year), not as the plans.
    await user.click(await screen.findByTestId('export-indicator18-csv', {}, { timeout: 15_000 }));
    await waitFor(() =>
      expect(vi.mocked(fetch).mock.calls.some(([url]) => String(url).includes('report=indicator-18'))).toBe(
        true,
      ),
    );
    const indicator = new URL(
      String(vi.mocked(fetch).mock.calls.find(([url]) => String(url).includes('report=indicator-18'))![0]),
      'http://localhost',
    ).searchParams;
    expect(Object.fromEntries(indicator)).toMatchObject({ format: 'csv', scope: 'national' });
    expect(indicator.get('fiscalYear')).toMatch(/^25\d\d$/);
    click.mockRestore();
  });

  it('reads in English, with indicator 18 per area', async () => {
    open('/cockpit', 'en');
    expect(await screen.findByRole('heading', { name: 'Cockpit' }, { timeout: 15_000 })).toBeInTheDocument();
    expect(await screen.findByTestId('kpi-value-points_issued', {}, { timeout: 15_000 })).toHaveTextContent(
      '497,000',
    );
    expect(await screen.findByTestId('indicator18-below')).toHaveTextContent(
      '1 of 1 areas are under 500 participants',
    );
    const table = screen.getByTestId('indicator18-table');
    expect(within(table).getByText('Krabi Primary')).toBeInTheDocument();
    expect(within(table).getByText('12 new this year')).toBeInTheDocument();
    expect(lastSearch('indicator-18').get('scope')).toBe('national');
    fireEvent.click(within(table).getByRole('button', { name: 'Open the cockpit of Krabi Primary' }));
    await waitFor(() => expect(address().get('scope')).toBe(`area:${AREA}`));
  });
});
