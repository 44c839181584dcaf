import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACTIVITY_WINDOWS } from './activity-windows';
import { EDUCATION_STAFF_KINDS, TRAINING_KINDS } from './kpis';
import { alCapableSql, evidenceSql } from './mirror.repository';

/**
 * THE DOCUMENTED EXCEPTION: the one place where the cockpit reads other domains' tables (member, school, innovation,
 * innovation_rating, innovation_comment, innovation_adoption, endorsement, ledger_transfer, ledger_account,
 * redemption, perk, activity_attendance, activity_event, activity_completion, outbox_event, processed_event). Everywhere else the cockpit reads its own tables and learns about
 * other domains through their events and exported services. The rebuild must recompute every rollup exactly from
 * the sources, so it reads them, READ-ONLY, inside one REPEATABLE READ snapshot, and writes only cockpit tables.
 * Each statement mirrors what the subscriber counts for one kind of event (rollup-updater.ts); docs/COCKPIT.md
 * states the definitions both implement.
 */

const BKK = (column: string) => `(${column} AT TIME ZONE 'Asia/Bangkok')::date`;

/** The event types the cockpit subscriber counts (kept in step with its subscription). */
export type EventTypes = readonly string[];

@Injectable()
export class CockpitRebuildRepository {
  /**
   * Events already in this snapshot's sources but not handled by the subscriber yet: the rebuild counts them, so the
   * subscriber must skip them when they arrive. Only recent events can still be waiting (failed jobs are kept 14 days).
   */
  async markPendingEvents(manager: EntityManager, types: EventTypes): Promise<number> {
    await manager.query(`DELETE FROM cockpit_rebuilt_event`);
    const rows: unknown[] = await manager.query(
      `INSERT INTO cockpit_rebuilt_event (event_id)
       SELECT o.id FROM outbox_event o
       WHERE o.type = ANY($1::text[]) AND o.occurred_at > now() - interval '30 days'
         AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.subscriber = 'cockpit' AND p.event_id = o.id)
       RETURNING event_id`,
      [types],
    );
    return rows.length;
  }

  /** Where every school sits and its names (also refreshed on its own by the school directory schedule). */
  async refreshSchools(manager: EntityManager): Promise<void> {
    await manager.query(`
      INSERT INTO cockpit_school (school_id, area_id, province_code, name_th, name_en)
      SELECT id, area_id, province_code, name_th, name_en FROM school
      ON CONFLICT (school_id) DO UPDATE SET area_id = EXCLUDED.area_id, province_code = EXCLUDED.province_code,
        name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en
      WHERE (cockpit_school.area_id, cockpit_school.province_code, cockpit_school.name_th, cockpit_school.name_en)
        IS DISTINCT FROM (EXCLUDED.area_id, EXCLUDED.province_code, EXCLUDED.name_th, EXCLUDED.name_en)`);
  }

