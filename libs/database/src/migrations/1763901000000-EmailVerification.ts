import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confirmed e-mail addresses: an account's actions earn and give points only once its address is confirmed
 * (`EMAIL_VERIFICATION_REQUIRED`), so a script that signs up in bulk can't mint points.
 * - `member.email_verified_at`: null while unconfirmed. No default: a member row written by any other path than
 *   registration (which sets it when confirmation is not required) starts unconfirmed. Members who exist before
 *   this migration are taken as confirmed (they signed up when nobody was asked to).
 * - `email_verification`: one row per confirmation e-mail. The api writes it `pending` in the transaction that
 *   asks for it (registration, "send me a new link"); the worker's mail sweep then makes the token, stores only
 *   its SHA-256 and sends the link, so the token itself is never stored anywhere. A token works once
 *   (`used_at`) and until `expires_at` (`EMAIL_VERIFICATION_HOURS` after it was sent).
 */
export class EmailVerification1763901000000 implements MigrationInterface {
  name = 'EmailVerification1763901000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE member ADD COLUMN email_verified_at timestamptz`);
    await queryRunner.query(`UPDATE member SET email_verified_at = now()`);
    await queryRunner.query(`
      CREATE TABLE email_verification (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        token_hash text UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz,
        used_at timestamptz,
        mail_state text NOT NULL DEFAULT 'pending' CHECK (mail_state IN ('pending', 'sent', 'failed', 'cancelled')),
        mail_attempts smallint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        emailed_at timestamptz,
        CHECK ((token_hash IS NULL) = (expires_at IS NULL)),
        CHECK ((token_hash IS NULL) = (mail_state <> 'sent')),
        CHECK (used_at IS NULL OR token_hash IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX email_verification_pending ON email_verification (id) WHERE mail_state = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX email_verification_member ON email_verification (member_id, created_at)`,
    );
    // The schema owner's default privileges already cover new tables; said explicitly in case the migrations
    // ever run as another user.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON email_verification TO lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE email_verification`);
    await queryRunner.query(`ALTER TABLE member DROP COLUMN email_verified_at`);
  }
}
