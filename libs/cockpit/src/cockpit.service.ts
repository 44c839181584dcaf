import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError } from '@lc/core';
import { CockpitErrors } from './cockpit-errors';
import { Actor, OrganisationsService } from '@lc/identity';
import { CockpitLabels } from './cockpit-labels';
import { CockpitReadRepository, RowSet, SchoolRanking } from './cockpit-read.repository';
import { authorise, CockpitScope, defaultScope, parseScope, scopeKey, scopeText } from './cockpit-scope';
import {
  Bilingual,
  CategoryDimension,
  DIMENSIONS,
  Dimension,
  GEO_DIMENSIONS,
  Kpi,
  KPIS,
  kpiOf,
  StoredMetric,
  storedMetricsOf,
} from './kpis';
import { PARTICIPANTS_PER_AREA } from './plans';
import {
  addDays,
  buckets,
  EPOCH,
  fiscalYearPeriod,
  fiscalYearStartOf,
  Interval,
  INTERVALS,
  Period,
  previousPeriod,
  resolvePeriod,
  today,
} from './periods';

/** Breakdowns by school over the whole nation keep the top rows only (29,000 schools are not a table to read). */
export const NATIONAL_SCHOOL_ROWS = 1000;

/**
 * Target and actual participants of the area activity plans, per area, for indicator 18: provided by the activity
 * plans (ActivityPlansService), bound to this token by CockpitModule.
 */
export const ACTIVITY_PARTICIPANTS = Symbol('ACTIVITY_PARTICIPANTS');
export interface ActivityParticipants {
  participantsByArea(
    scope: CockpitScope,
    fiscalYear: number,
  ): Promise<Map<string, { target: number; actual: number }>>;
}

export interface KpiValue extends Bilingual {
  code: string;
  unit: Kpi['unit'];
  value: number | null;
  previous: number | null;
  definition: Bilingual;
}

export interface CockpitSummary {
  asOf: string;
  scope: string;
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  kpis: KpiValue[];
}

export interface BreakdownRow extends Bilingual {
  key: string;
  value: number | null;
}

export interface CockpitBreakdown {
  scope: string;
  dimension: Dimension;
  metric: string;
  from: string;
  to: string;
  truncated: boolean;
  rows: BreakdownRow[];
}

export interface CockpitTimeseries {
  scope: string;
  metric: string;
  interval: Interval;
  from: string;
  to: string;
  points: { t: string; value: number | null; fiscalYear?: number }[];
}

export interface Indicator18Row extends Bilingual {
  areaId: string;
  code: string;
  targetParticipants: number;
  actualParticipants: number;
  alCapableTeachers: number;
  alCapableTeachersNew: number;
  below500: boolean;
}

/** What a KPI's value is made of in one group: its stored metrics' sums and, for the share, the schools counted. */
type Parts = { metrics: Map<StoredMetric, number>; schools: number };

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * The reads that add up from the first day to the end of the period: stocks, points outstanding, and the counts on a
 * day (active members, schools with one), which are stored as their changes.
 */
const RUNNING_READS: Kpi['read']['kind'][] = ['stock', 'outstanding', 'point', 'share'];
const runsFromStart = (kpi: Kpi) => RUNNING_READS.includes(kpi.read.kind);

/** Thai order of names (one collator: localeCompare(…, 'th') makes one per call). */
const THAI = new Intl.Collator('th');

/** The stored metrics a KPI needs; at school level the share reads the school's own active members instead. */
function metricsFor(kpi: Kpi, schoolLevel: boolean): StoredMetric[] {
  return kpi.read.kind === 'share' && schoolLevel ? ['members_active_30d'] : storedMetricsOf(kpi);
}

function valueOf(kpi: Kpi, parts: Parts | undefined): number | null {
  const get = (metric: StoredMetric) => parts?.metrics.get(metric) ?? 0;
  switch (kpi.read.kind) {
    case 'flow':
    case 'stock':
    case 'point':
      return get(kpi.read.metric);
    case 'average':
      return get('ratings') > 0 ? round(get('rating_sum') / get('ratings'), 2) : null;
    case 'outstanding':
      return get('points_issued') - get('points_redeemed');
    case 'share':
      return parts && parts.schools > 0 ? round((100 * get('schools_active_30d')) / parts.schools, 1) : null;
  }
}

