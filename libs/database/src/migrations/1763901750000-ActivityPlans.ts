import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Area activity plans and their reports (seed 000, 004): an area office plans Active Learning exchange activities
 * for a Thai fiscal year, with target participants by role and a budget, then reports what happened.
 *
 * - `activity_plan`: the plan. Money is whole satang (`bigint`), never a float. A school-level plan names a school
 *   of the same area (a trigger refusing with check_violation, as a CHECK cannot read `school`); an area-level
 *   plan names none. Its dates lie in
 *   the fiscal year that names it (1 October of the Gregorian year before to 30 September; the year is Buddhist
 *   Era, so CE = BE − 543).
 * - `activity_plan_report`: the current actuals, one row per reported plan, replaced whole by a correction.
 * - `activity_plan_report_revision`: every report ever submitted, append-only (triggers refuse UPDATE and DELETE,
 *   and the application role has neither), so a correction never loses what was reported before.
 * - `activity_plan_evidence`: files (PDF, JPEG, PNG) kept in the file storage under `storage_key`.
 *
 * Every count and amount is refused below zero here as well as in code.
 */
export class ActivityPlans1763901750000 implements MigrationInterface {
  name = 'ActivityPlans1763901750000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activity_plan (
        id uuid PRIMARY KEY,
        area_id uuid NOT NULL REFERENCES area (id),
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),
        title_th text NOT NULL CHECK (length(title_th) BETWEEN 1 AND 300),
        title_en text CHECK (length(title_en) BETWEEN 1 AND 300),
        level text NOT NULL CHECK (level IN ('area', 'school')),
        school_id uuid REFERENCES school (id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        target_education_executives integer NOT NULL CHECK (target_education_executives >= 0),
        target_supervisors integer NOT NULL CHECK (target_supervisors >= 0),
        target_school_directors integer NOT NULL CHECK (target_school_directors >= 0),
        target_teachers integer NOT NULL CHECK (target_teachers >= 0),
        budget_satang bigint NOT NULL CHECK (budget_satang >= 0),
        created_by uuid NOT NULL REFERENCES member (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT activity_plan_level_school CHECK ((level = 'school') = (school_id IS NOT NULL)),
        CONSTRAINT activity_plan_dates_ordered CHECK (starts_on <= ends_on),
        CONSTRAINT activity_plan_dates_in_fiscal_year CHECK (
          starts_on >= make_date(fiscal_year - 544, 10, 1) AND ends_on <= make_date(fiscal_year - 543, 9, 30)
        )
      )`);
    await queryRunner.query(
      `CREATE INDEX activity_plan_area_year ON activity_plan (area_id, fiscal_year, starts_on, id)`,
    );
    await queryRunner.query(`CREATE INDEX activity_plan_year ON activity_plan (fiscal_year, area_id)`);
    await queryRunner.query(
      `CREATE INDEX activity_plan_school ON activity_plan (school_id, fiscal_year) WHERE school_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION activity_plan_school_in_area() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.school_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM school WHERE id = NEW.school_id AND area_id = NEW.area_id) THEN
          RAISE EXCEPTION 'activity_plan: school % is not in area %', NEW.school_id, NEW.area_id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER activity_plan_school_in_area BEFORE INSERT OR UPDATE OF school_id, area_id ON activity_plan
      FOR EACH ROW EXECUTE FUNCTION activity_plan_school_in_area()`);

    const actuals = `
        education_executives integer NOT NULL CHECK (education_executives >= 0),
        supervisors integer NOT NULL CHECK (supervisors >= 0),
        school_directors integer NOT NULL CHECK (school_directors >= 0),
        teachers integer NOT NULL CHECK (teachers >= 0),
        supervision_visits integer NOT NULL CHECK (supervision_visits >= 0),
        budget_spent_satang bigint NOT NULL CHECK (budget_spent_satang >= 0),
        notes text CHECK (length(notes) <= 5000),
        reported_by uuid NOT NULL REFERENCES member (id),
        reported_at timestamptz NOT NULL DEFAULT now()`;
    await queryRunner.query(`
      CREATE TABLE activity_plan_report_revision (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES activity_plan (id),
        revision integer NOT NULL CHECK (revision >= 1),
        ${actuals},
        UNIQUE (plan_id, revision)
      )`);
    await queryRunner.query(`
      CREATE TRIGGER activity_plan_report_revision_append_only BEFORE UPDATE OR DELETE ON activity_plan_report_revision
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`
      CREATE TABLE activity_plan_report (
        plan_id uuid PRIMARY KEY REFERENCES activity_plan (id),
        revision integer NOT NULL CHECK (revision >= 1),
        ${actuals},
        FOREIGN KEY (plan_id, revision) REFERENCES activity_plan_report_revision (plan_id, revision)
      )`);

    await queryRunner.query(`
      CREATE TABLE activity_plan_evidence (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES activity_plan (id) ON DELETE CASCADE,
        storage_key text NOT NULL UNIQUE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        byte_size integer NOT NULL CHECK (byte_size > 0),
        sha256 char(64) NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES member (id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX activity_plan_evidence_plan ON activity_plan_evidence (plan_id, uploaded_at, id)`,
    );

    // The schema owner's default privileges already cover new tables; said explicitly in case the migrations
    // ever run as another user. Past reports are never changed, not even by the application.
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON activity_plan, activity_plan_report, activity_plan_evidence TO lc_app`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT ON activity_plan_report_revision TO lc_app`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON activity_plan_report_revision FROM lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE activity_plan_evidence`);
    await queryRunner.query(`DROP TABLE activity_plan_report`);
    await queryRunner.query(`DROP TABLE activity_plan_report_revision`);
    await queryRunner.query(`DROP TABLE activity_plan`);
    await queryRunner.query(`DROP FUNCTION activity_plan_school_in_area()`);
  }
}
