import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ID PLANs (แผนพัฒนาตนเองรายบุคคล, seed 001): one plan per member and fiscal year, its goals (competencies to grow,
 * each with a target level), planned activities (a training perk, an innovation to try, or something else) with due
 * dates, check-ins with progress and reflection, the supervisors or directors it is shared with, and their comments.
 */
export class DevelopmentPlans1763902200000 implements MigrationInterface {
  name = 'DevelopmentPlans1763902200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE development_plan (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id),
        fiscal_year smallint NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        show_on_portfolio boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (member_id, fiscal_year)
      )`);
    await queryRunner.query(`
      CREATE TABLE development_goal (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES development_plan (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        competency text NOT NULL,
        target_level smallint NOT NULL CHECK (target_level BETWEEN 1 AND 5),
        note text CHECK (length(note) <= 1000),
        UNIQUE (plan_id, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE development_activity (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES development_plan (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('perk', 'innovation', 'other')),
        ref_id uuid,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        due_on date,
        done boolean NOT NULL DEFAULT false,
        UNIQUE (plan_id, position),
        CHECK ((kind = 'other') = (ref_id IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE development_check_in (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES development_plan (id) ON DELETE CASCADE,
        progress smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
        reflection text NOT NULL CHECK (length(reflection) BETWEEN 1 AND 3000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX development_check_in_plan ON development_check_in (plan_id, created_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE development_plan_share (
        plan_id uuid NOT NULL REFERENCES development_plan (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id),
        shared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, member_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX development_plan_share_member ON development_plan_share (member_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE development_plan_comment (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES development_plan (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES member (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 3000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX development_plan_comment_plan ON development_plan_comment (plan_id, created_at)`,
    );
    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON development_plan, development_goal, development_activity,
        development_check_in, development_plan_share, development_plan_comment TO lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'development_plan_comment',
      'development_plan_share',
      'development_check_in',
      'development_activity',
      'development_goal',
      'development_plan',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
