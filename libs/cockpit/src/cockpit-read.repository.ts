import { Injectable } from '@nestjs/common';
import { CockpitReadDatabase } from './cockpit-read-db';
import { COUNTED_AS_CHANGES, type StoredMetric } from './kpis';
import { recentWindow } from './recent';
import { EPOCH, Period, segments, today } from './periods';
import { Grain, isSingle, plan, Span } from './spans';

/**
 * The cockpit's reads: only its own tables (rollups and where schools sit), through the read database. Every query
 * is an index range on one scope (or one level, or one area's schools), one metric list and a period, read in the
 * fewest rows (spans.ts): a fiscal year to date is one year row less the days after `to` (none), a stock one all-time
 * row, other ranges whole months with the days at their edges added or taken out.
 */

/** Which rows a read adds up: one scope, every scope of a level, or the schools of one area. */
export type RowSet =
  | { kind: 'scope'; scope: string; dim?: string }
  | { kind: 'level'; level: 'A' | 'P' | 'S' }
  | { kind: 'areaSchools'; areaId: string };

/** The column a read groups by besides the range and the metric. */
export type GroupBy = 'none' | 'scope' | 'key' | 'period';

export interface SumRow {
  /** The index of the range in the request. */
  r: number;
  metric: StoredMetric;
  group: string;
  value: number;
}

export interface SchoolCounts {
  total: number;
  byArea: Map<string, number>;
  byProvince: Map<string, number>;
}

/** A stored sum that only some grains keep: points outstanding (issued − redeemed) is kept in all-time rows. */
export type RankedMetric = StoredMetric | 'points_outstanding';

/** How the nation's schools are ranked: the top `limit`, largest value first, then by scope. */
export interface SchoolRanking {
  /** The stored metrics the value is made of. */
  metrics: readonly StoredMetric[];
  range: Period;
  /** The value of a school, an SQL expression over its rows' `metric` and `value`. */
  value: string;
  /**
   * When one stored sum is the ranked value itself, and the grains that keep it: the top rows are then read in the
   * order of the schools' rank index when the range is one row per school.
   */
  single?: { metric: RankedMetric; grains: readonly Grain[] };
  limit: number;
}

const SCHOOL_COUNTS_MS = 60_000;

const BASE_COLUMNS = { none: `''`, scope: 'scope', key: 'key', period: `to_char(period, 'YYYY-MM-DD')` };

const TABLES: Record<Grain, string> = {
  d: 'cockpit_daily',
  m: 'cockpit_monthly',
  y: 'cockpit_yearly',
  t: 'cockpit_total',
};

@Injectable()
export class CockpitReadRepository {
  constructor(private readonly db: CockpitReadDatabase) {}

  private where(rows: RowSet, params: unknown[]): string {
    switch (rows.kind) {
      case 'scope':
        params.push(rows.scope, rows.dim ?? '');
        return `scope = $${params.length - 1} AND dim = $${params.length}`;
      case 'level':
        // Written out, so that the partial index of the level applies.
        return `level = '${LEVELS[rows.level]}' AND dim = ''`;
      case 'areaSchools':
        // The schools' own rows, on the primary key (about 120 schools per area).
        params.push(rows.areaId);
        return `scope IN (SELECT 'S:' || school_id FROM cockpit_school WHERE area_id = $${params.length}) AND dim = ''`;
    }
  }

  /**
   * Sums of metrics over each range, grouped: each range is read as its spans (fiscal years, months, days or all
   * time, added or taken out), each span one index range, all in one statement. Grouped by period (time series), a
   * range is read as days and whole months only, so that every row falls in its own bucket.
   */
  async sums(
    rows: RowSet,
    metrics: readonly StoredMetric[],
    ranges: readonly Period[],
    groupBy: GroupBy = 'none',
    options: { daysOnly?: boolean } = {},
  ): Promise<SumRow[]> {
    if (metrics.length === 0 || ranges.length === 0) return [];
    const spans = ranges.map((range): Span[] =>
      options.daysOnly
        ? [{ grain: 'd', ...range, sign: 1 }]
        : groupBy === 'period'
          ? segments(range).map((segment) => ({ ...segment, sign: 1 }))
          : plan(range, today()),
    );
    const { sql, params } = this.union(rows, metrics, spans, groupBy);
    const result: { r: number; metric: StoredMetric; grp: string; value: string }[] = await this.db.query(
      `SELECT r, metric, grp, sum(value) AS value FROM (${sql}) x GROUP BY r, metric, grp`,
      params,
    );
    return result.map((row) => ({
      r: Number(row.r),
      metric: row.metric,
      group: row.grp,
      value: Number(row.value),
    }));
  }

