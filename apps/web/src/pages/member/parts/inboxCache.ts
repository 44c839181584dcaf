/**
 * The inbox in the query cache: the page's infinite list and the header bell's first page
 * (`getCommunityControllerInboxQueryKey()`) must agree on what is read and how many are unread.
 */
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import {
  communityControllerInbox,
  getCommunityControllerInboxQueryKey,
} from '../../../api/generated/community/community';
import type { NotificationInboxResponse, NotificationResponse } from '../../../api/generated/model';

export type InboxPages = InfiniteData<NotificationInboxResponse, string | undefined>;
type BellData = Awaited<ReturnType<typeof communityControllerInbox>>;

/** Starts with the API path, so the realtime provider's invalidation of `/api/v1/notifications` reaches it. */
export const INBOX_PAGES_KEY = ['/api/v1/notifications', 'pages'] as const;

export function isNotification(value: unknown): value is NotificationResponse {
  if (!value || typeof value !== 'object') return false;
  const item = value as Partial<NotificationResponse>;
  return typeof item.id === 'string' && typeof item.createdAt === 'string' && !!item.title && !!item.body;
}

export function prependNotification(
  data: InboxPages | undefined,
  item: NotificationResponse,
  unread: number,
): InboxPages | undefined {
  if (!data) return data;
  const withCount = data.pages.map((page) => ({ ...page, unread }));
  if (withCount.some((page) => page.items.some((existing) => existing.id === item.id)))
    return { ...data, pages: withCount };
  const [first, ...rest] = withCount;
  return { ...data, pages: [{ ...first, items: [item, ...first.items] }, ...rest] };
}

/** Marks the given ids (or every loaded item) read. */
export function markReadInPages(
  data: InboxPages | undefined,
  ids: readonly string[] | 'all',
): InboxPages | undefined {
  if (!data) return data;
  const hit = (id: string) => ids === 'all' || ids.includes(id);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (!item.read && hit(item.id) ? { ...item, read: true } : item)),
    })),
  };
}

/** One unread count everywhere: the bell's cache and every page of the inbox. */
export function setUnreadEverywhere(queryClient: QueryClient, unread: number): void {
  const count = Math.max(0, unread);
  queryClient.setQueryData<BellData>(getCommunityControllerInboxQueryKey(), (old) =>
    old ? { ...old, data: { ...old.data, unread: count } } : old,
  );
  queryClient.setQueryData<InboxPages>(INBOX_PAGES_KEY, (old) =>
    old ? { ...old, pages: old.pages.map((page) => ({ ...page, unread: count })) } : old,
  );
}

/** Marks read in both caches (the bell's first page too) before the server answers. */
export function markReadEverywhere(queryClient: QueryClient, ids: readonly string[] | 'all'): void {
  queryClient.setQueryData<InboxPages>(INBOX_PAGES_KEY, (old) => markReadInPages(old, ids));
  queryClient.setQueryData<BellData>(getCommunityControllerInboxQueryKey(), (old) =>
    old
      ? {
          ...old,
          data: {
            ...old.data,
            items: old.data.items.map((item) =>
              ids === 'all' || ids.includes(item.id) ? { ...item, read: true } : item,
            ),
          },
        }
      : old,
  );
}
