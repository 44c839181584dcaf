/**
 * Nominations for Influencer. Area admins nominate a Change Agent from the member's profile (NominateAction) and
 * follow their areas' nominations here with their status; OBEC admins see every area's, waiting ones first, and
 * approve (the member becomes an Influencer once the rest of the level's criteria are met too) or reject with a
 * reason the member's area reads. The API scopes the list and refuses the decisions to anyone but OBEC.
 */
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NominationResponse } from '../../../api/generated/model';
import {
  levelsControllerList,
  useLevelsControllerApprove,
  useLevelsControllerReject,
} from '../../../api/generated/recognition/recognition';
import { useLevelName } from '../../../components/levels';
import { EmptyState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../format/format';
import { QueryGate, ReasonModal } from './shared';

/** The API's RecognitionReasonDto: trimmed, then 3–1000 characters. */
const REJECT_LIMITS = { min: 3, max: 1000 };

const FILTERS = ['pending', 'approved', 'rejected', 'all'] as const;
type Filter = (typeof FILTERS)[number];

const STATUS_COLOURS: Record<NominationResponse['status'], string> = {
  pending: 'orange',
  approved: 'lc',
  rejected: 'red',
};

const NOMINATIONS = '/api/v1/recognition/nominations';

function refreshNominations(queryClient: ReturnType<typeof useQueryClient>) {
  return queryClient.invalidateQueries({
    predicate: (query) => typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(NOMINATIONS),
  });
}

function NominationCard({ nomination, obec }: { nomination: NominationResponse; obec: boolean }) {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const levelName = useLevelName();
  const queryClient = useQueryClient();
  const approve = useLevelsControllerApprove();
  const reject = useLevelsControllerReject();
  const [rejecting, setRejecting] = useState(false);
  const name = nomination.member.displayName || t('admin.nominations.erased');
  const influencer = levelName('influencer');
  const decidable = obec && nomination.status === 'pending';

  const onApprove = async () => {
    try {
      await approve.mutateAsync({ id: nomination.id });
    } catch {
      return; // shown on the card
    }
    notifications.show({ color: 'lc', message: t('admin.nominations.approved', { name }) });
    void refreshNominations(queryClient);
  };

  const onReject = async (reason: string) => {
    try {
      await reject.mutateAsync({ id: nomination.id, data: { reason } });
    } catch {
      return; // shown in the dialog
    }
    setRejecting(false);
    notifications.show({ color: 'lc', message: t('admin.nominations.rejected', { name }) });
    void refreshNominations(queryClient);
  };

  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      aria-label={name}
      data-testid="nomination"
      data-status={nomination.status}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Anchor
              component={Link}
              to={`/members/${nomination.member.id}`}
              fw={700}
              size="lg"
              style={{ overflowWrap: 'anywhere' }}
            >
              {name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t('admin.nominations.for', { level: influencer })}
            </Text>
          </div>
          <Badge
            color={STATUS_COLOURS[nomination.status]}
            variant="light"
            style={{ flexShrink: 0 }}
            tt="none"
          >
            {t(`admin.nominations.status.${nomination.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('admin.nominations.by', {
            name: nomination.nominatedBy.displayName,
            date: formatDate(nomination.createdAt, language),
          })}
        </Text>
        <div>
          <Text size="sm" fw={700}>
            {t('admin.nominations.statement')}
          </Text>
          <Spoiler maxHeight={96} showLabel={t('admin:showMore')} hideLabel={t('admin:showLess')}>
            <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {nomination.statement}
            </Text>
          </Spoiler>
        </div>
        {nomination.status !== 'pending' ? (
          <Text size="sm" c="dimmed">
            {t(`admin.nominations.decided.${nomination.status}`, {
              date: formatDate(nomination.decidedAt, language),
            })}
          </Text>
        ) : null}
        {nomination.status === 'rejected' && nomination.reason ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span fw={700}>
              {t('admin.nominations.reason')}:
            </Text>{' '}
            {nomination.reason}
          </Text>
        ) : null}
        {decidable ? (
          <>
            <ProblemAlert error={approve.error} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Button
                h={44}
                leftSection={<IconCheck size={18} aria-hidden />}
                onClick={() => void onApprove()}
                loading={approve.isPending}
                disabled={reject.isPending}
                aria-label={t('admin.nominations.approveNamed', { name })}
                data-testid="nomination-approve"
              >
                {t('admin.nominations.approve')}
              </Button>
              <Button
                h={44}
                variant="default"
                color="red"
                leftSection={<IconX size={18} aria-hidden />}
                onClick={() => {
                  reject.reset();
                  setRejecting(true);
                }}
                disabled={approve.isPending}
                aria-label={t('admin.nominations.rejectNamed', { name })}
                data-testid="nomination-reject"
              >
                {t('admin.nominations.reject')}
              </Button>
            </SimpleGrid>
          </>
        ) : null}
      </Stack>
      <ReasonModal
        opened={rejecting}
        title={t('admin.nominations.rejectTitle')}
        explain={t('admin.nominations.rejectExplain', { name, level: influencer })}
        label={t('admin.nominations.rejectReason')}
        required
        confirmLabel={t('admin.nominations.rejectConfirm')}
        danger
        pending={reject.isPending}
        error={reject.error}
        limits={REJECT_LIMITS}
        texts={{
          hint: t('admin.nominations.rejectHint'),
          tooShort: t('admin.nominations.rejectTooShort'),
          tooLong: t('admin.nominations.rejectTooLong'),
        }}
        testId="nomination-reject-reason"
        onClose={() => setRejecting(false)}
        onConfirm={(reason) => void onReject(reason ?? '')}
      />
    </Card>
  );
}

export function NominationsPanel({ obec }: { obec: boolean }) {
  const { t } = useTranslation('recognition');
  // OBEC decides: the waiting ones first. An area admin follows what they sent: all of them.
  const [filter, setFilter] = useState<Filter>(obec ? 'pending' : 'all');
  const status = filter === 'all' ? undefined : filter;
  const list = useInfiniteQuery({
    queryKey: [NOMINATIONS, 'pages', { status: status ?? null }],
    queryFn: async ({ pageParam, signal }) =>
      (
        await levelsControllerList(
          { ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          { signal },
        )
      ).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('admin.nominations.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {obec ? t('admin.nominations.introObec') : t('admin.nominations.introArea')}
        </Text>
      </div>
      {/* Buttons that wrap: four Thai labels do not fit side by side in 360 px. */}
      <Group
        gap="xs"
        role="group"
        aria-label={t('admin.nominations.filterLabel')}
        data-testid="nominations-filter"
      >
        {FILTERS.map((value) => (
          <Button
            key={value}
            h={44}
            radius="xl"
            variant={filter === value ? 'filled' : 'default'}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
          >
            {t(`admin.nominations.filter.${value}`)}
          </Button>
        ))}
      </Group>
      <QueryGate query={list} errorTitle={t('admin:loadError')}>
        {items.length === 0 ? (
          <EmptyState title={t(`admin.nominations.empty.${filter}`)}>
            {obec ? null : t('admin.nominations.howToNominate')}
          </EmptyState>
        ) : (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {items.map((nomination) => (
                <NominationCard key={nomination.id} nomination={nomination} obec={obec} />
              ))}
            </SimpleGrid>
            {list.isFetchNextPageError ? <ProblemAlert error={list.error} /> : null}
            {list.hasNextPage ? (
              <Button
                variant="default"
                radius="xl"
                h={44}
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {t('common:actions.loadMore')}
              </Button>
            ) : null}
          </Stack>
        )}
      </QueryGate>
    </Stack>
  );
}
