import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes as RouterRoutes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubDocumentFonts } from '../admin/parts/testing';
import EventEditor from './EventEditor';
import EventPage from './EventPage';
import { anEvent, Call, EVENT, jsonResponse, MEMBER, problem, renderPage } from './activitiesTesting';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const AREA = '01a0a000-0000-7000-8000-0000000000a1';
const AREA_ADMIN = [{ role: 'area_admin', scopeType: 'area', scopeId: AREA }];

const TAXONOMY = {
  learningAreas: [],
  memberKinds: [],
  academicStandings: [],
  gradeLevels: [],
  competencies: [],
  activeLearningTechniques: [],
  eventSessionKinds: [
    { code: 'forum', th: 'เวทีเสวนา', en: 'Forum' },
    { code: 'learning_talk', th: 'Learning Talk', en: 'Learning Talk' },
    { code: 'workshop', th: 'อบรมเชิงปฏิบัติการ', en: 'Workshop' },
  ],
};

const AREAS = {
  items: [
    {
      id: AREA,
      code: 'SPP-KBI',
      level: 'primary',
      nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่',
      shortNameTh: 'สพป.กระบี่',
      nameEn: 'Krabi Primary Educational Service Area',
      areaNo: 1,
      provinces: [],
    },
  ],
  nextCursor: null,
};

type Handler = (call: Call) => Response;

/** A fake API behind `fetch` for a member with `roles`; calls are recorded with their JSON bodies. */
function webeditApi(routes: Record<string, Handler>, roles: unknown[] = AREA_ADMIN) {
  stubDocumentFonts();
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
      const call = { method, url: input, body };
      calls.push(call);
      if (input.endsWith('/auth/refresh')) return jsonResponse({ accessToken: 'token' });
      if (input === '/api/v1/me')
        return jsonResponse({
          id: MEMBER,
          displayName: 'ครูสมใจ ใฝ่เรียนรู้',
          memberKind: 'teacher',
          level: 'practitioner',
          roles,
          learningAreas: [],
        });
      const handler = routes[`${method} ${input}`] ?? routes[`${method} ${input.split('?')[0]}`];
      if (handler) return handler(call);
      return jsonResponse({ status: 404, title: 'Not found', code: 'NOT_FOUND' }, 404);
    }),
  );
  return calls;
}

const COMMON: Record<string, Handler> = {
  'GET /api/v1/taxonomy': () => jsonResponse(TAXONOMY),
  'GET /api/v1/areas': () => jsonResponse(AREAS),
};

