/**
 * /notifications: my inbox, newest first, with cursor paging; unread ones tinted; each leads to what it is about;
 * mark one or all read; new ones arrive live on top. The header bell reads the same unread count.
 */
import { Button, Card, Center, Group, Loader, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  communityControllerInbox,
  communityControllerMarkRead,
  useCommunityControllerInbox,
} from '../../api/generated/community/community';
import type { MarkReadDto, NotificationResponse } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/PageState';
import { ProblemAlert, problemMessage } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';
import { useRealtime } from '../../realtime/RealtimeProvider';
import {
  INBOX_PAGES_KEY,
  InboxPages,
  isNotification,
  markReadEverywhere,
  prependNotification,
  setUnreadEverywhere,
} from './parts/inboxCache';
import { NotificationItem } from './parts/NotificationItem';
import { pickText } from './parts/text';
import { useFreshIds } from './parts/useFreshIds';
import { useLoadMoreOnView } from './parts/useLoadMoreOnView';
import { useNow } from './parts/useNow';
import classes from './parts/member.module.css';

export default function Notifications() {
  const { t, i18n } = useTranslation('member');
  const queryClient = useQueryClient();
  const { fresh, mark } = useFreshIds();
  const now = useNow();
  const [liveMessage, setLiveMessage] = useState('');
  // The bell's query (first page + unread count): the same cache the header shows.
  const bell = useCommunityControllerInbox(undefined, { query: { staleTime: 30_000 } });
  const inbox = useInfiniteQuery({
    queryKey: INBOX_PAGES_KEY,
    queryFn: async ({ pageParam, signal }) =>
      (await communityControllerInbox(pageParam ? { cursor: pageParam } : undefined, { signal })).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const unread = bell.data?.data.unread ?? inbox.data?.pages[0]?.unread ?? 0;
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];

  useRealtime('notification', ({ item, unread: count }) => {
    if (!isNotification(item)) return;
    queryClient.setQueryData<InboxPages>(INBOX_PAGES_KEY, (old) => prependNotification(old, item, count));
    setUnreadEverywhere(queryClient, count);
    mark(item.id);
    setLiveMessage(t('notifications.live', { title: pickText(item.title, i18n.language) }));
  });

  const markRead = useMutation({
    mutationFn: async (body: MarkReadDto) => (await communityControllerMarkRead(body)).data,
    onMutate: (body) => {
      const ids = body.all ? 'all' : (body.ids ?? []);
      const newlyRead =
        ids === 'all' ? unread : items.filter((item) => !item.read && ids.includes(item.id)).length;
      markReadEverywhere(queryClient, ids);
      setUnreadEverywhere(queryClient, ids === 'all' ? 0 : unread - newlyRead);
    },
    onSuccess: (answer) => setUnreadEverywhere(queryClient, answer.unread),
    onError: (error) => {
      notifications.show({ color: 'red', message: problemMessage(error, t('common:error.generic')) });
      void queryClient.invalidateQueries({ queryKey: ['/api/v1/notifications'] });
    },
  });

  const markOne = (item: NotificationResponse) => {
    if (!item.read) markRead.mutate({ ids: [item.id] });
  };

  const canLoadMore = inbox.hasNextPage && !inbox.isFetchingNextPage && !inbox.isFetchNextPageError;
  const sentinel = useLoadMoreOnView(
    canLoadMore,
    () => void inbox.fetchNextPage(),
    inbox.data?.pages.length ?? 0,
  );

  return (
    <Page title={t('notifications.title')} size="sm">
      <Group justify="space-between" wrap="nowrap" gap="sm" mt={-8}>
        <Text c="dimmed" aria-live="polite">
          {unread > 0
            ? t('notifications.unreadCount', {
                count: unread,
                formatted: formatNumber(unread, i18n.language),
              })
            : t('notifications.allRead')}
        </Text>
        <Button
          variant="light"
          radius="xl"
          leftSection={<IconChecks size={18} aria-hidden />}
          data-testid="notifications-read-all"
          onClick={() => markRead.mutate({ all: true })}
          disabled={unread === 0 || markRead.isPending}
          style={{ flexShrink: 0 }}
        >
          {t('notifications.readAll')}
        </Button>
      </Group>
      <VisuallyHidden role="status" aria-live="polite">
        {liveMessage}
      </VisuallyHidden>

      {inbox.isPending ? (
        <Stack gap="xs" aria-hidden>
          {[0, 1, 2, 3, 4].map((n) => (
            <Skeleton key={n} height={84} radius="md" />
          ))}
        </Stack>
      ) : inbox.isError && items.length === 0 ? (
        <Stack gap="xs">
          <ProblemAlert error={inbox.error} />
          <Group>
            <Button variant="light" onClick={() => void inbox.refetch()}>
              {t('common:actions.retry')}
            </Button>
          </Group>
        </Stack>
      ) : items.length === 0 ? (
        <Card withBorder radius="lg" padding="lg">
          <EmptyState title={t('notifications.emptyTitle')}>{t('notifications.emptyBody')}</EmptyState>
        </Card>
      ) : (
        <Card withBorder radius="lg" padding={6}>
          <Stack component="ul" gap={4} className={classes.plain}>
            {items.map((item) => (
              <NotificationItem
                key={item.id}
                item={item}
                fresh={fresh.has(item.id)}
                now={now}
                onOpen={markOne}
                onMarkRead={markOne}
                marking={markRead.isPending}
              />
            ))}
          </Stack>
          <div ref={sentinel} aria-hidden />
          {inbox.isFetchingNextPage ? (
            <Center py="sm">
              <Loader size="sm" aria-label={t('common:loading')} />
            </Center>
          ) : inbox.isFetchNextPageError ? (
            <ProblemAlert error={inbox.error} />
          ) : inbox.hasNextPage ? (
            <Button variant="subtle" fullWidth mt={4} onClick={() => void inbox.fetchNextPage()}>
              {t('common:actions.loadMore')}
            </Button>
          ) : null}
        </Card>
      )}
    </Page>
  );
}
