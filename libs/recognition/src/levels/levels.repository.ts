import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@lc/database';
import { CriterionCode } from './criteria';

export type Evidence = Record<CriterionCode, number>;

export interface HeldLevel {
  memberId: string;
  levelCode: string;
  rank: number;
  reachedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/**
 * The SQL of levels: the evidence of members' work (read from the ledger, innovations, feedback, endorsements and completed events as
 * they stand, so a level is decided on the records themselves and never on a copy that could drift), the criteria,
 * and the levels held.
 */
@Injectable()
export class LevelsRepository {
  /**
   * Each member's evidence, in one statement: lifetime points earned; published innovations; those of them rated
   * 4.0 or more on average by at least 3 peers (authors cannot rate their own); adoptions of their published
   * innovations reported by members of another school (each adopter once per innovation); partner endorsements of
   * them; ratings and comments given on others' innovations; events completed (any kind, and forums); approved
   * nominations.
   */
  async evidence(manager: EntityManager, memberIds: string[]): Promise<Map<string, Evidence>> {
    if (memberIds.length === 0) return new Map();
    const rows: (Record<CriterionCode, string> & { member_id: string })[] = await manager.query(
      `SELECT m.id AS member_id,
         coalesce((SELECT a.lifetime_earned FROM ledger_account a
                   WHERE a.kind = 'member' AND a.owner_id = m.id LIMIT 1), 0) AS points_earned,
         (SELECT count(*) FROM innovation i WHERE i.author_id = m.id AND i.status = 'published')
           AS innovations_published,
         (SELECT count(*) FROM innovation i WHERE i.author_id = m.id AND i.status = 'published'
            AND i.rating_count >= 3 AND i.rating_sum >= 4 * i.rating_count) AS quality_innovations,
         (SELECT count(DISTINCT (ad.innovation_id, ad.member_id)) FROM innovation i
            JOIN innovation_adoption ad ON ad.innovation_id = i.id
            WHERE i.author_id = m.id AND i.status = 'published' AND ad.member_id <> m.id
              AND ad.school_id IS NOT NULL AND ad.school_id IS DISTINCT FROM i.school_id) AS adoptions_other_schools,
         (SELECT count(*) FROM innovation i JOIN endorsement e ON e.innovation_id = i.id
            WHERE i.author_id = m.id AND i.status = 'published') AS endorsements,
         (SELECT count(*) FROM innovation_rating r JOIN innovation i ON i.id = r.innovation_id
            WHERE r.member_id = m.id AND i.author_id <> m.id)
         + (SELECT count(*) FROM innovation_comment c JOIN innovation i ON i.id = c.innovation_id
            WHERE c.author_id = m.id AND c.deleted_at IS NULL AND i.author_id <> m.id) AS feedback_given,
         (SELECT count(*) FROM activity_completion c WHERE c.member_id = m.id) AS events_completed,
         (SELECT count(*) FROM activity_completion c JOIN activity_event e ON e.id = c.event_id
            WHERE c.member_id = m.id AND e.kind = 'forum') AS forums_completed,
         (SELECT count(*) FROM level_nomination n WHERE n.member_id = m.id AND n.status = 'approved')
           AS nomination_approved
       FROM member m WHERE m.id = ANY($1::uuid[]) AND m.status <> 'erased'`,
      [memberIds],
    );
    return new Map(
      rows.map((row) => {
        const { member_id, ...counts } = row;
        return [
          member_id,
          Object.fromEntries(
            Object.entries(counts).map(([code, value]) => [code, Number(value)]),
          ) as Evidence,
        ];
      }),
    );
  }

  async criteria(manager: EntityManager): Promise<Map<string, { code: CriterionCode; required: number }[]>> {
    const rows: { level_code: string; criterion: CriterionCode; required: number }[] = await manager.query(
      `SELECT level_code, criterion, required FROM recognition_level_criterion ORDER BY level_code, criterion`,
    );
    const byLevel = new Map<string, { code: CriterionCode; required: number }[]>();
    for (const row of rows)
      byLevel.set(row.level_code, [
        ...(byLevel.get(row.level_code) ?? []),
        { code: row.criterion, required: row.required },
      ]);
    return byLevel;
  }

