import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/AuthProvider';
import { renderWithProviders } from '../../test/render';
import { meBody, stubFetch } from './fetchStub';
import Register from './Register';

const AREA_ID = '01a24d32-d3ea-7efe-a7fb-2826e8b65da9';
const SCHOOL_ID = '01a24d32-d8b1-714d-8010-996e1dc0a725';

const routes = {
  'POST /api/v1/auth/refresh': { status: 401, body: { status: 401 } },
  'GET /api/v1/taxonomy': {
    body: {
      learningAreas: [],
      gradeLevels: [],
      competencyFrameworks: [],
      activeLearningTechniques: [],
      memberKinds: [
        { code: 'teacher', th: 'ครู', en: 'Teacher' },
        { code: 'parent', th: 'ผู้ปกครอง', en: 'Parent' },
      ],
      roles: [],
      academicStandings: [],
      promotionLevels: [],
      perkCategories: [],
      eventSessionKinds: [],
    },
  },
  'GET /api/v1/areas': {
    body: {
      items: [
        {
          id: AREA_ID,
          code: 'P81',
          level: 'primary',
          nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษากระบี่',
          shortNameTh: 'สพป.กระบี่',
          nameEn: 'Krabi Primary Educational Service Area Office',
          areaNo: null,
          provinces: [{ code: '81', nameTh: 'กระบี่', nameEn: 'Krabi' }],
        },
      ],
      nextCursor: null,
    },
  },
  'GET /api/v1/schools': {
    body: {
      items: [
        {
          id: SCHOOL_ID,
          code: '9990810001',
          nameTh: 'โรงเรียนบ้านอ่าวนาง',
          nameEn: 'Ban Ao Nang School',
          areaId: AREA_ID,
          localOrganisationId: null,
          provinceCode: '81',
        },
      ],
      nextCursor: null,
    },
  },
  'POST /api/v1/auth/register': { status: 201, body: { accessToken: 'new-access-token', user: {} } },
  'GET /api/v1/me': { body: meBody({ emailVerified: false }) },
};

