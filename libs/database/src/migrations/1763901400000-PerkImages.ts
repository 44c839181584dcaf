import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pictures partner staff upload for their perks (`POST /partner/perk-images`). The bytes live in the file storage
 * under `storage_key`; the row says whose picture it is, so a perk may show only its own partner's pictures, and
 * the type recognised from the content, which `GET /perk-images/:id` answers with. Rows are never updated.
 */
export class PerkImages1763901400000 implements MigrationInterface {
  name = 'PerkImages1763901400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE perk_image (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES partner (id),
        storage_key text NOT NULL UNIQUE,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
        byte_size integer NOT NULL CHECK (byte_size > 0),
        created_by uuid NOT NULL REFERENCES member (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX perk_image_partner ON perk_image (partner_id, created_at)`);
    // The schema owner's default privileges already cover new tables; said explicitly in case the migrations
    // ever run as another user.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON perk_image TO lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE perk_image`);
  }
}
