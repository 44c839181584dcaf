import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface AreaView {
  id: string;
  code: string;
  level: 'primary' | 'secondary';
  nameTh: string;
  shortNameTh: string;
  nameEn: string;
  areaNo: number | null;
  provinces: { code: string; nameTh: string; nameEn: string }[];
}

export interface SchoolView {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string | null;
  areaId: string | null;
  localOrganisationId: string | null;
  provinceCode: string;
}

const SELECT_AREA = `
  SELECT a.id, a.code, a.level, a.name_th AS "nameTh", a.short_name_th AS "shortNameTh", a.name_en AS "nameEn", a.area_no AS "areaNo",
         (SELECT json_agg(json_build_object('code', p.code, 'nameTh', p.name_th, 'nameEn', p.name_en) ORDER BY p.code)
          FROM area_province ap JOIN province p ON p.code = ap.province_code WHERE ap.area_id = a.id) AS provinces
  FROM area a`;

const SELECT_SCHOOL = `
  SELECT id, code, name_th AS "nameTh", name_en AS "nameEn", area_id AS "areaId",
         local_organisation_id AS "localOrganisationId", province_code AS "provinceCode"
  FROM school`;

export interface SchoolUpsert {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string | null;
  areaId: string | null;
  localOrganisationId: string | null;
  provinceCode: string;
}

@Injectable()
export class OrganisationsRepository {
  async provinces(
    manager: EntityManager,
  ): Promise<{ code: string; nameTh: string; nameEn: string; regionTh: string }[]> {
    return manager.query(
      `SELECT code, name_th AS "nameTh", name_en AS "nameEn", region_th AS "regionTh" FROM province ORDER BY code`,
    );
  }

  async areas(manager: EntityManager, filter: { level?: string; province?: string }): Promise<AreaView[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.level) conditions.push(`a.level = $${params.push(filter.level)}`);
    if (filter.province) {
      const index = params.push(filter.province);
      conditions.push(
        `EXISTS (SELECT 1 FROM area_province ap JOIN province p ON p.code = ap.province_code
                 WHERE ap.area_id = a.id AND (p.code = $${index} OR p.name_th = $${index} OR lower(p.name_en) = lower($${index})))`,
      );
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return manager.query(`${SELECT_AREA} ${where} ORDER BY a.level, a.code`, params);
  }

  async area(
    manager: EntityManager,
    id: string,
  ): Promise<(AreaView & { schoolCount: number; memberCount: number }) | null> {
    const rows: (AreaView & { schoolCount: number; memberCount: number })[] = await manager.query(
      `SELECT x.*, (SELECT count(*)::int FROM school s WHERE s.area_id = x.id) AS "schoolCount",
              (SELECT count(*)::int FROM member m JOIN school s ON s.id = m.school_id WHERE s.area_id = x.id AND m.status = 'active') AS "memberCount"
       FROM (${SELECT_AREA} WHERE a.id = $1) x`,
      [id],
    );
    return rows[0] ?? null;
  }

  async areaIdsByCode(manager: EntityManager): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await manager.query(`SELECT id, code FROM area`);
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  async schools(
    manager: EntityManager,
    filter: { areaId?: string; q?: string },
    after: { nameTh: string; id: string } | null,
    limit: number,
  ): Promise<SchoolView[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.areaId) conditions.push(`area_id = $${params.push(filter.areaId)}`);
    if (filter.q) {
      const index = params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      conditions.push(`(name_th ILIKE $${index} OR name_en ILIKE $${index} OR code LIKE $${index})`);
    }
    if (after) conditions.push(`(name_th, id) > ($${params.push(after.nameTh)}, $${params.push(after.id)})`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return manager.query(
      `${SELECT_SCHOOL} ${where} ORDER BY name_th, id LIMIT $${params.push(limit)}`,
      params,
    );
  }

  async school(manager: EntityManager, id: string): Promise<SchoolView | null> {
    const rows: SchoolView[] = await manager.query(`${SELECT_SCHOOL} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async schoolsById(manager: EntityManager, ids: string[]): Promise<SchoolView[]> {
    return manager.query(`${SELECT_SCHOOL} WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async schoolsByCode(manager: EntityManager, codes: string[]): Promise<Map<string, SchoolView>> {
    const rows: SchoolView[] = await manager.query(`${SELECT_SCHOOL} WHERE code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((row) => [row.code, row]));
  }

  async localOrganisationIdsByCode(manager: EntityManager): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await manager.query(
      `SELECT id, code FROM local_organisation`,
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  async insertLocalOrganisation(
    manager: EntityManager,
    row: { id: string; code: string; nameTh: string; provinceCode: string },
  ): Promise<string> {
    // A concurrent import may create the same organisation first: then its id is the one to use.
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO local_organisation (id, code, name_th, province_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
      [row.id, row.code, row.nameTh, row.provinceCode],
    );
    return rows[0]!.id;
  }

  async provincesOfAreas(manager: EntityManager): Promise<Map<string, Set<string>>> {
    const rows: { code: string; provinces: string[] }[] = await manager.query(
      `SELECT a.code, array_agg(ap.province_code::text) AS provinces FROM area a JOIN area_province ap ON ap.area_id = a.id GROUP BY a.code`,
    );
    return new Map(rows.map((row) => [row.code, new Set(row.provinces)]));
  }

  /** Idempotent by school code: returns whether the row was created. */
  async upsertSchool(manager: EntityManager, school: SchoolUpsert): Promise<'created' | 'updated'> {
    const rows: { created: boolean }[] = await manager.query(
      `INSERT INTO school (id, code, name_th, name_en, area_id, local_organisation_id, province_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en, area_id = EXCLUDED.area_id,
         local_organisation_id = EXCLUDED.local_organisation_id, province_code = EXCLUDED.province_code, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [
        school.id,
        school.code,
        school.nameTh,
        school.nameEn,
        school.areaId,
        school.localOrganisationId,
        school.provinceCode,
      ],
    );
    return rows[0]!.created ? 'created' : 'updated';
  }

  async upsertArea(
    manager: EntityManager,
    area: {
      id: string;
      code: string;
      level: string;
      nameTh: string;
      shortNameTh: string;
      nameEn: string;
      areaNo: number | null;
      provinceCodes: string[];
    },
  ): Promise<'created' | 'updated'> {
    const rows: { id: string; created: boolean }[] = await manager.query(
      `INSERT INTO area (id, code, level, name_th, short_name_th, name_en, area_no) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, name_th = EXCLUDED.name_th, short_name_th = EXCLUDED.short_name_th,
         name_en = EXCLUDED.name_en, area_no = EXCLUDED.area_no, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [area.id, area.code, area.level, area.nameTh, area.shortNameTh, area.nameEn, area.areaNo],
    );
    const id = rows[0]!.id;
    await manager.query(`DELETE FROM area_province WHERE area_id = $1`, [id]);
    await manager.query(
      `INSERT INTO area_province (area_id, province_code) SELECT $1, unnest($2::char(2)[])`,
      [id, area.provinceCodes],
    );
    return rows[0]!.created ? 'created' : 'updated';
  }

  async partnerExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM partner WHERE id = $1`, [id]);
    return rows.length === 1;
  }

  async areaExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM area WHERE id = $1`, [id]);
    return rows.length === 1;
  }
}
