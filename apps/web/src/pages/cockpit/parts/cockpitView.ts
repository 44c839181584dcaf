/**
 * Everything the cockpit shows is chosen in the address, so a link reproduces the view:
 * `?scope=area:<id>&period=30d&kpi=innovations_published&dim=school&in=province:81&interval=day&sort=asc&fy=2570`.
 * The scope is limited to what the member may see (an OBEC admin: the nation and everything in it; an area admin:
 * their areas and the schools in them; a school admin: their schools); anything else falls back to the widest.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { MemberRoleResponse } from '../../../api/generated/model';
import { useAuth } from '../../../auth/AuthProvider';
import { fiscalYearParam } from '../plans/parts/fiscalYear';
import {
  DEFAULT_KPI,
  defaultDimension,
  Dimension,
  dimensionsFor,
  KPI_CATEGORY_DIMENSIONS,
  ScopeKind,
} from './kpis';
import { defaultInterval, Interval, intervalsFor, Period, resolvePeriod } from './period';

export interface Scope {
  kind: ScopeKind;
  id: string | null;
}

export interface Grants {
  national: boolean;
  areas: string[];
  schools: string[];
}

export function grantsOf(roles: readonly Pick<MemberRoleResponse, 'role' | 'scopeId'>[]): Grants {
  const ids = (role: string) =>
    roles.filter((grant) => grant.role === role && grant.scopeId).map((grant) => grant.scopeId as string);
  return {
    national: roles.some((grant) => grant.role === 'obec_admin'),
    areas: ids('area_admin'),
    schools: ids('school_admin'),
  };
}

export function scopeParam(scope: Scope): string {
  return scope.kind === 'national' ? 'national' : `${scope.kind}:${scope.id}`;
}

export function parseScope(value: string | null): Scope | null {
  if (value === 'national') return { kind: 'national', id: null };
  const match = /^(area|school):([\w-]{1,60})$/.exec(value ?? '');
  return match ? { kind: match[1] as 'area' | 'school', id: match[2]! } : null;
}

/** The widest scope a member administers (as the API's default), or null when none. */
export function defaultScope(grants: Grants): Scope | null {
  if (grants.national) return { kind: 'national', id: null };
  if (grants.areas[0]) return { kind: 'area', id: grants.areas[0] };
  if (grants.schools[0]) return { kind: 'school', id: grants.schools[0] };
  return null;
}

/**
 * Whether the page may ask for a scope. A school of an area admin's area cannot be told from its id here: the API
 * decides (403), and the page says so.
 */
export function mayView(scope: Scope, grants: Grants): boolean {
  if (grants.national) return true;
  if (scope.kind === 'national') return false;
  if (scope.kind === 'area') return grants.areas.includes(scope.id!);
  return grants.schools.includes(scope.id!) || grants.areas.length > 0;
}

export type Sort = 'desc' | 'asc' | 'name';

/** A narrowing of a national breakdown after a drill-down: the provinces of a region, the areas of a province. */
export interface Within {
  kind: 'region' | 'province';
  key: string;
}

export interface CockpitView {
  grants: Grants;
  scope: Scope | null;
  period: Period;
  kpi: string;
  dimension: Dimension;
  within: Within | null;
  interval: Interval;
  sort: Sort;
  fiscalYear: number;
}

const KNOWN_KPIS = new Set([
  ...Object.keys(KPI_CATEGORY_DIMENSIONS),
  'ratings',
  'comments',
  'adoptions',
  'avg_quality',
  'points_issued',
  'points_outstanding',
  'schools_with_active_member_share',
]);

/** The view an address means for a member (pure: the tests read it directly). */
export function readView(params: URLSearchParams, grants: Grants, now: Date = new Date()): CockpitView {
  const requested = parseScope(params.get('scope'));
  const scope = requested && mayView(requested, grants) ? requested : defaultScope(grants);
  const period = resolvePeriod(params.get('period'), params.get('from'), params.get('to'), now);
  const kpi = KNOWN_KPIS.has(params.get('kpi') ?? '') ? params.get('kpi')! : DEFAULT_KPI;
  const kind = scope?.kind ?? 'national';
  const dimensions = dimensionsFor(kind, kpi);
  const asked = params.get('dim') as Dimension | null;
  const dimension = asked && dimensions.includes(asked) ? asked : defaultDimension(kind, kpi);
  const inMatch = /^(region|province):([\w-]{1,40})$/.exec(params.get('in') ?? '');
  const within: Within | null =
    inMatch &&
    kind === 'national' &&
    ((inMatch[1] === 'region' && dimension === 'province') ||
      (inMatch[1] === 'province' && dimension === 'area'))
      ? { kind: inMatch[1] as Within['kind'], key: inMatch[2]! }
      : null;
  const intervals = intervalsFor(period);
  const askedInterval = params.get('interval') as Interval | null;
  const interval =
    askedInterval && intervals.includes(askedInterval) ? askedInterval : defaultInterval(period);
  const sort = (['desc', 'asc', 'name'] as const).find((value) => value === params.get('sort')) ?? 'desc';
  return {
    grants,
    scope,
    period,
    kpi,
    dimension,
    within,
    interval,
    sort,
    fiscalYear: fiscalYearParam(params.get('fy')),
  };
}

type Changes = Record<string, string | null>;

/** The address after some changes (null removes a key). */
export function withChanges(params: URLSearchParams, changes: Changes): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/** The cockpit's view from the address, and the changes a person makes to it (each written back to the address). */
export function useCockpitView() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const grants = useMemo(() => grantsOf(me?.roles ?? []), [me]);
  const view = useMemo(() => readView(params, grants), [params, grants]);
  // A new scope is a new history entry (Back goes up a level); the other choices replace the current one.
  const change = useCallback(
    (changes: Changes, push = false) =>
      setParams((previous) => withChanges(previous, changes), { replace: !push }),
    [setParams],
  );
  return {
    view,
    setScope: (scope: Scope) => change({ scope: scopeParam(scope), dim: null, in: null }, true),
    setPeriod: (preset: string, from?: string, to?: string) =>
      change({ period: preset, from: from ?? null, to: to ?? null, interval: null }),
    setKpi: (kpi: string) => change({ kpi }),
    setDimension: (dimension: Dimension) => change({ dim: dimension, in: null }),
    /** A drill-down inside the nation's breakdown: the provinces of a region, the areas of a province. */
    drillWithin: (dimension: Dimension, within: Within | null) =>
      change({ dim: dimension, in: within ? `${within.kind}:${within.key}` : null }, true),
    setInterval: (interval: Interval) => change({ interval }),
    setSort: (sort: Sort) => change({ sort: sort === 'desc' ? null : sort }),
    setFiscalYear: (year: number) => change({ fy: String(year) }),
  };
}