  /** The subscriber's record, recomputed: members, activity days, innovations, ratings, indicator 18. */
  async rebuildMirrors(manager: EntityManager): Promise<void> {
    for (const table of [
      'cockpit_member_day',
      'cockpit_rating',
      'cockpit_innovation',
      'cockpit_member',
      'cockpit_plan_attendee',
    ])
      await manager.query(`DELETE FROM ${table}`);
    // Each member's first report of using someone else's innovation and first completed training: grouped once, not
    // looked up per member (half a million members at national scale).
    await manager.query(
      `
      INSERT INTO cockpit_member (member_id, member_kind, school_id, first_adoption_on, first_training_on)
      SELECT m.id, m.member_kind, m.school_id, a.first_on, t.first_on
      FROM member m
      LEFT JOIN (SELECT member_id, min(${BKK('created_at')}) AS first_on FROM innovation_adoption GROUP BY member_id) a
        ON a.member_id = m.id
      LEFT JOIN (SELECT c.member_id, min(${BKK('c.completed_at')}) AS first_on
                 FROM activity_completion c JOIN activity_event e ON e.id = c.event_id
                 WHERE e.kind = ANY($1::text[]) GROUP BY c.member_id) t
        ON t.member_id = m.id`,
      [TRAINING_KINDS],
    );
    await manager.query(`SELECT cockpit_analyze('cockpit_member')`);
    await manager.query(`
      INSERT INTO cockpit_rating (innovation_id, member_id, overall, rated_on)
      SELECT innovation_id, member_id, overall, ${BKK('created_at')} FROM innovation_rating`);
    await manager.query(`SELECT cockpit_analyze('cockpit_rating')`);
    await manager.query(`
      INSERT INTO cockpit_innovation (innovation_id, author_id, school_id, status, published_on, learning_areas,
        competencies, techniques, evidence_on)
      SELECT i.id, i.author_id, i.school_id, i.status, ${BKK('i.published_at')}, i.learning_areas,
             i.competency_codes, i.techniques, ev.evidence_on
      FROM innovation i
      LEFT JOIN (${evidenceSql('cockpit_rating')}) ev ON ev.innovation_id = i.id
      WHERE i.published_at IS NOT NULL AND i.status IN ('published', 'hidden', 'removed')`);
    await manager.query(`SELECT cockpit_analyze('cockpit_innovation')`);
    await manager.query(
      `UPDATE cockpit_member m SET al_capable_on = x.al_capable_on
       FROM (${alCapableSql('true')}) x WHERE x.member_id = m.member_id AND x.al_capable_on IS NOT NULL`,
      [EDUCATION_STAFF_KINDS],
    );
    // Who attended events of area activity plans (activities' attendance), each member once per plan.
    await manager.query(`
      INSERT INTO cockpit_plan_attendee (plan_id, member_id, member_kind)
      SELECT DISTINCT e.activity_plan_id, a.member_id, m.member_kind
      FROM activity_attendance a JOIN activity_event e ON e.id = a.event_id JOIN cockpit_member m ON m.member_id = a.member_id
      WHERE e.activity_plan_id IS NOT NULL`);
    // Activity: publishing, a first rating, a comment, an adoption report.
    await manager.query(`
      INSERT INTO cockpit_member_day (member_id, day)
      SELECT author_id, ${BKK('published_at')} FROM innovation WHERE published_at IS NOT NULL
      UNION SELECT member_id, ${BKK('created_at')} FROM innovation_rating
      UNION SELECT author_id, ${BKK('created_at')} FROM innovation_comment
      UNION SELECT member_id, ${BKK('created_at')} FROM innovation_adoption`);
    // Refilled in this transaction: the planner must see them as they now are (migration CockpitFirstFill).
    for (const table of ['cockpit_member_day', 'cockpit_plan_attendee'])
      await manager.query(`SELECT cockpit_analyze($1)`, [table]);
  }

