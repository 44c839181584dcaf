/**
 * The feed's pages in the query cache, one infinite list per scope, and the pure merge that puts an item pushed
 * live (`feed.item`) on top of its own scope's list: no reload, no click, no duplicate.
 */
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { CommunityControllerReadScope } from '../../../api/generated/model';
import type { FeedItemResponse, FeedPageResponse } from '../../../api/generated/model';

export type FeedScope = CommunityControllerReadScope;
export const FEED_SCOPES = Object.values(CommunityControllerReadScope) as FeedScope[];
export type FeedPages = InfiniteData<FeedPageResponse, string | undefined>;

/** Starts with the API path, so the realtime provider's `resync` invalidation reaches it. */
export function feedQueryKey(scope: FeedScope) {
  return ['/api/v1/feed', { scope }, 'pages'] as const;
}

export function isFeedScope(value: unknown): value is FeedScope {
  return typeof value === 'string' && (FEED_SCOPES as string[]).includes(value);
}

/** A pushed item has the shape of a GET /api/v1/feed item; anything else is ignored. */
export function isFeedItem(value: unknown): value is FeedItemResponse {
  if (!value || typeof value !== 'object') return false;
  const item = value as Partial<FeedItemResponse>;
  return (
    typeof item.id === 'string' &&
    typeof item.kind === 'string' &&
    typeof item.createdAt === 'string' &&
    !!item.title &&
    !!item.body
  );
}

/** The list with `item` first; unchanged when the item is already there or the list was never loaded. */
export function insertFeedItem(data: FeedPages | undefined, item: FeedItemResponse): FeedPages | undefined {
  if (!data) return data;
  if (data.pages.some((page) => page.items.some((existing) => existing.id === item.id))) return data;
  const [first, ...rest] = data.pages;
  if (!first) return { pages: [{ items: [item], nextCursor: null }], pageParams: [undefined] };
  return { ...data, pages: [{ ...first, items: [item, ...first.items] }, ...rest] };
}

/**
 * Applies a `feed.item` message to the cache: only the list of the message's scope changes. Answers the item when
 * it was valid (the page highlights it), otherwise null.
 */
export function applyFeedMessage(
  queryClient: QueryClient,
  message: { scope: unknown; item: unknown },
): FeedItemResponse | null {
  if (!isFeedScope(message.scope) || !isFeedItem(message.item)) return null;
  const item = message.item;
  queryClient.setQueryData<FeedPages>(feedQueryKey(message.scope), (old) => insertFeedItem(old, item));
  return item;
}
