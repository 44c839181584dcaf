import { Notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MyLevelResponse } from '../../api/generated/model';
import { AuthProvider } from '../../auth/AuthProvider';
import { AppLayout } from '../../layout/AppLayout';
import type { RealtimeMessages } from '../../realtime/RealtimeProvider';
import { renderWithProviders } from '../../test/render';
import { jsonResponse } from '../admin/parts/testing';
import { LevelProgress } from './LevelProgress';

vi.setConfig({ testTimeout: 30_000 });

// The realtime socket is replaced by a registry the test fires messages into (as in Feed.test.tsx).
const handlers = new Map<string, (message: unknown) => void>();
vi.mock('../../realtime/RealtimeProvider', () => ({
  useRealtime: (name: string, handler: (message: unknown) => void) => {
    handlers.set(name, handler);
  },
}));

function fire<N extends keyof RealtimeMessages>(name: N, message: RealtimeMessages[N]) {
  act(() => handlers.get(name)?.(message));
}

const CHANGE_AGENT = { code: 'change_agent', rank: 3, th: 'ผู้นำการเปลี่ยนแปลง', en: 'Change Agent' };

/** The member's level as the API holds it: promoted when the test says so. */
let promoted = false;
let meCalls = 0;

function me() {
  return {
    id: '0190bbbb-0000-7000-8000-00000000000a',
    email: 'teacher@demo.local',
    emailVerified: true,
    displayName: 'ครูสมใจ ใฝ่เรียนรู้',
    memberKind: 'teacher',
    academicStanding: null,
    learningAreas: [],
    level: promoted ? 'change_agent' : 'practitioner',
    bio: null,
    phone: null,
    roles: [],
    school: null,
    consent: {},
    createdAt: '2026-01-01T00:00:00Z',
    pendingChange: null,
  };
}

function myLevel(): MyLevelResponse {
  return promoted
    ? {
        level: CHANGE_AGENT as MyLevelResponse['level'],
        next: { code: 'influencer', th: 'ผู้ทรงอิทธิพลด้านการศึกษา', en: 'Education Influencer', criteria: [] },
      }
    : {
        level: { code: 'practitioner', rank: 2, th: 'นักปฏิบัติ', en: 'Practitioner' },
        next: { code: 'change_agent', th: CHANGE_AGENT.th, en: CHANGE_AGENT.en, criteria: [] },
      };
}

beforeEach(() => {
  handlers.clear();
  promoted = false;
  meCalls = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.endsWith('/auth/refresh')) return jsonResponse({ accessToken: 'token' });
      if (url === '/api/v1/me') {
        meCalls += 1;
        return jsonResponse(me());
      }
      if (url === '/api/v1/me/level') return jsonResponse(myLevel());
      return jsonResponse({ status: 404, title: 'not found' }, 404);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderApp(language: 'th' | 'en' = 'th') {
  return renderWithProviders(
    <AuthProvider>
      <Notifications />
      <AppLayout>
        <LevelProgress />
      </AppLayout>
    </AuthProvider>,
    { route: '/innovations', language },
  );
}

describe('a level reached while the app is open', () => {
  it('congratulates the member, shows the new level at once, and leads to what the next one asks', async () => {
    const user = userEvent.setup();
    renderApp();
    const section = await screen.findByRole('region', { name: 'ระดับของฉัน' });
    expect(await within(section).findByText('ระดับถัดไป: ผู้นำการเปลี่ยนแปลง')).toBeInTheDocument();
    expect(meCalls).toBe(1);

    promoted = true;
    fire('level.reached', { level: CHANGE_AGENT });

    expect(await screen.findByText('ยินดีด้วย! คุณเป็นผู้นำการเปลี่ยนแปลงแล้ว')).toBeInTheDocument();
    expect(screen.getByText('ผลงานของคุณในชุมชนผ่านเกณฑ์ระดับผู้นำการเปลี่ยนแปลง')).toBeInTheDocument();
    // GET /me and GET /me/level again: the progress and the menu show the new level without a reload.
    await waitFor(() => expect(meCalls).toBe(2));
    expect(await within(section).findByText('ระดับถัดไป: ผู้ทรงอิทธิพลด้านการศึกษา')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'บัญชีของฉัน' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByText('ครูสมใจ ใฝ่เรียนรู้')).toBeInTheDocument();
    expect(within(menu).getByTestId('level-badge')).toHaveTextContent('ระดับ: ผู้นำการเปลี่ยนแปลง');
    await user.keyboard('{Escape}');

    // The toast's link opens the criteria of the next level.
    await user.click(screen.getByRole('button', { name: 'ดูระดับถัดไป' }));
    await waitFor(() =>
      expect(within(section).getByRole('button', { name: 'ซ่อนเกณฑ์' })).toHaveAttribute(
        'aria-expanded',
        'true',
      ),
    );
  });

  it('says it in English', async () => {
    renderApp('en');
    await screen.findByRole('region', { name: 'My level' });
    promoted = true;
    fire('level.reached', { level: CHANGE_AGENT });
    expect(await screen.findByText('Congratulations! You reached Change Agent')).toBeInTheDocument();
    expect(
      screen.getByText('Your work in the community meets the criteria of Change Agent.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'See the next level' })).toBeInTheDocument();
  });
});
