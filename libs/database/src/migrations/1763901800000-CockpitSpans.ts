import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cockpit's reads at national scale (docs/COCKPIT.md, "how the numbers stay fast"):
 *
 * - `cockpit_yearly` (one row per Thai fiscal year, `period` = its 1 October) and `cockpit_total` (one row for all
 *   time) hold the same sums as `cockpit_monthly`, per scope × metric × dimension key. A fiscal year to date is one
 *   row per scope instead of months and days, a stock (indicator 18, points outstanding) one row instead of every
 *   month since the first, and the nation's 29,000 schools are ranked by reading the top 1,000 rows of an index in
 *   value order instead of adding up every school's rows. `cockpit_total` also keeps `points_outstanding`
 *   (points_issued − points_redeemed) so that the schools can be ranked by it the same way.
 * - They follow `cockpit_monthly` by statement triggers with transition tables: whatever writes month rows (the
 *   subscriber's batches, the rebuild, a correction by hand) moves the year and all-time rows by the same amounts in
 *   the same transaction, so they always equal the sums of the month rows; rows that come back to zero are removed,
 *   as everywhere in the rollups. The rebuild also recomputes them from the month rows and corrects any difference.
 * - The schools' rows of every grain get an index in value order per metric and period (`…_school_rank`), which
 *   also serves the schools' sums over a range; the level indexes keep areas and provinces only.
 * - Rollup reads are index ranges of a few hundred rows: parallel plans only add the start of worker processes
 *   (10–25 ms here), so the rollup tables never get them (`parallel_workers = 0`).
 */
export class CockpitSpans1763901800000 implements MigrationInterface {
  name = 'CockpitSpans1763901800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['cockpit_daily', 'cockpit_monthly']) {
      await queryRunner.query(`ALTER TABLE ${table} SET (parallel_workers = 0)`);
      await queryRunner.query(`DROP INDEX ${table}_level`);
      await queryRunner.query(
        `CREATE INDEX ${table}_level ON ${table} (level, metric, period) INCLUDE (scope, value)
         WHERE dim = '' AND level IN ('A', 'P')`,
      );
      await queryRunner.query(
        `CREATE INDEX ${table}_school_rank ON ${table} (metric, period, value DESC, scope)
         WHERE level = 'S' AND dim = ''`,
      );
      // An area's schools are read by their scopes on the primary key.
      await queryRunner.query(`DROP INDEX ${table}_area_schools`);
    }

    await queryRunner.query(`
      CREATE TABLE cockpit_yearly (
        scope text NOT NULL,
        level char(1) NOT NULL CHECK (level IN ('N', 'P', 'A', 'S')),
        area_id uuid,
        metric text NOT NULL,
        dim text NOT NULL DEFAULT '',
        key text NOT NULL DEFAULT '',
        -- The fiscal year's first day (1 October).
        period date NOT NULL CHECK (extract(month FROM period) = 10 AND extract(day FROM period) = 1),
        value bigint NOT NULL,
        PRIMARY KEY (scope, metric, dim, period, key)
      ) WITH (parallel_workers = 0)`);
    await queryRunner.query(
      `CREATE INDEX cockpit_yearly_level ON cockpit_yearly (level, metric, period) INCLUDE (scope, value)
       WHERE dim = '' AND level IN ('A', 'P')`,
    );
    await queryRunner.query(
      `CREATE INDEX cockpit_yearly_school_rank ON cockpit_yearly (metric, period, value DESC, scope)
       WHERE level = 'S' AND dim = ''`,
    );
    await queryRunner.query(`
      CREATE TABLE cockpit_total (
        scope text NOT NULL,
        level char(1) NOT NULL CHECK (level IN ('N', 'P', 'A', 'S')),
        area_id uuid,
        metric text NOT NULL,
        dim text NOT NULL DEFAULT '',
        key text NOT NULL DEFAULT '',
        value bigint NOT NULL,
        PRIMARY KEY (scope, metric, dim, key)
      ) WITH (parallel_workers = 0)`);
    await queryRunner.query(
      `CREATE INDEX cockpit_total_level ON cockpit_total (level, metric) INCLUDE (scope, value)
       WHERE dim = '' AND level IN ('A', 'P')`,
    );
    await queryRunner.query(
      `CREATE INDEX cockpit_total_school_rank ON cockpit_total (metric, value DESC, scope)
       WHERE level = 'S' AND dim = ''`,
    );

    await queryRunner.query(`
      CREATE FUNCTION cockpit_fiscal_year(day date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT make_date(extract(year FROM day)::int - CASE WHEN extract(month FROM day) >= 10 THEN 0 ELSE 1 END, 10, 1)
      $$`);
    // What month rows become in the year and all-time rows: their sums per fiscal year and in all, and points
    // outstanding as issued less redeemed. \`changes\` is a relation of month rows with signed values.
    await queryRunner.query(`
      CREATE FUNCTION cockpit_spans_of(changes text, grain text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE grain
          WHEN 'yearly' THEN format(
            'SELECT scope, level, (array_agg(area_id))[1] AS area_id, metric, dim, key,
                    cockpit_fiscal_year(period) AS period, sum(value)::bigint AS value
             FROM (%s) c GROUP BY scope, level, metric, dim, key, 7', changes)
          ELSE format(
            'SELECT scope, level, (array_agg(area_id))[1] AS area_id, metric, dim, key, sum(value)::bigint AS value
             FROM (SELECT scope, level, area_id, metric, dim, key, value FROM (%1$s) c
                   UNION ALL
                   SELECT scope, level, area_id, ''points_outstanding'', dim, key,
                          CASE metric WHEN ''points_issued'' THEN value ELSE -value END
                   FROM (%1$s) c WHERE metric IN (''points_issued'', ''points_redeemed'') AND dim = '''') c
             GROUP BY scope, level, metric, dim, key', changes)
        END
      $$`);
    // The average quality of a school's ratings (× 100, rounded as the API shows it) in its year and all-time rows,
    // so that schools can be ranked by it in index order: computed from the school's ratings and rating_sum rows of
    // the table named "source", for the schools (and years) listed by the query "affected" or all of them.
    await queryRunner.query(`
      CREATE FUNCTION cockpit_quality_of(source text, grain text, affected text) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT format(
          'SELECT scope, level, (array_agg(area_id))[1] AS area_id, ''avg_quality'' AS metric, '''' AS dim,
                  '''' AS key, %1$s
                  round(100 * coalesce(sum(value) FILTER (WHERE metric = ''rating_sum''), 0)::numeric
                        / sum(value) FILTER (WHERE metric = ''ratings''))::bigint AS value
           FROM %2$s
           WHERE level = ''S'' AND dim = '''' AND key = '''' AND metric IN (''ratings'', ''rating_sum'') %3$s
           GROUP BY scope, level %4$s
           HAVING sum(value) FILTER (WHERE metric = ''ratings'') > 0',
          CASE grain WHEN 'yearly' THEN 'period,' ELSE '' END,
          source,
          CASE WHEN affected IS NULL THEN ''
               WHEN grain = 'yearly' THEN format('AND (scope, period) IN (%s)', affected)
               ELSE format('AND scope IN (%s)', affected) END,
          CASE grain WHEN 'yearly' THEN ', period' ELSE '' END)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION cockpit_follow_monthly() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changes text;
        spans text;
        rated text;
      BEGIN
        changes := CASE TG_OP
          WHEN 'INSERT' THEN 'SELECT scope, level, area_id, metric, dim, key, period, value FROM new_rows'
          WHEN 'DELETE' THEN 'SELECT scope, level, area_id, metric, dim, key, period, -value AS value FROM old_rows'
          ELSE 'SELECT scope, level, area_id, metric, dim, key, period, value FROM new_rows
                UNION ALL SELECT scope, level, area_id, metric, dim, key, period, -value FROM old_rows'
        END;
        -- Year rows: add the changes, in key order, then drop the rows they brought back to zero.
        spans := cockpit_spans_of(changes, 'yearly');
        EXECUTE format(
          'INSERT INTO cockpit_yearly AS t (scope, level, area_id, metric, dim, key, period, value)
           SELECT * FROM (%s) s WHERE value <> 0 ORDER BY scope, metric, dim, period, key
           ON CONFLICT (scope, metric, dim, period, key) DO UPDATE SET value = t.value + EXCLUDED.value', spans);
        EXECUTE format(
          'DELETE FROM cockpit_yearly t USING (%s) s
           WHERE t.scope = s.scope AND t.metric = s.metric AND t.dim = s.dim AND t.period = s.period
             AND t.key = s.key AND t.value = 0', spans);
        -- Average quality of the schools whose ratings moved: recomputed from their year rows.
        rated := format(
          'SELECT DISTINCT scope, cockpit_fiscal_year(period) FROM (%s) c
           WHERE level = ''S'' AND dim = '''' AND metric IN (''ratings'', ''rating_sum'')', changes);
        EXECUTE format(
          'DELETE FROM cockpit_yearly t WHERE t.metric = ''avg_quality'' AND t.dim = '''' AND t.key = ''''
             AND (t.scope, t.period) IN (%s)', rated);
        EXECUTE format(
          'INSERT INTO cockpit_yearly (scope, level, area_id, metric, dim, key, period, value) %s',
          cockpit_quality_of('cockpit_yearly', 'yearly', rated));
        spans := cockpit_spans_of(changes, 'total');
        EXECUTE format(
          'INSERT INTO cockpit_total AS t (scope, level, area_id, metric, dim, key, value)
           SELECT * FROM (%s) s WHERE value <> 0 ORDER BY scope, metric, dim, key
           ON CONFLICT (scope, metric, dim, key) DO UPDATE SET value = t.value + EXCLUDED.value', spans);
        EXECUTE format(
          'DELETE FROM cockpit_total t USING (%s) s
           WHERE t.scope = s.scope AND t.metric = s.metric AND t.dim = s.dim AND t.key = s.key AND t.value = 0',
          spans);
        rated := format(
          'SELECT DISTINCT scope FROM (%s) c
           WHERE level = ''S'' AND dim = '''' AND metric IN (''ratings'', ''rating_sum'')', changes);
        EXECUTE format(
          'DELETE FROM cockpit_total t WHERE t.metric = ''avg_quality'' AND t.dim = '''' AND t.key = ''''
             AND t.scope IN (%s)', rated);
        EXECUTE format(
          'INSERT INTO cockpit_total (scope, level, area_id, metric, dim, key, value) %s',
          cockpit_quality_of('cockpit_total', 'total', rated));
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER cockpit_monthly_inserted AFTER INSERT ON cockpit_monthly
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_follow_monthly()`);
    await queryRunner.query(`
      CREATE TRIGGER cockpit_monthly_updated AFTER UPDATE ON cockpit_monthly
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION cockpit_follow_monthly()`);
    await queryRunner.query(`
      CREATE TRIGGER cockpit_monthly_deleted AFTER DELETE ON cockpit_monthly
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_follow_monthly()`);

    // The month rows already there.
    for (const [table, columns] of [
      ['cockpit_yearly', 'scope, level, area_id, metric, dim, key, period, value'],
      ['cockpit_total', 'scope, level, area_id, metric, dim, key, value'],
    ] as const) {
      const [{ sql }] = (await queryRunner.query(
        `SELECT cockpit_spans_of('SELECT scope, level, area_id, metric, dim, key, period, value FROM cockpit_monthly', $1) AS sql`,
        [table === 'cockpit_yearly' ? 'yearly' : 'total'],
      )) as { sql: string }[];
      await queryRunner.query(`INSERT INTO ${table} (${columns}) SELECT * FROM (${sql}) s WHERE value <> 0`);
      const [{ quality }] = (await queryRunner.query(`SELECT cockpit_quality_of($1, $2, NULL) AS quality`, [
        table,
        table === 'cockpit_yearly' ? 'yearly' : 'total',
      ])) as { quality: string }[];
      await queryRunner.query(`INSERT INTO ${table} (${columns}) ${quality}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of ['inserted', 'updated', 'deleted'])
      await queryRunner.query(`DROP TRIGGER cockpit_monthly_${trigger} ON cockpit_monthly`);
    await queryRunner.query(`DROP FUNCTION cockpit_follow_monthly()`);
    await queryRunner.query(`DROP FUNCTION cockpit_quality_of(text, text, text)`);
    await queryRunner.query(`DROP FUNCTION cockpit_spans_of(text, text)`);
    await queryRunner.query(`DROP FUNCTION cockpit_fiscal_year(date)`);
    await queryRunner.query(`DROP TABLE cockpit_total`);
    await queryRunner.query(`DROP TABLE cockpit_yearly`);
    for (const table of ['cockpit_daily', 'cockpit_monthly']) {
      await queryRunner.query(`DROP INDEX ${table}_school_rank`);
      await queryRunner.query(
        `CREATE INDEX ${table}_area_schools ON ${table} (area_id, metric, period) INCLUDE (scope, value)
         WHERE level = 'S' AND dim = ''`,
      );
      await queryRunner.query(`DROP INDEX ${table}_level`);
      await queryRunner.query(
        `CREATE INDEX ${table}_level ON ${table} (level, metric, period) INCLUDE (scope, value) WHERE dim = ''`,
      );
      await queryRunner.query(`ALTER TABLE ${table} RESET (parallel_workers)`);
    }
  }
}
