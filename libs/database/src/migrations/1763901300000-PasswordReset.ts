import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Forgot my password": one row per reset e-mail. The api writes it `pending` when an active member's address is
 * given to `POST /auth/password-reset`; the worker's mail sweep then makes the token, stores only its SHA-256 with
 * its expiry (30 minutes after sending) and sends the link, so the token itself is never stored anywhere. A token
 * works once (`used_at`); using one ends every session of the member.
 */
export class PasswordReset1763901300000 implements MigrationInterface {
  name = 'PasswordReset1763901300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE password_reset (
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
      `CREATE INDEX password_reset_pending ON password_reset (id) WHERE mail_state = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX password_reset_member ON password_reset (member_id, created_at)`);
    // The schema owner's default privileges already cover new tables; said explicitly in case the migrations
    // ever run as another user.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON password_reset TO lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE password_reset`);
  }
}
