import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Badges (docs/RECOGNITION.md): what each badge asks (one criterion of the member's evidence and the number it must
 * reach) with its texts in Thai and English, and the awards, one per member and badge (awarded exactly once, by the
 * primary key). Each award gets its Open Badges 3.0 credential (badge_credential, made by BadgeCredentials).
 */
export class Badges1763902100000 implements MigrationInterface {
  name = 'Badges1763902100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE badge_definition (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{2,39}$'),
        name_th text NOT NULL CHECK (length(name_th) BETWEEN 1 AND 120),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120),
        description_th text NOT NULL CHECK (length(description_th) BETWEEN 1 AND 500),
        description_en text NOT NULL CHECK (length(description_en) BETWEEN 1 AND 500),
        criteria_th text NOT NULL CHECK (length(criteria_th) BETWEEN 1 AND 500),
        criteria_en text NOT NULL CHECK (length(criteria_en) BETWEEN 1 AND 500),
        criterion text NOT NULL CHECK (criterion IN ('points_earned', 'innovations_published', 'quality_innovations',
          'adoptions_other_schools', 'endorsements', 'feedback_given')),
        required integer NOT NULL CHECK (required BETWEEN 1 AND 1000000),
        colour text NOT NULL DEFAULT 'teal' CHECK (colour IN ('teal', 'orange', 'grape', 'blue', 'pink', 'indigo')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO badge_definition (code, name_th, name_en, description_th, description_en, criteria_th, criteria_en,
        criterion, required, colour) VALUES
      ('first_innovation', 'นวัตกรรมชิ้นแรก', 'First innovation',
       'เผยแพร่นวัตกรรมการเรียนรู้ชิ้นแรกในชุมชน', 'Published a first learning innovation in the community',
       'เผยแพร่นวัตกรรมอย่างน้อย 1 ชิ้น', 'Publish at least 1 innovation', 'innovations_published', 1, 'teal'),
      ('quality_innovator', 'นวัตกรคุณภาพ', 'Quality innovator',
       'นวัตกรรมได้รับคะแนนเฉลี่ย 4.0 ขึ้นไปจากเพื่อนครูอย่างน้อย 3 คน',
       'An innovation rated 4.0 or more on average by at least 3 peers',
       'มีนวัตกรรมที่ได้คะแนนเฉลี่ย 4.0 ขึ้นไปจากเพื่อนครูอย่างน้อย 3 คน อย่างน้อย 1 ชิ้น',
       'Have at least 1 innovation rated 4.0 or more on average by at least 3 peers',
       'quality_innovations', 1, 'orange'),
      ('adopted_ten', 'ขยายผลสิบโรงเรียน', 'Adopted ten times',
       'นวัตกรรมถูกนำไปใช้โดยครูโรงเรียนอื่น 10 ครั้ง', 'Innovations used by members of other schools 10 times',
       'มีการนำนวัตกรรมไปใช้โดยครูโรงเรียนอื่นอย่างน้อย 10 ครั้ง',
       'Have your innovations adopted by members of other schools at least 10 times',
       'adoptions_other_schools', 10, 'grape'),
      ('partner_endorsed', 'ภาคีการันตี', 'Endorsed by a partner',
       'นวัตกรรมได้รับการรับรองจากภาคีเครือข่าย', 'An innovation endorsed by a partner organisation',
       'ได้รับการรับรองนวัตกรรมจากภาคีเครือข่ายอย่างน้อย 1 ครั้ง',
       'Have an innovation endorsed by a partner at least once', 'endorsements', 1, 'blue'),
      ('helpful_reviewer', 'กัลยาณมิตรทางวิชาการ', 'Helpful reviewer',
       'ให้คะแนนและความคิดเห็นต่อนวัตกรรมของเพื่อนครู 20 ครั้ง', 'Gave ratings and comments on peers’ innovations 20 times',
       'ให้คะแนนหรือความคิดเห็นต่อนวัตกรรมของผู้อื่นอย่างน้อย 20 ครั้ง',
       'Rate or comment on others’ innovations at least 20 times', 'feedback_given', 20, 'pink')`);

    await queryRunner.query(`
      CREATE TABLE badge_award (
        id uuid PRIMARY KEY,
        badge_code text NOT NULL REFERENCES badge_definition (code),
        member_id uuid NOT NULL REFERENCES member (id),
        awarded_at timestamptz NOT NULL DEFAULT now(),
        -- The event whose handling found the criterion met.
        source_event_id uuid,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES member (id),
        revoked_reason text CHECK (length(revoked_reason) BETWEEN 3 AND 1000),
        UNIQUE (member_id, badge_code),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX badge_award_badge ON badge_award (badge_code, awarded_at)`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON badge_definition, badge_award TO lc_app`);

    // What members choose to show: on leaderboards (or not at all), and their portfolio to everyone, to signed-in
    // members only, or to nobody but themselves.
    await queryRunner.query(`
      CREATE TABLE member_privacy (
        member_id uuid PRIMARY KEY REFERENCES member (id),
        leaderboards boolean NOT NULL DEFAULT true,
        portfolio text NOT NULL DEFAULT 'members' CHECK (portfolio IN ('public', 'members', 'private')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON member_privacy TO lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE member_privacy`);
    await queryRunner.query(`DROP TABLE badge_award`);
    await queryRunner.query(`DROP TABLE badge_definition`);
  }
}
