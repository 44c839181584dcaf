import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner clearing accounts are striped over shards like system issuance: when thousands of teachers redeem
 * the same partner's perks at once, each redemption credits the shard picked by the member's id instead of
 * queueing on the partner's one row until its transaction commits. A partner's balance is the sum of its
 * shards. Member wallets stay one row (shard 0): their spendable balance is checked on that row.
 */
export class ShardPartnerClearing1763900650000 implements MigrationInterface {
  name = 'ShardPartnerClearing1763900650000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_kind_owner_id_key`);
    await queryRunner.query(`ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_check`);
    await queryRunner.query(
      `ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_owned UNIQUE (kind, owner_id, shard)`,
    );
    await queryRunner.query(
      `ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_member_unsharded CHECK (kind <> 'member' OR shard = 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_member_unsharded`);
    await queryRunner.query(`ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_owned`);
    await queryRunner.query(
      `ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_check CHECK (owner_id IS NULL OR shard = 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_kind_owner_id_key UNIQUE (kind, owner_id)`,
    );
  }
}
