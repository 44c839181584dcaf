import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns and challenges (issue 18 §6, seed 003 §4): time-boxed goals, national or for one area, with a bonus per
 * qualifying action inside the window (the ledger's `campaign.bonus` rule, its amount taken from the campaign), each
 * member's progress, and a badge on completion (a badge of criterion 'campaign', given only by a campaign).
 *
 * What the tables cannot say across rows stays in code and in test/activities/campaigns.e2e-spec.ts: a member's
 * progress is completed only once its count has reached the campaign's target, and only once.
 */
export class Campaigns1763902500000 implements MigrationInterface {
  name = 'Campaigns1763902500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A badge a campaign gives: no evidence counts towards it (recognition's awarding by evidence skips it).
    await queryRunner.query(`ALTER TABLE badge_definition DROP CONSTRAINT badge_definition_criterion_check`);
    await queryRunner.query(`
      ALTER TABLE badge_definition ADD CONSTRAINT badge_definition_criterion_check CHECK (criterion IN (
        'points_earned', 'innovations_published', 'quality_innovations', 'adoptions_other_schools', 'endorsements',
        'feedback_given', 'campaign'))`);

    await queryRunner.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY,
        title_th text NOT NULL CHECK (length(title_th) BETWEEN 1 AND 200),
        title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
        description_th text NOT NULL DEFAULT '' CHECK (length(description_th) <= 5000),
        description_en text NOT NULL DEFAULT '' CHECK (length(description_en) <= 5000),
        scope text NOT NULL CHECK (scope IN ('national', 'area')),
        area_id uuid REFERENCES area (id),
        goal text NOT NULL CHECK (goal IN ('publish_innovations', 'give_feedback', 'report_adoptions', 'complete_events')),
        learning_area text CHECK (learning_area ~ '^[A-Z0-9_-]{1,20}$'),
        target integer NOT NULL CHECK (target BETWEEN 1 AND 100000),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        bonus_points integer NOT NULL DEFAULT 0 CHECK (bonus_points BETWEEN 0 AND 1000),
        badge_code text REFERENCES badge_definition (code),
        created_by uuid NOT NULL REFERENCES member (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_scope CHECK ((scope = 'area') = (area_id IS NOT NULL)),
        CONSTRAINT campaign_window CHECK (starts_at < ends_at),
        CONSTRAINT campaign_learning_area CHECK (learning_area IS NULL OR goal = 'publish_innovations')
      )`);
    // The subscriber looks up the campaigns running when actions happened; members list the running and upcoming.
    await queryRunner.query(`CREATE INDEX campaign_window ON campaign (goal, ends_at, starts_at)`);
    await queryRunner.query(`CREATE INDEX campaign_listing ON campaign (ends_at, area_id)`);

    await queryRunner.query(`
      CREATE TABLE campaign_progress (
        campaign_id uuid NOT NULL REFERENCES campaign (id),
        member_id uuid NOT NULL REFERENCES member (id),
        count integer NOT NULL DEFAULT 0 CHECK (count >= 0),
        completed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, member_id)
      )`);
    await queryRunner.query(`CREATE INDEX campaign_progress_member ON campaign_progress (member_id)`);

    await queryRunner.query(`GRANT SELECT, INSERT ON campaign TO lc_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON campaign_progress TO lc_app`);

    // The bonus: its amount is each campaign's (the event's payload), so the rule's points are not used; OBEC may
    // still switch the rule off. No caps: a campaign's target and window bound it.
    await queryRunner.query(`
      INSERT INTO ledger_rule (code, event_type, beneficiary, points, cap_day, cap_week, cap_month, name_th, name_en) VALUES
        ('campaign.bonus', 'activity.campaign_action', 'actor', 1, NULL, NULL, NULL, 'โบนัสแคมเปญ', 'Campaign bonus')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM ledger_rule WHERE code = 'campaign.bonus'`);
    await queryRunner.query(`DROP TABLE campaign_progress`);
    await queryRunner.query(`DROP TABLE campaign`);
    // Badges of criterion 'campaign' already awarded stay (awards are never deleted): the CHECK no longer admits new ones.
    await queryRunner.query(`ALTER TABLE badge_definition DROP CONSTRAINT badge_definition_criterion_check`);
    await queryRunner.query(`
      ALTER TABLE badge_definition ADD CONSTRAINT badge_definition_criterion_check CHECK (criterion IN (
        'points_earned', 'innovations_published', 'quality_innovations', 'adoptions_other_schools', 'endorsements',
        'feedback_given')) NOT VALID`);
  }
}
