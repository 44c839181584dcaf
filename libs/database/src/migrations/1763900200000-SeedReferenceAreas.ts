import { MigrationInterface, QueryRunner } from 'typeorm';
// Core's index by a relative path, not @lc/core: migrations also run from the test harness's global set-up,
// outside the path aliases (the one import from another library that lint lets through, here).
// eslint-disable-next-line no-restricted-imports
import { loadAreas, loadProvinces, uuidv7 } from '../../../core/src';

/**
 * The 77 provinces and OBEC's 245 educational service areas (183 primary, 62 secondary) as of academic
 * year 2568, from data/reference/. Later lists arrive through the admin CSV import, by the same stable codes.
 */
export class SeedReferenceAreas1763900200000 implements MigrationInterface {
  name = 'SeedReferenceAreas1763900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const provinces = loadProvinces();
    await queryRunner.query(
      `INSERT INTO province (code, name_th, name_en, region_th)
       SELECT * FROM unnest($1::char(2)[], $2::text[], $3::text[], $4::text[])`,
      [
        provinces.map((p) => p.code),
        provinces.map((p) => p.nameTh),
        provinces.map((p) => p.nameEn),
        provinces.map((p) => p.regionTh),
      ],
    );
    for (const area of loadAreas()) {
      const id = uuidv7();
      await queryRunner.query(
        `INSERT INTO area (id, code, level, name_th, short_name_th, name_en, area_no) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, area.code, area.level, area.nameTh, area.shortNameTh, area.nameEn, area.areaNo],
      );
      await queryRunner.query(
        `INSERT INTO area_province (area_id, province_code) SELECT $1, unnest($2::char(2)[])`,
        [id, area.provinceCodes],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM area_province`);
    await queryRunner.query(`DELETE FROM area`);
    await queryRunner.query(`DELETE FROM province`);
  }
}
