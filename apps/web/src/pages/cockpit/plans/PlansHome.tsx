/**
 * /cockpit/plans: an area's Active Learning exchange activity plans of a fiscal year (seed 000), each with its target
 * against the reported actual and its budget, and the whole area against the floor of 500 participants. Area admins
 * see their area; OBEC admins choose one, or open the national summary.
 */
import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  activityPlansControllerList,
  getActivityPlansControllerListQueryKey,
  useActivityPlansControllerSummary,
} from '../../../api/generated/cockpit/cockpit';
import { Page } from '../../../components/Page';
import { EmptyState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { AreaName, AreaSelect } from '../../admin/parts/pickers';
import { QueryGate } from '../../admin/parts/shared';
import { AreaProgress } from './parts/AreaProgress';
import { PlanCard } from './parts/PlanCard';
import { FiscalYearSelect, plansLink, usePlanScope } from './parts/shared';

function AreaPlans({ areaId, fiscalYear }: { areaId: string; fiscalYear: number }) {
  const { t } = useTranslation('plans');
  const params = { fiscalYear };
  const summary = useActivityPlansControllerSummary(
    { fiscalYear, scope: `area:${areaId}` },
    { query: { staleTime: 30_000 } },
  );
  const plans = useInfiniteQuery({
    queryKey: [...getActivityPlansControllerListQueryKey(areaId, params), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      activityPlansControllerList(
        areaId,
        { ...params, ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
  });
  const items = plans.data?.pages.flatMap((page) => page.data.items) ?? [];
  return (
    <Stack gap="md">
      {summary.data ? (
        <AreaProgress totals={summary.data.data.totals} threshold={summary.data.data.threshold} />
      ) : summary.isError ? (
        <ProblemAlert error={summary.error} title={t('progress.loadError')} />
      ) : null}
      <QueryGate query={plans} errorTitle={t('list.loadError')}>
        {items.length === 0 ? (
          <EmptyState title={t('list.empty.title')}>{t('list.empty.body')}</EmptyState>
        ) : (
          <Stack gap="sm" component="section" aria-label={t('list.plansLabel')}>
            <Text size="sm" c="dimmed">
              {t('list.count', { count: items.length })}
            </Text>
            {items.map((plan) => (
              <PlanCard key={plan.id} plan={plan} to={`/cockpit/plans/${plan.id}`} />
            ))}
            {plans.hasNextPage ? (
              <Button
                variant="light"
                onClick={() => void plans.fetchNextPage()}
                loading={plans.isFetchingNextPage}
                style={{ alignSelf: 'center' }}
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

export default function PlansHome() {
  const { t } = useTranslation('plans');
  const { obec, administered, fiscalYear, areaId, setFiscalYear, setArea } = usePlanScope();
  const chooseArea = obec || administered.length > 1;
  return (
    <Page
      title={t('list.title')}
      actions={
        areaId ? (
          <Button
            component={Link}
            to={plansLink('/cockpit/plans/new', fiscalYear, areaId)}
            leftSection={<IconPlus size={20} aria-hidden />}
          >
            {t('list.new')}
          </Button>
        ) : null
      }
    >
      <Text c="dimmed">{t('list.intro')}</Text>
      <SimpleGrid cols={{ base: 1, xs: chooseArea ? 2 : 1 }} spacing="sm">
        <FiscalYearSelect value={fiscalYear} onChange={setFiscalYear} />
        {chooseArea ? (
          <AreaSelect
            label={t('list.area')}
            placeholder={t('list.areaPlaceholder')}
            value={areaId}
            onChange={setArea}
            only={obec ? undefined : administered}
            clearable={obec}
          />
        ) : null}
      </SimpleGrid>
      {!chooseArea && areaId ? (
        <Text fw={700}>
          <AreaName id={areaId} />
        </Text>
      ) : null}
      <Group gap="xs">
        <Button
          component={Link}
          to={plansLink('/cockpit/plans/summary', fiscalYear, obec ? null : areaId)}
          variant="light"
          leftSection={<IconChartBar size={20} aria-hidden />}
        >
          {obec ? t('list.nationalSummary') : t('list.areaSummary')}
        </Button>
      </Group>
      {areaId ? (
        <AreaPlans key={`${areaId}:${fiscalYear}`} areaId={areaId} fiscalYear={fiscalYear} />
      ) : obec ? (
        <EmptyState title={t('list.chooseArea.title')}>{t('list.chooseArea.body')}</EmptyState>
      ) : (
        <EmptyState title={t('list.noArea.title')}>{t('list.noArea.body')}</EmptyState>
      )}
    </Page>
  );
}
