import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeaderboardResponse } from '../../api/generated/model';
import { renderWithProviders } from '../../test/render';
import { jsonResponse } from '../admin/parts/testing';
import Leaderboards from './Leaderboards';

vi.setConfig({ testTimeout: 30_000 });

const ME = {
  id: '00000000-0000-4000-8000-000000000009',
  displayName: 'ครูสมใจ',
  school: { id: '00000000-0000-4000-8000-0000000000a1', name: 'โรงเรียนบ้านคลองม่วง', areaId: 'area-81' },
  roles: [],
};
vi.mock('../../auth/AuthProvider', () => ({ useAuth: () => ({ me: ME, status: 'signedIn' }) }));

const member = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  displayName: n === 9 ? 'ครูสมใจ' : `ครูคนที่ ${n}`,
  level: (n === 1 ? 'change_agent' : 'member') as LeaderboardResponse['items'][number]['member']['level'],
  school: { id: 's', nameTh: 'โรงเรียนอ่าวนางวิทยา', nameEn: 'Ao Nang School' },
});

const board = (me: LeaderboardResponse['me']): LeaderboardResponse => ({
  board: 'points',
  period: { code: 'month', from: '2026-11-30T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' },
  scope: 'national',
  items: [1, 2, 3].map((n) => ({ rank: n, member: member(n), value: 1500 - n * 100 })),
  me,
  around: me
    ? [
        { rank: 41, member: member(5), value: 130 },
        { rank: 42, member: member(9), value: 120 },
        { rank: 43, member: member(6), value: 110 },
      ]
    : [],
});

function serve(answer: LeaderboardResponse, privacy = { leaderboards: true, portfolio: 'members' }) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if (url.startsWith('/api/v1/leaderboards')) return jsonResponse(answer);
      if (url === '/api/v1/me/privacy')
        return jsonResponse(
          init?.method === 'PUT' ? { ...privacy, ...JSON.parse(String(init.body)) } : privacy,
        );
      if (url.startsWith('/api/v1/taxonomy'))
        return jsonResponse({ learningAreas: [{ code: 'MAT', th: 'คณิตศาสตร์', en: 'Mathematics' }] });
      return jsonResponse({ status: 404 }, 404);
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('Leaderboards', () => {
  it('shows the top and my own place outside it, with the places around me', async () => {
    serve(board({ rank: 42, value: 120 }));
    renderWithProviders(<Leaderboards />, { route: '/leaderboards' });
    const list = await screen.findByTestId('board-list');
    const rows = within(list).getAllByTestId('board-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('ครูคนที่ 1');
    expect(rows[0]).toHaveTextContent('1,400');
    // The level beside the name: the first is a Change Agent, the others plain members (no badge).
    expect(within(rows[0]).getByLabelText('ระดับ: ผู้นำการเปลี่ยนแปลง')).toBeInTheDocument();
    expect(within(rows[1]).queryByLabelText(/^ระดับ:/)).toBeNull();
    expect(screen.getByTestId('board-my-rank')).toHaveTextContent('อันดับที่ 42 · 120 พอยท์');
    const around = screen.getByTestId('board-around');
    expect(within(around).getByTestId('board-me-row')).toHaveTextContent('ครูสมใจ (คุณ)');
  });

  it('asks the API for the chosen board, period and my area', async () => {
    const calls = serve(board({ rank: 42, value: 120 }));
    const user = userEvent.setup();
    renderWithProviders(<Leaderboards />, { route: '/leaderboards', language: 'en' });
    await screen.findAllByTestId('board-row');
    await user.click(screen.getByRole('radio', { name: 'Adoptions' }));
    await user.selectOptions(screen.getByLabelText('Period'), 'fiscalYear');
    await user.selectOptions(screen.getByLabelText('Scope'), 'area');
    await waitFor(() =>
      expect(
        calls.some(
          (c) =>
            c.includes('board=adoptions') &&
            c.includes('period=fiscalYear') &&
            c.includes('scope=area%3Aarea-81'),
        ),
      ).toBe(true),
    );
    expect(screen.getByText("How often others reported using the teacher's innovations")).toBeInTheDocument();
  });

  it('says when I left the boards, and lets me come back', async () => {
    const calls = serve(board(null), { leaderboards: false, portfolio: 'members' });
    const user = userEvent.setup();
    renderWithProviders(<Leaderboards />, { route: '/leaderboards' });
    expect(await screen.findByText('คุณเลือกไม่แสดงชื่อบนกระดานผู้นำ')).toBeInTheDocument();
    const toggle = screen.getByRole('switch', { name: 'ไม่แสดงชื่อฉันบนกระดานผู้นำ' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(calls).toContain('PUT /api/v1/me/privacy'));
  });
});
