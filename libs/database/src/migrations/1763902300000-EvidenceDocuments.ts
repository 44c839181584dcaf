import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence documents (seed 003 §7): each PDF of a member's work for a fiscal year is recorded under the code printed
 * on it (and in its QR), with the SHA-256 of the file as issued and the totals it showed, so that anyone holding a
 * copy can have it confirmed on the public verification page.
 */
export class EvidenceDocuments1763902300000 implements MigrationInterface {
  name = 'EvidenceDocuments1763902300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_document (
        code text PRIMARY KEY CHECK (code ~ '^[A-HJ-KM-NP-Z2-9]{10}$'),
        member_id uuid NOT NULL REFERENCES member (id),
        fiscal_year smallint NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),
        sha256 char(64) NOT NULL,
        totals jsonb NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX evidence_document_member ON evidence_document (member_id, issued_at)`,
    );
    // Issued documents are never changed.
    await queryRunner.query(`GRANT SELECT, INSERT ON evidence_document TO lc_app`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON evidence_document FROM lc_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evidence_document`);
  }
}
