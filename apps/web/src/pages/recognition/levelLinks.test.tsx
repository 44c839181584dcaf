import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedItemResponse, NotificationResponse } from '../../api/generated/model';
import { renderWithProviders } from '../../test/render';
import { jsonResponse } from '../admin/parts/testing';
import { FeedCard } from '../member/parts/FeedCard';
import { NotificationItem } from '../member/parts/NotificationItem';
import { linkPath } from '../member/parts/text';

vi.setConfig({ testTimeout: 30_000 });

const LEVEL_LINK = { type: 'level', id: 'change_agent' } as const;

const reached: FeedItemResponse = {
  id: 'f1',
  kind: 'recognition.level_reached',
  scope: 'school',
  actor: { id: 'a1', displayName: 'ครูเฉลิม ช่างคิด', level: 'change_agent' },
  innovationId: null,
  title: { th: 'เลื่อนระดับเป็นผู้นำการเปลี่ยนแปลง', en: 'Reached the level of Change Agent' },
  body: {
    th: 'ผ่านเกณฑ์ระดับผู้นำการเปลี่ยนแปลงจากผลงานในชุมชน',
    en: 'Their work in the community meets the criteria of Change Agent',
  },
  link: LEVEL_LINK,
  createdAt: new Date().toISOString(),
};

const notification: NotificationResponse = {
  id: 'n1',
  type: 'level.reached',
  title: { th: 'ยินดีด้วย! คุณเป็นผู้นำการเปลี่ยนแปลงแล้ว', en: 'Congratulations! You are now a Change Agent' },
  body: {
    th: 'คุณผ่านเกณฑ์ระดับผู้นำการเปลี่ยนแปลงจากผลงานของคุณในชุมชน',
    en: 'Your work in the community meets the criteria of Change Agent',
  },
  link: LEVEL_LINK,
  actorId: null,
  read: false,
  createdAt: new Date().toISOString(),
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => jsonResponse({ status: 404, title: 'not found' }, 404)),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('a level reached, in the feed and the inbox', () => {
  it('the feed says who moved up, with their new level beside their name, and leads to my level', async () => {
    renderWithProviders(<FeedCard item={reached} />);
    const card = await screen.findByTestId('feed-item');
    expect(card).toHaveTextContent('ครูเฉลิม ช่างคิด ได้เลื่อนระดับ');
    expect(screen.getByRole('img', { name: 'ระดับ: ผู้นำการเปลี่ยนแปลง' })).toBeInTheDocument();
    expect(screen.getByText('ผ่านเกณฑ์ระดับผู้นำการเปลี่ยนแปลงจากผลงานในชุมชน')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ดูระดับของฉัน' })).toHaveAttribute('href', '/feed#level');
  });

  it('the notification opens the home page’s level section', async () => {
    renderWithProviders(
      <ul>
        <NotificationItem
          item={notification}
          fresh={false}
          onOpen={() => undefined}
          onMarkRead={() => undefined}
          marking={false}
        />
      </ul>,
    );
    const link = await screen.findByRole('link', { name: /ยินดีด้วย! คุณเป็นผู้นำการเปลี่ยนแปลงแล้ว/ });
    expect(link).toHaveAttribute('href', '/feed#level');
  });

  it('says it in English', async () => {
    renderWithProviders(<FeedCard item={reached} />, { language: 'en' });
    const card = await screen.findByTestId('feed-item');
    expect(card).toHaveTextContent('ครูเฉลิม ช่างคิด reached a new level');
    expect(screen.getByRole('img', { name: 'Level: Change Agent' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See my level' })).toHaveAttribute('href', '/feed#level');
  });

  it('leads a badge notification to my badges', () => {
    expect(linkPath({ type: 'badge', id: 'a1' })).toBe('/badges');
  });
});