  /**
   * The nation's schools with the largest values, ranked in the database (sending 29,000 schools' parts here would
   * move them all for 1,000 rows). When the value is one stored sum, the range one row per school (a fiscal year to
   * date, a month, a day, all time up to today) and nothing is to be taken out of it, the top rows are read in the
   * order of the schools' rank index: `limit` + 1 index entries whatever the number of schools. Otherwise every
   * school's rows in the range are added up and ranked.
   */
  async rankSchools(
    ranking: SchoolRanking,
  ): Promise<{ rows: { group: string; value: number | null }[]; truncated: boolean }> {
    const recent = await this.fromRecent(ranking);
    if (recent) return recent;
    const spans: Span[] = plan(ranking.range, today());
    const added = spans.filter((span) => span.sign > 0);
    const main = added.length === 1 ? added[0]! : null;
    if (ranking.single && main && isSingle(main) && ranking.single.grains.includes(main.grain)) {
      if (
        !(await this.anySchoolRows(
          ranking.metrics,
          spans.filter((span) => span !== main),
        ))
      ) {
        const params: unknown[] = [ranking.single.metric, ranking.limit + 1];
        const period = main.grain === 't' ? '' : `AND period = $${params.push(main.from)}`;
        const result: { grp: string; value: string }[] = await this.db.query(
          `SELECT scope AS grp, value FROM ${TABLES[main.grain]}
           WHERE level = 'S' AND dim = '' AND metric = $1 ${period}
           ORDER BY value DESC, scope LIMIT $2`,
          params,
        );
        return top(result, ranking.limit);
      }
    }
    const { sql, params } = this.union({ kind: 'level', level: 'S' }, ranking.metrics, [spans], 'scope');
    const result: { grp: string; value: string | null }[] = await this.db.query(
      `SELECT grp, ${ranking.value} AS value FROM (${sql}) x
       GROUP BY grp ORDER BY 2 DESC NULLS LAST, grp LIMIT $${params.push(ranking.limit + 1)}`,
      params,
    );
    return top(result, ranking.limit);
  }

  /**
   * The ranking read from the schools' last 30 days (recent.ts) when it asks for exactly that window: sums over its
   * days, or counts on its last day (a range from the first day for the counts stored as changes). Null otherwise.
   */
  private async fromRecent(
    ranking: SchoolRanking,
  ): Promise<{ rows: { group: string; value: number | null }[]; truncated: boolean } | null> {
    const changes = ranking.metrics.filter((metric) => COUNTED_AS_CHANGES.includes(metric)).length;
    if (changes !== 0 && changes !== ranking.metrics.length) return null;
    const window = await recentWindow((sql) => this.db.query(sql));
    if (!window || ranking.range.to !== window.to) return null;
    const kind = changes ? 'n' : 'w';
    if (ranking.range.from !== (kind === 'n' ? EPOCH : window.from)) return null;
    const single = ranking.single && ranking.metrics.length === 1;
    const params: unknown[] = [kind, ranking.metrics, ranking.limit + 1];
    const result: { grp: string; value: string | null }[] = await this.db.query(
      single
        ? `SELECT scope AS grp, value FROM cockpit_recent WHERE kind = $1 AND metric = ($2::text[])[1]
           ORDER BY value DESC, scope LIMIT $3`
        : `SELECT scope AS grp, ${ranking.value} AS value FROM cockpit_recent
           WHERE kind = $1 AND metric = ANY($2::text[])
           GROUP BY scope ORDER BY 2 DESC NULLS LAST, grp LIMIT $3`,
      params,
    );
    return top(result, ranking.limit);
  }

  /** Whether any school has rows of these metrics in these spans. */
  private async anySchoolRows(metrics: readonly StoredMetric[], spans: Span[]): Promise<boolean> {
    if (spans.length === 0) return false;
    const params: unknown[] = [metrics];
    const probes = spans.map((span) => {
      const period =
        span.grain === 't'
          ? ''
          : `AND period BETWEEN $${params.push(span.from)} AND $${params.push(span.to)}`;
      return `EXISTS (SELECT 1 FROM ${TABLES[span.grain]}
                      WHERE level = 'S' AND dim = '' AND metric = ANY($1::text[]) ${period})`;
    });
    const [row] = await this.db.query<{ found: boolean }>(`SELECT ${probes.join(' OR ')} AS found`, params);
    return row?.found ?? false;
  }

