/**
 * /cockpit (ค็อกพิท): what happens on the platform for OBEC, an area or a school, "from the classroom to the
 * ministry" (seed 003 §1.2). KPI tiles with their change and definitions (live over socket.io), Thailand's
 * provinces coloured by a KPI, its time series, its breakdown with drill-down (region → province → area → school),
 * indicator 18 per area, and CSV/XLSX of each. Every choice lives in the address. The chart and the map are loaded
 * only when the page is, so the rest of the app never downloads ECharts or the map's shapes.
 */
import {
  Badge,
  Button,
  CloseButton,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconClipboardList, IconFilter } from '@tabler/icons-react';
import { lazy, ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  useCockpitControllerBreakdown,
  useCockpitControllerIndicator18,
  useCockpitControllerSummary,
  useCockpitControllerTimeseries,
} from '../../api/generated/cockpit/cockpit';
import type { CockpitBreakdownRowResponse, CockpitKpiResponse } from '../../api/generated/model';
import {
  useOrganisationsControllerAreas,
  useOrganisationsControllerProvinces,
} from '../../api/generated/organisations/organisations';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { formatDate, formatDateTime } from '../../format/format';
import { useRealtimeConnected } from '../../realtime/RealtimeProvider';
import { pickName, QueryGate } from '../admin/parts/shared';
import { FiscalYearSelect } from './plans/parts/shared';
import { BreakdownTable } from './parts/BreakdownTable';
import classes from './parts/cockpit.module.css';
import { CockpitView, defaultScope, scopeParam, useCockpitView } from './parts/cockpitView';
import { ExportButtons } from './parts/ExportButtons';
import { PeriodFilter, ScopeFilter, useScopeNames } from './parts/Filters';
import { Indicator18Table } from './parts/Indicator18Table';
import { Dimension, dimensionsFor } from './parts/kpis';
import { KpiTiles, kpiName } from './parts/KpiTiles';
import { intervalsFor, Interval } from './parts/period';
import { narrowRows, REGIONS } from './parts/places';
import { useLiveCockpit } from './parts/useLiveCockpit';

const TimeSeriesChart = lazy(() => import('./parts/TimeSeriesChart'));
const ProvinceMap = lazy(() => import('./parts/ProvinceMap'));

const noon = (day: string) => `${day}T12:00:00+07:00`;

