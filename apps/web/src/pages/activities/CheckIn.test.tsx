import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, EVENT, fakeApi, jsonResponse, problem, renderPage, SESSION_1 } from './activitiesTesting';
import CheckIn from './CheckIn';
import CheckInScreen, { nextRefresh } from './CheckInScreen';

vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.unstubAllGlobals());

const URL = `/api/v1/events/${EVENT}`;
const CHECK_INS = `${URL}/sessions/${SESSION_1}/check-ins`;
const REGISTERED = anEvent({
  phase: 'live',
  me: { registration: { status: 'registered', position: null }, organiser: false },
});
const fromQr = (language: 'th' | 'en' = 'th') =>
  renderPage(
    '/events/:id/check-in',
    `/events/${EVENT}/check-in?session=${SESSION_1}&code=k7m2qx`,
    <CheckIn />,
    language,
  );

describe('/events/:id/check-in, the page the QR opens on a member’s phone', () => {
  it('checks a registered member in at once and says so plainly, with the codes entered so far', async () => {
    const calls = fakeApi({
      [`GET ${URL}`]: () => jsonResponse(REGISTERED),
      [`POST ${CHECK_INS}`]: () =>
        jsonResponse(
          { sessionId: SESSION_1, checkpoint: 1, checkpointsEntered: 1, checkpoints: 2, attended: false },
          201,
        ),
    });
    fromQr();
    const success = await screen.findByTestId('check-in-success');
    expect(success).toHaveTextContent('เช็กอินสำเร็จ');
    expect(success).toHaveTextContent('ช่วงเช้า: บรรยาย');
    expect(success).toHaveTextContent('รหัสเช็กอินที่บันทึกแล้ว 1 จาก 2');
    expect(success).toHaveTextContent('ตอนท้ายช่วง โปรดสแกนรหัสถัดไปบนจอด้วย');
    const sent = calls.filter((call) => call.url === CHECK_INS);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ code: 'K7M2QX' });
  });

  it('asks to scan the latest code when the code has expired, and takes a typed code instead', async () => {
    const user = userEvent.setup();
    const calls = fakeApi({
      [`GET ${URL}`]: () => jsonResponse(REGISTERED),
      [`POST ${CHECK_INS}`]: (call) =>
        (call.body as { code: string }).code === 'K7M2QX'
          ? problem(422, 'CHECK_IN_CODE_INVALID', 'รหัสเช็กอินไม่ถูกต้องหรือหมดอายุแล้ว')
          : jsonResponse(
              { sessionId: SESSION_1, checkpoint: 2, checkpointsEntered: 2, checkpoints: 2, attended: true },
              201,
            ),
    });
    fromQr();
    const failure = await screen.findByTestId('check-in-failure');
    expect(failure).toHaveTextContent('เช็กอินไม่สำเร็จ');
    expect(failure).toHaveTextContent('รหัสหมดอายุหรือไม่ถูกต้อง โปรดสแกนรหัสล่าสุดบนจอ');

    await user.type(screen.getByRole('textbox', { name: /พิมพ์รหัส/ }), 'p4r8zn');
    await user.click(screen.getByRole('button', { name: 'เช็กอิน' }));
    const success = await screen.findByTestId('check-in-success');
    expect(success).toHaveTextContent('รหัสเช็กอินที่บันทึกแล้ว 2 จาก 2');
    expect(success).toHaveTextContent('นับว่าคุณเข้าร่วมช่วงนี้แล้ว');
    expect(screen.queryByTestId('check-in-failure')).toBeNull();
    expect(calls.filter((call) => call.url === CHECK_INS).map((call) => call.body)).toEqual([
      { code: 'K7M2QX' },
      { code: 'P4R8ZN' },
    ]);
  });

  it('says in English when the session is not open for check-in', async () => {
    fakeApi({
      [`GET ${URL}`]: () => jsonResponse(REGISTERED),
      [`POST ${CHECK_INS}`]: () =>
        problem(422, 'CHECK_IN_OUTSIDE_WINDOW', 'Check-in is open only during the session'),
    });
    fromQr('en');
    const failure = await screen.findByTestId('check-in-failure');
    expect(failure).toHaveTextContent('The check-in did not work');
    expect(failure).toHaveTextContent('Check-in is open only during the session');
  });

  it('offers a member who is not registered to register, then checks them in with the QR’s code', async () => {
    const user = userEvent.setup();
    let registered = false;
    const calls = fakeApi({
      [`GET ${URL}`]: () => jsonResponse(registered ? REGISTERED : anEvent({ phase: 'live' })),
      [`POST ${URL}/registrations`]: () => {
        registered = true;
        return jsonResponse({ status: 'registered' }, 201);
      },
      [`POST ${CHECK_INS}`]: () =>
        jsonResponse(
          { sessionId: SESSION_1, checkpoint: 1, checkpointsEntered: 1, checkpoints: 2, attended: false },
          201,
        ),
    });
    fromQr();
    const offer = await screen.findByTestId('not-registered');
    expect(offer).toHaveTextContent('คุณยังไม่ได้ลงทะเบียนกิจกรรมนี้');
    expect(calls.some((call) => call.url === CHECK_INS)).toBe(false);
    await user.click(within(offer).getByRole('button', { name: 'ลงทะเบียนและเช็กอิน' }));
    expect(await screen.findByTestId('check-in-success')).toHaveTextContent('เช็กอินสำเร็จ');
  });
});