  /** Every fact, from the sources and the recomputed mirrors, into a temporary table of the transaction. */
  async collectFacts(manager: EntityManager): Promise<void> {
    await manager.query(`
      CREATE TEMP TABLE cockpit_rebuild_fact (
        day date NOT NULL, school_id uuid, metric text NOT NULL, dim text NOT NULL, key text NOT NULL,
        value bigint NOT NULL
      ) ON COMMIT DROP`);
    const insert = (select: string, params: unknown[] = []) =>
      manager.query(
        `INSERT INTO cockpit_rebuild_fact (day, school_id, metric, dim, key, value) ${select}`,
        params,
      );

    // Members registered, by kind.
    await insert(`
      SELECT ${BKK('created_at')}, school_id, 'members_registered', d.dim, d.key, count(*)
      FROM member, LATERAL (VALUES ('', ''), ('memberKind', member_kind)) AS d(dim, key)
      GROUP BY 1, 2, 4, 5`);
    // Innovations published and still published, by learning area, competency and technique.
    await insert(`
      SELECT i.published_on, i.school_id, 'innovations_published', d.dim, d.key, count(*)
      FROM cockpit_innovation i, LATERAL (
        SELECT '' AS dim, '' AS key
        UNION SELECT 'learningArea', k FROM unnest(i.learning_areas) k
        UNION SELECT 'competency', k FROM unnest(i.competencies) k
        UNION SELECT 'technique', k FROM unnest(i.techniques) k
      ) d
      WHERE i.status = 'published'
      GROUP BY 1, 2, 4, 5`);
    // Ratings and the sum of their current scores, on the day first given, at the innovation's school.
    await insert(`
      SELECT ${BKK('r.created_at')}, i.school_id, x.metric, '', '', sum(x.value)
      FROM innovation_rating r JOIN innovation i ON i.id = r.innovation_id,
           LATERAL (VALUES ('ratings', 1), ('rating_sum', r.overall::int)) AS x(metric, value)
      GROUP BY 1, 2, 3`);
    await insert(`
      SELECT ${BKK('c.created_at')}, i.school_id, 'comments', '', '', count(*)
      FROM innovation_comment c JOIN innovation i ON i.id = c.innovation_id GROUP BY 1, 2`);
    await insert(`
      SELECT ${BKK('created_at')}, school_id, 'adoptions', '', '', count(*) FROM innovation_adoption GROUP BY 1, 2`);
    await insert(`
      SELECT ${BKK('e.created_at')}, i.school_id, 'endorsements', d.dim, d.key, count(*)
      FROM endorsement e JOIN innovation i ON i.id = e.innovation_id,
           LATERAL (VALUES ('', ''), ('partner', e.partner_id::text)) AS d(dim, key)
      GROUP BY 1, 2, 4, 5`);
    // Points issued: what awards and adjustments gave members, less reversals and negative adjustments.
    await insert(`
      SELECT ${BKK('t.created_at')}, m.school_id, 'points_issued', '', '',
             sum(CASE WHEN c.kind = 'member' THEN t.amount ELSE -t.amount END)
      FROM ledger_transfer t
      JOIN ledger_account c ON c.id = t.credit_account_id
      JOIN ledger_account d ON d.id = t.debit_account_id
      JOIN member m ON m.id = CASE WHEN c.kind = 'member' THEN c.owner_id ELSE d.owner_id END
      WHERE t.kind IN ('award', 'reversal', 'adjustment') AND (c.kind = 'member') <> (d.kind = 'member')
      GROUP BY 1, 2`);
    // Redemptions fulfilled and the points they took (the post of their hold), by partner and perk category.
    await insert(`
      SELECT ${BKK('t.created_at')}, m.school_id, x.metric, d.dim, d.key, sum(x.value)
      FROM ledger_transfer t
      JOIN redemption r ON r.hold_transfer_id = t.pending_id
      JOIN perk k ON k.id = r.perk_id
      JOIN member m ON m.id = r.member_id,
      LATERAL (VALUES ('redemptions', 1::bigint), ('points_redeemed', t.amount)) AS x(metric, value),
      LATERAL (VALUES ('', ''), ('partner', r.partner_id::text), ('perkCategory', k.category)) AS d(dim, key)
      WHERE t.kind = 'post'
      GROUP BY 1, 2, 3, 4, 5`);
    // Indicator 18: each member once, on the day their evidence first held.
    await insert(`
      SELECT al_capable_on, school_id, 'al_capable_teachers', d.dim, d.key, count(*)
      FROM cockpit_member, LATERAL (VALUES ('', ''), ('memberKind', member_kind)) AS d(dim, key)
      WHERE al_capable_on IS NOT NULL
      GROUP BY 1, 2, 4, 5`);
    // Active members: each activity day covers [max(day, previous day + window), day + window − 1]; the count is
    // stored as its changes, +1 at each start and −1 after each end, per school and member kind.
    for (const window of ACTIVITY_WINDOWS) {
      await insert(
        `
        WITH days AS (
          SELECT member_id, day, lag(day) OVER (PARTITION BY member_id ORDER BY day) AS previous
          FROM cockpit_member_day
        ), covered AS (
          SELECT member_id, greatest(day, previous + $1::int) AS first, day + $1::int - 1 AS last
          FROM days WHERE previous IS NULL OR previous + $1::int <= day + $1::int - 1
        ), changes AS (
          SELECT m.school_id, m.member_kind, t.at, sum(t.delta) AS delta
          FROM covered c JOIN cockpit_member m USING (member_id),
               LATERAL (VALUES (c.first, 1), (c.last + 1, -1)) AS t(at, delta)
          GROUP BY 1, 2, 3
        )
        SELECT at, school_id, $2, d.dim, d.key, sum(delta)
        FROM changes, LATERAL (VALUES ('', ''), ('memberKind', member_kind)) AS d(dim, key)
        GROUP BY 1, 2, 4, 5 HAVING sum(delta) <> 0`,
        [window.days, window.metric],
      );
    }
    // Schools with an active member (30 days): +1 on the day a school's count leaves zero, −1 when it comes back.
    await insert(`
      SELECT day, school_id, 'schools_active_30d', '', '', CASE WHEN running > 0 THEN 1 ELSE -1 END
      FROM (
        SELECT day, school_id, value, sum(value) OVER (PARTITION BY school_id ORDER BY day) AS running
        FROM cockpit_rebuild_fact
        WHERE metric = 'members_active_30d' AND dim = '' AND school_id IS NOT NULL
      ) r
      WHERE (running > 0) <> (running - value > 0)`);
    // A temporary table is never analyzed by autovacuum.
    await manager.query(`ANALYZE cockpit_rebuild_fact`);
  }

