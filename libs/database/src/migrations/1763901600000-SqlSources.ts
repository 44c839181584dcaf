import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bodies of `ledger_transfer`, `marketplace_redeem` and `identity_actors` move out of migrations into one readable
 * SQL file per domain (libs/<domain>/src/sql/<domain>.sql), installed after the migrations whenever it changes
 * (libs/database/src/sql-sources.ts). This migration makes what those files need: the table that records which text
 * is installed, and one typed argument for each function called with parallel arrays (a record per request, so the
 * caller sends one value instead of 12 positional arrays). The old functions are dropped; the sources install the new.
 */
export class SqlSources1763901600000 implements MigrationInterface {
  name = 'SqlSources1763901600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sql_source (
        name text PRIMARY KEY,
        checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        installed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON sql_source FROM lc_app`);
    await queryRunner.query(`
      -- One redemption request of a batch (marketplace_redeem). Ids are made by the caller.
      CREATE TYPE marketplace_redeem_request AS (
        redemption_id uuid,
        hold_id uuid,
        post_id uuid,
        event_id uuid,
        voucher_id uuid,
        perk_id uuid,
        member_id uuid,
        area_id uuid,
        member_kind text,
        idempotency_key text,
        request_hash text,
        generated_code text
      )`);
    await queryRunner.query(`
      -- A session a request presents, with the member its token names (identity_actors).
      CREATE TYPE identity_session_key AS (member_id uuid, session_id uuid)`);
    await queryRunner.query(
      `DROP FUNCTION marketplace_redeem(uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], text[], text[], text[], text[])`,
    );
    await queryRunner.query(`DROP FUNCTION identity_actors(uuid[], uuid[])`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS identity_actors(identity_session_key[])`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS marketplace_redeem(marketplace_redeem_request[])`);
    await queryRunner.query(`DROP TYPE identity_session_key`);
    await queryRunner.query(`DROP TYPE marketplace_redeem_request`);
    await queryRunner.query(`DROP TABLE sql_source`);
  }
}
