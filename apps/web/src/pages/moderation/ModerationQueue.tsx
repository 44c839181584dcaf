/**
 * /moderation (moderators and OBEC admins): reported and auto-hidden innovations, most reported first. Each decision
 * (hide, restore, remove) takes a note in a modal; restored and removed items leave the queue, hidden ones stay
 * (as hidden) until someone restores or removes them.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getModerationControllerQueueQueryKey,
  moderationControllerQueueResponse,
  useModerationControllerHide,
  useModerationControllerQueue,
  useModerationControllerRemove,
  useModerationControllerRestore,
} from '../../api/generated/moderation/moderation';
import type { ModerationQueueItemResponse } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { problemMessage } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';
import { ModerationAction, ModerationActionModal } from './parts/ModerationActionModal';
import { ModerationItemCard } from './parts/ModerationItemCard';

type QueueData = moderationControllerQueueResponse | undefined;

/** What the queue looks like right after an action, before the refetch confirms it. */
function afterAction(data: QueueData, id: string, action: ModerationAction, note: string): QueueData {
  if (!data) return data;
  const items =
    action === 'hide'
      ? data.data.items.map((item) =>
          item.id === id
            ? {
                ...item,
                status: 'hidden' as const,
                moderationReason: note,
                openReports: 0,
                reports: [],
                lastReportedAt: null,
              }
            : item,
        )
      : data.data.items.filter((item) => item.id !== id);
  return { ...data, data: { ...data.data, items } };
}

export default function ModerationQueue() {
  const { t, i18n } = useTranslation('moderation');
  const queryClient = useQueryClient();
  const queue = useModerationControllerQueue();
  const [target, setTarget] = useState<{
    item: ModerationQueueItemResponse;
    action: ModerationAction;
  } | null>(null);
  const hide = useModerationControllerHide();
  const restore = useModerationControllerRestore();
  const remove = useModerationControllerRemove();
  const mutation = target?.action === 'restore' ? restore : target?.action === 'remove' ? remove : hide;

  const open = (item: ModerationQueueItemResponse, action: ModerationAction) => {
    hide.reset();
    restore.reset();
    remove.reset();
    setTarget({ item, action });
  };

  const confirm = async (note: string) => {
    if (!target) return;
    const { item, action } = target;
    try {
      await mutation.mutateAsync({ id: item.id, data: { note } });
    } catch {
      return; // the modal shows the problem
    }
    const key = getModerationControllerQueueQueryKey();
    queryClient.setQueryData(key, (old: QueueData) => afterAction(old, item.id, action, note));
    void queryClient.invalidateQueries({ queryKey: key });
    notifications.show({ color: 'lc', message: t(`done.${action}`, { title: item.title }) });
    setTarget(null);
  };

  const items = queue.data?.data.items ?? [];

  return (
    <Page
      title={t('title')}
      actions={
        <Button
          h={44}
          variant="default"
          leftSection={<IconRefresh size={18} aria-hidden />}
          onClick={() => void queue.refetch()}
          loading={queue.isFetching && !queue.isPending}
        >
          {t('refresh')}
        </Button>
      }
    >
      <Text c="dimmed">{t('intro')}</Text>
      {queue.isPending ? (
        <PageLoader />
      ) : queue.isError ? (
        <Alert color="red" role="alert" title={t('loadError')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{problemMessage(queue.error, t('common:error.generic'))}</Text>
            <Button variant="light" color="red" onClick={() => void queue.refetch()}>
              {t('common:actions.retry')}
            </Button>
          </Stack>
        </Alert>
      ) : items.length === 0 ? (
        <EmptyState title={t('empty.title')}>{t('empty.body')}</EmptyState>
      ) : (
        <Stack gap="md">
          <Group>
            <Text fw={700} aria-live="polite">
              {t('count', { count: items.length, formatted: formatNumber(items.length, i18n.language) })}
            </Text>
          </Group>
          {items.map((item) => (
            <ModerationItemCard key={item.id} item={item} onAction={(action) => open(item, action)} />
          ))}
        </Stack>
      )}
      <ModerationActionModal
        action={target?.action ?? null}
        innovationTitle={target?.item.title ?? ''}
        onClose={() => setTarget(null)}
        onConfirm={(note) => void confirm(note)}
        pending={mutation.isPending}
        error={mutation.error}
      />
    </Page>
  );
}