  /**
   * Makes the rollups equal to the facts' expansion and returns how many rows it had to change per table (none, when
   * the subscriber kept them exact). The rows recomputed from the facts are compared with the rows there, and only
   * the differences are written: a rebuild that finds the rollups right writes nothing, readers and replicas see no
   * churn, and the tables do not bloat by a full copy every day.
   *
   * Where facts land is `expansionSql`'s rule (rollups.repository.ts), computed here in two steps so that tens of
   * millions of facts are not each written four times and grouped: a school's row is its fact as it is (facts are one
   * row per day × school × metric × dimension key: each statement of collectFacts groups by them, and no two count
   * the same metric), and the area, province and nation rows are sums of the facts grouped by where their schools sit.
   * The fiscal-year and all-time rows are recomputed from the month rows (`cockpit_spans_of`, the same SQL as the
   * triggers that keep them from month rows between rebuilds).
   */
  async replaceRollups(
    manager: EntityManager,
    step: Step = (_name, work) => work(),
  ): Promise<RollupCorrections> {
    await step('area facts', () =>
      manager.query(`
      CREATE TEMP TABLE cockpit_rebuild_area_fact ON COMMIT DROP AS
      SELECT f.day, cs.area_id, cs.province_code, f.metric, f.dim, f.key, sum(f.value)::bigint AS value
      FROM cockpit_rebuild_fact f LEFT JOIN cockpit_school cs ON cs.school_id = f.school_id
      GROUP BY 1, 2, 3, 4, 5, 6`),
    );
    await manager.query(`ANALYZE cockpit_rebuild_area_fact`);
    // Every row of a level from the grouped facts, per day or per month.
    const levels = (grain: 'daily' | 'monthly') => {
      const period = grain === 'daily' ? 'day' : `date_trunc('month', day)::date`;
      return `
        SELECT 'S:' || f.school_id AS scope, 'S' AS level, cs.area_id, f.metric, f.dim, f.key,
               ${grain === 'daily' ? 'f.day' : `date_trunc('month', f.day)::date`} AS period,
               ${grain === 'daily' ? 'f.value' : 'sum(f.value)::bigint'} AS value
        FROM cockpit_rebuild_fact f LEFT JOIN cockpit_school cs ON cs.school_id = f.school_id
        WHERE f.school_id IS NOT NULL AND f.metric <> 'schools_active_30d'
        ${grain === 'daily' ? 'AND f.value <> 0' : 'GROUP BY f.school_id, cs.area_id, f.metric, f.dim, f.key, 7 HAVING sum(f.value) <> 0'}
        UNION ALL
        SELECT 'A:' || area_id, 'A', NULL::uuid, metric, dim, key, ${period}, sum(value)::bigint
        FROM cockpit_rebuild_area_fact WHERE area_id IS NOT NULL
        GROUP BY area_id, metric, dim, key, 7 HAVING sum(value) <> 0
        UNION ALL
        SELECT 'P:' || province_code, 'P', NULL::uuid, metric, dim, key, ${period}, sum(value)::bigint
        FROM cockpit_rebuild_area_fact WHERE province_code IS NOT NULL AND dim = ''
        GROUP BY province_code, metric, dim, key, 7 HAVING sum(value) <> 0
        UNION ALL
        SELECT 'N', 'N', NULL::uuid, metric, dim, key, ${period}, sum(value)::bigint
        FROM cockpit_rebuild_area_fact WHERE true
        GROUP BY metric, dim, key, 7 HAVING sum(value) <> 0`;
    };
    const corrections: RollupCorrections = {};
    corrections.daily = await step('daily', () => this.correct(manager, 'cockpit_daily', levels('daily')));
    // Month rows first into a table of their own: the year and all-time rows are computed from them.
    corrections.monthly = await step('monthly', async () => {
      await manager.query(`CREATE TEMP TABLE cockpit_rebuild_monthly ON COMMIT DROP AS ${levels('monthly')}`);
      return this.correct(manager, 'cockpit_monthly', `SELECT * FROM cockpit_rebuild_monthly`);
    });
    for (const [grain, table] of [
      ['yearly', 'cockpit_yearly'],
      ['total', 'cockpit_total'],
    ] as const) {
      corrections[grain] = await step(grain, () => this.spans(manager, grain, table));
    }
    await manager.query(`UPDATE cockpit_state SET updated_at = now(), rebuilt_at = now()`);
    return corrections;
  }

