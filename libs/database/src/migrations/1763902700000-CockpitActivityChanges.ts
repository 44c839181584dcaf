import { MigrationInterface, QueryRunner } from 'typeorm';

/** The counts of distinct members (and schools) active in a window ending on a day. */
const RUNNING = `'members_active_7d', 'members_active_30d', 'schools_active_30d'`;

/**
 * Active members as changes (docs/COCKPIT.md, "distinct people"). Until now a member active on a day made a day row on
 * each of the next 7 or 30 days at their school, area, province and the nation, with and without their kind: 57 % of
 * the day rows at national scale, and the reason the rollups of the full data set would not fit on the disk. Now the
 * rows hold the changes of the count: +1 on the day a member's window opens, −1 the day after it closes (and for a
 * school with an active member, +1 when its count leaves zero, −1 when it comes back). The count on a day is the sum
 * of the changes up to that day, read like every stock, so these metrics now have month rows too (and with them, by
 * the triggers, year and all-time rows).
 *
 * The rows there are converted exactly: the change on a day is the count on that day less the count the day before.
 */
export class CockpitActivityChanges1763902700000 implements MigrationInterface {
  name = 'CockpitActivityChanges1763902700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TEMP TABLE cockpit_activity_change ON COMMIT DROP AS
      SELECT scope, level, (array_agg(area_id))[1] AS area_id, metric, dim, key, period, sum(value)::bigint AS value
      FROM (
        SELECT scope, level, area_id, metric, dim, key, period, value FROM cockpit_daily WHERE metric IN (${RUNNING})
        UNION ALL
        SELECT scope, level, area_id, metric, dim, key, period + 1, -value FROM cockpit_daily WHERE metric IN (${RUNNING})
      ) c
      GROUP BY scope, level, metric, dim, key, period
      HAVING sum(value) <> 0`);
    await queryRunner.query(`DELETE FROM cockpit_daily WHERE metric IN (${RUNNING})`);
    await queryRunner.query(`
      INSERT INTO cockpit_daily (scope, level, area_id, metric, dim, key, period, value)
      SELECT scope, level, area_id, metric, dim, key, period, value FROM cockpit_activity_change
      ORDER BY scope, metric, dim, period, key`);
    // Month rows: the triggers of cockpit_monthly add them to the year and all-time rows.
    await queryRunner.query(`
      INSERT INTO cockpit_monthly (scope, level, area_id, metric, dim, key, period, value)
      SELECT scope, level, (array_agg(area_id))[1], metric, dim, key, date_trunc('month', period)::date, sum(value)
      FROM cockpit_activity_change
      GROUP BY scope, level, metric, dim, key, 7
      HAVING sum(value) <> 0
      ORDER BY scope, metric, dim, 7, key`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one row per day with the count: the running sum of the changes, on every day up to the last change.
    await queryRunner.query(`DELETE FROM cockpit_monthly WHERE metric IN (${RUNNING})`);
    await queryRunner.query(`
      CREATE TEMP TABLE cockpit_activity_count ON COMMIT DROP AS
      SELECT scope, level, area_id, metric, dim, key, day::date AS period, running AS value
      FROM (
        SELECT scope, level, area_id, metric, dim, key, period,
               sum(value) OVER w AS running, lead(period) OVER w AS until
        FROM cockpit_daily WHERE metric IN (${RUNNING})
        WINDOW w AS (PARTITION BY scope, metric, dim, key ORDER BY period)
      ) r, generate_series(period, until - 1, interval '1 day') AS day
      WHERE running <> 0 AND until IS NOT NULL`);
    await queryRunner.query(`DELETE FROM cockpit_daily WHERE metric IN (${RUNNING})`);
    await queryRunner.query(`
      INSERT INTO cockpit_daily (scope, level, area_id, metric, dim, key, period, value)
      SELECT * FROM cockpit_activity_count ORDER BY scope, metric, dim, period, key`);
  }
}
