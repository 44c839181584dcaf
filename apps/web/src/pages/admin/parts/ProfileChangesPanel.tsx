/**
 * Members asked to move to another school or change their kind (teacher, director …). The admin of the target
 * school or area (or OBEC) confirms or refuses with a reason. Oldest first, paged by cursor.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconCheck, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  adminControllerListProfileChanges,
  getAdminControllerListProfileChangesQueryKey,
  useAdminControllerApproveProfileChange,
  useAdminControllerRejectProfileChange,
} from '../../../api/generated/admin/admin';
import { useInnovationsControllerTaxonomy } from '../../../api/generated/innovations/innovations';
import type {
  AdminControllerListProfileChangesStatus,
  ProfileChangeResponse,
  ProfileChangeSideResponse,
} from '../../../api/generated/model';
import { EmptyState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime, formatRelative } from '../../../format/format';
import { pickName, QueryGate, ReasonModal } from './shared';

const STATUSES: AdminControllerListProfileChangesStatus[] = ['pending', 'approved', 'rejected'];

function Side({ side, label }: { side: ProfileChangeSideResponse; label: string }) {
  const { t, i18n } = useTranslation('admin');
  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity } });
  const kind = taxonomy.data?.data.memberKinds.find((item) => item.code === side.memberKind);
  return (
    <Card bg="gray.0" padding="sm" radius="md">
      <Text size="xs" c="dimmed" fw={700}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {side.schoolName ?? t('changes.noSchool')}
      </Text>
      <Text size="sm" c="dimmed">
        {kind ? pickName(i18n.language, kind.th, kind.en) : side.memberKind}
      </Text>
    </Card>
  );
}

function ChangeCard({
  change,
  onApprove,
  onReject,
  approving,
  error,
}: {
  change: ProfileChangeResponse;
  onApprove: () => void;
  onReject: () => void;
  approving: boolean;
  error: unknown;
}) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  return (
    <Card withBorder radius="md" padding="md" component="article" data-testid="profile-change">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h5">
            <Anchor component={Link} to={`/members/${change.member.id}`} inherit>
              {change.member.displayName}
            </Anchor>
          </Title>
          <Badge
            variant="light"
            color={change.status === 'approved' ? 'lc' : change.status === 'pending' ? 'yellow' : 'gray'}
            c={change.status === 'pending' ? 'dark' : undefined}
          >
            {t(`changes.status.${change.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('changes.requested', { when: formatRelative(change.requestedAt, lang) })}
        </Text>
        <Stack gap={4}>
          <Side side={change.from} label={t('changes.from')} />
          <IconArrowDown size={18} aria-hidden style={{ alignSelf: 'center' }} />
          <Side side={change.to} label={t('changes.to')} />
        </Stack>
        {change.status !== 'pending' && change.decidedAt ? (
          <Text size="sm" c="dimmed">
            {t('changes.decided', { when: formatDateTime(change.decidedAt, lang) })}
          </Text>
        ) : null}
        {change.reason ? (
          <Text size="sm">
            <Text span fw={700}>
              {t('changes.rejectReason')}:
            </Text>{' '}
            {change.reason}
          </Text>
        ) : null}
        {change.status === 'pending' ? (
          <>
            <ProblemAlert error={error} />
            <Group grow gap="sm">
              <Button
                h={44}
                leftSection={<IconCheck size={18} aria-hidden />}
                onClick={onApprove}
                loading={approving}
                data-testid="profile-change-approve"
              >
                {t('changes.approve')}
              </Button>
              <Button
                h={44}
                variant="outline"
                color="red.9"
                leftSection={<IconX size={18} aria-hidden />}
                onClick={onReject}
                disabled={approving}
                data-testid="profile-change-reject"
              >
                {t('changes.reject')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

export function ProfileChangesPanel() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AdminControllerListProfileChangesStatus>('pending');
  const [rejecting, setRejecting] = useState<ProfileChangeResponse | null>(null);
  const [approvingId, setApprovingId] = useState<string | null>(null);
  const approve = useAdminControllerApproveProfileChange();
  const reject = useAdminControllerRejectProfileChange();

  const list = useInfiniteQuery({
    queryKey: [...getAdminControllerListProfileChangesQueryKey({ status }), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      adminControllerListProfileChanges({ status, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.data.items) ?? [];

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['/api/v1/admin/profile-changes'] });

  const onApprove = async (change: ProfileChangeResponse) => {
    setApprovingId(change.id);
    try {
      await approve.mutateAsync({ id: change.id });
      notifications.show({
        color: 'lc',
        message: t('changes.approved', { name: change.member.displayName }),
      });
      refresh();
    } catch {
      // shown on the card
    } finally {
      setApprovingId(null);
    }
  };

  const onReject = async (reason: string | undefined) => {
    if (!rejecting || !reason) return;
    try {
      await reject.mutateAsync({ id: rejecting.id, data: { reason } });
    } catch {
      return;
    }
    notifications.show({
      color: 'lc',
      message: t('changes.rejected', { name: rejecting.member.displayName }),
    });
    setRejecting(null);
    refresh();
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('changes.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('changes.intro')}
        </Text>
      </div>
      <SegmentedControl
        value={status}
        onChange={(value) => setStatus(value as AdminControllerListProfileChangesStatus)}
        data={STATUSES.map((value) => ({ value, label: t(`changes.filter.${value}`) }))}
        aria-label={t('changes.filterLabel')}
        fullWidth
        maw={560}
        size="md"
      />
      <QueryGate query={list} errorTitle={t('loadError')}>
        {items.length === 0 ? (
          <EmptyState title={t(`changes.empty.${status}`)} />
        ) : (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {items.map((change) => (
                <ChangeCard
                  key={change.id}
                  change={change}
                  approving={approvingId === change.id}
                  error={approve.variables?.id === change.id ? approve.error : null}
                  onApprove={() => void onApprove(change)}
                  onReject={() => {
                    reject.reset();
                    setRejecting(change);
                  }}
                />
              ))}
            </SimpleGrid>
            {list.hasNextPage ? (
              <Button
                h={44}
                variant="default"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                {t('common:actions.loadMore')}
              </Button>
            ) : null}
          </Stack>
        )}
      </QueryGate>
      <ReasonModal
        opened={rejecting !== null}
        title={t('changes.rejectTitle')}
        explain={rejecting ? t('changes.rejectExplain', { name: rejecting.member.displayName }) : undefined}
        label={t('changes.rejectReason')}
        required
        confirmLabel={t('changes.reject')}
        danger
        pending={reject.isPending}
        error={reject.error}
        onClose={() => setRejecting(null)}
        onConfirm={(reason) => void onReject(reason)}
      />
    </Stack>
  );
}
