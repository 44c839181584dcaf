import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  anEvent,
  aProgress,
  EVENT,
  fakeApi,
  jsonResponse,
  renderPage,
  SESSION_1,
  SESSION_2,
} from './activitiesTesting';
import Attendance from './Attendance';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.unstubAllGlobals());

const URL = `/api/v1/events/${EVENT}`;
const SOMCHAI = '01a24f76-c473-7c1a-9fba-000000000002';
const ROWS = [
  {
    member: {
      id: '01a24f76-c473-7c1a-9fba-000000000001',
      displayName: 'ครูมานี มีสุข',
      memberKind: 'teacher',
      email: 'manee@krabi.go.th',
    },
    progress: aProgress({
      attendedSessions: 2,
      sessions: [
        { id: SESSION_1, attended: true, minutes: 180 },
        { id: SESSION_2, attended: true, minutes: 180 },
      ],
      attendedMinutes: 360,
      share: 1,
      evaluated: true,
      completed: true,
      final: true,
      missing: [],
    }),
  },
  {
    member: {
      id: SOMCHAI,
      displayName: 'ครูสมชาย รักเรียน',
      memberKind: 'teacher',
      email: 'somchai@krabi.go.th',
    },
    progress: aProgress({ final: true }),
  },
];
const PROGRESS = {
  eventId: EVENT,
  completers: 1,
  issued: 0,
  revoked: 0,
  pending: 1,
  status: 'waiting',
  dueAt: '2026-12-14T09:00:00Z',
  completionsComputed: true,
};

function api(phase: 'live' | 'ended', extra: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) {
  return fakeApi({
    [`GET ${URL}`]: () => jsonResponse(anEvent({ phase, me: { registration: null, organiser: true } })),
    [`GET ${URL}/completions`]: () => jsonResponse({ items: ROWS, nextCursor: null }),
    [`GET ${URL}/certificates/progress`]: () => jsonResponse(PROGRESS),
    ...extra,
  });
}
const show = (language: 'th' | 'en' = 'th') =>
  renderPage('/events/:id/attendance', `/events/${EVENT}/attendance`, <Attendance />, language);

describe('/events/:id/attendance, the organiser’s attendance and certificates', () => {
  it('lists each participant: sessions attended, share, evaluation, completed or what is missing', async () => {
    api('ended');
    show();
    const table = await screen.findByTestId('completions');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('ครูมานี มีสุข');
    expect(rows[1]).toHaveTextContent('2/2');
    expect(rows[1]).toHaveTextContent('100%');
    expect(rows[1]).toHaveTextContent('ผ่าน');
    expect(rows[2]).toHaveTextContent('50%');
    expect(rows[2]).toHaveTextContent('ขาด: 108 นาที, แบบประเมิน');
  });

  it('imports a meeting tool’s CSV for a session and shows what was recorded and what was skipped, and why', async () => {
    const user = userEvent.setup();
    const calls = api('ended', {
      [`POST ${URL}/attendance/import`]: () =>
        jsonResponse({
          sessionId: SESSION_1,
          recorded: 2,
          updated: 1,
          skipped: [{ line: 5, email: 'stranger@example.com', reason: 'unknown_member' }],
        }),
    });
    const { container } = show();
    const card = await screen.findByTestId('attendance-import');
    const csv = 'email,minutes\nmanee@krabi.go.th,170\n';
    await user.upload(
      container.querySelector('input[type="file"]') as HTMLInputElement,
      new File([csv], 'zoom.csv', { type: 'text/csv' }),
    );
    await user.click(within(card).getByRole('button', { name: 'นำเข้า' }));
    const report = await screen.findByTestId('import-report');
    expect(report).toHaveTextContent('บันทึกใหม่ 2 · ปรับปรุง 1 · ข้าม 1');
    expect(report).toHaveTextContent('แถว 5: stranger@example.com: ไม่พบสมาชิกที่ใช้อีเมลนี้');
    const sent = calls.find((call) => call.url.includes('/attendance/import'));
    expect(sent?.url).toBe(`${URL}/attendance/import?sessionId=${SESSION_1}`);
    expect(sent?.body).toBe(csv);
  });

  it('corrects one member’s attendance of a session with a reason', async () => {
    const user = userEvent.setup();
    const calls = api('ended', {
      [`PUT ${URL}/sessions/${SESSION_2}/attendance/${SOMCHAI}`]: () =>
        jsonResponse({ attended: true, minutes: 150 }),
    });
    show();
    await user.click((await screen.findAllByRole('button', { name: 'แก้ไข ครูสมชาย รักเรียน' }))[0]);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox', { name: 'ช่วงกิจกรรม' }));
    await user.click(await screen.findByRole('option', { name: /ช่วงบ่าย: ฝึกปฏิบัติ/ }));
    await user.click(within(dialog).getByRole('switch', { name: 'เข้าร่วมช่วงนี้' }));
    await user.type(within(dialog).getByRole('textbox', { name: /จำนวนนาที/ }), '150');
    await user.type(within(dialog).getByRole('textbox', { name: /เหตุผล/ }), 'สัญญาณหลุด เข้าร่วมทาง Line');
    await user.click(within(dialog).getByRole('button', { name: 'บันทึกการแก้ไข' }));
    expect(await screen.findByText('แก้ไขการเข้าร่วมแล้ว')).toBeVisible();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      attended: true,
      minutes: 150,
      reason: 'สัญญาณหลุด เข้าร่วมทาง Line',
    });
  });

  it('issues certificates at once only after the event has ended, and shows the progress', async () => {
    const user = userEvent.setup();
    api('live');
    const first = show();
    const card = await screen.findByTestId('certificates-progress');
    expect(await within(card).findByRole('button', { name: 'ออกเกียรติบัตรทันที' })).toBeDisabled();
    expect(within(card).getByTestId('certificates-status')).toHaveTextContent('กำหนดออก 14 ธ.ค. 2569 16:00');
    first.unmount();

    let issued = false;
    const calls = api('ended', {
      [`POST ${URL}/certificates/issue`]: () => {
        issued = true;
        return jsonResponse({ eventId: EVENT }, 202);
      },
      [`GET ${URL}/certificates/progress`]: () =>
        jsonResponse(issued ? { ...PROGRESS, issued: 1, pending: 0, status: 'done' } : PROGRESS),
    });
    show('en');
    const button = await screen.findByRole('button', { name: 'Issue certificates now' });
    expect(button).toBeEnabled();
    await user.click(button);
    await waitFor(() => expect(screen.getByTestId('certificates-status')).toHaveTextContent('All issued'));
    expect(calls.filter((call) => call.url.endsWith('/certificates/issue'))).toHaveLength(1);
  });
});
