import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and places: provinces, educational service areas, local administrative organisations (a second
 * root for schools), schools, partners, members, sessions and refresh tokens, role grants and the audit log.
 */
export class CreateIdentity1763900100000 implements MigrationInterface {
  name = 'CreateIdentity1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE province (
        code char(2) PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
        name_th text NOT NULL UNIQUE,
        name_en text NOT NULL,
        region_th text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE area (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[PS][0-9]{2}(-[0-9]+)?$'),
        level text NOT NULL CHECK (level IN ('primary', 'secondary')),
        name_th text NOT NULL,
        short_name_th text NOT NULL,
        name_en text NOT NULL,
        area_no integer CHECK (area_no > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE area_province (
        area_id uuid NOT NULL REFERENCES area (id) ON DELETE CASCADE,
        province_code char(2) NOT NULL REFERENCES province (code),
        PRIMARY KEY (area_id, province_code)
      )`);
    await queryRunner.query(`CREATE INDEX area_province_province ON area_province (province_code)`);
    await queryRunner.query(`
      CREATE TABLE local_organisation (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name_th text NOT NULL,
        province_code char(2) NOT NULL REFERENCES province (code),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE school (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6,12}$'),
        name_th text NOT NULL,
        name_en text,
        area_id uuid REFERENCES area (id),
        local_organisation_id uuid REFERENCES local_organisation (id),
        province_code char(2) NOT NULL REFERENCES province (code),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (area_id IS NOT NULL OR local_organisation_id IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX school_area ON school (area_id, name_th, id)`);
    await queryRunner.query(`CREATE INDEX school_name_trgm ON school USING gin (name_th gin_trgm_ops)`);
    await queryRunner.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name_th text NOT NULL,
        name_en text,
        description_th text,
        description_en text,
        logo_url text,
        contact_email text,
        contact_phone text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE member (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        password_hash text,
        display_name text NOT NULL,
        member_kind text NOT NULL,
        school_id uuid REFERENCES school (id),
        academic_standing text,
        learning_areas text[] NOT NULL DEFAULT '{}',
        bio text,
        phone text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'erased')),
        terms_version text NOT NULL,
        privacy_version text NOT NULL,
        consented_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz,
        disabled_at timestamptz,
        erased_at timestamptz,
        CHECK (length(display_name) BETWEEN 1 AND 120),
        CHECK (status <> 'erased' OR (password_hash IS NULL AND phone IS NULL AND bio IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX member_email ON member (lower(email))`);
    await queryRunner.query(`CREATE INDEX member_school ON member (school_id, id)`);
    await queryRunner.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        ip inet
      )`);
    await queryRunner.query(
      `CREATE INDEX auth_session_member ON auth_session (member_id) WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES auth_session (id),
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX refresh_token_session ON refresh_token (session_id)`);
    await queryRunner.query(`
      CREATE TABLE role_grant (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id),
        role text NOT NULL CHECK (role IN ('partner_staff', 'school_admin', 'area_admin', 'moderator', 'obec_admin')),
        scope_type text NOT NULL CHECK (scope_type IN ('partner', 'school', 'area', 'national')),
        scope_id uuid,
        granted_by uuid REFERENCES member (id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES member (id),
        revoke_reason text,
        CHECK ((scope_type = 'national') = (scope_id IS NULL)),
        CHECK (
          (role = 'partner_staff' AND scope_type = 'partner') OR (role = 'school_admin' AND scope_type = 'school') OR
          (role = 'area_admin' AND scope_type = 'area') OR (role IN ('moderator', 'obec_admin') AND scope_type = 'national')
        )
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX role_grant_active ON role_grant (member_id, role, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'))
      WHERE revoked_at IS NULL`);
    // Partner staff act for exactly one partner.
    await queryRunner.query(`
      CREATE UNIQUE INDEX role_grant_one_partner ON role_grant (member_id) WHERE role = 'partner_staff' AND revoked_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        actor_id uuid REFERENCES member (id),
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        reason text,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_target ON audit_log (target_type, target_id)`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'role_grant',
      'refresh_token',
      'auth_session',
      'member',
      'partner',
      'school',
      'local_organisation',
      'area_province',
      'area',
      'province',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_change()`);
  }
}
