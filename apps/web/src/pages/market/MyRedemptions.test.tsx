import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedemptionWithHistoryResponse } from '../../api/generated/model';
import { renderWithProviders } from '../../test/render';
import MyRedemptions from './MyRedemptions';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5000 });

vi.mock('qrcode', () => ({
  default: { toDataURL: vi.fn(async (code: string) => `data:image/png;base64,${btoa(code)}`) },
}));

const base = {
  memberId: '01a24d32-0000-7000-8000-000000000001',
  rejectReason: null,
  deadlineAt: null,
  voucher: null,
};

const OLDER_VOUCHER: RedemptionWithHistoryResponse = {
  ...base,
  id: 'r-voucher',
  perk: { id: 'p-drink', title: 'เครื่องดื่ม 1 แก้ว' },
  status: 'fulfilled',
  cost: 50,
  voucher: { code: 'LC-NX7CMH8GFDJF' },
  createdAt: '2026-12-01T03:00:00.000Z',
  updatedAt: '2026-12-01T03:00:00.000Z',
  history: [
    { status: 'pending', note: null, at: '2026-12-01T03:00:00.000Z' },
    { status: 'fulfilled', note: 'voucher issued', at: '2026-12-01T03:00:00.000Z' },
  ],
};

const NEWER_PENDING: RedemptionWithHistoryResponse = {
  ...base,
  id: 'r-pending',
  perk: { id: 'p-shirt', title: 'เสื้อโปโลผ้าฝ้ายย้อมคราม' },
  status: 'pending',
  cost: 150,
  deadlineAt: '2026-12-13T03:00:00.000Z',
  createdAt: '2026-12-06T03:00:00.000Z',
  updatedAt: '2026-12-06T03:00:00.000Z',
  history: [{ status: 'pending', note: null, at: '2026-12-06T03:00:00.000Z' }],
};

function fakeApi(items: RedemptionWithHistoryResponse[]) {
  const posts: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (init?.method === 'POST') {
        posts.push(url);
        return json(200, { ...NEWER_PENDING, status: 'cancelled' });
      }
      if (url.startsWith('/api/v1/me/redemptions')) return json(200, { items, nextCursor: null });
      return json(200, { items: [], nextCursor: null });
    }),
  );
  return posts;
}

describe('MyRedemptions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the newest first, with the voucher code and its QR ready to show', async () => {
    fakeApi([OLDER_VOUCHER, NEWER_PENDING]);
    renderWithProviders(<MyRedemptions />);
    const items = await screen.findAllByTestId('redemption-item');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('เสื้อโปโลผ้าฝ้ายย้อมคราม');
    expect(items[0]).toHaveTextContent('รอภาคีดำเนินการ');
    expect(within(items[1]).getByTestId('voucher-code')).toHaveTextContent(/^LC-NX7CMH8GFDJF$/);
    expect(await within(items[1]).findByTestId('voucher-qr')).toHaveAttribute(
      'src',
      `data:image/png;base64,${btoa('LC-NX7CMH8GFDJF')}`,
    );
  });

  it('shows the voucher full screen with the brightness reminder', async () => {
    fakeApi([OLDER_VOUCHER]);
    renderWithProviders(<MyRedemptions />);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('voucher-fullscreen'));
    const view = await screen.findByTestId('voucher-fullscreen-view');
    expect(view).toHaveTextContent('LC-NX7CMH8GFDJF');
    expect(view).toHaveTextContent('เพิ่มความสว่างหน้าจอ');
    expect(await within(view).findByTestId('voucher-qr-fullscreen')).toBeInTheDocument();
  });

  it('cancels a waiting request only after the member confirms', async () => {
    const posts = fakeApi([OLDER_VOUCHER, NEWER_PENDING]);
    renderWithProviders(<MyRedemptions />);
    const user = userEvent.setup();
    const items = await screen.findAllByTestId('redemption-item');
    expect(within(items[1]).queryByTestId('redemption-cancel')).not.toBeInTheDocument();

    await user.click(within(items[0]).getByTestId('redemption-cancel'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('150 พอยท์');
    expect(posts).toHaveLength(0);
    await user.click(within(dialog).getByTestId('redemption-cancel-confirm'));
    await waitFor(() => expect(posts).toEqual(['/api/v1/me/redemptions/r-pending/cancel']));
  });

  it('invites a member with no redemptions to browse the perks', async () => {
    fakeApi([]);
    renderWithProviders(<MyRedemptions />, { language: 'en' });
    expect(await screen.findByRole('heading', { name: 'No redemptions yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse perks' })).toHaveAttribute('href', '/perks');
  });
});
