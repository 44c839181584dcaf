import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recognition's levels (docs/RECOGNITION.md): the criteria of each level as OBEC sets them, the levels members hold
 * (one row per member and level, so a level is reached exactly once; revoked rows stay, with who and why), and the
 * areas' nominations for Influencer. `member.level_code` is the member's current level, kept beside their name so
 * every view that shows a name can show the level without a second lookup.
 */
export class Recognition1763901900000 implements MigrationInterface {
  name = 'Recognition1763901900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recognition_level_criterion (
        level_code text NOT NULL CHECK (level_code IN ('practitioner', 'change_agent', 'influencer')),
        criterion text NOT NULL CHECK (criterion IN ('points_earned', 'innovations_published', 'quality_innovations',
          'adoptions_other_schools', 'endorsements', 'feedback_given', 'nomination_approved')),
        required integer NOT NULL CHECK (required BETWEEN 1 AND 1000000),
        PRIMARY KEY (level_code, criterion)
      )`);
    // The first criteria: evidence of practice first, then quality and reach, then OBEC's recognition.
    await queryRunner.query(`
      INSERT INTO recognition_level_criterion (level_code, criterion, required) VALUES
        ('practitioner', 'innovations_published', 1),
        ('practitioner', 'feedback_given', 3),
        ('practitioner', 'points_earned', 50),
        ('change_agent', 'quality_innovations', 3),
        ('change_agent', 'adoptions_other_schools', 5),
        ('change_agent', 'endorsements', 1),
        ('change_agent', 'feedback_given', 20),
        ('change_agent', 'points_earned', 1000),
        ('influencer', 'quality_innovations', 10),
        ('influencer', 'adoptions_other_schools', 30),
        ('influencer', 'endorsements', 3),
        ('influencer', 'points_earned', 5000),
        ('influencer', 'nomination_approved', 1)`);

    await queryRunner.query(`
      CREATE TABLE member_level (
        member_id uuid NOT NULL REFERENCES member (id),
        level_code text NOT NULL CHECK (level_code IN ('practitioner', 'change_agent', 'influencer')),
        rank smallint NOT NULL CHECK (rank BETWEEN 2 AND 4),
        reached_at timestamptz NOT NULL DEFAULT now(),
        -- The event whose handling found the criteria met (null when reached otherwise).
        source_event_id uuid,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES member (id),
        revoked_reason text CHECK (length(revoked_reason) BETWEEN 3 AND 1000),
        PRIMARY KEY (member_id, level_code),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX member_level_reached ON member_level (level_code, reached_at)`);

    await queryRunner.query(`
      CREATE TABLE level_nomination (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id),
        area_id uuid NOT NULL REFERENCES area (id),
        nominated_by uuid NOT NULL REFERENCES member (id),
        statement text NOT NULL CHECK (length(statement) BETWEEN 20 AND 3000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by uuid REFERENCES member (id),
        decided_at timestamptz,
        reason text CHECK (length(reason) BETWEEN 3 AND 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK (status <> 'rejected' OR reason IS NOT NULL)
      )`);
    // One nomination waiting per member: a second one while the first waits is refused by the database too.
    await queryRunner.query(
      `CREATE UNIQUE INDEX level_nomination_open ON level_nomination (member_id) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX level_nomination_queue ON level_nomination (status, created_at, id)`,
    );

    await queryRunner.query(`
      ALTER TABLE member ADD COLUMN level_code text NOT NULL DEFAULT 'member'
        CHECK (level_code IN ('member', 'practitioner', 'change_agent', 'influencer'))`);

    // The evidence of feedback given is counted per member: ratings and comments by their author.
    await queryRunner.query(`CREATE INDEX innovation_rating_member ON innovation_rating (member_id)`);
    await queryRunner.query(`CREATE INDEX innovation_comment_author ON innovation_comment (author_id)`);

    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE ON recognition_level_criterion, member_level, level_nomination TO lc_app`,
    );
    // A perk may ask a level (eligibility.minLevel): marketplace_eligible takes the member's level now
    // (libs/marketplace/src/sql/marketplace.sql installs the new one after the migrations).
    await queryRunner.query(`DROP FUNCTION IF EXISTS marketplace_eligible(jsonb, uuid, text)`);
    await queryRunner.query(`GRANT DELETE ON recognition_level_criterion TO lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX innovation_comment_author`);
    await queryRunner.query(`DROP INDEX innovation_rating_member`);
    await queryRunner.query(`ALTER TABLE member DROP COLUMN level_code`);
    await queryRunner.query(`DROP TABLE level_nomination`);
    await queryRunner.query(`DROP TABLE member_level`);
    await queryRunner.query(`DROP TABLE recognition_level_criterion`);
  }
}
