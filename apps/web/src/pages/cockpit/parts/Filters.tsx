/**
 * The cockpit's filters: where (the scope, as a trail from the nation down to a school, with a chooser for the level
 * below; only what the member may see is offered) and when (presets and a custom range).
 */
import { Anchor, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueries } from '@tanstack/react-query';
import {
  getOrganisationsControllerSchoolQueryOptions,
  useOrganisationsControllerArea,
  useOrganisationsControllerSchool,
} from '../../../api/generated/organisations/organisations';
import { AreaSelect, SchoolSelect } from '../../admin/parts/pickers';
import { pickName } from '../../admin/parts/shared';
import type { Grants, Scope } from './cockpitView';
import { fiscalYearOf } from '../plans/parts/fiscalYear';
import { bangkokDay, isDay, pastFiscalYears, Period } from './period';

const INPUT_STYLES = { input: { minHeight: 44 } };

/** The area and school of a scope, with their names in the reader's language. */
export function useScopeNames(scope: Scope | null) {
  const { i18n } = useTranslation();
  const school = useOrganisationsControllerSchool(scope?.kind === 'school' ? scope.id! : '', {
    query: { enabled: scope?.kind === 'school', staleTime: Infinity },
  });
  const areaId =
    scope?.kind === 'area' ? scope.id : scope?.kind === 'school' ? (school.data?.data.areaId ?? null) : null;
  const area = useOrganisationsControllerArea(areaId ?? '', {
    query: { enabled: !!areaId, staleTime: Infinity },
  });
  const areaData = area.data?.data;
  const schoolData = school.data?.data;
  return {
    areaId,
    areaName: areaData ? pickName(i18n.language, areaData.shortNameTh, areaData.nameEn) : null,
    schoolName: schoolData ? pickName(i18n.language, schoolData.nameTh, schoolData.nameEn) : null,
  };
}

export function ScopeFilter({
  scope,
  grants,
  onScope,
}: {
  scope: Scope;
  grants: Grants;
  onScope: (scope: Scope) => void;
}) {
  const { t } = useTranslation('cockpit');
  const { areaId, areaName, schoolName } = useScopeNames(scope);
  const mayOpenArea = (id: string | null) => !!id && (grants.national || grants.areas.includes(id));

  const crumbs: { key: string; label: string; scope: Scope | null }[] = [];
  if (grants.national)
    crumbs.push({
      key: 'national',
      label: t('scope.national'),
      scope: scope.kind === 'national' ? null : { kind: 'national', id: null },
    });
  if (scope.kind !== 'national' && (scope.kind === 'area' || mayOpenArea(areaId)))
    crumbs.push({
      key: 'area',
      label: areaName ?? '…',
      scope: scope.kind === 'area' ? null : { kind: 'area', id: areaId },
    });
  if (scope.kind === 'school') crumbs.push({ key: 'school', label: schoolName ?? '…', scope: null });

  return (
    <Stack gap={4}>
      <nav aria-label={t('scope.trail')}>
        <Group gap={4} wrap="wrap" data-testid="scope-trail">
          {crumbs.map((crumb, index) => (
            <Group key={crumb.key} gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
              {index > 0 ? <IconChevronRight size={16} aria-hidden style={{ flexShrink: 0 }} /> : null}
              {crumb.scope ? (
                <Anchor
                  component="button"
                  type="button"
                  onClick={() => onScope(crumb.scope!)}
                  mih={44}
                  fw={600}
                  style={{ overflowWrap: 'break-word', textAlign: 'start' }}
                  data-testid={`scope-up-${crumb.key}`}
                >
                  {crumb.label}
                </Anchor>
              ) : (
                <Text
                  fw={700}
                  aria-current="page"
                  mih={44}
                  style={{ display: 'flex', alignItems: 'center', overflowWrap: 'break-word' }}
                  data-testid="scope-current"
                >
                  {crumb.label}
                </Text>
              )}
            </Group>
          ))}
        </Group>
      </nav>
      <ScopeChooser scope={scope} grants={grants} onScope={onScope} />
    </Stack>
  );
}

