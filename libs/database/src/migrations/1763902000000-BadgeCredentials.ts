import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verifiable badges (docs/RECOGNITION.md, "Verifiable badges"): each badge award's signed Open Badges 3.0
 * credential, and the revocation lists (W3C Bitstring Status List) its status entry points into.
 *
 * - One credential per award: `award_id` is unique, so a repeated or concurrent issue finds the first one. It has no
 *   foreign key to the awards yet (they arrive in a later migration, which may add it).
 * - One slot per credential in a list: unique (status_list_id, status_list_index), whatever the number of api and
 *   worker processes that issue at once. A list has 131,072 slots (the 16 KB minimum of the specification).
 * - The signed credential never changes: the application role may update only the revocation columns.
 */
export class BadgeCredentials1763902000000 implements MigrationInterface {
  name = 'BadgeCredentials1763902000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One number per issue: which list a credential lands in (numbers per list are capped, see the service).
    // Numbers lost to rolled-back issues only leave a list emptier.
    await queryRunner.query(`CREATE SEQUENCE badge_status_allocation AS bigint MINVALUE 0 START 0`);

    await queryRunner.query(`
      CREATE TABLE badge_status_list (
        id integer PRIMARY KEY CHECK (id >= 1),
        status_purpose text NOT NULL DEFAULT 'revocation' CHECK (status_purpose = 'revocation'),
        -- Bumped with every revocation in the list: a signed copy older than this is signed again when read.
        revision bigint NOT NULL DEFAULT 0,
        signed_credential jsonb,
        signed_revision bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((signed_credential IS NULL) = (signed_revision IS NULL))
      )`);

    await queryRunner.query(`
      CREATE TABLE badge_credential (
        id uuid PRIMARY KEY,
        award_id uuid NOT NULL UNIQUE,
        member_id uuid NOT NULL REFERENCES member (id),
        credential jsonb NOT NULL,
        status_list_id integer NOT NULL REFERENCES badge_status_list (id),
        status_list_index integer NOT NULL CHECK (status_list_index BETWEEN 0 AND 131071),
        issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text CHECK (length(revoked_reason) BETWEEN 3 AND 1000),
        CONSTRAINT badge_credential_status_slot UNIQUE (status_list_id, status_list_index),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX badge_credential_member ON badge_credential (member_id, issued_at)`,
    );

    await queryRunner.query(`GRANT SELECT, INSERT ON badge_credential TO lc_app`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON badge_credential FROM lc_app`);
    await queryRunner.query(`GRANT UPDATE (revoked_at, revoked_reason) ON badge_credential TO lc_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON badge_status_list TO lc_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON badge_status_list FROM lc_app`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE badge_status_allocation TO lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE badge_credential`);
    await queryRunner.query(`DROP TABLE badge_status_list`);
    await queryRunner.query(`DROP SEQUENCE badge_status_allocation`);
  }
}
