/**
 * Redemptions waiting for the partner (manual fulfilment): confirm once the perk is handed over, or reject with a
 * reason (the member's points come back). Newest first, a page at a time; the whole history downloads as CSV.
 */
import { Alert, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDownload, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getMarketplaceControllerPartnerRedemptionsQueryKey,
  getMarketplaceControllerStatsQueryKey,
  marketplaceControllerPartnerRedemptions,
  useMarketplaceControllerConfirm,
  useMarketplaceControllerReject,
} from '../../../api/generated/marketplace/marketplace';
import type { RedemptionWithHistoryResponse } from '../../../api/generated/model';
import { EmptyState, PageLoader } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime, formatNumber, formatRelative } from '../../../format/format';
import { useRealtime } from '../../../realtime/RealtimeProvider';
import { downloadRedemptionsCsv } from './csvExport';
import { MemberName } from './MemberName';
import { usePerkTitle } from './usePerkTitle';

const PENDING = { status: 'pending' } as const;
export const pendingRedemptionsKey = [
  ...getMarketplaceControllerPartnerRedemptionsQueryKey(PENDING),
  'pages',
];

/** The pending redemptions, a page at a time (shared with the tab's counter). */
export function usePendingRedemptions() {
  return useInfiniteQuery({
    queryKey: pendingRedemptionsKey,
    queryFn: ({ pageParam }) =>
      marketplaceControllerPartnerRedemptions({ ...PENDING, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
  });
}

function RedemptionRow({
  redemption,
  onConfirm,
  onReject,
}: {
  redemption: RedemptionWithHistoryResponse;
  onConfirm: () => void;
  onReject: () => void;
}) {
  const { t, i18n } = useTranslation('partner');
  const titleOf = usePerkTitle();
  const soon =
    redemption.deadlineAt !== null && new Date(redemption.deadlineAt).getTime() - Date.now() < 24 * 3600_000;
  const notes = redemption.history.map((entry) => entry.note).filter((note): note is string => Boolean(note));
  return (
    <Card withBorder padding="md" radius="md" data-testid="partner-redemption">
      <Stack gap="sm">
        <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
          {titleOf(redemption.perk.id, redemption.perk.title)}
        </Title>
        <MemberName id={redemption.memberId} />
        <Group gap="lg" wrap="wrap">
          <div>
            <Text size="sm" c="dimmed">
              {t('redemptions.requestedAt')}
            </Text>
            <Text fw={600}>{formatDateTime(redemption.createdAt, i18n.language)}</Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('redemptions.points')}
            </Text>
            <Text fw={600}>
              {t('common:points', {
                count: redemption.cost,
                formatted: formatNumber(redemption.cost, i18n.language),
              })}
            </Text>
          </div>
        </Group>
        {redemption.deadlineAt ? (
          <Text size="sm" fw={soon ? 700 : 400} c={soon ? 'red.9' : undefined}>
            {t('redemptions.deadline', {
              date: formatDateTime(redemption.deadlineAt, i18n.language),
              relative: formatRelative(redemption.deadlineAt, i18n.language),
            })}
          </Text>
        ) : null}
        {notes.length ? (
          <Text size="sm" c="dimmed">
            {notes.join(' · ')}
          </Text>
        ) : null}
        <Group gap="xs" grow>
          <Button color="green.9" leftSection={<IconCheck size={18} aria-hidden />} onClick={onConfirm}>
            {t('redemptions.confirm')}
          </Button>
          <Button
            variant="outline"
            color="red.9"
            leftSection={<IconX size={18} aria-hidden />}
            onClick={onReject}
          >
            {t('redemptions.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function ExportCsvButton() {
  const { t } = useTranslation('partner');
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadRedemptionsCsv();
      notifications.show({ color: 'green', message: t('export.done') });
    } catch {
      notifications.show({ color: 'red', title: t('common:error.title'), message: t('export.failed') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={18} aria-hidden />}
      loading={busy}
      onClick={() => void download()}
    >
      {t('export.button')}
    </Button>
  );
}

export function PartnerRedemptions() {
  const { t } = useTranslation('partner');
  const titleOf = usePerkTitle();
  const queryClient = useQueryClient();
  const query = usePendingRedemptions();
  const confirm = useMarketplaceControllerConfirm();
  const reject = useMarketplaceControllerReject();
  const [confirming, setConfirming] = useState<RedemptionWithHistoryResponse | null>(null);
  const [rejecting, setRejecting] = useState<RedemptionWithHistoryResponse | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: getMarketplaceControllerPartnerRedemptionsQueryKey() }),
      queryClient.invalidateQueries({ queryKey: getMarketplaceControllerStatsQueryKey() }),
    ]);
  };
  useRealtime('redemption.updated', () => void refresh());

  const closeConfirm = () => {
    setConfirming(null);
    confirm.reset();
  };
  const closeReject = () => {
    setRejecting(null);
    setReason('');
    setReasonError(null);
    reject.reset();
  };

  const doConfirm = async () => {
    if (!confirming) return;
    try {
      await confirm.mutateAsync({ id: confirming.id });
      notifications.show({ color: 'green', message: t('redemptions.confirmed') });
      closeConfirm();
      await refresh();
    } catch {
      // shown in the dialog
    }
  };

  const doReject = async () => {
    if (!rejecting) return;
    const text = reason.trim();
    if (text.length < 3 || text.length > 500) {
      setReasonError(t('redemptions.rejectDialog.reasonInvalid'));
      return;
    }
    try {
      await reject.mutateAsync({ id: rejecting.id, data: { reason: text } });
      notifications.show({ color: 'green', message: t('redemptions.rejected') });
      closeReject();
      await refresh();
    } catch {
      // shown in the dialog
    }
  };

  const items = query.data?.pages.flatMap((page) => page.data.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text c="dimmed" style={{ flex: '1 1 12rem' }}>
          {t('redemptions.intro')}
        </Text>
        <ExportCsvButton />
      </Group>
      {query.isLoading ? (
        <PageLoader />
      ) : query.isError ? (
        <Stack>
          <ProblemAlert error={query.error} />
          <Button variant="default" onClick={() => void query.refetch()} style={{ alignSelf: 'flex-start' }}>
            {t('common:actions.retry')}
          </Button>
        </Stack>
      ) : items.length === 0 ? (
        <EmptyState title={t('redemptions.empty.title')}>{t('redemptions.empty.body')}</EmptyState>
      ) : (
        <>
          {items.map((redemption) => (
            <RedemptionRow
              key={redemption.id}
              redemption={redemption}
              onConfirm={() => setConfirming(redemption)}
              onReject={() => setRejecting(redemption)}
            />
          ))}
          {query.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
            >
              {t('common:actions.loadMore')}
            </Button>
          ) : null}
        </>
      )}

      <Modal
        opened={confirming !== null}
        onClose={closeConfirm}
        title={t('redemptions.confirmDialog.title')}
        centered
      >
        {confirming ? (
          <Stack>
            <Text fw={600}>{titleOf(confirming.perk.id, confirming.perk.title)}</Text>
            <MemberName id={confirming.memberId} />
            <Text>{t('redemptions.confirmDialog.body')}</Text>
            <ProblemAlert error={confirm.error} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={closeConfirm} disabled={confirm.isPending}>
                {t('common:actions.cancel')}
              </Button>
              <Button color="green.9" loading={confirm.isPending} onClick={() => void doConfirm()}>
                {t('redemptions.confirmDialog.ok')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>

      <Modal
        opened={rejecting !== null}
        onClose={closeReject}
        title={t('redemptions.rejectDialog.title')}
        centered
      >
        {rejecting ? (
          <Stack>
            <Text fw={600}>{titleOf(rejecting.perk.id, rejecting.perk.title)}</Text>
            <MemberName id={rejecting.memberId} />
            <Alert color="blue" variant="light">
              {t('redemptions.rejectDialog.body')}
            </Alert>
            <Textarea
              label={t('redemptions.rejectDialog.reason')}
              description={t('redemptions.rejectDialog.reasonHint')}
              value={reason}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setReasonError(null);
              }}
              error={reasonError}
              autosize
              minRows={3}
              maxLength={500}
              required
              size="md"
              data-autofocus
            />
            <ProblemAlert error={reject.error} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={closeReject} disabled={reject.isPending}>
                {t('common:actions.cancel')}
              </Button>
              <Button color="red.9" loading={reject.isPending} onClick={() => void doReject()}>
                {t('redemptions.rejectDialog.ok')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
