import { act, screen, waitFor, within } from '@testing-library/react';
import type { FeedItemResponse } from '../../api/generated/model';
import type { RealtimeMessages } from '../../realtime/RealtimeProvider';
import { renderWithProviders } from '../../test/render';
import Feed from './Feed';

// The realtime socket is replaced by a registry the test can fire messages into.
const handlers = new Map<string, (message: unknown) => void>();
vi.mock('../../realtime/RealtimeProvider', () => ({
  useRealtime: (name: string, handler: (message: unknown) => void) => {
    handlers.set(name, handler);
  },
}));
vi.mock('../../auth/AuthProvider', () => ({
  useAuth: () => ({
    status: 'member',
    signedOut: false,
    me: {
      id: 'me-1',
      displayName: 'ครูสมใจ ใฝ่เรียนรู้',
      emailVerified: true,
      school: { id: 's1', name: 'โรงเรียนสาธิต', areaId: 'a1' },
    },
  }),
}));

function feedItem(id: string, title: string, scope: FeedItemResponse['scope']): FeedItemResponse {
  return {
    id,
    kind: 'innovation.published',
    scope,
    actor: { id: `actor-${id}`, displayName: 'ครูนวลจันทร์', level: 'member' },
    innovationId: `inn-${id}`,
    title: { th: 'นวัตกรรมใหม่', en: 'A new innovation' },
    body: { th: `เผยแพร่นวัตกรรม “${title}”`, en: `published “${title}”` },
    link: { type: 'innovation', id: `inn-${id}` },
    createdAt: new Date().toISOString(),
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fire<N extends keyof RealtimeMessages>(name: N, message: RealtimeMessages[N]) {
  act(() => handlers.get(name)?.(message));
}

beforeEach(() => {
  handlers.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.startsWith('/api/v1/feed'))
        return json({ items: [feedItem('old', 'เกมบันไดงูสะกดคำ', 'global')], nextCursor: null });
      return json({ status: 404, title: 'not found' }, 404);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

// The first render loads Mantine and the whole page: slow on a busy machine.
describe('the feed, live', () => {
  it('puts an item pushed for the open scope on top at once, highlighted', async () => {
    renderWithProviders(<Feed />, { route: '/feed' });
    await screen.findByText('เกมบันไดงูสะกดคำ', {}, { timeout: 15_000 });

    fire('feed.item', {
      scope: 'global',
      item: feedItem('live', 'เรือใบตองลอยหรือจม', 'global') as unknown as Record<string, unknown>,
    });

    const cards = await screen.findAllByTestId('feed-item');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByText('เรือใบตองลอยหรือจม')).toBeInTheDocument();
    expect(within(cards[0]).getByText('ใหม่')).toBeInTheDocument();
    expect(within(cards[1]).getByText('เกมบันไดงูสะกดคำ')).toBeInTheDocument();
  }, 30_000);

  it('keeps an item for another scope out of the open list and counts it on that scope', async () => {
    renderWithProviders(<Feed />, { route: '/feed' });
    await screen.findByText('เกมบันไดงูสะกดคำ', {}, { timeout: 15_000 });

    fire('feed.item', {
      scope: 'school',
      item: feedItem('elsewhere', 'ข่าวของโรงเรียน', 'school') as unknown as Record<string, unknown>,
    });

    await waitFor(() => expect(screen.getByLabelText('มีโพสต์ใหม่ 1 รายการ')).toBeInTheDocument());
    expect(screen.getAllByTestId('feed-item')).toHaveLength(1);
    expect(screen.queryByText('ข่าวของโรงเรียน')).not.toBeInTheDocument();
  }, 30_000);
});
