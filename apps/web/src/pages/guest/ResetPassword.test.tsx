import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { stubFetch } from './fetchStub';
import ResetPassword from './ResetPassword';

const TOKEN = 'reset-token-0123456789abcdefghij';
const route = `/reset-password?token=${TOKEN}`;

async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ResetPassword', { timeout: 60_000 }, () => {
  it('refuses two different passwords without calling the API', async () => {
    const user = userEvent.setup({ delay: null });
    const api = stubFetch({});
    renderWithProviders(<ResetPassword />, { route });
    await fill(user, await screen.findByLabelText('รหัสผ่านใหม่'), 'ห้องเรียนสีเขียว2569');
    await fill(user, screen.getByLabelText('ยืนยันรหัสผ่านใหม่'), 'ห้องเรียนสีฟ้า2569');
    await user.click(screen.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }));
    expect(screen.getByText('รหัสผ่านทั้งสองช่องไม่ตรงกัน')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/password-reset/confirm')).toHaveLength(0);
  });

  it('refuses a password shorter than 8 characters', async () => {
    const user = userEvent.setup({ delay: null });
    const api = stubFetch({});
    renderWithProviders(<ResetPassword />, { route });
    await fill(user, await screen.findByLabelText('รหัสผ่านใหม่'), 'abc');
    await fill(user, screen.getByLabelText('ยืนยันรหัสผ่านใหม่'), 'abc');
    await user.click(screen.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }));
    expect(screen.getByText('รหัสผ่านยังไม่ตรงตามเงื่อนไขด้านล่าง')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/password-reset/confirm')).toHaveLength(0);
  });

  it('sends the token and the new password, then says so and offers to sign in', async () => {
    const user = userEvent.setup({ delay: null });
    const api = stubFetch({ 'POST /api/v1/auth/password-reset/confirm': { status: 204 } });
    renderWithProviders(<ResetPassword />, { route });
    await fill(user, await screen.findByLabelText('รหัสผ่านใหม่'), 'ห้องเรียนสีเขียว2569');
    await fill(user, screen.getByLabelText('ยืนยันรหัสผ่านใหม่'), 'ห้องเรียนสีเขียว2569');
    await user.click(screen.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }));
    expect(await screen.findByText('ตั้งรหัสผ่านใหม่เรียบร้อย', undefined, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'เข้าสู่ระบบ' })).toHaveAttribute('href', '/login');
    expect(api.callsTo('POST', '/api/v1/auth/password-reset/confirm')[0]?.body).toEqual({
      token: TOKEN,
      password: 'ห้องเรียนสีเขียว2569',
    });
  });

  it('says clearly when the link was used or has expired (410), with a way to ask again', async () => {
    const user = userEvent.setup({ delay: null });
    stubFetch({
      'POST /api/v1/auth/password-reset/confirm': {
        status: 410,
        body: {
          status: 410,
          code: 'AUTH_PASSWORD_RESET_TOKEN_EXPIRED',
          detail: 'ลิงก์ตั้งรหัสผ่านใหม่หมดอายุแล้ว กรุณาขอลิงก์ใหม่',
        },
      },
    });
    renderWithProviders(<ResetPassword />, { route });
    await fill(user, await screen.findByLabelText('รหัสผ่านใหม่'), 'ห้องเรียนสีเขียว2569');
    await fill(user, screen.getByLabelText('ยืนยันรหัสผ่านใหม่'), 'ห้องเรียนสีเขียว2569');
    await user.click(screen.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }));
    expect(await screen.findByText('ลิงก์นี้ใช้ไม่ได้แล้ว', undefined, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('ลิงก์ตั้งรหัสผ่านใหม่หมดอายุแล้ว กรุณาขอลิงก์ใหม่')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ขอลิงก์ใหม่' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.queryByLabelText('รหัสผ่านใหม่')).not.toBeInTheDocument();
  });

  it('explains a link without a token instead of showing the form', async () => {
    stubFetch({});
    renderWithProviders(<ResetPassword />, { route: '/reset-password', language: 'en' });
    expect(await screen.findByText('This link is not valid')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
  });
});