  /** Replaces the criteria of the levels given (the others stay as they are). */
  async replaceCriteria(
    manager: EntityManager,
    levels: { code: string; criteria: { code: string; required: number }[] }[],
  ): Promise<void> {
    await manager.query(`DELETE FROM recognition_level_criterion WHERE level_code = ANY($1::text[])`, [
      levels.map((level) => level.code),
    ]);
    const rows = levels.flatMap((level) =>
      level.criteria.map((c) => [level.code, c.code, c.required] as const),
    );
    await manager.query(
      `INSERT INTO recognition_level_criterion (level_code, criterion, required)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }

  /** The levels these members hold or held (revoked ones too), locked when `lock` so two batches take turns. */
  async held(manager: EntityManager, memberIds: string[], lock = false): Promise<HeldLevel[]> {
    if (memberIds.length === 0) return [];
    return manager.query(
      `SELECT member_id AS "memberId", level_code AS "levelCode", rank, reached_at AS "reachedAt",
              revoked_at AS "revokedAt", revoked_reason AS "revokedReason"
       FROM member_level WHERE member_id = ANY($1::uuid[]) ORDER BY member_id, rank${lock ? ' FOR UPDATE' : ''}`,
      [memberIds],
    );
  }

  /** Records levels reached; answers the ones that are new (a level is reached once, by the primary key). */
  async reach(
    manager: EntityManager,
    reached: { memberId: string; levelCode: string; rank: number; eventId: string | null }[],
  ): Promise<{ memberId: string; levelCode: string; rank: number }[]> {
    if (reached.length === 0) return [];
    const rows: { member_id: string; level_code: string; rank: number }[] = await manager.query(
      `INSERT INTO member_level (member_id, level_code, rank, source_event_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::smallint[], $4::uuid[])
       ON CONFLICT DO NOTHING RETURNING member_id, level_code, rank`,
      [
        reached.map((r) => r.memberId),
        reached.map((r) => r.levelCode),
        reached.map((r) => r.rank),
        reached.map((r) => r.eventId),
      ],
    );
    return rows.map((row) => ({ memberId: row.member_id, levelCode: row.level_code, rank: row.rank }));
  }

  /** Sets each member's current level (the highest held and not revoked) beside their name. */
  async refreshCurrent(manager: EntityManager, memberIds: string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await manager.query(
      `UPDATE member m SET level_code = coalesce(
         (SELECT l.level_code FROM member_level l WHERE l.member_id = m.id AND l.revoked_at IS NULL
          ORDER BY l.rank DESC LIMIT 1), 'member')
       WHERE m.id = ANY($1::uuid[])`,
      [memberIds],
    );
  }

  async revoke(
    manager: EntityManager,
    memberId: string,
    levelCode: string,
    by: string,
    reason: string,
  ): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE member_level SET revoked_at = now(), revoked_by = $3, revoked_reason = $4
       WHERE member_id = $1 AND level_code = $2 AND revoked_at IS NULL RETURNING 1`,
      [memberId, levelCode, by, reason],
    );
    return rows.length > 0;
  }

  async memberPlace(
    manager: EntityManager,
    memberIds: string[],
  ): Promise<Map<string, { schoolId: string | null; areaId: string | null; levelCode: string }>> {
    if (memberIds.length === 0) return new Map();
    const rows: { id: string; school_id: string | null; area_id: string | null; level_code: string }[] =
      await manager.query(
        `SELECT m.id, m.school_id, s.area_id, m.level_code FROM member m LEFT JOIN school s ON s.id = m.school_id
         WHERE m.id = ANY($1::uuid[])`,
        [memberIds],
      );
    return new Map(
      rows.map((row) => [
        row.id,
        { schoolId: row.school_id, areaId: row.area_id, levelCode: row.level_code },
      ]),
    );
  }
}
