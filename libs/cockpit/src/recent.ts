import { EntityManager } from 'typeorm';
import { COUNTED_AS_CHANGES } from './kpis';
import { addDays } from './periods';

/**
 * The schools' last 30 days in one row per school and metric (`cockpit_recent`, migration `CockpitRecent`), so that
 * the nation's 29,000 schools are ranked over the last 30 days by reading the top of an index, not by adding up 30
 * days of rows per school. Kind `w`: the sum of the window's days; kind `n`: for the counts stored as changes, the
 * count on the window's last day (`cockpit_state.recent_until`). Every write happens under the cockpit's lock: the
 * subscriber's batches add their facts, the roll and the rebuild recompute it from the day rows.
 */

export const RECENT_DAYS = 30;

const CHANGES = COUNTED_AS_CHANGES.map((metric) => `'${metric}'`).join(', ');

/** The window [from, until] whose rows `cockpit_recent` holds, or null before its first roll. */
export async function recentWindow(
  query: (sql: string) => Promise<{ until: string | null }[]>,
): Promise<{ from: string; to: string } | null> {
  const [row] = await query(`SELECT to_char(recent_until, 'YYYY-MM-DD') AS until FROM cockpit_state`);
  return row?.until ? { from: addDays(row.until, -(RECENT_DAYS - 1)), to: row.until } : null;
}

/**
 * Adds a batch's facts (a relation aliased f: day, school_id, metric, dim, key, value) to the window: the schools' totals on
 * its days, and the changes of the counts on or before its last day. Rows that come back to zero are removed.
 */
export async function addToRecent(manager: EntityManager, facts: string, params: unknown[]): Promise<void> {
  const zeros: { scope: string; kind: string; metric: string }[] = await manager.query(
    `WITH w AS (SELECT recent_until AS until FROM cockpit_state WHERE recent_until IS NOT NULL),
     written AS (
       INSERT INTO cockpit_recent AS t (scope, kind, metric, value)
       SELECT 'S:' || f.school_id, k.kind, f.metric, sum(f.value)::bigint
       FROM ${facts} CROSS JOIN w,
            LATERAL (SELECT CASE WHEN f.metric IN (${CHANGES}) THEN 'n' ELSE 'w' END AS kind) k
       WHERE f.school_id IS NOT NULL AND f.dim = '' AND f.metric <> 'schools_active_30d'
         AND CASE k.kind WHEN 'n' THEN f.day <= w.until ELSE f.day BETWEEN w.until - ${RECENT_DAYS - 1} AND w.until END
       GROUP BY 1, 2, 3
       HAVING sum(f.value) <> 0
       ORDER BY 1, 2, 3
       ON CONFLICT (scope, kind, metric) DO UPDATE SET value = t.value + EXCLUDED.value
       RETURNING scope, kind, metric, value
     )
     SELECT scope, kind, metric FROM written WHERE value = 0`,
    params,
  );
  if (zeros.length)
    await manager.query(
      `DELETE FROM cockpit_recent t USING unnest($1::text[], $2::text[], $3::text[]) AS z(scope, kind, metric)
       WHERE t.scope = z.scope AND t.kind = z.kind AND t.metric = z.metric AND t.value = 0`,
      [zeros.map((z) => z.scope), zeros.map((z) => z.kind), zeros.map((z) => z.metric)],
    );
}

/**
 * Recomputes the window ending on `until` from the schools' rollup rows (each count: its all-time row less its
 * changes after `until`), in the caller's transaction, which holds the cockpit's lock. Returns the rows written.
 */
export async function rollRecent(manager: EntityManager, until: string): Promise<number> {
  await manager.query(`DELETE FROM cockpit_recent`);
  const [{ n }] = await manager.query<{ n: string }[]>(
    `WITH x AS (
     INSERT INTO cockpit_recent (scope, kind, metric, value)
     SELECT scope, 'w', metric, sum(value)::bigint FROM cockpit_daily
     WHERE level = 'S' AND dim = '' AND metric NOT IN (${CHANGES})
       AND period BETWEEN $1::date - ${RECENT_DAYS - 1} AND $1::date
     GROUP BY scope, metric HAVING sum(value) <> 0
     UNION ALL
     SELECT scope, 'n', metric, sum(value)::bigint FROM (
       SELECT scope, metric, value FROM cockpit_total WHERE level = 'S' AND dim = '' AND metric IN (${CHANGES})
       UNION ALL
       SELECT scope, metric, -value FROM cockpit_daily
       WHERE level = 'S' AND dim = '' AND metric IN (${CHANGES}) AND period > $1::date
     ) c
     GROUP BY scope, metric HAVING sum(value) <> 0
     RETURNING 1)
     SELECT count(*) AS n FROM x`,
    [until],
  );
  await manager.query(`UPDATE cockpit_state SET recent_until = $1`, [until]);
  return Number(n);
}
