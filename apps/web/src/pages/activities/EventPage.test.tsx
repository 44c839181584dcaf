import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, aProgress, EVENT, fakeApi, jsonResponse, problem, renderPage } from './activitiesTesting';
import EventPage from './EventPage';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.unstubAllGlobals());

const URL = `/api/v1/events/${EVENT}`;
const show = (language: 'th' | 'en' = 'th') =>
  renderPage('/events/:id', `/events/${EVENT}`, <EventPage />, language);

describe('/events/:id, the event page', () => {
  it('shows the sessions in Bangkok time and registers the member, who then sees the seat is theirs', async () => {
    const user = userEvent.setup();
    let registered = false;
    const calls = fakeApi({
      [`GET ${URL}`]: () =>
        jsonResponse(
          registered
            ? anEvent({
                registeredCount: 39,
                seatsLeft: 11,
                me: { registration: { status: 'registered', position: null }, organiser: false },
                sessions: anEvent().sessions.map((session) =>
                  session.mode === 'online' ? { ...session, joinUrl: 'https://meet.example/abc' } : session,
                ),
              })
            : anEvent(),
        ),
      [`POST ${URL}/registrations`]: () => {
        registered = true;
        return jsonResponse({ status: 'registered' }, 201);
      },
      [`GET /api/v1/me/events/${anEvent().id}`]: () =>
        jsonResponse({ event: anEvent(), progress: aProgress({ attendedSessions: 0, share: 0 }) }),
    });
    show();

    const sessions = await screen.findAllByTestId('session');
    expect(within(sessions[0]).getByText('ช่วงเช้า: บรรยาย')).toBeVisible();
    expect(within(sessions[0]).getByText('7 ธ.ค. 2569 09:00–12:00')).toBeVisible();
    expect(within(sessions[0]).getByText('รหัสเช็กอิน 2 รหัส (ต้นและท้ายช่วง)')).toBeVisible();
    expect(within(sessions[1]).getByText('ออนไซต์ · ห้องประชุม สพป.กระบี่')).toBeVisible();
    expect(screen.getByText('เข้าร่วมอย่างน้อย 80% ของเวลา และส่งแบบประเมิน')).toBeVisible();
    expect(screen.queryByTestId('organiser-tools')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'ลงทะเบียน' }));
    expect(await screen.findByText('ลงทะเบียนสำเร็จ')).toBeVisible();
    expect(await screen.findByTestId('registration-state')).toHaveTextContent('คุณลงทะเบียนแล้ว');
    expect(screen.getByRole('link', { name: 'เข้าร่วมออนไลน์' })).toHaveAttribute(
      'href',
      'https://meet.example/abc',
    );
    expect(screen.getByText('แบบประเมินจะเปิดเมื่อกิจกรรมเริ่ม')).toBeVisible();
    expect(calls.filter((call) => call.url.endsWith('/registrations'))).toHaveLength(1);
  });

  it('shows the waitlist position and gives the place up after a confirmation', async () => {
    const user = userEvent.setup();
    let waitlisted = true;
    const calls = fakeApi({
      [`GET ${URL}`]: () =>
        jsonResponse(
          anEvent({
            seatsLeft: 0,
            registeredCount: 50,
            waitlistedCount: 4,
            me: { registration: waitlisted ? { status: 'waitlisted', position: 4 } : null, organiser: false },
          }),
        ),
      [`DELETE ${URL}/registrations/me`]: () => {
        waitlisted = false;
        return jsonResponse(undefined, 204);
      },
    });
    show();
    expect(await screen.findByTestId('registration-state')).toHaveTextContent('คุณอยู่ในรายชื่อสำรอง ลำดับที่ 4');
    await user.click(screen.getByRole('button', { name: 'ยกเลิกการลงทะเบียน' }));
    expect(screen.getByText('สละที่นั่งของคุณหรือไม่ ผู้ที่อยู่ลำดับสำรองถัดไปจะได้ที่นั่งนี้')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'ยืนยัน' }));
    expect(await screen.findByRole('button', { name: 'ลงชื่อสำรอง' })).toBeVisible();
    expect(calls.some((call) => call.method === 'DELETE')).toBe(true);
  });

  it('says when the event is full, registration closed or the event cancelled, and offers no button', async () => {
    fakeApi({
      [`GET ${URL}`]: () => jsonResponse(anEvent({ seatsLeft: 0, waitlist: false, registeredCount: 50 })),
    });
    const { unmount } = show('en');
    expect(await screen.findByTestId('registration-state')).toHaveTextContent('This event is full');
    expect(screen.queryByRole('button', { name: 'Register' })).toBeNull();
    unmount();

    fakeApi({ [`GET ${URL}`]: () => jsonResponse(anEvent({ phase: 'cancelled', status: 'cancelled' })) });
    const second = show('th');
    expect(await screen.findByTestId('registration-state')).toHaveTextContent('กิจกรรมนี้ถูกยกเลิกแล้ว');
    second.unmount();

    fakeApi({ [`GET ${URL}`]: () => jsonResponse(anEvent({ registrationOpen: false })) });
    show('th');
    expect(await screen.findByTestId('registration-state')).toHaveTextContent('ปิดรับลงทะเบียนแล้ว');
  });

  it('shows the API’s reason when registration is refused', async () => {
    const user = userEvent.setup();
    fakeApi({
      [`GET ${URL}`]: () => jsonResponse(anEvent()),
      [`POST ${URL}/registrations`]: () =>
        problem(409, 'EVENT_REGISTRATION_CLOSED', 'ไม่อยู่ในช่วงเวลาเปิดรับลงทะเบียน'),
    });
    show();
    await user.click(await screen.findByRole('button', { name: 'ลงทะเบียน' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.some((alert) => alert.textContent?.includes('ไม่อยู่ในช่วงเวลาเปิดรับลงทะเบียน'))).toBe(true);
  });

  it('shows my progress and what is missing once it started, and sends the evaluation', async () => {
    const user = userEvent.setup();
    const live = anEvent({
      phase: 'live',
      me: { registration: { status: 'registered', position: null }, organiser: false },
    });
    const calls = fakeApi({
      [`GET ${URL}`]: () => jsonResponse(live),
      [`GET /api/v1/me/events/${live.id}`]: () => jsonResponse({ event: live, progress: aProgress() }),
      [`POST ${URL}/evaluations`]: () =>
        jsonResponse(
          aProgress({
            evaluated: true,
            missing: [{ code: 'share', requiredMinutes: 288, attendedMinutes: 180 }],
          }),
          201,
        ),
    });
    show();
    const progress = await screen.findByTestId('my-progress');
    expect(within(progress).getByText('1 / 2')).toBeVisible();
    expect(within(progress).getByText('50% (180 จาก 360 นาที)')).toBeVisible();
    const missing = within(progress).getByTestId('progress-missing');
    expect(missing).toHaveTextContent('เวลาเข้าร่วมอีก 108 นาที');
    expect(missing).toHaveTextContent('แบบประเมิน');
    const sessions = screen.getAllByTestId('session');
    expect(within(sessions[0]).getByText('เข้าร่วมแล้ว')).toBeVisible();
    expect(within(sessions[1]).getByText('ยังไม่เข้าร่วม')).toBeVisible();

    const form = screen.getByTestId('evaluation');
    await user.click(within(form).getByText('4 ★'));
    await user.type(within(form).getByRole('textbox', { name: 'ความคิดเห็น' }), 'ได้ไอเดียไปใช้ในห้องเรียน');
    await user.click(within(form).getByRole('button', { name: 'ส่งแบบประเมิน' }));
    expect(await screen.findByText('ขอบคุณ ส่งแบบประเมินแล้ว')).toBeVisible();
    await waitFor(() => expect(screen.queryByTestId('evaluation')).toBeNull());
    expect(calls.find((call) => call.url.endsWith('/evaluations'))?.body).toEqual({
      rating: 4,
      comments: 'ได้ไอเดียไปใช้ในห้องเรียน',
    });
    expect(within(screen.getByTestId('progress-missing')).queryByText('แบบประเมิน')).toBeNull();
  });

  it('gives organisers the check-in screen and the attendance page', async () => {
    fakeApi({ [`GET ${URL}`]: () => jsonResponse(anEvent({ me: { registration: null, organiser: true } })) });
    show('en');
    const tools = await screen.findByTestId('organiser-tools');
    expect(within(tools).getByRole('link', { name: 'Check-in screen (QR)' })).toHaveAttribute(
      'href',
      `/events/${EVENT}/check-in-screen`,
    );
    expect(within(tools).getByRole('link', { name: 'Attendance and certificates' })).toHaveAttribute(
      'href',
      `/events/${EVENT}/attendance`,
    );
  });
});
