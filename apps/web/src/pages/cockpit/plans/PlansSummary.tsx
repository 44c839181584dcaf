/**
 * /cockpit/plans/summary: target against actual participants of a fiscal year, nationally (OBEC admins: every area,
 * those without plans at zero) or for an area (its admins), with the areas under seed 000's 500 flagged. Sortable by
 * the actual count; the lagging areas can be listed alone.
 */
import {
  Anchor,
  Badge,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActivityPlansControllerSummary } from '../../../api/generated/cockpit/cockpit';
import { useOrganisationsControllerAreas } from '../../../api/generated/organisations/organisations';
import type { ActivityPlanSummaryResponse, AreaActivitySummaryResponse } from '../../../api/generated/model';
import { Page } from '../../../components/Page';
import { EmptyState } from '../../../components/PageState';
import { formatNumber } from '../../../format/format';
import { QueryGate } from '../../admin/parts/shared';
import { AreaProgress } from './parts/AreaProgress';
import { BackLink, FiscalYearSelect, plansLink, useBaht, usePlanScope } from './parts/shared';

type Sort = 'actualAsc' | 'actualDesc' | 'code';

export function UnderBadge({ threshold }: { threshold: number }) {
  const { t, i18n } = useTranslation('plans');
  return (
    <Badge
      color="red.9"
      variant="filled"
      leftSection={<IconAlertTriangle size={14} aria-hidden />}
      data-testid="area-under-flag"
      style={{ flexShrink: 0 }}
    >
      {t('summary.under', { threshold: formatNumber(threshold, i18n.language) })}
    </Badge>
  );
}

function NationalTotals({ summary }: { summary: ActivityPlanSummaryResponse }) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const n = (value: number) => formatNumber(value, i18n.language);
  const { totals } = summary;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="summary-totals-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="summary-totals-title">
          {t('summary.nationalTitle')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <div>
            <Text size="sm" c="dimmed">
              {t('summary.actual')}
            </Text>
            <Text fw={700} fz="xl" data-testid="summary-actual">
              {n(totals.actualParticipants)}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('summary.target')}
            </Text>
            <Text fw={700} fz="xl">
              {n(totals.targetParticipants)}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('summary.plans')}
            </Text>
            <Text fw={700} fz="xl">
              {t('summary.reportedOf', { reported: n(totals.reportedPlans), plans: n(totals.plans) })}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('summary.visits')}
            </Text>
            <Text fw={700} fz="xl">
              {n(totals.supervisionVisits)}
            </Text>
          </div>
        </SimpleGrid>
        <Group gap={6} wrap="nowrap" align="flex-start" c={totals.areasBelow500 > 0 ? 'red.9' : 'green.9'}>
          <IconAlertTriangle size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text fw={700} data-testid="summary-below-count">
            {t('summary.areasBelow', {
              below: n(totals.areasBelow500),
              areas: n(totals.areas),
              threshold: n(summary.threshold),
            })}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('progress.budget', { spent: baht(totals.budgetSpent), planned: baht(totals.budgetPlanned) })}
        </Text>
      </Stack>
    </Paper>
  );
}

function SortHeader({ sort, onSort }: { sort: Sort; onSort: (sort: Sort) => void }) {
  const { t } = useTranslation('plans');
  const Icon = sort === 'actualAsc' ? IconArrowUp : sort === 'actualDesc' ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th
      scope="col"
      ta="end"
      aria-sort={sort === 'actualAsc' ? 'ascending' : sort === 'actualDesc' ? 'descending' : 'none'}
      p={0}
    >
      <UnstyledButton
        onClick={() => onSort(sort === 'actualAsc' ? 'actualDesc' : 'actualAsc')}
        mih={44}
        px="xs"
        w="100%"
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'flex-end',
          gap: 4,
          fontWeight: 700,
          whiteSpace: 'nowrap',
        }}
        data-testid="summary-sort-actual"
      >
        {t('summary.actual')}
        <Icon size={16} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