/** The chooser of the level below the current scope (or of another of an admin's own places). */
function ScopeChooser({
  scope,
  grants,
  onScope,
}: {
  scope: Scope;
  grants: Grants;
  onScope: (scope: Scope) => void;
}) {
  const { t } = useTranslation('cockpit');
  if (scope.kind === 'national')
    return (
      <AreaSelect
        label={t('scope.chooseArea')}
        placeholder={t('scope.chooseAreaPlaceholder')}
        value={null}
        onChange={(id) => id && onScope({ kind: 'area', id })}
        styles={INPUT_STYLES}
        data-testid="scope-area-select"
      />
    );
  if (scope.kind === 'area')
    return (
      <SimpleGrid cols={{ base: 1, sm: !grants.national && grants.areas.length > 1 ? 2 : 1 }} spacing="xs">
        {!grants.national && grants.areas.length > 1 ? (
          <AreaSelect
            label={t('scope.area')}
            only={grants.areas}
            value={scope.id}
            onChange={(id) => id && onScope({ kind: 'area', id })}
            styles={INPUT_STYLES}
          />
        ) : null}
        <SchoolSelect
          label={t('scope.chooseSchool')}
          placeholder={t('scope.chooseSchoolPlaceholder')}
          areaId={scope.id}
          value={null}
          onChange={(id) => id && onScope({ kind: 'school', id })}
          styles={INPUT_STYLES}
          data-testid="scope-school-select"
        />
      </SimpleGrid>
    );
  if (!grants.national && grants.areas.length === 0 && grants.schools.length > 1)
    return <OwnSchoolSelect scope={scope} grants={grants} onScope={onScope} />;
  return null;
}

/** A school admin of several schools chooses among them. */
function OwnSchoolSelect({
  scope,
  grants,
  onScope,
}: {
  scope: Scope;
  grants: Grants;
  onScope: (scope: Scope) => void;
}) {
  const { t, i18n } = useTranslation('cockpit');
  const schools = useQueries({
    queries: grants.schools.map((id) =>
      getOrganisationsControllerSchoolQueryOptions(id, { query: { staleTime: Infinity } }),
    ),
  });
  const data = grants.schools.map((id, index) => {
    const school = schools[index]?.data?.data;
    return { value: id, label: school ? pickName(i18n.language, school.nameTh, school.nameEn) : '…' };
  });
  return (
    <Select
      label={t('scope.school')}
      data={data}
      value={scope.id}
      onChange={(id) => id && onScope({ kind: 'school', id })}
      allowDeselect={false}
      styles={INPUT_STYLES}
    />
  );
}

export function PeriodFilter({
  period,
  onPeriod,
}: {
  period: Period;
  onPeriod: (preset: string, from?: string, to?: string) => void;
}) {
  const { t } = useTranslation('cockpit');
  const current = fiscalYearOf();
  const data = useMemo(
    () => [
      { value: 'fy', label: t('period.thisFiscalYear', { year: current }) },
      { value: '30d', label: t('period.last30') },
      { value: 'month', label: t('period.thisMonth') },
      ...pastFiscalYears().map((year) => ({ value: `fy${year}`, label: t('period.fiscalYear', { year }) })),
      { value: 'custom', label: t('period.custom') },
    ],
    [t, current],
  );
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
  }, [period.from, period.to]);
  const today = bangkokDay();
  const problem = !isDay(from) || !isDay(to) ? t('period.invalid') : from > to ? t('period.reversed') : null;
  const apply = (nextFrom: string, nextTo: string) => {
    if (isDay(nextFrom) && isDay(nextTo) && nextFrom <= nextTo) onPeriod('custom', nextFrom, nextTo);
  };
  return (
    <Stack gap="xs">
      <Select
        label={t('period.label')}
        data={data}
        value={period.preset === 'fy' ? 'fy' : period.preset}
        onChange={(value) => {
          if (!value) return;
          if (value === 'custom') onPeriod('custom', period.from, period.to);
          else onPeriod(value);
        }}
        allowDeselect={false}
        styles={INPUT_STYLES}
        data-testid="period-select"
      />
      {period.preset === 'custom' ? (
        <SimpleGrid cols={2} spacing="xs">
          <TextInput
            type="date"
            label={t('period.from')}
            value={from}
            max={today}
            onChange={(event) => {
              setFrom(event.currentTarget.value);
              apply(event.currentTarget.value, to);
            }}
            error={problem && from !== period.from ? problem : undefined}
            data-testid="period-from"
          />
          <TextInput
            type="date"
            label={t('period.to')}
            value={to}
            max={today}
            onChange={(event) => {
              setTo(event.currentTarget.value);
              apply(from, event.currentTarget.value);
            }}
            error={problem && to !== period.to ? problem : undefined}
            data-testid="period-to"
          />
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