/** Puts text in a field as a paste (one change), faster than typing each character. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

function renderRegister() {
  return renderWithProviders(
    <AuthProvider>
      <Routes>
        <Route path="/register" element={<Register />} />
        <Route path="/feed" element={<p>FEED PAGE</p>} />
      </Routes>
    </AuthProvider>,
    { route: '/register' },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Register', { timeout: 120_000 }, () => {
  it('cannot leave the first step without a member kind', async () => {
    const user = userEvent.setup({ delay: null });
    stubFetch(routes);
    renderRegister();
    await screen.findByRole('radio', { name: 'ครู' });
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));
    expect(screen.getByText('กรุณาเลือกสถานะของคุณ')).toBeInTheDocument();
    expect(screen.queryByLabelText('โรงเรียน')).not.toBeInTheDocument();
  });

  it('cannot continue without a school when the kind needs one (a teacher), then can once one is chosen', async () => {
    const user = userEvent.setup({ delay: null });
    const api = stubFetch(routes);
    renderRegister();
    await user.click(await screen.findByRole('radio', { name: 'ครู' }));
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));

    const schoolInput = await screen.findByTestId('register-school');
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));
    expect(await screen.findByText('กรุณาเลือกโรงเรียนของคุณ')).toBeInTheDocument();
    expect(screen.queryByLabelText('รหัสผ่าน')).not.toBeInTheDocument();

    // Type-ahead: typing searches the API, then the school is picked from the list.
    await user.click(schoolInput);
    await fill(user, schoolInput, 'อ่าวนาง');
    // (jsdom has no layout, so the dropdown counts as hidden: the option is chosen with the keyboard.)
    await screen.findByRole('option', { name: 'โรงเรียนบ้านอ่าวนาง', hidden: true }, { timeout: 10_000 });
    expect(api.calls.some((call) => call.path === '/api/v1/schools' && call.url.includes('q='))).toBe(true);
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(schoolInput).toHaveValue('โรงเรียนบ้านอ่าวนาง'));
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));
    expect(await screen.findByLabelText('รหัสผ่าน')).toBeInTheDocument();
    expect(screen.queryByText('กรุณาเลือกโรงเรียนของคุณ')).not.toBeInTheDocument();

    await fill(user, screen.getByLabelText('ชื่อที่แสดงในชุมชน', { exact: false }), 'ครูสมชาย ใจดี');
    await fill(user, screen.getByLabelText('อีเมล', { exact: false }), 'kru.somchai@example.ac.th');
    await fill(user, screen.getByLabelText('รหัสผ่าน'), 'ห้องเรียนสีเขียว2569');
    await user.click(screen.getByRole('checkbox', { name: 'ฉันยอมรับข้อตกลงการใช้งานและประกาศความเป็นส่วนตัว' }));
    await user.click(screen.getByRole('button', { name: 'สมัครสมาชิก' }));

    expect(await screen.findByText('FEED PAGE', undefined, { timeout: 10_000 })).toBeInTheDocument();
    const [registration] = api.callsTo('POST', '/api/v1/auth/register');
    expect(registration?.headers.get('x-auth-transport')).toBe('cookie');
    expect(registration?.body).toEqual({
      email: 'kru.somchai@example.ac.th',
      password: 'ห้องเรียนสีเขียว2569',
      displayName: 'ครูสมชาย ใจดี',
      memberKind: 'teacher',
      schoolId: SCHOOL_ID,
      acceptTerms: true,
    });
  });

  it('lets a parent skip the school, and enforces the password rules and the consent before sending', async () => {
    const user = userEvent.setup({ delay: null });
    const api = stubFetch(routes);
    renderRegister();
    await user.click(await screen.findByRole('radio', { name: 'ผู้ปกครอง' }));
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));
    await screen.findByTestId('register-school');
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));

    const password = await screen.findByLabelText('รหัสผ่าน');
    await fill(user, screen.getByLabelText('ชื่อที่แสดงในชุมชน', { exact: false }), 'คุณแม่น้องฟ้า');
    await fill(user, screen.getByLabelText('อีเมล', { exact: false }), 'maefah@example.com');
    const rules = screen.getByTestId('password-rules');

    // Too short: the length rule is not met and nothing is sent.
    await fill(user, password, 'short');
    expect(within(rules).getByText('ยาว 8 ตัวอักษรขึ้นไป (ไม่เกิน 128)').closest('li')).toHaveTextContent(
      'ยังไม่ผ่าน',
    );
    await user.click(screen.getByRole('button', { name: 'สมัครสมาชิก' }));
    expect(screen.getByText('รหัสผ่านยังไม่ตรงตามเงื่อนไขด้านล่าง')).toBeInTheDocument();
    expect(screen.getByText('กรุณายอมรับข้อตกลงก่อนสมัครสมาชิก')).toBeInTheDocument();

    // The part of the e-mail before the @ is refused too.
    await user.clear(password);
    await fill(user, password, 'maefah@example.com');
    expect(within(rules).getByText('ไม่ซ้ำกับอีเมลหรือชื่อหน้าอีเมล').closest('li')).toHaveTextContent('ยังไม่ผ่าน');
    await user.click(screen.getByRole('button', { name: 'สมัครสมาชิก' }));
    expect(screen.getByText('รหัสผ่านยังไม่ตรงตามเงื่อนไขด้านล่าง')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/register')).toHaveLength(0);

    // A good password, and consent given from the terms' window.
    await user.clear(password);
    await fill(user, password, 'ดอกไม้บานหน้าห้อง');
    expect(within(rules).getByText('ยาว 8 ตัวอักษรขึ้นไป (ไม่เกิน 128)').closest('li')).toHaveTextContent('ผ่านแล้ว');
    await user.click(screen.getByRole('button', { name: 'อ่านข้อตกลงการใช้งานและประกาศความเป็นส่วนตัว' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'ยอมรับข้อตกลง' }));
    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: 'ฉันยอมรับข้อตกลงการใช้งานและประกาศความเป็นส่วนตัว' }),
      ).toBeChecked(),
    );
    await user.click(screen.getByRole('button', { name: 'สมัครสมาชิก' }));

    expect(await screen.findByText('FEED PAGE', undefined, { timeout: 10_000 })).toBeInTheDocument();
    const [registration] = api.callsTo('POST', '/api/v1/auth/register');
    expect(registration?.body).toEqual({
      email: 'maefah@example.com',
      password: 'ดอกไม้บานหน้าห้อง',
      displayName: 'คุณแม่น้องฟ้า',
      memberKind: 'parent',
      acceptTerms: true,
    });
  });

  it('shows the e-mail field the API refused as already registered', async () => {
    const user = userEvent.setup({ delay: null });
    stubFetch({
      ...routes,
      'POST /api/v1/auth/register': {
        status: 409,
        body: { status: 409, code: 'AUTH_EMAIL_TAKEN', detail: 'อีเมลนี้มีผู้ใช้แล้ว' },
      },
    });
    renderRegister();
    await user.click(await screen.findByRole('radio', { name: 'ผู้ปกครอง' }));
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));
    await screen.findByTestId('register-school');
    await user.click(screen.getByRole('button', { name: 'ถัดไป' }));
    await fill(user, await screen.findByLabelText('ชื่อที่แสดงในชุมชน', { exact: false }), 'คุณแม่น้องฟ้า');
    await fill(user, screen.getByLabelText('อีเมล', { exact: false }), 'teacher@demo.local');
    await fill(user, screen.getByLabelText('รหัสผ่าน'), 'ดอกไม้บานหน้าห้อง');
    await user.click(screen.getByRole('checkbox', { name: 'ฉันยอมรับข้อตกลงการใช้งานและประกาศความเป็นส่วนตัว' }));
    await user.click(screen.getByRole('button', { name: 'สมัครสมาชิก' }));
    expect(await screen.findByText('อีเมลนี้มีผู้ใช้แล้ว', undefined, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText('FEED PAGE')).not.toBeInTheDocument();
  });
});
