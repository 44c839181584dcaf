/**
 * What the page needs to know of the cockpit's KPIs beyond the summary's answer (which brings each KPI's names, unit
 * and definition): the category dimensions each splits by (as libs/cockpit/src/kpis.ts), and how a value and its
 * change against the previous period are written.
 */
import type { CockpitKpiResponse } from '../../../api/generated/model';
import { formatNumber } from '../../../format/format';

export const GEO_DIMENSIONS = ['region', 'province', 'area', 'school'] as const;
export const CATEGORY_DIMENSIONS = [
  'learningArea',
  'competency',
  'technique',
  'memberKind',
  'partner',
  'perkCategory',
] as const;
export type Dimension = (typeof GEO_DIMENSIONS)[number] | (typeof CATEGORY_DIMENSIONS)[number];
export const DIMENSIONS: readonly Dimension[] = [...GEO_DIMENSIONS, ...CATEGORY_DIMENSIONS];

/** The category dimensions of each KPI (every KPI also splits by region, province, area and school). */
export const KPI_CATEGORY_DIMENSIONS: Record<string, readonly Dimension[]> = {
  members_registered: ['memberKind'],
  members_active_7d: ['memberKind'],
  members_active_30d: ['memberKind'],
  innovations_published: ['learningArea', 'competency', 'technique'],
  endorsements: ['partner'],
  al_capable_teachers: ['memberKind'],
  points_redeemed: ['partner', 'perkCategory'],
  redemptions: ['partner', 'perkCategory'],
};

export const DEFAULT_KPI = 'innovations_published';

export type ScopeKind = 'national' | 'area' | 'school';

/**
 * The dimensions a breakdown offers in a scope: the nation splits by region, province, area and school; an area by
 * its schools; a school has no places below it (its one row is offered when the KPI has no category).
 */
export function dimensionsFor(scope: ScopeKind, kpi: string): Dimension[] {
  const categories = KPI_CATEGORY_DIMENSIONS[kpi] ?? [];
  const geo: Dimension[] =
    scope === 'national'
      ? [...GEO_DIMENSIONS]
      : scope === 'area'
        ? ['school']
        : categories.length
          ? []
          : ['school'];
  return [...geo, ...categories];
}

/** The breakdown a scope opens on: the level below it, or the KPI's first category in a school. */
export function defaultDimension(scope: ScopeKind, kpi: string): Dimension {
  if (scope === 'national') return 'area';
  if (scope === 'area') return 'school';
  return dimensionsFor(scope, kpi)[0] ?? 'school';
}

export type Unit = CockpitKpiResponse['unit'];

/** A KPI's value as people read it: separators, two decimals for a score, a per cent sign for a share. */
export function formatValue(value: number | null | undefined, unit: Unit | string, language: string): string {
  if (value == null || !Number.isFinite(value)) return '–';
  if (unit === 'score')
    return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'th-TH', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(value);
  if (unit === 'percent')
    return `${new Intl.NumberFormat(language === 'en' ? 'en-US' : 'th-TH', { maximumFractionDigits: 1 }).format(value)}%`;
  return formatNumber(value, language);
}

/** Short numbers for a chart's axis: 1.2K / 1.2 พัน. */
export function formatCompact(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'th-TH', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

export type Trend =
  | { kind: 'none' } // nothing to compare with
  | { kind: 'same' }
  | { kind: 'new' } // from zero to something
  | { kind: 'up' | 'down'; relative: number | null; absolute: number };

/**
 * The change against the previous period. Counts change by a per cent of the previous value; a score and a share
 * (already a per cent) by their difference, since a per cent of a per cent misleads.
 */
export function trendOf(kpi: Pick<CockpitKpiResponse, 'value' | 'previous' | 'unit'>): Trend {
  const { value, previous, unit } = kpi;
  if (value == null || previous == null) return { kind: 'none' };
  const absolute = value - previous;
  if (Math.abs(absolute) < 1e-9) return { kind: 'same' };
  const byDifference = unit === 'score' || unit === 'percent';
  if (!byDifference && previous === 0) return { kind: 'new' };
  return {
    kind: absolute > 0 ? 'up' : 'down',
    relative: byDifference ? null : (Math.abs(absolute) / Math.abs(previous)) * 100,
    absolute: Math.abs(absolute),
  };
}

/** "12.5%" of a relative change, or the difference itself ("0.25", "2.5 pp") for scores and shares. */
export function formatChange(trend: Trend, unit: Unit | string, language: string): string {
  if (trend.kind !== 'up' && trend.kind !== 'down') return '';
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language === 'en' ? 'en-US' : 'th-TH', { maximumFractionDigits: digits }).format(
      value,
    );
  if (trend.relative != null) return `${number(trend.relative, trend.relative < 10 ? 1 : 0)}%`;
  return number(trend.absolute, unit === 'score' ? 2 : 1);
}
