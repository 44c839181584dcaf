/**
 * Statistics: redemptions per day (a stacked bar chart, loaded lazily) and the totals of each perk over a period.
 */
import {
  Button,
  Card,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMarketplaceControllerStats } from '../../../api/generated/marketplace/marketplace';
import { EmptyState, PageLoader } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatNumber } from '../../../format/format';
import { ExportCsvButton } from './PartnerRedemptions';
import { buildDays, perkTotals } from './statsData';
import { usePerkTitle } from './usePerkTitle';

const StatsChart = lazy(() => import('./StatsChart'));
const PERIODS = ['7', '30', '90'] as const;
const ALL = 'all';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

export function PartnerStats() {
  const { t, i18n } = useTranslation('partner');
  const [period, setPeriod] = useState<string>('30');
  const [perkId, setPerkId] = useState<string>(ALL);
  const days = Number(period);
  const query = useMarketplaceControllerStats({ days });
  const rows = useMemo(() => query.data?.data.items ?? [], [query.data]);
  const titleOf = usePerkTitle();
  const totals = useMemo(
    () => perkTotals(rows).map((total) => ({ ...total, title: titleOf(total.perkId, total.title) })),
    [rows, titleOf],
  );
  const selected = perkId === ALL ? null : perkId;
  const chartData = useMemo(
    () => buildDays(rows, days, selected, i18n.language),
    [rows, days, selected, i18n.language],
  );
  const shown = selected ? totals.filter((total) => total.perkId === selected) : totals;
  const sum = shown.reduce(
    (acc, total) => ({
      redemptions: acc.redemptions + total.redemptions,
      fulfilled: acc.fulfilled + total.fulfilled,
      pending: acc.pending + total.pending,
      points: acc.points + total.points,
    }),
    { redemptions: 0, fulfilled: 0, pending: 0, points: 0 },
  );
  const n = (value: number) => formatNumber(value, i18n.language);

  return (
    <Stack gap="md">
      <SegmentedControl
        value={period}
        onChange={setPeriod}
        fullWidth
        size="md"
        aria-label={t('stats.period')}
        data={PERIODS.map((value) => ({ value, label: t('stats.days', { count: Number(value) }) }))}
      />
      {query.isLoading ? (
        <PageLoader />
      ) : query.isError ? (
        <Stack>
          <ProblemAlert error={query.error} />
          <Button variant="default" onClick={() => void query.refetch()} style={{ alignSelf: 'flex-start' }}>
            {t('common:actions.retry')}
          </Button>
        </Stack>
      ) : totals.length === 0 ? (
        <EmptyState title={t('stats.empty.title')}>{t('stats.empty.body', { count: days })}</EmptyState>
      ) : (
        <>
          <Select
            label={t('stats.perk')}
            value={perkId}
            onChange={(value) => setPerkId(value ?? ALL)}
            allowDeselect={false}
            data={[
              { value: ALL, label: t('stats.allPerks') },
              ...totals.map((total) => ({ value: total.perkId, label: total.title })),
            ]}
          />
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            <Figure label={t('stats.redemptions')} value={n(sum.redemptions)} />
            <Figure label={t('stats.fulfilled')} value={n(sum.fulfilled)} />
            <Figure label={t('stats.pending')} value={n(sum.pending)} />
            <Figure label={t('stats.points')} value={n(sum.points)} />
          </SimpleGrid>
          <Card withBorder padding="sm" radius="md" component="figure" m={0}>
            <Title order={3} size="h5" mb="xs" component="figcaption">
              {t('stats.chartTitle', { count: days })}
            </Title>
            <Suspense fallback={<Skeleton h={240} />}>
              <div aria-hidden>
                <StatsChart data={chartData} />
              </div>
            </Suspense>
            <VisuallyHidden>{t('stats.chartAlt')}</VisuallyHidden>
          </Card>
          <Title order={3} size="h4">
            {t('stats.perPerk')}
          </Title>
          {totals.map((total) => (
            <Card key={total.perkId} withBorder padding="sm" radius="md">
              <Stack gap={6}>
                <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                  {total.title}
                </Text>
                <Group gap="md" wrap="wrap">
                  <Text size="sm">{t('stats.row.redemptions', { value: n(total.redemptions) })}</Text>
                  <Text size="sm">{t('stats.row.fulfilled', { value: n(total.fulfilled) })}</Text>
                  <Text size="sm">{t('stats.row.pending', { value: n(total.pending) })}</Text>
                  <Text size="sm">{t('stats.row.returned', { value: n(total.returned) })}</Text>
                  <Text size="sm" fw={700}>
                    {t('stats.row.points', { value: n(total.points) })}
                  </Text>
                </Group>
              </Stack>
            </Card>
          ))}
        </>
      )}
      <Group justify="flex-end">
        <ExportCsvButton />
      </Group>
    </Stack>
  );
}
