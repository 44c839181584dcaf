import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CriterionCode } from '../levels/criteria';

/** What a badge asks: one criterion of the member's evidence, or 'campaign' (given only by completing a campaign). */
export type BadgeCriterion = CriterionCode | 'campaign';

export interface BadgeDefinitionRow {
  code: string;
  nameTh: string;
  nameEn: string;
  descriptionTh: string;
  descriptionEn: string;
  criteriaTh: string;
  criteriaEn: string;
  criterion: BadgeCriterion;
  required: number;
  colour: string;
  active: boolean;
}

export interface BadgeAwardRow {
  id: string;
  badgeCode: string;
  memberId: string;
  awardedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  credentialId: string | null;
}

const DEFINITION = `code, name_th AS "nameTh", name_en AS "nameEn", description_th AS "descriptionTh",
  description_en AS "descriptionEn", criteria_th AS "criteriaTh", criteria_en AS "criteriaEn", criterion, required,
  colour, active`;

/** The SQL of badges: their definitions and the awards (one per member and badge, by the unique key). */
@Injectable()
export class BadgesRepository {
  async definitions(manager: EntityManager, activeOnly = false): Promise<BadgeDefinitionRow[]> {
    return manager.query(
      `SELECT ${DEFINITION} FROM badge_definition ${activeOnly ? 'WHERE active' : ''} ORDER BY created_at, code`,
    );
  }

  async definition(manager: EntityManager, code: string, lock = false): Promise<BadgeDefinitionRow | null> {
    const rows: BadgeDefinitionRow[] = await manager.query(
      `SELECT ${DEFINITION} FROM badge_definition WHERE code = $1${lock ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return rows[0] ?? null;
  }

  async insertDefinition(manager: EntityManager, row: BadgeDefinitionRow): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO badge_definition (code, name_th, name_en, description_th, description_en, criteria_th, criteria_en,
         criterion, required, colour, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (code) DO NOTHING RETURNING 1`,
      definitionParams(row),
    );
    return rows.length > 0;
  }

  async updateDefinition(manager: EntityManager, row: BadgeDefinitionRow): Promise<void> {
    await manager.query(
      `UPDATE badge_definition SET name_th = $2, name_en = $3, description_th = $4, description_en = $5,
         criteria_th = $6, criteria_en = $7, criterion = $8, required = $9, colour = $10, active = $11, updated_at = now()
       WHERE code = $1`,
      definitionParams(row),
    );
  }

  /** Records awards; answers the ones that are new (a badge is awarded once per member, by the unique key). */
  async award(
    manager: EntityManager,
    awards: { id: string; badgeCode: string; memberId: string; eventId: string | null }[],
  ): Promise<{ id: string; badgeCode: string; memberId: string; awardedAt: Date }[]> {
    if (awards.length === 0) return [];
    return manager.query(
      `INSERT INTO badge_award (id, badge_code, member_id, source_event_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[])
       ON CONFLICT (member_id, badge_code) DO NOTHING
       RETURNING id, badge_code AS "badgeCode", member_id AS "memberId", awarded_at AS "awardedAt"`,
      [
        awards.map((a) => a.id),
        awards.map((a) => a.badgeCode),
        awards.map((a) => a.memberId),
        awards.map((a) => a.eventId),
      ],
    );
  }

  async awardsOf(manager: EntityManager, memberId: string): Promise<BadgeAwardRow[]> {
    return manager.query(
      `SELECT a.id, a.badge_code AS "badgeCode", a.member_id AS "memberId", a.awarded_at AS "awardedAt",
              a.revoked_at AS "revokedAt", a.revoked_reason AS "revokedReason", c.id AS "credentialId"
       FROM badge_award a LEFT JOIN badge_credential c ON c.award_id = a.id
       WHERE a.member_id = $1 ORDER BY a.awarded_at, a.id`,
      [memberId],
    );
  }

  async awardForUpdate(manager: EntityManager, id: string): Promise<BadgeAwardRow | null> {
    const rows: BadgeAwardRow[] = await manager.query(
      `SELECT a.id, a.badge_code AS "badgeCode", a.member_id AS "memberId", a.awarded_at AS "awardedAt",
              a.revoked_at AS "revokedAt", a.revoked_reason AS "revokedReason",
              (SELECT c.id FROM badge_credential c WHERE c.award_id = a.id) AS "credentialId"
       FROM badge_award a WHERE a.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async revokeAward(manager: EntityManager, id: string, by: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE badge_award SET revoked_at = now(), revoked_by = $2, revoked_reason = $3 WHERE id = $1`,
      [id, by, reason],
    );
  }
}

/** A definition's columns in the order the insert and the update number them ($1 … $11). */
function definitionParams(row: BadgeDefinitionRow): unknown[] {
  return [
    row.code,
    row.nameTh,
    row.nameEn,
    row.descriptionTh,
    row.descriptionEn,
    row.criteriaTh,
    row.criteriaEn,
    row.criterion,
    row.required,
    row.colour,
    row.active,
  ];
}
