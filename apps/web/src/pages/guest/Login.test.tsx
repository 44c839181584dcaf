import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../auth/AuthProvider';
import { renderWithProviders } from '../../test/render';
import { meBody, stubFetch } from './fetchStub';
import Login from './Login';

function renderLogin(route = '/login', language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <AuthProvider>
      <Routes>
        <Route path="/login" element={<Login />} />
        <Route path="/feed" element={<p>FEED PAGE</p>} />
        <Route path="/wallet" element={<p>WALLET PAGE</p>} />
      </Routes>
    </AuthProvider>,
    { route, language },
  );
}

async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

const guest = { 'POST /api/v1/auth/refresh': { status: 401, body: { status: 401 } } };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Login', { timeout: 60_000 }, () => {
  it('labels the fields อีเมล and รหัสผ่าน and the button เข้าสู่ระบบ (Thai), and links to reset and sign-up', async () => {
    stubFetch(guest);
    renderLogin();
    expect(await screen.findByLabelText('อีเมล')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('รหัสผ่าน')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('button', { name: 'เข้าสู่ระบบ' })).toHaveAttribute('type', 'submit');
    expect(screen.getByRole('link', { name: 'ลืมรหัสผ่าน?' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.getByRole('link', { name: 'สมัครสมาชิก' })).toHaveAttribute('href', '/register');
  });

  it('labels the fields Email and Password and the button Sign in (English)', async () => {
    stubFetch(guest);
    renderLogin('/login', 'en');
    expect(await screen.findByLabelText('Email')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('asks for both fields before calling the API', async () => {
    const user = userEvent.setup({ delay: null });
    const api = stubFetch(guest);
    renderLogin();
    await user.click(await screen.findByRole('button', { name: 'เข้าสู่ระบบ' }));
    expect(screen.getByText('กรุณากรอกอีเมล')).toBeInTheDocument();
    expect(screen.getByText('กรุณากรอกรหัสผ่าน')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/login')).toHaveLength(0);
  });

  it("shows the API's message for a wrong password and stays on the page", async () => {
    const user = userEvent.setup({ delay: null });
    const api = stubFetch({
      ...guest,
      'POST /api/v1/auth/login': {
        status: 401,
        body: { status: 401, code: 'AUTH_INVALID_CREDENTIALS', detail: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง' },
      },
    });
    renderLogin();
    await fill(user, await screen.findByLabelText('อีเมล'), 'teacher@demo.local');
    await fill(user, screen.getByLabelText('รหัสผ่าน'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'เข้าสู่ระบบ' }));
    const alert = await screen.findByRole('alert', undefined, { timeout: 10_000 });
    expect(alert).toHaveTextContent('อีเมลหรือรหัสผ่านไม่ถูกต้อง');
    expect(alert).toHaveTextContent('เข้าสู่ระบบไม่สำเร็จ');
    expect(api.callsTo('POST', '/api/v1/auth/login')[0]?.body).toEqual({
      email: 'teacher@demo.local',
      password: 'wrong-password',
    });
    expect(api.callsTo('POST', '/api/v1/auth/login')[0]?.headers.get('x-auth-transport')).toBe('cookie');
    expect(screen.getByRole('button', { name: 'เข้าสู่ระบบ' })).toBeEnabled();
    expect(screen.queryByText('FEED PAGE')).not.toBeInTheDocument();
  });

  it('shows the throttling message of a 429', async () => {
    const user = userEvent.setup({ delay: null });
    stubFetch({
      ...guest,
      'POST /api/v1/auth/login': {
        status: 429,
        body: {
          status: 429,
          code: 'AUTH_TOO_MANY_ATTEMPTS',
          detail: 'ใส่รหัสผ่านหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่',
        },
      },
    });
    renderLogin();
    await fill(user, await screen.findByLabelText('อีเมล'), 'teacher@demo.local');
    await fill(user, screen.getByLabelText('รหัสผ่าน'), 'x');
    await user.click(screen.getByRole('button', { name: 'เข้าสู่ระบบ' }));
    expect(await screen.findByRole('alert', undefined, { timeout: 10_000 })).toHaveTextContent(
      'ใส่รหัสผ่านหลายครั้งเกินไป',
    );
  });

  const signedIn = {
    ...guest,
    'POST /api/v1/auth/login': { body: { accessToken: 'access-token', user: {} } },
    'GET /api/v1/me': { body: meBody() },
  };

  it('goes to ?next= after signing in when it is a path of this site', async () => {
    const user = userEvent.setup({ delay: null });
    stubFetch(signedIn);
    renderLogin('/login?next=%2Fwallet');
    await fill(user, await screen.findByLabelText('อีเมล'), 'teacher@demo.local');
    await fill(user, screen.getByLabelText('รหัสผ่าน'), 'learn-to-earn-2026');
    await user.click(screen.getByRole('button', { name: 'เข้าสู่ระบบ' }));
    expect(await screen.findByText('WALLET PAGE', undefined, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('goes to the feed instead of a ?next= on another site', async () => {
    const user = userEvent.setup({ delay: null });
    stubFetch(signedIn);
    renderLogin('/login?next=%2F%2Fevil.example%2Fwallet');
    await fill(user, await screen.findByLabelText('อีเมล'), 'teacher@demo.local');
    await fill(user, screen.getByLabelText('รหัสผ่าน'), 'learn-to-earn-2026');
    await user.click(screen.getByRole('button', { name: 'เข้าสู่ระบบ' }));
    expect(await screen.findByText('FEED PAGE', undefined, { timeout: 10_000 })).toBeInTheDocument();
  });
});
