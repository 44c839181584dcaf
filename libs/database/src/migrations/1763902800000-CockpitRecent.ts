import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nation's schools ranked over the last 30 days (docs/COCKPIT.md, "the last 30 days"). A 30-day range has no
 * month or year row, so ranking 29,000 schools summed every school's day rows: about 15 rows a school, far over the
 * 50 ms a read may take at national scale. `cockpit_recent` keeps, per school and metric, one row of the window that
 * ends on `cockpit_state.recent_until`: kind `w`, the sum of the window's 30 days; kind `n`, for the counts stored as
 * changes (active members), the count on its last day. The subscriber adds each batch's facts that fall in it, a
 * scheduled job rolls it to the new day, and the rebuild recomputes it; reads of that exact window take the top rows
 * of its rank index. `recent_until` is null until the first roll: reads then add up the day rows as before.
 */
export class CockpitRecent1763902800000 implements MigrationInterface {
  name = 'CockpitRecent1763902800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cockpit_recent (
        scope text NOT NULL CHECK (scope LIKE 'S:%'),
        kind char(1) NOT NULL CHECK (kind IN ('w', 'n')),
        metric text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (scope, kind, metric)
      ) WITH (parallel_workers = 0)`);
    await queryRunner.query(
      `CREATE INDEX cockpit_recent_rank ON cockpit_recent (kind, metric, value DESC, scope)`,
    );
    await queryRunner.query(`ALTER TABLE cockpit_state ADD COLUMN recent_until date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cockpit_state DROP COLUMN recent_until`);
    await queryRunner.query(`DROP TABLE cockpit_recent`);
  }
}
