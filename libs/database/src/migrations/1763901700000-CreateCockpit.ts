import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cockpit's rollups and the state its subscriber keeps to make them exact (docs/COCKPIT.md).
 *
 * - `cockpit_daily` holds one value per Bangkok day × scope × metric × dimension key; `cockpit_monthly` the same per
 *   month for the metrics that add up over days. A scope is the nation (`N`), a province (`P:<code>`), an area
 *   (`A:<id>`) or a school (`S:<id>`): each fact is written to every level it belongs to, so a read of any scope
 *   reads only that scope's rows, never a sum over 29,000 schools. Category dimensions (learning area, member kind,
 *   partner, …) are kept for the nation, areas and schools; provinces hold totals for the map and the region table.
 * - Distinct people (active in 7 and 30 days) and schools with an active member are stored per day as the count
 *   that holds that day, so they are read, never summed over days.
 * - `cockpit_member`, `cockpit_member_day`, `cockpit_innovation`, `cockpit_rating` and `cockpit_school` are what the
 *   subscriber needs to compute changes exactly (the activity days of a member, an innovation's current dimensions and
 *   status, a rating's day and current score, where a school sits); the rebuild writes them from the source tables.
 * - `cockpit_rebuilt_event`: events a rebuild already counted that the subscriber has not handled yet (it skips them).
 */
export class CreateCockpit1763901700000 implements MigrationInterface {
  name = 'CreateCockpit1763901700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['cockpit_daily', 'cockpit_monthly']) {
      await queryRunner.query(`
        CREATE TABLE ${table} (
          scope text NOT NULL CHECK (scope ~ '^(N|P:[0-9]{2}|A:[0-9a-f-]{36}|S:[0-9a-f-]{36})$'),
          level char(1) NOT NULL CHECK (level IN ('N', 'P', 'A', 'S')),
          -- For school rows: the school's area, so an area's schools are one index range.
          area_id uuid,
          metric text NOT NULL,
          dim text NOT NULL DEFAULT '',
          key text NOT NULL DEFAULT '',
          period date NOT NULL,
          value bigint NOT NULL,
          PRIMARY KEY (scope, metric, dim, period, key),
          CHECK (left(scope, 1) = level),
          CHECK ((dim = '') = (key = ''))
        )`);
      // The children of the nation (every area, province or school) for a metric over a period.
      await queryRunner.query(
        `CREATE INDEX ${table}_level ON ${table} (level, metric, period) INCLUDE (scope, value) WHERE dim = ''`,
      );
      // The schools of one area for a metric over a period.
      await queryRunner.query(
        `CREATE INDEX ${table}_area_schools ON ${table} (area_id, metric, period) INCLUDE (scope, value)
         WHERE level = 'S' AND dim = ''`,
      );
    }

    await queryRunner.query(`
      CREATE TABLE cockpit_school (
        school_id uuid PRIMARY KEY,
        area_id uuid,
        province_code char(2) NOT NULL,
        name_th text NOT NULL,
        name_en text
      )`);
    await queryRunner.query(`CREATE INDEX cockpit_school_area ON cockpit_school (area_id)`);

    await queryRunner.query(`
      CREATE TABLE cockpit_member (
        member_id uuid PRIMARY KEY,
        member_kind text NOT NULL,
        school_id uuid,
        -- The first report of using someone else's innovation (evidence (b) of indicator 18).
        first_adoption_on date,
        -- The day the member first had evidence of indicator 18, as the sources stand now (null: none yet).
        al_capable_on date
      )`);
    await queryRunner.query(`
      CREATE TABLE cockpit_member_day (
        member_id uuid NOT NULL,
        day date NOT NULL,
        PRIMARY KEY (member_id, day)
      )`);
    await queryRunner.query(`
      CREATE TABLE cockpit_innovation (
        innovation_id uuid PRIMARY KEY,
        author_id uuid NOT NULL,
        school_id uuid,
        status text NOT NULL CHECK (status IN ('published', 'hidden', 'removed')),
        published_on date NOT NULL,
        learning_areas text[] NOT NULL DEFAULT '{}',
        competencies text[] NOT NULL DEFAULT '{}',
        techniques text[] NOT NULL DEFAULT '{}',
        -- The first day its peer ratings given so far numbered 3 or more and averaged 4.0 or more (current scores).
        evidence_on date
      )`);
    await queryRunner.query(`CREATE INDEX cockpit_innovation_author ON cockpit_innovation (author_id)`);
    await queryRunner.query(`
      CREATE TABLE cockpit_rating (
        innovation_id uuid NOT NULL,
        member_id uuid NOT NULL,
        overall smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
        rated_on date NOT NULL,
        PRIMARY KEY (innovation_id, member_id)
      )`);
    await queryRunner.query(`CREATE TABLE cockpit_rebuilt_event (event_id uuid PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE cockpit_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        rebuilt_at timestamptz
      )`);
    await queryRunner.query(`INSERT INTO cockpit_state (id) VALUES (true)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'cockpit_state',
      'cockpit_rebuilt_event',
      'cockpit_rating',
      'cockpit_innovation',
      'cockpit_member_day',
      'cockpit_member',
      'cockpit_school',
      'cockpit_monthly',
      'cockpit_daily',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