  /**
   * The rows of each range's spans, with their signs: each span one index range. The spans are a relation joined
   * laterally to the grains' tables rather than a UNION ALL of ranges, because PostgreSQL runs the branches of a
   * UNION ALL in parallel workers whenever its estimates allow, and starting them costs more (10–25 ms) than these
   * reads of a few hundred rows take.
   */
  private union(
    rows: RowSet,
    metrics: readonly StoredMetric[],
    ranges: readonly Span[][],
    groupBy: GroupBy,
  ): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const where = this.where(rows, params);
    const metricParam = `$${params.push(metrics)}`;
    const spans = ranges.flatMap((list, r) => list.map((span) => ({ r, ...span })));
    if (groupBy === 'period' && spans.some((span) => span.grain === 't'))
      throw new Error('all-time rows have no period');
    const list = `unnest($${params.push(spans.map((s) => s.r))}::int[], $${params.push(spans.map((s) => s.grain))}::text[],
      $${params.push(spans.map((s) => s.from))}::date[], $${params.push(spans.map((s) => s.to))}::date[],
      $${params.push(spans.map((s) => s.sign))}::int[]) AS s(r, grain, lo, hi, sign)`;
    const grains = [...new Set(spans.map((span) => span.grain))];
    const branches = grains.map(
      (grain) =>
        `SELECT metric, ${BASE_COLUMNS[groupBy]} AS grp, value FROM ${TABLES[grain]}
         WHERE s.grain = '${grain}' AND ${where} AND metric = ANY(${metricParam}::text[])
           ${grain === 't' ? '' : 'AND period BETWEEN s.lo AND s.hi'}`,
    );
    return {
      sql: `SELECT s.r, x.metric, x.grp, s.sign * x.value AS value
            FROM ${list} CROSS JOIN LATERAL (${branches.join(' UNION ALL ')}) x`,
      params,
    };
  }

  /** Where a school sits, as the cockpit knows it. */
  async school(
    schoolId: string,
  ): Promise<{ areaId: string | null; provinceCode: string; nameTh: string; nameEn: string | null } | null> {
    const rows: { areaId: string | null; provinceCode: string; nameTh: string; nameEn: string | null }[] =
      await this.db.query(
        `SELECT area_id AS "areaId", province_code AS "provinceCode", name_th AS "nameTh", name_en AS "nameEn"
         FROM cockpit_school WHERE school_id = $1`,
        [schoolId],
      );
    return rows[0] ?? null;
  }

  /** Schools with their area, province and names: of one area, or these ids. */
  async schools(filter: {
    areaId?: string;
    ids?: string[];
  }): Promise<
    { schoolId: string; areaId: string | null; provinceCode: string; nameTh: string; nameEn: string | null }[]
  > {
    const condition = filter.areaId ? 'area_id = $1' : 'school_id = ANY($1::uuid[])';
    return this.db.query(
      `SELECT school_id AS "schoolId", area_id AS "areaId", province_code AS "provinceCode", name_th AS "nameTh",
              name_en AS "nameEn"
       FROM cockpit_school WHERE ${condition}`,
      [filter.areaId ?? filter.ids ?? []],
    );
  }

  private counts: { at: number; counts: Promise<SchoolCounts> } | null = null;

  /**
   * How many schools there are per area and per province, and in all (the denominators of the share). Schools change
   * only by OBEC's imports, so the counts are kept for a minute per process rather than counted on every read.
   */
  schoolCounts(): Promise<SchoolCounts> {
    if (!this.counts || Date.now() - this.counts.at > SCHOOL_COUNTS_MS) {
      const counts = this.countSchools();
      counts.catch(() => (this.counts = null));
      this.counts = { at: Date.now(), counts };
    }
    return this.counts.counts;
  }

  private async countSchools(): Promise<SchoolCounts> {
    const rows: { area_id: string | null; province_code: string; n: string }[] = await this.db.query(
      `SELECT area_id, province_code, count(*) AS n FROM cockpit_school GROUP BY 1, 2`,
    );
    const byArea = new Map<string, number>();
    const byProvince = new Map<string, number>();
    let total = 0;
    for (const row of rows) {
      const n = Number(row.n);
      total += n;
      if (row.area_id) byArea.set(row.area_id, (byArea.get(row.area_id) ?? 0) + n);
      byProvince.set(row.province_code, (byProvince.get(row.province_code) ?? 0) + n);
    }
    return { total, byArea, byProvince };
  }

  /** When the rollups last changed (an event handled or a rebuild). */
  async asOf(): Promise<Date> {
    const rows: { updated_at: Date }[] = await this.db.query(`SELECT updated_at FROM cockpit_state`);
    return rows[0]?.updated_at ?? new Date(0);
  }
}

const LEVELS = { A: 'A', P: 'P', S: 'S' } as const;

function top(
  result: { grp: string; value: string | null }[],
  limit: number,
): { rows: { group: string; value: number | null }[]; truncated: boolean } {
  return {
    rows: result
      .slice(0, limit)
      .map((row) => ({ group: row.grp, value: row.value === null ? null : Number(row.value) })),
    truncated: result.length > limit,
  };
}
