import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's school and kind decide which perks they may redeem, which admins see them and how the cockpit
 * counts them, so a member no longer changes them alone: `PATCH /me` records a request here, and the change
 * takes effect when an admin of the school asked for (its school_admin, its area's area_admin, or an
 * obec_admin) approves it. At most one request per member is pending; replacing it cancels the old one, so an
 * admin never approves something other than what they read.
 */
export class ProfileChangeRequests1763901100000 implements MigrationInterface {
  name = 'ProfileChangeRequests1763901100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE profile_change_request (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id),
        -- The school and kind when asked, and the ones asked for (NULL school: none). The admins who decide are
        -- those of the school asked for, or of the current one when only the kind changes or the member leaves.
        from_school_id uuid REFERENCES school (id),
        from_member_kind text NOT NULL,
        school_id uuid REFERENCES school (id),
        member_kind text NOT NULL CHECK (length(member_kind) BETWEEN 1 AND 40),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES member (id),
        decided_at timestamptz,
        reason text CHECK (reason IS NULL OR length(reason) BETWEEN 3 AND 500),
        CHECK (school_id IS DISTINCT FROM from_school_id OR member_kind <> from_member_kind),
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK ((status = 'pending') = (decided_by IS NULL)),
        CHECK (status <> 'rejected' OR reason IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX profile_change_request_one_pending ON profile_change_request (member_id) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX profile_change_request_status ON profile_change_request (status, id)`,
    );
    // Default privileges cover tables made by the migrating role; granted explicitly so it holds either way,
    // without DELETE: decided requests are the history of who confirmed what.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON profile_change_request TO lc_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON profile_change_request FROM lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE profile_change_request`);
  }
}