async function fillTwoSessions(user: ReturnType<typeof userEvent.setup>, en: boolean) {
  const L = (e: RegExp, th: RegExp) => (en ? e : th);
  // Texts are pasted, not typed key by key: each key re-renders the editor, and some 200 of them took most of the
  // test's time limit on a busy machine. Dates are typed (a date-time field takes its value from keys).
  const enter = async (field: HTMLElement, text: string) => {
    await user.click(field);
    await user.paste(text);
  };
  await user.selectOptions(await screen.findByLabelText(L(/^Kind/, /^ประเภท/)), 'workshop');
  await enter(screen.getByLabelText(L(/^Title/, /^ชื่อกิจกรรม/)), 'Active Learning คณิตศาสตร์');
  await enter(screen.getByLabelText(L(/^Description/, /^รายละเอียด/)), 'ฝึกออกแบบกิจกรรม');
  await user.click(screen.getByRole('button', { name: L(/Add a session/, /เพิ่มช่วงกิจกรรม/) }));
  const sessions = screen.getAllByTestId('session-form');
  expect(sessions).toHaveLength(2);
  const [first, second] = sessions.map((session) => within(session));
  await enter(first.getByLabelText(L(/Session title/, /ชื่อช่วงกิจกรรม/)), 'ช่วงเช้า: บรรยาย');
  await user.type(first.getByLabelText(L(/^Starts/, /^เริ่ม/)), '2026-12-20T09:00');
  await user.type(first.getByLabelText(L(/^Ends/, /^สิ้นสุด/)), '2026-12-20T12:00');
  await enter(first.getByLabelText(L(/Meeting link/, /ลิงก์ห้องประชุม/)), 'https://meet.example.org/abc');
  await enter(second.getByLabelText(L(/Session title/, /ชื่อช่วงกิจกรรม/)), 'ช่วงบ่าย: ฝึกปฏิบัติ');
  await user.type(second.getByLabelText(L(/^Starts/, /^เริ่ม/)), '2026-12-20T13:00');
  await user.type(second.getByLabelText(L(/^Ends/, /^สิ้นสุด/)), '2026-12-20T16:00');
  await user.click(second.getByText(L(/^On site$/, /^ออนไซต์$/)));
  await enter(second.getByLabelText(L(/^Venue/, /^สถานที่/)), 'ห้องประชุม สพป.กระบี่');
  await user.selectOptions(second.getByLabelText(L(/Attendance codes/, /รหัสเข้าร่วม/)), '1');
  await user.type(screen.getByLabelText(L(/^Seats/, /^จำนวนที่นั่ง/)), '40');
  await user.type(screen.getByLabelText(L(/Registration opens/, /^เปิดลงทะเบียน/)), '2026-12-01T08:00');
  await user.type(screen.getByLabelText(L(/Registration closes/, /^ปิดลงทะเบียน/)), '2026-12-18T17:00');
  await enter(screen.getByLabelText(L(/Signatory's name/, /ชื่อผู้ลงนาม/)), 'นายสมชาย ใจดี');
  await enter(screen.getByLabelText(L(/Signatory's position/, /ตำแหน่งผู้ลงนาม/)), 'ผู้อำนวยการ สพป.กระบี่');
}

describe('/events/new', () => {
  it("posts an area admin's two-session event (online and on site) with a share of 80 %, then opens it", async () => {
    const user = userEvent.setup({ delay: null });
    const calls = webeditApi({
      ...COMMON,
      'POST /api/v1/events': () => jsonResponse(anEvent(), 201),
      [`GET /api/v1/events/${EVENT}`]: () => jsonResponse(anEvent()),
    });
    renderPage('/events/*', '/events/new', <Routes />, 'en');
    await fillTwoSessions(user, true);
    // the defaults: a share of 80 %, the evaluation required, the certificate 7 days after the end
    expect(screen.getByLabelText(/At least/)).toHaveValue('80 %');
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    expect(await screen.findByRole('heading', { name: anEvent().title })).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST' && call.url === '/api/v1/events');
    expect(post?.body).toEqual({
      kind: 'workshop',
      title: 'Active Learning คณิตศาสตร์',
      description: 'ฝึกออกแบบกิจกรรม',
      organiser: { type: 'area', id: AREA },
      sessions: [
        {
          title: 'ช่วงเช้า: บรรยาย',
          startsAt: '2026-12-20T09:00:00+07:00',
          endsAt: '2026-12-20T12:00:00+07:00',
          mode: 'online',
          joinUrl: 'https://meet.example.org/abc',
          checkpoints: 2,
        },
        {
          title: 'ช่วงบ่าย: ฝึกปฏิบัติ',
          startsAt: '2026-12-20T13:00:00+07:00',
          endsAt: '2026-12-20T16:00:00+07:00',
          mode: 'onsite',
          venue: 'ห้องประชุม สพป.กระบี่',
          checkpoints: 1,
        },
      ],
      capacity: 40,
      waitlist: true,
      registrationOpensAt: '2026-12-01T08:00:00+07:00',
      registrationClosesAt: '2026-12-18T17:00:00+07:00',
      completion: { rule: 'min_share', minShare: 0.8, evaluationRequired: true },
      certificate: { issueAfterDays: 7, signatoryName: 'นายสมชาย ใจดี', signatoryTitle: 'ผู้อำนวยการ สพป.กระบี่' },
    });
  });

  it('refuses a session that ends before it starts, without calling the API', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = webeditApi(COMMON);
    renderPage('/events/*', '/events/new', <Routes />, 'en');
    const session = within(await screen.findByTestId('session-form'));
    await user.type(session.getByLabelText(/^Starts/), '2026-12-20T13:00');
    await user.type(session.getByLabelText(/^Ends/), '2026-12-20T12:30');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    expect(await screen.findByText('Must be after the start')).toBeInTheDocument();
    expect(calls.some((call) => call.url === '/api/v1/events')).toBe(false);
  });

  it.each([
    [400, 'VALIDATION_FAILED', 'ข้อมูลไม่ถูกต้อง: ช่วงกิจกรรมต้องไม่ซ้อนกัน'],
    [403, 'EVENT_ORGANISER_FORBIDDEN', 'คุณไม่มีสิทธิ์จัดกิจกรรมในนามหน่วยงานนี้'],
  ])('shows the API refusal %s in Thai', async (status, code, detail) => {
    const user = userEvent.setup({ delay: null });
    webeditApi({ ...COMMON, 'POST /api/v1/events': () => problem(status, code, detail) });
    renderPage('/events/*', '/events/new', <Routes />, 'th');
    await fillTwoSessions(user, false);
    await user.click(screen.getByRole('button', { name: 'สร้างกิจกรรม' }));
    expect(await screen.findByText('สร้างกิจกรรมไม่สำเร็จ')).toBeInTheDocument();
    expect(screen.getByText(detail)).toBeInTheDocument();
  });
});

describe('cancelling an event', () => {
  it("posts the organiser's reason and shows the event as cancelled", async () => {
    const user = userEvent.setup({ delay: null });
    let cancelled = false;
    const calls = webeditApi({
      [`GET /api/v1/events/${EVENT}`]: () =>
        jsonResponse(
          anEvent({
            me: { registration: null, organiser: true },
            ...(cancelled ? { status: 'cancelled', phase: 'cancelled' } : {}),
          }),
        ),
      [`POST /api/v1/events/${EVENT}/cancel`]: () => {
        cancelled = true;
        return jsonResponse(anEvent({ status: 'cancelled', phase: 'cancelled' }));
      },
    });
    renderPage('/events/:id', `/events/${EVENT}`, <EventPage />, 'th');
    await user.click(await screen.findByRole('button', { name: 'ยกเลิกกิจกรรม' }));
    const dialog = await screen.findByRole('dialog');
    // no reason: refused in the dialog
    await user.click(within(dialog).getByRole('button', { name: 'ยืนยันการยกเลิก' }));
    expect(within(dialog).getByText('ระบุเหตุผล')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/เหตุผล/), 'วิทยากรติดภารกิจเร่งด่วน');
    await user.click(within(dialog).getByRole('button', { name: 'ยืนยันการยกเลิก' }));

    expect(await screen.findByText('กิจกรรมนี้ถูกยกเลิกแล้ว')).toBeInTheDocument();
    const post = calls.find((call) => call.url === `/api/v1/events/${EVENT}/cancel`);
    expect(post?.method).toBe('POST');
    expect(post?.body).toEqual({ reason: 'วิทยากรติดภารกิจเร่งด่วน' });
    expect(screen.queryByRole('button', { name: 'ยกเลิกกิจกรรม' })).toBeNull();
  });

  it('is not offered to members who do not organise the event, nor once it has ended', async () => {
    webeditApi({
      [`GET /api/v1/events/${EVENT}`]: () =>
        jsonResponse(anEvent({ me: { registration: null, organiser: true }, phase: 'ended' })),
    });
    renderPage('/events/:id', `/events/${EVENT}`, <EventPage />, 'en');
    expect(await screen.findByTestId('organiser-tools')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel the event' })).toBeNull();
  });
});

/** The editor and the event page under their real paths (the editor navigates to the new event). */
function Routes() {
  return (
    <RouterRoutes>
      <Route path="new" element={<EventEditor />} />
      <Route path=":id" element={<EventPage />} />
    </RouterRoutes>
  );
}