  /** The fiscal-year or all-time rows, recomputed from the month rows and corrected. */
  private async spans(manager: EntityManager, grain: 'yearly' | 'total', table: string): Promise<Correction> {
    const [{ sums }] = await manager.query<{ sums: string }[]>(
      `SELECT cockpit_spans_of('SELECT * FROM cockpit_rebuild_monthly', $1) AS sums`,
      [grain],
    );
    const next = `cockpit_rebuild_${grain}`;
    await manager.query(
      `CREATE TEMP TABLE ${next} ON COMMIT DROP AS SELECT * FROM (${sums}) s WHERE value <> 0`,
    );
    const [{ quality }] = await manager.query<{ quality: string }[]>(
      `SELECT cockpit_quality_of($1, $2, NULL) AS quality`,
      [next, grain],
    );
    await manager.query(`INSERT INTO ${next} ${quality}`);
    return this.correct(manager, table, `SELECT * FROM ${next}`);
  }

  /**
   * Writes into `table` the differences from the rows of `next` (a query of rows in the table's column order):
   * deletes the rows it lacks, updates the values that differ, inserts the rows it adds.
   */
  private async correct(manager: EntityManager, table: string, next: string): Promise<Correction> {
    const keyed = table === 'cockpit_total' ? KEY.filter((column) => column !== 'period') : KEY;
    const columns = [...keyed, 'level', 'area_id', 'value'];
    const match = (a: string, b: string) =>
      keyed.map((column) => `${a}.${column} = ${b}.${column}`).join(' AND ');
    // Rows written in key order, so that a scope's rows sit together as reads want them; by bytes ("C"), which sorts
    // far faster than the database's collation and clusters the rows just as well.
    const keyOrder = keyed
      .map((column) => (column === 'period' ? column : `${column} COLLATE "C"`))
      .join(', ');
    const count = async (statement: string) =>
      Number(
        (
          await manager.query<{ n: string }[]>(
            `WITH x AS (${statement} RETURNING 1) SELECT count(*) AS n FROM x`,
          )
        )[0]!.n,
      );
    // The first rebuild (after a migration or a bulk load) fills the empty table without comparing. The day and month tables, tens of millions of rows at national
    // scale, are filled bare and indexed afterwards (migration CockpitFirstFill): kept up to date row by row, their
    // indexes outgrow memory and the fill takes hours instead of minutes.
    const [{ empty }] = await manager.query<{ empty: boolean }[]>(
      `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`,
    );
    if (empty) {
      const bare = FILLED_BARE.includes(table);
      if (bare) await manager.query(`SELECT cockpit_unindex($1)`, [table]);
      const inserted = await count(
        `INSERT INTO ${table} (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM (${next}) n ORDER BY ${keyOrder}`,
      );
      if (bare) await manager.query(`SELECT cockpit_reindex($1)`, [table]);
      return { deleted: 0, updated: 0, inserted };
    }
    await manager.query(`
      CREATE TEMP TABLE cockpit_rebuild_diff ON COMMIT DROP AS
      SELECT ${keyed.map((column) => `coalesce(n.${column}, t.${column}) AS ${column}`).join(', ')},
             n.level, n.area_id, n.value, t.value IS NOT NULL AS present
      FROM ${table} t FULL JOIN (${next}) n ON ${match('t', 'n')}
      WHERE t.value IS DISTINCT FROM n.value OR t.area_id IS DISTINCT FROM n.area_id`);
    const deleted = await count(
      `DELETE FROM ${table} t USING cockpit_rebuild_diff d WHERE ${match('t', 'd')} AND d.value IS NULL`,
    );
    const updated = await count(
      `UPDATE ${table} t SET value = d.value, area_id = d.area_id FROM cockpit_rebuild_diff d
       WHERE ${match('t', 'd')} AND d.present AND d.value IS NOT NULL`,
    );
    const inserted = await count(
      `INSERT INTO ${table} (${columns.join(', ')})
       SELECT ${columns.join(', ')} FROM cockpit_rebuild_diff d WHERE NOT d.present ORDER BY ${keyOrder}`,
    );
    await manager.query(`DROP TABLE cockpit_rebuild_diff`);
    return { deleted, updated, inserted };
  }
}

/** The rollup tables a first fill writes bare and indexes afterwards (the functions of migration CockpitFirstFill). */
const FILLED_BARE = ['cockpit_daily', 'cockpit_monthly'];

/** Runs one named step of the rebuild (the service times them). */
export type Step = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** The primary key of the rollup tables (the all-time rows have no period). */
const KEY = ['scope', 'metric', 'dim', 'period', 'key'];

export interface Correction {
  deleted: number;
  updated: number;
  inserted: number;
}

/** Rows a rebuild changed, per table (daily, monthly, yearly, total). */
export type RollupCorrections = Partial<Record<'daily' | 'monthly' | 'yearly' | 'total', Correction>>;