/** Adds one group's parts into another's (areas into a region, schools into a province). */
function merge(into: Parts | undefined, parts: Parts): Parts {
  const result: Parts = {
    metrics: new Map(into?.metrics ?? []),
    schools: (into?.schools ?? 0) + parts.schools,
  };
  for (const [metric, value] of parts.metrics)
    result.metrics.set(metric, (result.metrics.get(metric) ?? 0) + value);
  return result;
}

/**
 * The cockpit's reads. Each takes a CockpitScope (made by `authorise`), validates its input into 400s with codes, and
 * reads only the rollups, through the read database (a replica when DATABASE_READ_URL is set).
 */
@Injectable()
export class CockpitService {
  constructor(
    private readonly reader: CockpitReadRepository,
    private readonly labels: CockpitLabels,
    private readonly organisations: OrganisationsService,
    @Optional() @Inject(ACTIVITY_PARTICIPANTS) private readonly participants?: ActivityParticipants,
  ) {}

  /** The scope asked for (`national`, `area:<id>`, `school:<id>`, or by default the widest the actor holds), if allowed. */
  async authorise(actor: Actor, requested?: string): Promise<CockpitScope> {
    return authorise(actor, requested ? parseScope(requested) : defaultScope(actor), {
      areaExists: (areaId) => this.labels.areaExists(areaId),
      school: async (schoolId) => {
        const known = await this.reader.school(schoolId);
        if (known) return { areaId: known.areaId };
        const school = await this.organisations.school(schoolId).catch(() => null);
        return school ? { areaId: school.areaId } : null;
      },
    });
  }

  async summary(scope: CockpitScope, range: { from?: string; to?: string }): Promise<CockpitSummary> {
    const period = resolvePeriod(range.from, range.to);
    const previous = previousPeriod(period);
    const schoolLevel = scope.kind === 'school';
    const groups = await this.evaluate(
      { kind: 'scope', scope: scopeKey(scope) },
      KPIS,
      [period, previous],
      'none',
      schoolLevel,
    );
    const schools = schoolLevel ? 1 : await this.schoolsIn(scope, KPIS);
    const valueAt = (kpi: Kpi, index: number) => {
      const parts = groups.get(kpi.code)?.get('')?.[index];
      return valueOf(kpi, this.withSchools(parts, schoolLevel ? undefined : schools, schoolLevel));
    };
    return {
      asOf: (await this.reader.asOf()).toISOString(),
      scope: scopeText(scope),
      from: period.from,
      to: period.to,
      previousFrom: previous.from,
      previousTo: previous.to,
      kpis: KPIS.map((kpi) => ({
        code: kpi.code,
        th: kpi.th,
        en: kpi.en,
        unit: kpi.unit,
        value: valueAt(kpi, 0),
        previous: valueAt(kpi, 1),
        definition: kpi.definition,
      })),
    };
  }

