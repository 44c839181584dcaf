import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OBEC may send a pending perk back to its partner instead of approving it (`POST /admin/perks/:id/return`): the
 * perk becomes a draft again and keeps the admin's note, when and by whom, so the partner sees what to change.
 * A resubmission clears the three together; the audit log keeps every past review.
 */
export class PerkReview1763901520000 implements MigrationInterface {
  name = 'PerkReview1763901520000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE perk
        ADD COLUMN review_note text CHECK (length(review_note) BETWEEN 1 AND 1000),
        ADD COLUMN reviewed_at timestamptz,
        ADD COLUMN reviewed_by uuid REFERENCES member (id),
        ADD CONSTRAINT perk_review_complete CHECK (
          (review_note IS NULL) = (reviewed_at IS NULL) AND (review_note IS NULL) = (reviewed_by IS NULL)
        )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE perk
        DROP CONSTRAINT perk_review_complete,
        DROP COLUMN review_note,
        DROP COLUMN reviewed_at,
        DROP COLUMN reviewed_by`);
  }
}
