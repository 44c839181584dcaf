import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, fakeApi, jsonResponse, renderPage } from './activitiesTesting';
import Events from './Events';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const FULL = anEvent({
  id: '01b0e000-0000-7000-8000-000000000002',
  kind: 'forum',
  kindLabel: { th: 'ฟอรัมวิชาการ', en: 'Academic forum' },
  title: 'ฟอรัมวิชาการออนไลน์ระดับชาติ',
  organiser: { type: 'obec', id: null, th: 'สพฐ.', en: 'OBEC' },
  seatsLeft: 0,
  registeredCount: 50,
  waitlistedCount: 3,
  startsAt: '2026-12-10T02:00:00Z',
  endsAt: '2026-12-10T09:00:00Z',
  sessions: [{ ...anEvent().sessions[0], startsAt: '2026-12-10T02:00:00Z', endsAt: '2026-12-10T09:00:00Z' }],
  me: { registration: { status: 'waitlisted', position: 3 }, organiser: false },
});

describe('/events, the events members can join', () => {
  it('shows each event: kind, title, organiser, Bangkok time in the Buddhist Era, on site / online, seats and my status', async () => {
    fakeApi({ 'GET /api/v1/events': () => jsonResponse({ items: [anEvent(), FULL], nextCursor: null }) });
    renderPage('/events', '/events', <Events />);

    const cards = await screen.findAllByTestId('event-card');
    expect(cards).toHaveLength(2);
    const first = within(cards[0]);
    expect(first.getByText('Active Learning ในห้องเรียนคณิตศาสตร์')).toBeVisible();
    expect(first.getByText('Learning Talk')).toBeVisible();
    expect(first.getByText('โดย สพป.กระบี่')).toBeVisible();
    expect(first.getByText('7 ธ.ค. 2569 09:00–16:00')).toBeVisible();
    expect(first.getByText('ออนไลน์และออนไซต์')).toBeVisible();
    expect(first.getByText('เหลือ 12 ที่นั่ง')).toBeVisible();
    expect(first.queryByTestId('my-status')).toBeNull();
    const second = within(cards[1]);
    expect(second.getByText('เต็มแล้ว · รับสำรอง (3)')).toBeVisible();
    expect(second.getByTestId('my-status')).toHaveTextContent('สำรองลำดับที่ 3');
    expect(second.getByRole('link', { name: 'ฟอรัมวิชาการออนไลน์ระดับชาติ' })).toHaveAttribute(
      'href',
      '/events/01b0e000-0000-7000-8000-000000000002',
    );
  });

  it('filters by kind (asking the API for that kind only), in English too', async () => {
    const user = userEvent.setup();
    const calls = fakeApi({
      'GET /api/v1/events': (call) =>
        jsonResponse({
          items: call.url.includes('kind=forum') ? [FULL] : [anEvent(), FULL],
          nextCursor: null,
        }),
    });
    renderPage('/events', '/events', <Events />, 'en');
    expect(await screen.findAllByTestId('event-card')).toHaveLength(2);
    expect(screen.getByText('7 Dec 2026, 09:00–16:00')).toBeVisible();

    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'Forum' }));
    await waitFor(() => expect(screen.getAllByTestId('event-card')).toHaveLength(1));
    expect(screen.getByText('Waitlist no. 3')).toBeVisible();
    expect(calls.some((call) => call.url.includes('kind=forum'))).toBe(true);
  });

  it('shows a month calendar: the days with events are marked, a tapped day lists its events', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T03:00:00Z'));
    const user = userEvent.setup();
    const calls = fakeApi({
      'GET /api/v1/events': () => jsonResponse({ items: [anEvent(), FULL], nextCursor: null }),
    });
    renderPage('/events', '/events?view=calendar', <Events />);

    const calendar = await screen.findByTestId('event-calendar');
    expect(within(calendar).getByText('ธันวาคม 2569')).toBeVisible();
    await waitFor(() =>
      expect(
        calls.some((call) => call.url.includes('from=2026-12-01') && call.url.includes('to=2026-12-31')),
      ).toBe(true),
    );
    await user.click(await within(calendar).findByRole('button', { name: '1 กิจกรรม วันที่ 10 ธ.ค. 2569' }));
    const cards = within(calendar).getAllByTestId('event-card');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toHaveTextContent('ฟอรัมวิชาการออนไลน์ระดับชาติ');
  });
});