describe('/events/:id/check-in-screen, the organiser’s rotating QR', () => {
  it('shows the code in large letters with its QR, and the chosen checkpoint’s code', async () => {
    const user = userEvent.setup();
    const expiresAt = new Date(Date.now() + 45_000).toISOString();
    const calls = fakeApi({
      [`GET ${URL}`]: () =>
        jsonResponse(anEvent({ phase: 'live', me: { registration: null, organiser: true } })),
      [`GET ${URL}/sessions/${SESSION_1}/check-in-code`]: (call) => {
        const checkpoint = Number(new URLSearchParams(call.url.split('?')[1]).get('checkpoint') ?? 1);
        return jsonResponse({
          code: checkpoint === 2 ? 'Z9Y8X7' : 'K7M2QX',
          qr: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
          url: `http://localhost/events/${EVENT}/check-in?session=${SESSION_1}&code=K7M2QX`,
          expiresAt,
          checkpoint,
          checkpoints: 2,
        });
      },
    });
    renderPage(
      '/events/:id/check-in-screen',
      `/events/${EVENT}/check-in-screen?session=${SESSION_1}`,
      <CheckInScreen />,
    );
    expect(await screen.findByTestId('code-text')).toHaveTextContent('K7M2QX');
    expect(screen.getByRole('img', { name: 'สแกนเพื่อเช็กอิน' })).toHaveAttribute(
      'src',
      'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
    );
    expect(screen.getByTestId('check-in-code')).toHaveTextContent('รหัสที่ 1 จาก 2');

    await user.click(screen.getByRole('combobox', { name: 'รหัสเช็กอิน' }));
    await user.click(await screen.findByRole('option', { name: 'รหัสที่ 2 จาก 2' }));
    await waitFor(() => expect(screen.getByTestId('code-text')).toHaveTextContent('Z9Y8X7'));
    expect(calls.some((call) => call.url.endsWith('check-in-code?checkpoint=2'))).toBe(true);
  });

  it('asks for the next code 2 s before the current one expires, then just after it', () => {
    const now = Date.parse('2026-12-07T02:30:00Z');
    expect(nextRefresh('2026-12-07T02:30:45Z', now)).toBe(43_000);
    expect(nextRefresh('2026-12-07T02:30:02Z', now)).toBe(2_300);
    expect(nextRefresh('2026-12-07T02:29:59Z', now)).toBe(500);
  });
});
