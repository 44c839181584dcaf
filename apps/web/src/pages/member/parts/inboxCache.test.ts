import { QueryClient } from '@tanstack/react-query';
import { getCommunityControllerInboxQueryKey } from '../../../api/generated/community/community';
import type { NotificationInboxResponse, NotificationResponse } from '../../../api/generated/model';
import {
  INBOX_PAGES_KEY,
  InboxPages,
  markReadEverywhere,
  prependNotification,
  setUnreadEverywhere,
} from './inboxCache';

function note(id: string, read = false): NotificationResponse {
  return {
    id,
    type: 'comment.received',
    title: { th: 'มีความคิดเห็นใหม่', en: 'A new comment' },
    body: { th: 'มีผู้แสดงความคิดเห็น', en: 'Someone commented' },
    link: { type: 'innovation', id: 'i1' },
    actorId: null,
    read,
    createdAt: '2026-12-06T10:00:00Z',
  };
}

function inbox(items: NotificationResponse[], unread: number): NotificationInboxResponse {
  return { items, unread, nextCursor: null };
}

describe('the inbox caches stay consistent', () => {
  it('puts a live notification first and takes the unread count from the message', () => {
    const data: InboxPages = { pages: [inbox([note('b')], 1)], pageParams: [undefined] };
    const next = prependNotification(data, note('a'), 2);
    expect(next?.pages[0].items.map((item) => item.id)).toEqual(['a', 'b']);
    expect(next?.pages[0].unread).toBe(2);
    expect(prependNotification(next, note('a'), 2)?.pages[0].items).toHaveLength(2);
  });

  it('marks read and sets the unread count in the page list and the header bell alike', () => {
    const client = new QueryClient();
    client.setQueryData<InboxPages>(INBOX_PAGES_KEY, {
      pages: [inbox([note('a'), note('b')], 2), inbox([note('c')], 2)],
      pageParams: [undefined, 'x'],
    });
    client.setQueryData(getCommunityControllerInboxQueryKey(), {
      data: inbox([note('a'), note('b')], 2),
      status: 200,
      headers: new Headers(),
    });

    markReadEverywhere(client, ['a']);
    setUnreadEverywhere(client, 1);

    const pages = client.getQueryData<InboxPages>(INBOX_PAGES_KEY)!;
    expect(pages.pages[0].items.map((item) => item.read)).toEqual([true, false]);
    expect(pages.pages.map((page) => page.unread)).toEqual([1, 1]);
    const bell = client.getQueryData<{ data: NotificationInboxResponse }>(
      getCommunityControllerInboxQueryKey(),
    )!;
    expect(bell.data.unread).toBe(1);
    expect(bell.data.items.find((item) => item.id === 'a')?.read).toBe(true);

    markReadEverywhere(client, 'all');
    setUnreadEverywhere(client, 0);
    expect(
      client
        .getQueryData<InboxPages>(INBOX_PAGES_KEY)!
        .pages.flatMap((page) => page.items)
        .every((item) => item.read),
    ).toBe(true);
    expect(
      client.getQueryData<{ data: NotificationInboxResponse }>(getCommunityControllerInboxQueryKey())!.data
        .unread,
    ).toBe(0);
  });
});