function AreaTable({
  rows,
  threshold,
  fiscalYear,
}: {
  rows: AreaActivitySummaryResponse[];
  threshold: number;
  fiscalYear: number;
}) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const n = (value: number) => formatNumber(value, i18n.language);
  const [sort, setSort] = useState<Sort>('actualAsc');
  const [onlyUnder, setOnlyUnder] = useState(false);
  const shown = useMemo(() => {
    const list = onlyUnder ? rows.filter((row) => row.below500) : [...rows];
    if (sort === 'code') return list.sort((a, b) => a.code.localeCompare(b.code));
    const direction = sort === 'actualAsc' ? 1 : -1;
    return list.sort(
      (a, b) => direction * (a.actualParticipants - b.actualParticipants) || a.code.localeCompare(b.code),
    );
  }, [rows, sort, onlyUnder]);
  // The short Thai names (สพป.กระบี่) fit a phone; the summary answers the full ones.
  const areas = useOrganisationsControllerAreas(undefined, { query: { staleTime: Infinity } });
  const shortNames = useMemo(
    () => new Map((areas.data?.data.items ?? []).map((area) => [area.id, area.shortNameTh])),
    [areas.data],
  );
  const name = (row: AreaActivitySummaryResponse) =>
    i18n.language === 'en' && row.en ? row.en : (shortNames.get(row.areaId) ?? row.th);
  return (
    <Stack gap="sm" component="section" aria-labelledby="summary-table-title">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h4" id="summary-table-title">
          {t('summary.tableTitle')}
        </Title>
        {rows.length > 1 ? (
          <Switch
            label={t('summary.onlyUnder', { threshold: n(threshold) })}
            checked={onlyUnder}
            onChange={(event) => setOnlyUnder(event.currentTarget.checked)}
            size="md"
          />
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={320} type="native">
        <Table
          striped
          withTableBorder
          verticalSpacing="xs"
          horizontalSpacing="xs"
          data-testid="summary-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('summary.area')}</Table.Th>
              <SortHeader sort={sort} onSort={setSort} />
              <Table.Th scope="col" ta="end" style={{ whiteSpace: 'nowrap' }}>
                {t('summary.target')}
              </Table.Th>
              <Table.Th scope="col" ta="end" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                {t('summary.budgetPlanned')}
              </Table.Th>
              <Table.Th scope="col" ta="end" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                {t('summary.budgetSpent')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.areaId} data-testid="summary-row" data-under={row.below500 ? 'yes' : 'no'}>
                <Table.Th scope="row" fw={400}>
                  <Stack gap={2} align="flex-start">
                    <Anchor
                      component={Link}
                      to={plansLink('/cockpit/plans', fiscalYear, row.areaId)}
                      fw={700}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {name(row)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {row.code} ·{' '}
                      {t('summary.reportedOf', { reported: n(row.reportedPlans), plans: n(row.plans) })}
                    </Text>
                    {row.below500 ? <UnderBadge threshold={threshold} /> : null}
                  </Stack>
                </Table.Th>
                <Table.Td
                  ta="end"
                  fw={700}
                  c={row.below500 ? 'red.9' : undefined}
                  data-testid="summary-row-actual"
                >
                  {n(row.actualParticipants)}
                </Table.Td>
                <Table.Td ta="end">{n(row.targetParticipants)}</Table.Td>
                <Table.Td ta="end" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                  {baht(row.budgetPlanned)}
                </Table.Td>
                <Table.Td ta="end" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                  {baht(row.budgetSpent)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length === 0 ? <EmptyState title={t('summary.noneUnder', { threshold: n(threshold) })} /> : null}
    </Stack>
  );
}

export default function PlansSummary() {
  const { t } = useTranslation('plans');
  const { obec, fiscalYear, areaId, setFiscalYear } = usePlanScope();
  const scope = obec && !areaId ? 'national' : areaId ? `area:${areaId}` : null;
  const summary = useActivityPlansControllerSummary(
    { fiscalYear, scope: scope ?? '' },
    { query: { enabled: scope !== null, staleTime: 30_000 } },
  );
  const data = summary.data?.data;
  return (
    <Page title={scope === 'national' ? t('summary.titleNational') : t('summary.titleArea')} size="lg">
      <BackLink
        to={plansLink('/cockpit/plans', fiscalYear, obec ? null : areaId)}
        label={t('summary.back')}
      />
      <Text c="dimmed">{t('summary.intro')}</Text>
      <FiscalYearSelect value={fiscalYear} onChange={setFiscalYear} maw={360} />
      {scope === null ? (
        <EmptyState title={t('list.noArea.title')}>{t('list.noArea.body')}</EmptyState>
      ) : (
        <QueryGate query={summary} errorTitle={t('summary.loadError')}>
          {data ? (
            <Stack gap="md">
              {scope === 'national' ? (
                <NationalTotals summary={data} />
              ) : (
                <AreaProgress totals={data.totals} threshold={data.threshold} />
              )}
              <AreaTable rows={data.areas} threshold={data.threshold} fiscalYear={fiscalYear} />
            </Stack>
          ) : null}
        </QueryGate>
      )}
    </Page>
  );
}
