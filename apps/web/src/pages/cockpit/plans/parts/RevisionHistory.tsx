/** Every report of a plan, the current one first: what was reported each time, and when. Loaded when opened. */
import { Accordion, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activityPlansControllerRevisions,
  getActivityPlansControllerRevisionsQueryKey,
} from '../../../../api/generated/cockpit/cockpit';
import type { ActivityPlanResponse } from '../../../../api/generated/model';
import { formatDateTime, formatNumber } from '../../../../format/format';
import { QueryGate } from '../../../admin/parts/shared';
import { ROLES } from './roles';
import { useBaht } from './shared';

function Revisions({ planId, current }: { planId: string; current: number }) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const n = (value: number) => formatNumber(value, i18n.language);
  const revisions = useInfiniteQuery({
    queryKey: [...getActivityPlansControllerRevisionsQueryKey(planId), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      activityPlansControllerRevisions(planId, pageParam ? { cursor: pageParam } : undefined, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
  });
  const items = revisions.data?.pages.flatMap((page) => page.data.items) ?? [];
  return (
    <QueryGate query={revisions} errorTitle={t('revisions.loadError')}>
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((item) => (
          <Paper
            key={item.revision}
            component="li"
            withBorder
            p="sm"
            radius="md"
            data-testid="report-revision"
          >
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text fw={700}>{t('revisions.revision', { revision: item.revision })}</Text>
              {item.revision === current ? (
                <Badge variant="light" color="green">
                  {t('revisions.current')}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed">
              {formatDateTime(item.reportedAt, i18n.language)}
            </Text>
            <Text size="sm" mt={4}>
              {ROLES.map((role, index) => (
                <span key={role}>
                  {index > 0 ? ' · ' : null}
                  {/* A role and its count stay on one line: Thai names would break inside ("ผู้ / บริหาร"). */}
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {t(`roles.${role}`)} {n(item.participants[role])}
                  </span>
                </span>
              ))}
            </Text>
            <Text size="sm">
              {t('revisions.line', {
                total: n(item.participants.total),
                visits: n(item.supervisionVisits),
                spent: baht(item.budgetSpent),
              })}
            </Text>
            {item.notes ? (
              <Text
                size="sm"
                c="dimmed"
                lineClamp={3}
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {item.notes}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
      {revisions.hasNextPage ? (
        <Button
          mt="xs"
          variant="light"
          onClick={() => void revisions.fetchNextPage()}
          loading={revisions.isFetchingNextPage}
        >
          {t('common:actions.loadMore')}
        </Button>
      ) : null}
    </QueryGate>
  );
}

export function RevisionHistory({ plan }: { plan: ActivityPlanResponse }) {
  const { t } = useTranslation('plans');
  const [opened, setOpened] = useState<string | null>(null);
  if (!plan.report) return null;
  return (
    <Accordion variant="contained" radius="md" value={opened} onChange={setOpened}>
      <Accordion.Item value="revisions">
        <Accordion.Control mih={44}>
          {t('revisions.title', { count: plan.report.revision })}
        </Accordion.Control>
        <Accordion.Panel>
          {opened === 'revisions' ? <Revisions planId={plan.id} current={plan.report.revision} /> : null}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
