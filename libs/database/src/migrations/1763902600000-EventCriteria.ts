import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'points_earned', 'innovations_published', 'quality_innovations', 'adoptions_other_schools',
  'endorsements', 'feedback_given'`;
const EVENTS = `'events_completed', 'forums_completed'`;

/**
 * Events count in recognition (issue 17 §1, §2, §5 "when events exist"): levels and badges may ask for events
 * completed (any kind) or academic forums completed, and a first badge asks for one forum completed ("ผ่านทุกกิจกรรม",
 * seed 003 §2); an ID PLAN's planned activity may be an event. The criteria are counted from activity_completion, so
 * the CHECKs admit the two codes, and development_activity admits the kind 'event'.
 */
export class EventCriteria1763902600000 implements MigrationInterface {
  name = 'EventCriteria1763902600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE recognition_level_criterion DROP CONSTRAINT recognition_level_criterion_criterion_check`,
    );
    await queryRunner.query(`
      ALTER TABLE recognition_level_criterion ADD CONSTRAINT recognition_level_criterion_criterion_check
        CHECK (criterion IN (${BEFORE}, ${EVENTS}, 'nomination_approved'))`);
    await queryRunner.query(`ALTER TABLE badge_definition DROP CONSTRAINT badge_definition_criterion_check`);
    await queryRunner.query(`
      ALTER TABLE badge_definition ADD CONSTRAINT badge_definition_criterion_check
        CHECK (criterion IN (${BEFORE}, ${EVENTS}, 'campaign'))`);
    await queryRunner.query(`
      INSERT INTO badge_definition (code, name_th, name_en, description_th, description_en, criteria_th, criteria_en,
        criterion, required, colour) VALUES
      ('forum_completed', 'ผ่านเวทีวิชาการ', 'Forum completed',
       'เข้าร่วมเวทีวิชาการของชุมชนครบทุกกิจกรรม', 'Took part in every activity of a community academic forum',
       'เข้าร่วมเวทีวิชาการครบทุกกิจกรรมอย่างน้อย 1 เวที', 'Complete at least 1 academic forum',
       'forums_completed', 1, 'indigo')
      ON CONFLICT (code) DO NOTHING`);
    await queryRunner.query(
      `ALTER TABLE development_activity DROP CONSTRAINT development_activity_kind_check`,
    );
    await queryRunner.query(`
      ALTER TABLE development_activity ADD CONSTRAINT development_activity_kind_check
        CHECK (kind IN ('perk', 'innovation', 'event', 'other'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Badges and criteria already using the codes stay (awards are never deleted): the CHECKs no longer admit new ones.
    await queryRunner.query(`UPDATE badge_definition SET active = false WHERE code = 'forum_completed'`);
    await queryRunner.query(
      `ALTER TABLE development_activity DROP CONSTRAINT development_activity_kind_check`,
    );
    await queryRunner.query(`
      ALTER TABLE development_activity ADD CONSTRAINT development_activity_kind_check
        CHECK (kind IN ('perk', 'innovation', 'other')) NOT VALID`);
    await queryRunner.query(
      `ALTER TABLE recognition_level_criterion DROP CONSTRAINT recognition_level_criterion_criterion_check`,
    );
    await queryRunner.query(`
      ALTER TABLE recognition_level_criterion ADD CONSTRAINT recognition_level_criterion_criterion_check
        CHECK (criterion IN (${BEFORE}, 'nomination_approved')) NOT VALID`);
    await queryRunner.query(`ALTER TABLE badge_definition DROP CONSTRAINT badge_definition_criterion_check`);
    await queryRunner.query(`
      ALTER TABLE badge_definition ADD CONSTRAINT badge_definition_criterion_check
        CHECK (criterion IN (${BEFORE}, 'campaign')) NOT VALID`);
  }
}
