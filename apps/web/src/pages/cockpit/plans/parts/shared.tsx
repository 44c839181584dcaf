/** Small pieces the plan pages share: names and money in the reader's language, badges, the year and area choice. */
import { Anchor, Badge, Select, SelectProps } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ActivityPlanResponse } from '../../../../api/generated/model';
import { useAuth } from '../../../../auth/AuthProvider';
import { formatDate, formatNumber } from '../../../../format/format';
import { useAdministeredAreas } from '../../../admin/parts/shared';
import { dayInstant, fiscalYearChoices, fiscalYearParam } from './fiscalYear';
import { groupBaht } from './money';

/** The English title when reading in English and there is one, else the Thai title. */
export function planTitle(plan: Pick<ActivityPlanResponse, 'title' | 'titleEn'>, language: string): string {
  return language === 'en' && plan.titleEn ? plan.titleEn : plan.title;
}

/** "497,000.00 บาท" / "฿497,000.00", exactly the API's text. */
export function useBaht(): (text: string) => string {
  const { t } = useTranslation('plans');
  return (text) => t('baht', { amount: groupBaht(text) });
}

/** "12 คน" / "12 people", with separators. */
export function usePeople(): (count: number) => string {
  const { t, i18n } = useTranslation('plans');
  return (count) => t('people', { count, formatted: formatNumber(count, i18n.language) });
}

export function useDateRange(): (from: string, to: string) => string {
  const { t, i18n } = useTranslation('plans');
  return (from, to) =>
    from === to
      ? formatDate(dayInstant(from), i18n.language)
      : t('dateRange', {
          from: formatDate(dayInstant(from), i18n.language),
          to: formatDate(dayInstant(to), i18n.language),
        });
}

export function StatusBadge({ status }: { status: ActivityPlanResponse['status'] }) {
  const { t } = useTranslation('plans');
  return (
    <Badge color={status === 'reported' ? 'green' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor
      component={Link}
      to={to}
      size="md"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44, alignSelf: 'flex-start' }}
    >
      <IconArrowLeft size={18} aria-hidden />
      {label}
    </Anchor>
  );
}

export function FiscalYearSelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('plans');
  const data = useMemo(() => {
    const years = fiscalYearChoices();
    if (!years.includes(value)) years.push(value);
    return years.map((year) => ({ value: String(year), label: t('fiscalYear', { year }) }));
  }, [t, value]);
  return (
    <Select
      label={t('fiscalYearLabel')}
      {...props}
      data={data}
      value={String(value)}
      onChange={(next) => next && onChange(Number(next))}
      allowDeselect={false}
    />
  );
}

/**
 * The fiscal year and area of a plan page, kept in the address (?fy=2570&area=<id>) so a link or a reload lands on
 * them. An area admin's area is their own (the first, when they hold several); an OBEC admin chooses any.
 */
export function usePlanScope() {
  const { hasRole } = useAuth();
  const administered = useAdministeredAreas();
  const obec = hasRole('obec_admin');
  const [params, setParams] = useSearchParams();
  const fiscalYear = fiscalYearParam(params.get('fy'));
  const requested = params.get('area');
  const areaId =
    requested && (obec || administered.includes(requested))
      ? requested
      : obec
        ? null
        : (administered[0] ?? null);
  const set = (key: 'fy' | 'area', value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return {
    obec,
    administered,
    fiscalYear,
    areaId,
    setFiscalYear: (year: number) => set('fy', String(year)),
    setArea: (id: string | null) => set('area', id),
  };
}

/** The address of a plans page with its year and area. */
export function plansLink(path: string, fiscalYear: number, areaId?: string | null): string {
  const params = new URLSearchParams({ fy: String(fiscalYear) });
  if (areaId) params.set('area', areaId);
  return `${path}?${params.toString()}`;
}