  async breakdown(
    scope: CockpitScope,
    query: { dimension: string; metric: string; from?: string; to?: string },
  ): Promise<CockpitBreakdown> {
    const kpi = this.kpi(query.metric);
    if (!(DIMENSIONS as readonly string[]).includes(query.dimension))
      throw new DomainError(CockpitErrors.COCKPIT_DIMENSION_UNKNOWN, query.dimension.slice(0, 40));
    const dimension = query.dimension as Dimension;
    const geo = (GEO_DIMENSIONS as readonly string[]).includes(dimension);
    if (!geo && !kpi.dimensions.includes(dimension as CategoryDimension))
      throw new DomainError(CockpitErrors.COCKPIT_DIMENSION_NOT_APPLICABLE, `${kpi.code} by ${dimension}`);
    const period = resolvePeriod(query.from, query.to);
    const { rows, truncated } = geo
      ? await this.geoRows(scope, kpi, dimension as (typeof GEO_DIMENSIONS)[number], period)
      : {
          rows: await this.categoryRows(scope, kpi, dimension as CategoryDimension, period),
          truncated: false,
        };
    rows.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || THAI.compare(a.th, b.th));
    return {
      scope: scopeText(scope),
      dimension,
      metric: kpi.code,
      from: period.from,
      to: period.to,
      truncated,
      rows: truncated ? rows.slice(0, NATIONAL_SCHOOL_ROWS) : rows,
    };
  }

  async timeseries(
    scope: CockpitScope,
    query: { metric: string; interval: string; from?: string; to?: string },
  ): Promise<CockpitTimeseries> {
    const kpi = this.kpi(query.metric);
    if (!(INTERVALS as readonly string[]).includes(query.interval))
      throw new DomainError(CockpitErrors.COCKPIT_INTERVAL_UNKNOWN, query.interval.slice(0, 40));
    const interval = query.interval as Interval;
    const period = resolvePeriod(query.from, query.to);
    const cuts = buckets(interval, period);
    const schoolLevel = scope.kind === 'school';
    const rows: RowSet = { kind: 'scope', scope: scopeKey(scope) };
    const metrics = metricsFor(kpi, schoolLevel);
    const bucketOf = (day: string) => cuts.findIndex((cut) => cut.from <= day && day <= cut.to);
    const perBucket: Parts[] = cuts.map(() => ({ metrics: new Map(), schools: 0 }));
    const add = (index: number, metric: StoredMetric, value: number) => {
      if (index < 0) return;
      const parts = perBucket[index]!;
      parts.metrics.set(metric, (parts.metrics.get(metric) ?? 0) + value);
    };

    const daysOnly = interval === 'day' || interval === 'week';
    for (const row of await this.reader.sums(rows, metrics, [period], 'period', { daysOnly }))
      add(bucketOf(row.group), row.metric, row.value);
    if (runsFromStart(kpi)) {
      // What existed before the range (for a count on a day, the count the day before), then each bucket adds to it.
      const base = new Map<StoredMetric, number>();
      if (period.from > EPOCH)
        for (const row of await this.reader.sums(rows, metrics, [
          { from: EPOCH, to: addDays(period.from, -1) },
        ]))
          base.set(row.metric, row.value);
      for (const parts of perBucket)
        for (const metric of metrics) {
          const running = (base.get(metric) ?? 0) + (parts.metrics.get(metric) ?? 0);
          parts.metrics.set(metric, running);
          base.set(metric, running);
        }
    }
    const schools = schoolLevel ? undefined : await this.schoolsIn(scope, [kpi]);
    return {
      scope: scopeText(scope),
      metric: kpi.code,
      interval,
      from: period.from,
      to: period.to,
      points: cuts.map((cut, index) => ({
        t: cut.t,
        value: valueOf(kpi, this.withSchools(perBucket[index], schools, schoolLevel)),
        ...(cut.fiscalYear !== undefined ? { fiscalYear: cut.fiscalYear } : {}),
      })),
    };
  }

  /**
   * Indicator 18 per area of the scope for a fiscal year: the activity plans' target and actual participants, and the
   * teachers able to run Active Learning at the end of the year (or today, during it); areas under 500 actual
   * participants are flagged.
   */
  async indicator18(
    scope: CockpitScope,
    fiscalYear?: string,
  ): Promise<{ fiscalYear: number } & Bilingual & { rows: Indicator18Row[] }> {
    const year =
      fiscalYear === undefined
        ? fiscalYearStartOf(today()).year
        : /^\d{4}$/.test(fiscalYear)
          ? Number(fiscalYear)
          : Number.NaN;
    const fy = fiscalYearPeriod(year);
    const until = fy.to < today() ? fy.to : today() < fy.from ? fy.from : today();
    const areas = await this.labels.areas();
    const areaIds =
      scope.kind === 'national'
        ? [...areas.keys()]
        : scope.kind === 'area'
          ? [scope.areaId]
          : scope.areaId
            ? [scope.areaId]
            : [];
    const rows: RowSet =
      scope.kind === 'national' ? { kind: 'level', level: 'A' } : { kind: 'scope', scope: scopeKey(scope) };
    const counts = await this.reader.sums(
      rows,
      ['al_capable_teachers'],
      [
        { from: EPOCH, to: until },
        { from: fy.from, to: until },
      ],
      scope.kind === 'national' ? 'scope' : 'none',
    );
    const countOf = (areaId: string, r: number) =>
      counts.find((row) => row.r === r && (scope.kind === 'national' ? row.group === `A:${areaId}` : true))
        ?.value ?? 0;
    const participants = (await this.participants?.participantsByArea(scope, year)) ?? new Map();
    return {
      fiscalYear: year,
      th: fy.th,
      en: fy.en,
      rows: areaIds
        .map((areaId) => {
          const label = areas.get(areaId) ?? { th: areaId, en: areaId, code: '' };
          const planned = participants.get(areaId) ?? { target: 0, actual: 0 };
          return {
            areaId,
            code: label.code,
            th: label.th,
            en: label.en,
            targetParticipants: planned.target,
            actualParticipants: planned.actual,
            alCapableTeachers: countOf(areaId, 0),
            alCapableTeachersNew: countOf(areaId, 1),
            below500: planned.actual < PARTICIPANTS_PER_AREA,
          };
        })
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  private kpi(code: string): Kpi {
    const kpi = kpiOf(code);
    if (!kpi) throw new DomainError(CockpitErrors.COCKPIT_METRIC_UNKNOWN, code.slice(0, 60));
    return kpi;
  }

  /**
   * The parts of each KPI per group and period, in at most two statements: sums over the periods (flows, averages),
   * and sums from the first day to each period's end (stocks, and the counts on a day, stored as their changes).
   */
  private async evaluate(
    rows: RowSet,
    kpis: readonly Kpi[],
    periods: Period[],
    groupBy: 'none' | 'scope' | 'key',
    schoolLevel: boolean,
  ): Promise<Map<string, Map<string, Parts[]>>> {
    const byRead = (kinds: Kpi['read']['kind'][]) => [
      ...new Set(
        kpis.filter((kpi) => kinds.includes(kpi.read.kind)).flatMap((k) => metricsFor(k, schoolLevel)),
      ),
    ];
    const flows = byRead(['flow', 'average']);
    const stocks = byRead(RUNNING_READS);
    const [flowRows, stockRows] = await Promise.all([
      this.reader.sums(rows, flows, periods, groupBy),
      this.reader.sums(
        rows,
        stocks,
        periods.map((p) => ({ from: EPOCH, to: p.to })),
        groupBy,
      ),
    ]);
    // Stored values by (kind of read, metric, group, period index).
    const stored = new Map<string, number>();
    for (const row of flowRows) stored.set(`f|${row.metric}|${row.group}|${row.r}`, row.value);
    for (const row of stockRows) stored.set(`s|${row.metric}|${row.group}|${row.r}`, row.value);
    const groups = new Set([...flowRows, ...stockRows].map((row) => row.group));
    if (groupBy === 'none') groups.add('');
    const result = new Map<string, Map<string, Parts[]>>();
    for (const kpi of kpis) {
      const read = kpi.read.kind;
      const prefix = read === 'flow' || read === 'average' ? 'f' : 's';
      const perGroup = new Map<string, Parts[]>();
      for (const group of groups) {
        perGroup.set(
          group,
          periods.map((_, r) => {
            const metrics = new Map<StoredMetric, number>();
            for (const metric of metricsFor(kpi, schoolLevel))
              metrics.set(metric, stored.get(`${prefix}|${metric}|${group}|${r}`) ?? 0);
            return { metrics, schools: 0 };
          }),
        );
      }
      result.set(kpi.code, perGroup);
    }
    return result;
  }

  /**
   * Parts ready for the value: schools counted for the share. A school's own parts say whether it had an active
   * member (1 of 1 school) so that schools add up into provinces and regions like areas do.
   */
  private withSchools(parts: Parts | undefined, schools: number | undefined, schoolLevel: boolean): Parts {
    const metrics = new Map(parts?.metrics ?? []);
    if (schoolLevel) {
      metrics.set('schools_active_30d', (metrics.get('members_active_30d') ?? 0) > 0 ? 1 : 0);
      return { metrics, schools: 1 };
    }
    return { metrics, schools: schools ?? 0 };
  }

  /** The schools of the scope, when a share among these KPIs needs them. */
  private async schoolsIn(scope: CockpitScope, kpis: readonly Kpi[]): Promise<number> {
    if (scope.kind === 'school') return 1;
    if (!kpis.some((kpi) => kpi.read.kind === 'share')) return 0;
    const counts = await this.reader.schoolCounts();
    return scope.kind === 'national' ? counts.total : (counts.byArea.get(scope.areaId) ?? 0);
  }

  /** Rows of a geographic dimension: stored levels for the nation, the area's schools otherwise. */
  private async geoRows(
    scope: CockpitScope,
    kpi: Kpi,
    dimension: (typeof GEO_DIMENSIONS)[number],
    period: Period,
  ): Promise<{ rows: BreakdownRow[]; truncated: boolean }> {
    const provinces = this.labels.provinces();
    const regions = this.labels.regions();
    const areas = await this.labels.areas();
    const keyed = new Map<string, Parts>();
    const labels = new Map<string, Bilingual>();

    if (scope.kind === 'national' && dimension === 'school') return this.nationalSchools(kpi, period);
    if (scope.kind === 'national') {
      const level = dimension === 'area' ? 'A' : 'P';
      const counts = await this.reader.schoolCounts();
      const groups = (await this.evaluate({ kind: 'level', level }, [kpi], [period], 'scope', false)).get(
        kpi.code,
      )!;
      for (const [group, [parts]] of groups) {
        const id = group.slice(2);
        const schools = level === 'A' ? counts.byArea.get(id) : counts.byProvince.get(id);
        const key = dimension === 'region' ? (provinces.get(id)?.region ?? 'central') : id;
        keyed.set(key, merge(keyed.get(key), this.withSchools(parts, schools, false)));
      }
      // Provinces or areas without a row still have schools: they count in the share's denominator.
      if (kpi.read.kind === 'share') {
        const source = level === 'A' ? counts.byArea : counts.byProvince;
        for (const [id, schools] of source) {
          if (groups.has(`${level}:${id}`)) continue;
          const key = dimension === 'region' ? (provinces.get(id)?.region ?? 'central') : id;
          keyed.set(key, merge(keyed.get(key), { metrics: new Map(), schools }));
        }
      }
      const universe = dimension === 'area' ? areas : dimension === 'province' ? provinces : regions;
      for (const [key, label] of universe) labels.set(key, { th: label.th, en: label.en });
    } else {
      // School rows: the schools of the area, or the one school.
      const rows: RowSet =
        scope.kind === 'area'
          ? { kind: 'areaSchools', areaId: scope.areaId }
          : { kind: 'scope', scope: scopeKey(scope) };
      const groups = (
        await this.evaluate(rows, [kpi], [period], scope.kind === 'school' ? 'none' : 'scope', true)
      ).get(kpi.code)!;
      const perSchool = new Map<string, Parts>();
      for (const [group, [parts]] of groups) {
        const schoolId = scope.kind === 'school' ? scope.schoolId : group.slice(2);
        perSchool.set(schoolId, this.withSchools(parts, 1, true));
      }
      const schools =
        scope.kind === 'area'
          ? await this.reader.schools({ areaId: scope.areaId })
          : await this.reader.schools({ ids: [...perSchool.keys()] });
      for (const school of schools) {
        const parts = perSchool.get(school.schoolId) ?? this.withSchools(undefined, 1, true);
        const province = provinces.get(school.provinceCode);
        const key =
          dimension === 'school'
            ? school.schoolId
            : dimension === 'area'
              ? (school.areaId ?? '')
              : dimension === 'province'
                ? school.provinceCode
                : (province?.region ?? 'central');
        if (!key) continue;
        keyed.set(key, merge(keyed.get(key), parts));
        const label =
          dimension === 'school'
            ? { th: school.nameTh, en: school.nameEn ?? school.nameTh }
            : dimension === 'area'
              ? areas.get(key)
              : dimension === 'province'
                ? province
                : regions.get(key);
        labels.set(key, { th: label?.th ?? key, en: label?.en ?? key });
      }
    }
    return {
      rows: [...labels.keys()].map((key) => ({
        key,
        th: labels.get(key)?.th ?? key,
        en: labels.get(key)?.en ?? key,
        value: valueOf(kpi, keyed.get(key) ?? this.emptyParts(kpi, scope)),
      })),
      truncated: false,
    };
  }

  /**
   * The nation's schools, ranked in the database; the top NATIONAL_SCHOOL_ROWS with their names. Sums, stocks, points
   * outstanding and point-in-time counts are ranked by one stored value, read in index order; the schools with an
   * active member (each 100 %) are ranked by their active members, so the most active come first.
   */
  private async nationalSchools(
    kpi: Kpi,
    period: Period,
  ): Promise<{ rows: BreakdownRow[]; truncated: boolean }> {
    const read = kpi.read.kind;
    const range = runsFromStart(kpi) ? { from: EPOCH, to: period.to } : period;
    const sum = (metric: StoredMetric) => `sum(value) FILTER (WHERE metric = '${metric}')`;
    const value =
      read === 'average'
        ? `round(${sum('rating_sum')}::numeric / nullif(${sum('ratings')}, 0), 2)`
        : read === 'outstanding'
          ? `coalesce(${sum('points_issued')}, 0) - coalesce(${sum('points_redeemed')}, 0)`
          : 'sum(value)';
    const metrics = metricsFor(kpi, true);
    const single: SchoolRanking['single'] =
      read === 'average'
        ? undefined
        : read === 'outstanding'
          ? { metric: 'points_outstanding', grains: ['t'] }
          : { metric: metrics[0]!, grains: ['d', 'm', 'y', 't'] };
    const ranked = await this.reader.rankSchools({
      metrics,
      range,
      value,
      single,
      limit: NATIONAL_SCHOOL_ROWS,
    });
    const names = new Map(
      (await this.reader.schools({ ids: ranked.rows.map((row) => row.group.slice(2)) })).map((school) => [
        school.schoolId,
        { th: school.nameTh, en: school.nameEn ?? school.nameTh },
      ]),
    );
    return {
      rows: ranked.rows.map((row) => {
        const key = row.group.slice(2);
        const shown = read === 'share' ? ((row.value ?? 0) > 0 ? 100 : 0) : row.value;
        return { key, th: names.get(key)?.th ?? key, en: names.get(key)?.en ?? key, value: shown };
      }),
      truncated: ranked.truncated,
    };
  }

  /** A group with no rows: zero, except a share, which has no schools to be a share of. */
  private emptyParts(kpi: Kpi, scope: CockpitScope): Parts | undefined {
    return kpi.read.kind === 'share' && scope.kind === 'national'
      ? undefined
      : { metrics: new Map(), schools: 0 };
  }

  /** Rows of a category dimension (learning area, member kind, partner, …) within the scope. */
  private async categoryRows(
    scope: CockpitScope,
    kpi: Kpi,
    dimension: CategoryDimension,
    period: Period,
  ): Promise<BreakdownRow[]> {
    const groups = (
      await this.evaluate(
        { kind: 'scope', scope: scopeKey(scope), dim: dimension },
        [kpi],
        [period],
        'key',
        false,
      )
    ).get(kpi.code)!;
    const labels = this.labels.categoryKeys(dimension);
    if (dimension === 'partner')
      for (const [id, names] of await this.labels.partnerNames([...groups.keys()])) labels.set(id, names);
    const keys = new Set([...labels.keys(), ...[...groups.keys()].filter((key) => key !== '')]);
    return [...keys].map((key) => ({
      key,
      th: labels.get(key)?.th ?? key,
      en: labels.get(key)?.en ?? key,
      value: valueOf(kpi, groups.get(key)?.[0]),
    }));
  }
}
