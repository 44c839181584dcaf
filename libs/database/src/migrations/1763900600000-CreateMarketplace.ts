import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner marketplace: perks, voucher codes, redemptions (with their history) and endorsements.
 * Stock can never go below zero (CHECK as the backstop of a conditional UPDATE); an idempotency key is unique
 * per member; a voucher code belongs to one redemption; a partner endorses an innovation once.
 */
export class CreateMarketplace1763900600000 implements MigrationInterface {
  name = 'CreateMarketplace1763900600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE perk (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partner (id),
        title_th text NOT NULL CHECK (length(title_th) BETWEEN 1 AND 200),
        title_en text,
        description_th text NOT NULL DEFAULT '',
        description_en text,
        category text NOT NULL,
        images jsonb NOT NULL DEFAULT '[]',
        cost integer NOT NULL CHECK (cost > 0),
        stock_total integer CHECK (stock_total >= 0),
        stock_left integer CHECK (stock_left >= 0),
        per_member_limit integer CHECK (per_member_limit > 0),
        limit_period text NOT NULL DEFAULT 'ever' CHECK (limit_period IN ('ever', 'day', 'week', 'month')),
        fulfilment text NOT NULL CHECK (fulfilment IN ('pool_code', 'generated_code', 'manual')),
        fulfilment_hours integer NOT NULL DEFAULT 168 CHECK (fulfilment_hours > 0),
        valid_from timestamptz,
        valid_until timestamptz,
        eligibility jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending_approval', 'live', 'paused', 'ended')),
        approved_by uuid REFERENCES member (id),
        approved_at timestamptz,
        created_by uuid NOT NULL REFERENCES member (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_tokens text NOT NULL DEFAULT '',
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_tokens)) STORED,
        search_raw text NOT NULL DEFAULT '',
        CHECK ((stock_total IS NULL) = (stock_left IS NULL)),
        CHECK (stock_left IS NULL OR stock_left <= stock_total),
        CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from)
      )`);
    await queryRunner.query(`CREATE INDEX perk_catalogue ON perk (status, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX perk_cost ON perk (status, cost, id)`);
    await queryRunner.query(`CREATE INDEX perk_partner ON perk (partner_id)`);
    await queryRunner.query(`CREATE INDEX perk_search ON perk USING gin (search_vector)`);
    await queryRunner.query(`CREATE INDEX perk_search_raw ON perk USING gin (search_raw gin_trgm_ops)`);

    await queryRunner.query(`
      CREATE TABLE voucher_code (
        id uuid PRIMARY KEY,
        perk_id uuid NOT NULL REFERENCES perk (id),
        code text NOT NULL CHECK (length(code) BETWEEN 3 AND 100),
        status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'issued', 'used')),
        redemption_id uuid UNIQUE,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (perk_id, code),
        CHECK ((status = 'available') = (redemption_id IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX voucher_code_available ON voucher_code (perk_id, id) WHERE status = 'available'`,
    );
    await queryRunner.query(`CREATE INDEX voucher_code_lookup ON voucher_code (code)`);

    await queryRunner.query(`
      CREATE TABLE redemption (
        id uuid PRIMARY KEY,
        perk_id uuid NOT NULL REFERENCES perk (id),
        partner_id uuid NOT NULL REFERENCES partner (id),
        member_id uuid NOT NULL REFERENCES member (id),
        status text NOT NULL CHECK (status IN ('pending', 'fulfilled', 'rejected', 'cancelled', 'expired')),
        cost integer NOT NULL CHECK (cost > 0),
        hold_transfer_id uuid,
        voucher_code text,
        deadline_at timestamptz,
        reject_reason text,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        request_hash char(64) NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (member_id, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX redemption_member ON redemption (member_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX redemption_perk ON redemption (perk_id, member_id, created_at)`);
    await queryRunner.query(`CREATE INDEX redemption_partner ON redemption (partner_id, created_at DESC)`);
    await queryRunner.query(
      `CREATE INDEX redemption_deadline ON redemption (deadline_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE redemption_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        redemption_id uuid NOT NULL REFERENCES redemption (id),
        status text NOT NULL,
        actor_id uuid,
        note text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX redemption_history_redemption ON redemption_history (redemption_id, id)`,
    );

    await queryRunner.query(`
      CREATE TABLE endorsement (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partner (id),
        innovation_id uuid NOT NULL REFERENCES innovation (id),
        staff_id uuid NOT NULL REFERENCES member (id),
        statement text NOT NULL CHECK (length(statement) BETWEEN 3 AND 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partner_id, innovation_id)
      )`);
    await queryRunner.query(`CREATE INDEX endorsement_innovation ON endorsement (innovation_id)`);
    // Tables made after the ledger migration get the application role's grants by default privileges.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['endorsement', 'redemption_history', 'redemption', 'voucher_code', 'perk']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
