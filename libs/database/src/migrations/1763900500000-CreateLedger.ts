import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The points ledger: double-entry, append-only, tamper-evident.
 * - Accounts keep balance, pending (held) and a version, changed only in the transaction that appends the
 *   transfers; member wallets can never be spent below zero (CHECK).
 * - Transfers are immutable: a trigger refuses UPDATE, DELETE and TRUNCATE, and the application's role
 *   (`lc_app`) has no such privileges either. Mistakes are corrected by reversal transfers.
 * - Every transfer has a unique idempotency key; each hold is resolved (posted or voided) at most once.
 * - The hash chain and blocks are kept beside the transfers, written by the worker's hasher.
 */
export class CreateLedger1763900500000 implements MigrationInterface {
  name = 'CreateLedger1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_account (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('member', 'partner', 'system_issuance', 'system_expiry')),
        owner_id uuid,
        balance bigint NOT NULL DEFAULT 0,
        pending bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),
        lifetime_earned bigint NOT NULL DEFAULT 0 CHECK (lifetime_earned >= 0),
        version bigint NOT NULL DEFAULT 0,
        -- System issuance is striped over shards so concurrent awards to different members don't queue on one row.
        shard smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 63),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, owner_id),
        CHECK (owner_id IS NULL OR shard = 0),
        CHECK ((kind LIKE 'system_%') = (owner_id IS NULL)),
        -- Only system accounts may go below zero; a member's spendable points never do.
        CHECK (kind LIKE 'system_%' OR balance - pending >= 0)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX ledger_account_system ON ledger_account (kind, shard) WHERE owner_id IS NULL`,
    );
    await queryRunner.query(`
      INSERT INTO ledger_account (id, kind, shard) VALUES
        ('00000000-0000-7000-8000-000000000001', 'system_issuance', 0),
        ('00000000-0000-7000-8000-000000000002', 'system_expiry', 0)`);
    await queryRunner.query(`
      INSERT INTO ledger_account (id, kind, shard)
      SELECT ('00000000-0000-7000-8000-0000000001' || lpad(to_hex(n), 2, '0'))::uuid, 'system_issuance', n FROM generate_series(1, 15) AS n`);

    await queryRunner.query(`
      CREATE TABLE ledger_transfer (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 300),
        debit_account_id uuid NOT NULL REFERENCES ledger_account (id),
        credit_account_id uuid NOT NULL REFERENCES ledger_account (id),
        amount bigint NOT NULL CHECK (amount > 0),
        kind text NOT NULL CHECK (kind IN ('award', 'reversal', 'adjustment', 'hold', 'post', 'void', 'expiry')),
        pending_id uuid REFERENCES ledger_transfer (id),
        reverses_id uuid REFERENCES ledger_transfer (id),
        reason_code text NOT NULL,
        reason_th text NOT NULL,
        reason_en text NOT NULL,
        source_event_id uuid,
        source_type text,
        source_id text,
        subject_innovation_id uuid,
        hold_expires_at timestamptz,
        debit_balance_after bigint NOT NULL,
        credit_balance_after bigint NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (debit_account_id <> credit_account_id),
        CHECK ((kind IN ('post', 'void')) = (pending_id IS NOT NULL)),
        CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
      )`);
    // Each hold is posted or voided exactly once.
    await queryRunner.query(
      `CREATE UNIQUE INDEX ledger_transfer_resolves_once ON ledger_transfer (pending_id) WHERE pending_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX ledger_transfer_debit ON ledger_transfer (debit_account_id, seq)`);
    await queryRunner.query(
      `CREATE INDEX ledger_transfer_credit ON ledger_transfer (credit_account_id, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_transfer_subject ON ledger_transfer (subject_innovation_id) WHERE subject_innovation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_transfer_reverses ON ledger_transfer (reverses_id) WHERE reverses_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_transfer_source ON ledger_transfer (source_type, source_id) WHERE source_type IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_transfer_open_holds ON ledger_transfer (hold_expires_at) WHERE kind = 'hold'`,
    );
    await queryRunner.query(`
      CREATE TRIGGER ledger_transfer_append_only BEFORE UPDATE OR DELETE ON ledger_transfer
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_transfer_no_truncate BEFORE TRUNCATE ON ledger_transfer
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    await queryRunner.query(`
      CREATE TABLE ledger_rule (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_.]*$'),
        event_type text NOT NULL,
        beneficiary text NOT NULL CHECK (beneficiary IN ('actor', 'author')),
        points integer NOT NULL CHECK (points > 0),
        cap_day integer CHECK (cap_day > 0),
        cap_week integer CHECK (cap_week > 0),
        cap_month integer CHECK (cap_month > 0),
        active_from timestamptz,
        active_until timestamptz,
        enabled boolean NOT NULL DEFAULT true,
        name_th text NOT NULL,
        name_en text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid
      )`);
    await queryRunner.query(`
      INSERT INTO ledger_rule (code, event_type, beneficiary, points, cap_day, cap_week, cap_month, name_th, name_en) VALUES
        ('innovation.published', 'innovation.published', 'author', 50, 3, 10, 20, 'เผยแพร่นวัตกรรม', 'Published an innovation'),
        ('rating.received_high', 'rating.submitted', 'author', 10, 20, NULL, 200, 'ได้รับคะแนน 4 ดาวขึ้นไป', 'Received a rating of 4 or more'),
        ('feedback.rating', 'rating.submitted', 'actor', 2, 10, 40, NULL, 'ให้คะแนนนวัตกรรม', 'Rated an innovation'),
        ('feedback.comment', 'comment.created', 'actor', 2, 10, 40, NULL, 'แสดงความคิดเห็น', 'Commented on an innovation'),
        ('adoption.received', 'adoption.reported', 'author', 20, NULL, NULL, 300, 'มีผู้นำนวัตกรรมไปใช้', 'Your innovation was used in a classroom'),
        ('adoption.reported', 'adoption.reported', 'actor', 5, 3, 10, NULL, 'รายงานการนำนวัตกรรมไปใช้', 'Reported using an innovation'),
        ('innovation.endorsed', 'innovation.endorsed', 'author', 30, NULL, NULL, NULL, 'ภาคีเครือข่ายรับรองนวัตกรรม', 'A partner endorsed your innovation')`);

    await queryRunner.query(`
      CREATE TABLE ledger_chain (
        seq bigint PRIMARY KEY REFERENCES ledger_transfer (seq),
        hash bytea NOT NULL,
        block_no bigint
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_block (
        block_no bigint PRIMARY KEY,
        first_seq bigint NOT NULL,
        last_seq bigint NOT NULL,
        merkle_root bytea NOT NULL,
        head_hash bytea NOT NULL,
        signature bytea NOT NULL,
        public_key text NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now(),
        CHECK (last_seq >= first_seq)
      )`);
    await queryRunner.query(`CREATE INDEX ledger_chain_block ON ledger_chain (block_no)`);

    // The application's role: it may append transfers but never change or remove one.
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lc_app') THEN CREATE ROLE lc_app NOLOGIN; END IF;
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO lc_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lc_app`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lc_app`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lc_app`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lc_app`,
    );
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ledger_transfer, audit_log FROM lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'ledger_block',
      'ledger_chain',
      'ledger_rule',
      'ledger_transfer',
      'ledger_account',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
