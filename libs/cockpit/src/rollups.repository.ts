import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredMetric } from './kpis';
import { addToRecent } from './recent';

/** One change of a stored metric on a Bangkok day at a school (null: a member without a school). */
export interface Fact {
  day: string;
  schoolId: string | null;
  metric: StoredMetric;
  dim: string;
  key: string;
  value: number;
}

/** Facts added up by their full key, so one statement never touches a row twice. */
export class FactList {
  private readonly facts = new Map<string, Fact>();

  add(day: string, schoolId: string | null, metric: StoredMetric, value: number, dim = '', key = ''): void {
    if (value === 0) return;
    const id = `${day}|${schoolId ?? ''}|${metric}|${dim}|${key}`;
    const known = this.facts.get(id);
    if (known) known.value += value;
    else this.facts.set(id, { day, schoolId, metric, dim, key, value });
  }

  /** The total and each key of a dimension (one innovation counts under each of its learning areas). */
  addWithKeys(
    day: string,
    schoolId: string | null,
    metric: StoredMetric,
    value: number,
    dims: Record<string, readonly string[]>,
  ): void {
    this.add(day, schoolId, metric, value);
    for (const [dim, keys] of Object.entries(dims))
      for (const key of new Set(keys)) this.add(day, schoolId, metric, value, dim, key);
  }

  list(): Fact[] {
    return [...this.facts.values()].filter((fact) => fact.value !== 0);
  }
}

/**
 * The one definition of where a fact lands, shared by the subscriber and the rebuild so the two cannot disagree:
 * every fact goes to the nation, and, when it has a school, to that school, its area and its province. Category
 * dimensions are kept for the nation, areas and schools; provinces hold totals only. A school's count of schools with
 * an active member is not kept (it is the school's own active count). Every metric adds up over days (the active
 * counts are stored as their changes), so every fact is in the month rows too. `source` is a relation of (day, school_id, metric, dim, key, value).
 */
export function expansionSql(source: string, grain: 'daily' | 'monthly'): string {
  const period = grain === 'daily' ? 'f.day' : `date_trunc('month', f.day)::date`;
  return `
    SELECT s.scope, s.level, s.area_id, f.metric, f.dim, f.key, ${period} AS period, sum(f.value)::bigint AS value
    FROM ${source} f
    LEFT JOIN cockpit_school cs ON cs.school_id = f.school_id
    CROSS JOIN LATERAL (VALUES
      ('N', 'N', NULL::uuid),
      ('P', 'P:' || cs.province_code, NULL::uuid),
      ('A', 'A:' || cs.area_id, NULL::uuid),
      ('S', 'S:' || f.school_id, cs.area_id)
    ) AS s(level, scope, area_id)
    WHERE s.scope IS NOT NULL
      AND (s.level <> 'P' OR f.dim = '')
      AND NOT (s.level = 'S' AND f.metric = 'schools_active_30d')
    GROUP BY s.scope, s.level, s.area_id, f.metric, f.dim, f.key, ${period}
    HAVING sum(f.value) <> 0`;
}

const FACTS_PARAM = `unnest($1::date[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[])
  AS f(day, school_id, metric, dim, key, value)`;

@Injectable()
export class RollupsRepository {
  /**
   * Adds facts to the day and month rows in one statement each, in key order (so concurrent writers would lock
   * rows in the same order), and removes rows that came back to zero: a rebuild writes no zero rows either.
   */
  async apply(manager: EntityManager, facts: Fact[]): Promise<void> {
    if (facts.length === 0) return;
    const params = [
      facts.map((f) => f.day),
      facts.map((f) => f.schoolId),
      facts.map((f) => f.metric),
      facts.map((f) => f.dim),
      facts.map((f) => f.key),
      facts.map((f) => f.value),
    ];
    for (const table of ['cockpit_daily', 'cockpit_monthly'] as const) {
      const grain = table === 'cockpit_daily' ? 'daily' : 'monthly';
      // Only the rows that came back to zero are answered: a batch may write thousands of rows, and none of the
      // others need to travel back.
      const zeros: { scope: string; metric: string; dim: string; period: string; key: string }[] =
        await manager.query(
          `WITH written AS (
             INSERT INTO ${table} AS t (scope, level, area_id, metric, dim, key, period, value)
             SELECT * FROM (${expansionSql(`(SELECT * FROM ${FACTS_PARAM})`, grain)}) x
             ORDER BY scope, metric, dim, period, key
             ON CONFLICT (scope, metric, dim, period, key) DO UPDATE SET value = t.value + EXCLUDED.value
             RETURNING scope, metric, dim, period, key, value
           )
           SELECT scope, metric, dim, to_char(period, 'YYYY-MM-DD') AS period, key FROM written WHERE value = 0`,
          params,
        );
      if (zeros.length)
        await manager.query(
          `DELETE FROM ${table} t USING unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[])
             AS z(scope, metric, dim, period, key)
           WHERE t.scope = z.scope AND t.metric = z.metric AND t.dim = z.dim AND t.period = z.period
             AND t.key = z.key AND t.value = 0`,
          [
            zeros.map((z) => z.scope),
            zeros.map((z) => z.metric),
            zeros.map((z) => z.dim),
            zeros.map((z) => z.period),
            zeros.map((z) => z.key),
          ],
        );
    }
    // The schools' last 30 days, for ranking them over that window (recent.ts).
    await addToRecent(manager, FACTS_PARAM, params);
  }

  /**
   * The days, of those asked, on which each school already had an active member (30 days) before this batch. The
   * count on a day is the sum of the school's changes up to it: its all-time row less the changes after the day.
   */
  async schoolsActiveOn(
    manager: EntityManager,
    asked: Map<string, Set<string>>,
  ): Promise<Map<string, Set<string>>> {
    const active = new Map<string, Set<string>>();
    if (asked.size === 0) return active;
    const schools = [...asked.keys()];
    const firsts = schools.map((id) => [...asked.get(id)!].sort()[0]!);
    const rows: { school_id: string; total: string; day: string | null; value: string | null }[] =
      await manager.query(
        `SELECT p.school_id, coalesce(t.value, 0) AS total, to_char(d.period, 'YYYY-MM-DD') AS day, d.value
         FROM unnest($1::uuid[], $2::date[]) AS p(school_id, first)
         LEFT JOIN cockpit_total t ON t.scope = 'S:' || p.school_id AND t.metric = 'members_active_30d'
          AND t.dim = '' AND t.key = ''
         LEFT JOIN cockpit_daily d ON d.scope = 'S:' || p.school_id AND d.metric = 'members_active_30d'
          AND d.dim = '' AND d.key = '' AND d.period > p.first
         ORDER BY p.school_id, d.period`,
        [schools, firsts],
      );
    const changes = new Map<string, { total: number; after: { day: string; value: number }[] }>();
    for (const row of rows) {
      const school = changes.get(row.school_id) ?? { total: Number(row.total), after: [] };
      if (row.day !== null) school.after.push({ day: row.day, value: Number(row.value) });
      changes.set(row.school_id, school);
    }
    for (const [schoolId, days] of asked) {
      const school = changes.get(schoolId);
      if (!school) continue;
      const set = new Set<string>();
      for (const day of days) {
        const count = school.total - school.after.reduce((sum, c) => (c.day > day ? sum + c.value : sum), 0);
        if (count > 0) set.add(day);
      }
      active.set(schoolId, set);
    }
    return active;
  }

  async touch(manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE cockpit_state SET updated_at = now()`);
  }
}
