import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Badges from './Badges';
import { award, badge, fakeApi, jsonResponse, renderPage, TEACHER } from './growthTesting';

vi.setConfig({ testTimeout: 30_000 });

const DEFINITIONS = [
  badge('first_innovation', 'นวัตกรรมชิ้นแรก', 'First innovation'),
  badge('kalyanamitra', 'กัลยาณมิตรทางวิชาการ', 'Academic friend'),
];

let saved: { name: string; text: string }[] = [];
beforeEach(() => {
  saved = [];
  // saveBlob clicks a temporary link to an object URL: record what would be saved instead
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, text: '' });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('/badges', () => {
  it('lists every badge with how to earn it, and asks a guest to sign in for their own', async () => {
    fakeApi({ 'GET /api/v1/badges': () => jsonResponse(DEFINITIONS) }, null);
    renderPage('/badges', '/badges', <Badges />);
    const cards = await screen.findAllByTestId('badge-definition');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('heading', { name: 'นวัตกรรมชิ้นแรก' })).toBeVisible();
    expect(within(cards[0]!).getByText(/เผยแพร่นวัตกรรมอย่างน้อย 1 ชิ้น/)).toBeVisible();
    expect(within(cards[0]!).getByText(/วิธีได้รับ/)).toBeVisible();
    expect(await screen.findByRole('link', { name: 'เข้าสู่ระบบเพื่อดูเหรียญตราของคุณ' })).toBeVisible();
  });

  it("shows a member's awards with Verify (the public page) and Download (the credential as .json)", async () => {
    const user = userEvent.setup();
    const calls = fakeApi(
      {
        'GET /api/v1/badges': () => jsonResponse(DEFINITIONS),
        [`GET /api/v1/members/${TEACHER}/badges`]: () =>
          jsonResponse([award(), award({ id: 'award-2', credentialId: 'cred-2', revoked: true })]),
        'GET /api/v1/credentials/cred-1': () => jsonResponse({ type: ['OpenBadgeCredential'], proof: {} }),
      },
      { id: TEACHER },
    );
    renderPage('/badges', '/badges', <Badges />, 'en');

    const awards = await screen.findAllByTestId('badge-award');
    expect(awards).toHaveLength(2);
    expect(within(awards[0]!).getByText('Awarded 7 Dec 2026')).toBeVisible();
    expect(within(awards[1]!).getByText('Revoked')).toBeVisible();
    expect(within(awards[0]!).getByRole('link', { name: 'Verify · First innovation' })).toHaveAttribute(
      'href',
      '/verify/credential/cred-1',
    );
    // the definition of an earned badge says so
    expect(within(screen.getAllByTestId('badge-definition')[0]!).getByText('Earned')).toBeVisible();

    await user.click(within(awards[0]!).getByRole('button', { name: 'Download · First innovation' }));
    await vi.waitFor(() => expect(saved).toEqual([{ name: 'badge-first_innovation-cred-1.json', text: '' }]));
    expect(calls.some((call) => call.url === '/api/v1/credentials/cred-1')).toBe(true);
  });
});