function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="section"
      aria-labelledby={`${id}-title`}
      className={classes.section}
      data-testid={`section-${id}`}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap" align="center">
          <Title order={2} size="h4" id={`${id}-title`} style={{ overflowWrap: 'break-word' }}>
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function LiveBadge({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation('cockpit');
  const connected = useRealtimeConnected();
  return (
    <Group gap="xs" wrap="wrap">
      <Badge
        variant="dot"
        color={connected ? 'green.8' : 'gray.6'}
        size="lg"
        data-testid="live-badge"
        data-live={connected || undefined}
      >
        {connected ? t('live.on') : t('live.off')}
      </Badge>
      <Text size="sm" c="dimmed" data-testid="as-of">
        {t('live.asOf', { when: formatDateTime(asOf, i18n.language) })}
      </Text>
    </Group>
  );
}

function TimeSeriesSection({ view, kpi }: { view: CockpitView; kpi: CockpitKpiResponse | undefined }) {
  const { t, i18n } = useTranslation('cockpit');
  const { setInterval } = useCockpitView();
  const query = {
    scope: scopeParam(view.scope!),
    from: view.period.from,
    to: view.period.to,
    metric: view.kpi as never,
    interval: view.interval as never,
  };
  const series = useCockpitControllerTimeseries(query, { query: { staleTime: 30_000 } });
  const allowed = intervalsFor(view.period);
  const name = kpi ? kpiName(kpi, i18n.language) : view.kpi;
  return (
    <Section
      id="timeseries"
      title={t('chart.title', { name })}
      actions={
        <ExportButtons
          report="timeseries"
          query={query}
          name={t('chart.exportName')}
          testId="export-timeseries"
        />
      }
    >
      <SegmentedControl
        fullWidth
        value={view.interval}
        onChange={(value) => setInterval(value as Interval)}
        data={(['day', 'week', 'month', 'fiscalYear'] as const).map((interval) => ({
          value: interval,
          label: t(`interval.${interval}`),
          disabled: !allowed.includes(interval),
        }))}
        aria-label={t('interval.label')}
        styles={{ label: { minHeight: 36, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
        data-testid="interval"
      />
      <QueryGate query={series} errorTitle={t('chart.error')}>
        {series.data?.data.points.length ? (
          <Suspense fallback={<PageLoader />}>
            <TimeSeriesChart
              points={series.data.data.points}
              interval={view.interval}
              unit={kpi?.unit ?? 'count'}
              name={name}
            />
          </Suspense>
        ) : (
          <EmptyState title={t('chart.empty')} />
        )}
      </QueryGate>
    </Section>
  );
}

function MapSection({ view, kpi }: { view: CockpitView; kpi: CockpitKpiResponse | undefined }) {
  const { t, i18n } = useTranslation('cockpit');
  const provinces = useCockpitControllerBreakdown(
    {
      scope: scopeParam(view.scope!),
      from: view.period.from,
      to: view.period.to,
      metric: view.kpi as never,
      dimension: 'province',
    },
    { query: { staleTime: 30_000 } },
  );
  const name = kpi ? kpiName(kpi, i18n.language) : view.kpi;
  return (
    <Section id="map" title={t('map.title', { name })}>
      <QueryGate query={provinces} errorTitle={t('map.error')}>
        <Suspense fallback={<PageLoader />}>
          <ProvinceMap rows={provinces.data?.data.rows ?? []} unit={kpi?.unit ?? 'count'} name={name} />
        </Suspense>
      </QueryGate>
    </Section>
  );
}

function BreakdownSection({ view, kpi }: { view: CockpitView; kpi: CockpitKpiResponse | undefined }) {
  const { t, i18n } = useTranslation('cockpit');
  const { setDimension, drillWithin, setScope, setSort } = useCockpitView();
  const scope = view.scope!;
  const query = {
    scope: scopeParam(scope),
    from: view.period.from,
    to: view.period.to,
    metric: view.kpi as never,
    dimension: view.dimension as never,
  };
  const breakdown = useCockpitControllerBreakdown(query, { query: { staleTime: 30_000 } });
  const provinces = useOrganisationsControllerProvinces({
    query: { enabled: view.within !== null, staleTime: Infinity },
  });
  const areas = useOrganisationsControllerAreas(undefined, {
    query: { enabled: view.within?.kind === 'province', staleTime: Infinity },
  });
  const rows = useMemo(
    () =>
      narrowRows(
        breakdown.data?.data.rows ?? [],
        view.within,
        provinces.data?.data.items,
        areas.data?.data.items,
      ),
    [breakdown.data, view.within, provinces.data, areas.data],
  );
  const dimensions = dimensionsFor(scope.kind, view.kpi);
  const national = scope.kind === 'national';
  const drillable: Partial<Record<Dimension, boolean>> = {
    region: national,
    province: national,
    area: national && view.grants.national,
    school: scope.kind !== 'school',
  };
  const drill = (row: CockpitBreakdownRowResponse) => {
    if (view.dimension === 'region') drillWithin('province', { kind: 'region', key: row.key });
    else if (view.dimension === 'province') drillWithin('area', { kind: 'province', key: row.key });
    else if (view.dimension === 'area') setScope({ kind: 'area', id: row.key });
    else if (view.dimension === 'school') setScope({ kind: 'school', id: row.key });
  };
  const drillLabel = drillable[view.dimension]
    ? (name: string) =>
        view.dimension === 'region' || view.dimension === 'province'
          ? t(`breakdown.drill.${view.dimension}`, { name })
          : t('breakdown.openScope', { name })
    : null;
  const withinName = (() => {
    if (!view.within) return null;
    if (view.within.kind === 'region') {
      const region = REGIONS[view.within.key];
      return region ? pickName(i18n.language, region.th, region.en) : view.within.key;
    }
    const row = provinces.data?.data.items.find((p) => p.code === view.within!.key);
    return row ? pickName(i18n.language, row.nameTh, row.nameEn) : view.within.key;
  })();
  const name = kpi ? kpiName(kpi, i18n.language) : view.kpi;
  return (
    <Section
      id="breakdown"
      title={t('breakdown.title', { name })}
      actions={
        <ExportButtons
          report="breakdown"
          query={query}
          name={t('breakdown.exportName')}
          testId="export-breakdown"
        />
      }
    >
      <Select
        label={t('breakdown.by')}
        data={dimensions.map((dimension) => ({ value: dimension, label: t(`dimension.${dimension}`) }))}
        value={view.dimension}
        onChange={(value) => value && setDimension(value as Dimension)}
        allowDeselect={false}
        styles={{ input: { minHeight: 44 } }}
        data-testid="dimension-select"
      />
      {view.within && withinName ? (
        <Group gap="xs" wrap="nowrap" data-testid="breakdown-within">
          <IconFilter size={18} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" style={{ overflowWrap: 'break-word' }}>
            {t(`breakdown.within.${view.within.kind}`, { name: withinName })}
          </Text>
          <CloseButton
            size={44}
            aria-label={t('breakdown.within.clear')}
            onClick={() => drillWithin(view.dimension, null)}
          />
        </Group>
      ) : null}
      <QueryGate query={breakdown} errorTitle={t('breakdown.error')}>
        {breakdown.data?.data.truncated ? (
          <Text size="sm" c="dimmed">
            {t('breakdown.truncated')}
          </Text>
        ) : null}
        <BreakdownTable
          rows={rows}
          unit={kpi?.unit ?? 'count'}
          showShare={!['learningArea', 'competency', 'technique'].includes(view.dimension)}
          dimensionLabel={t(`dimension.${view.dimension}`)}
          sort={view.sort}
          onSort={setSort}
          drillLabel={drillLabel}
          onDrill={drill}
        />
      </QueryGate>
    </Section>
  );
}

function Indicator18Section({ view }: { view: CockpitView }) {
  const { t } = useTranslation('cockpit');
  const { setFiscalYear, setScope } = useCockpitView();
  const query = { scope: scopeParam(view.scope!), fiscalYear: String(view.fiscalYear) };
  const indicator = useCockpitControllerIndicator18(query, { query: { staleTime: 30_000 } });
  return (
    <Section
      id="indicator18"
      title={t('indicator18.title')}
      actions={
        <ExportButtons
          report="indicator-18"
          query={query}
          name={t('indicator18.exportName')}
          testId="export-indicator18"
        />
      }
    >
      <Text size="sm" c="dimmed">
        {t('indicator18.intro')}
      </Text>
      <FiscalYearSelect
        value={view.fiscalYear}
        onChange={setFiscalYear}
        maw={360}
        styles={{ input: { minHeight: 44 } }}
      />
      <QueryGate query={indicator} errorTitle={t('indicator18.error')}>
        <Indicator18Table
          rows={indicator.data?.data.rows ?? []}
          onOpenArea={
            view.scope!.kind === 'national' && view.grants.national
              ? (areaId) => setScope({ kind: 'area', id: areaId })
              : null
          }
        />
      </QueryGate>
    </Section>
  );
}

export default function Cockpit() {
  const { t, i18n } = useTranslation('cockpit');
  const { hasRole } = useAuth();
  const { view, setScope, setPeriod, setKpi } = useCockpitView();
  useLiveCockpit();
  const scope = view.scope;
  const names = useScopeNames(scope);
  const summary = useCockpitControllerSummary(
    scope ? { scope: scopeParam(scope), from: view.period.from, to: view.period.to } : undefined,
    { query: { enabled: scope !== null, staleTime: 30_000 } },
  );
  const data = summary.data?.data;
  const kpi = data?.kpis.find((item) => item.code === view.kpi);
  const plansLink = hasRole('obec_admin', 'area_admin') ? (
    <Button
      component={Link}
      to="/cockpit/plans"
      variant="light"
      leftSection={<IconClipboardList size={18} aria-hidden />}
    >
      {t('plansLink')}
    </Button>
  ) : null;

  if (!scope)
    return (
      <Page title={t('title')}>
        <EmptyState title={t('noScope.title')}>{t('noScope.body')}</EmptyState>
      </Page>
    );

  const where =
    scope.kind === 'national'
      ? t('scope.national')
      : scope.kind === 'area'
        ? names.areaName
        : names.schoolName;
  return (
    <Page title={t('title')} actions={plansLink} size="xl">
      <Text c="dimmed" mt={-8}>
        {t('intro')}
      </Text>
      <Paper
        withBorder
        radius="md"
        p="sm"
        className={classes.section}
        component="section"
        aria-label={t('filters')}
      >
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <ScopeFilter scope={scope} grants={view.grants} onScope={setScope} />
          <PeriodFilter period={view.period} onPeriod={setPeriod} />
        </SimpleGrid>
      </Paper>
      {summary.isError && scopeParam(scope) !== scopeParam(defaultScope(view.grants)!) ? (
        <Button
          variant="light"
          onClick={() => setScope(defaultScope(view.grants)!)}
          style={{ alignSelf: 'flex-start' }}
          data-testid="scope-home"
        >
          {t('scope.home')}
        </Button>
      ) : null}
      <QueryGate query={summary} errorTitle={t('summary.error')}>
        {data ? (
          <Stack gap="md">
            <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text fw={700} data-testid="summary-where" style={{ overflowWrap: 'break-word' }}>
                  {where ?? '…'}
                </Text>
                <Text size="sm" data-testid="summary-period">
                  {t('summary.range', {
                    from: formatDate(noon(data.from), i18n.language),
                    to: formatDate(noon(data.to), i18n.language),
                  })}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('summary.comparedWith', {
                    from: formatDate(noon(data.previousFrom), i18n.language),
                    to: formatDate(noon(data.previousTo), i18n.language),
                  })}
                </Text>
                <LiveBadge asOf={data.asOf} />
              </Stack>
              <ExportButtons
                report="summary"
                query={{ scope: scopeParam(scope), from: view.period.from, to: view.period.to }}
                name={t('summary.exportName')}
                label={t('summary.download')}
                testId="export-summary"
              />
            </Group>
            <KpiTiles kpis={data.kpis} selected={view.kpi} onSelect={setKpi} />
            <Select
              label={t('analysis.kpi')}
              data={data.kpis.map((item) => ({ value: item.code, label: kpiName(item, i18n.language) }))}
              value={view.kpi}
              onChange={(value) => value && setKpi(value)}
              allowDeselect={false}
              styles={{ input: { minHeight: 44 } }}
              maw={560}
              data-testid="kpi-select"
            />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <MapSection view={view} kpi={kpi} />
              <Stack gap="md">
                <TimeSeriesSection view={view} kpi={kpi} />
                <BreakdownSection view={view} kpi={kpi} />
              </Stack>
            </SimpleGrid>
            <Indicator18Section view={view} />
          </Stack>
        ) : null}
      </QueryGate>
    </Page>
  );
}
