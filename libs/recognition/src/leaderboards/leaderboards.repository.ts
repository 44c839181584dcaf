import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PeriodInstance } from './leaderboard-periods';

export const BOARDS = ['points', 'adoptions', 'quality'] as const;
export type Board = (typeof BOARDS)[number];

/** The fewest distinct peers whose ratings make a quality score (fewer: the member is not on the quality board). */
export const QUALITY_MIN_RATERS = 3;

/**
 * Member kinds that are ranked: the teachers and school personnel the boards are for. Everyone else (supervisors,
 * directors, executives, students, parents, the public) may take part but is not compared with teachers.
 */
export const RANKED_MEMBER_KINDS = ['teacher', 'personnel'];

/** A member the boards may show, and where: their current school and its area. */
export interface RankedMember {
  memberId: string;
  schoolId: string | null;
  areaId: string | null;
}

/** One value of a member: on `board`, in the period instance `periodId`, for `filter` ('' none, la:X, cp:Y). */
export interface BoardValue {
  memberId: string;
  board: Board;
  periodId: string;
  filter: string;
  value: number;
}

export interface MemberCard {
  id: string;
  displayName: string;
  /** Their level (recognition), shown beside their name. */
  level: string;
  school: { id: string; nameTh: string; nameEn: string | null } | null;
}

/**
 * The filters a row counts under: none (''), each learning area of the innovation it came from (la:MAT) and each of
 * its competencies (cp:CBC-HT). A row without an innovation counts only under ''. UNION (not ALL): an array listing
 * a code twice still counts once.
 */
const FILTERS = `CROSS JOIN LATERAL (
    SELECT '' AS filter
    UNION SELECT 'la:' || x FROM unnest(i.learning_areas) AS x
    UNION SELECT 'cp:' || x FROM unnest(i.competency_codes) AS x) f`;

/**
 * The numbers behind the boards, always computed from PostgreSQL (the sources of truth): the subscriber and the
 * rebuild both write what these queries say, so Redis never holds anything but a copy.
 */
@Injectable()
export class LeaderboardsRepository {
  /** Members among these who are ranked: active, a teacher or personnel, no role grant, not opted out. */
  async ranked(manager: EntityManager, memberIds: string[]): Promise<RankedMember[]> {
    const rows: { id: string; school_id: string | null; area_id: string | null }[] = await manager.query(
      `SELECT m.id, m.school_id, s.area_id
       FROM member m LEFT JOIN school s ON s.id = m.school_id
       WHERE m.id = ANY($1::uuid[]) AND m.status = 'active' AND m.member_kind = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.member_id = m.id AND g.revoked_at IS NULL)
         AND NOT EXISTS (SELECT 1 FROM member_privacy p WHERE p.member_id = m.id AND NOT p.leaderboards)`,
      [memberIds, RANKED_MEMBER_KINDS],
    );
    return rows.map((r) => ({ memberId: r.id, schoolId: r.school_id, areaId: r.area_id }));
  }

  /** Every value (> 0) of these members on every board, for each current period and filter. */
  async values(
    manager: EntityManager,
    memberIds: string[],
    periods: PeriodInstance[],
  ): Promise<BoardValue[]> {
    if (memberIds.length === 0) return [];
    const params: unknown[] = [memberIds];
    // One aggregate column per period: `agg FILTER (WHERE at in the period)`, or the whole for all time.
    const columns = (aggregate: string, at: string) =>
      periods
        .map((period, index) => {
          if (!period.from || !period.to) return `${aggregate} AS p${index}`;
          params.push(period.from, period.to);
          return `${aggregate} FILTER (WHERE ${at} >= $${params.length - 1} AND ${at} < $${params.length}) AS p${index}`;
        })
        .join(', ');
    const raters = (at: string) =>
      periods
        .map((period, index) =>
          !period.from || !period.to
            ? `count(DISTINCT r.member_id) AS n${index}`
            : `count(DISTINCT r.member_id) FILTER (WHERE ${at} >= $${params.indexOf(period.from) + 1} AND ${at} < $${params.indexOf(period.to) + 1}) AS n${index}`,
        )
        .join(', ');

    const pointColumns = columns('sum(mv.amount)', 'mv.at');
    // Points earned: awards credited to the member, less reversals debited from them (a reversal counts in the
    // period it happened, under the filters of the award it corrects). Spending, holds, expiry and OBEC's
    // adjustments are not earning.
    const points: Record<string, string | null>[] = await manager.query(
      `WITH acct AS (SELECT id, owner_id FROM ledger_account WHERE kind = 'member' AND owner_id = ANY($1::uuid[])),
       mv AS (
         SELECT a.owner_id AS member_id, t.created_at AS at, t.amount AS amount, t.subject_innovation_id AS innovation_id
         FROM acct a JOIN ledger_transfer t ON t.credit_account_id = a.id AND t.kind = 'award'
         UNION ALL
         SELECT a.owner_id, t.created_at, -t.amount, coalesce(t.subject_innovation_id, o.subject_innovation_id)
         -- reverses_id IS NOT NULL (always true of a reversal) lets the planner read the few reversals from their
         -- partial index instead of scanning the ledger for them.
         FROM acct a JOIN ledger_transfer t ON t.debit_account_id = a.id AND t.kind = 'reversal'
           AND t.reverses_id IS NOT NULL
           LEFT JOIN ledger_transfer o ON o.id = t.reverses_id)
       SELECT mv.member_id, f.filter, ${pointColumns}
       FROM mv LEFT JOIN innovation i ON i.id = mv.innovation_id ${FILTERS}
       GROUP BY 1, 2`,
      params,
    );

    params.length = 1;
    const adoptionColumns = columns('count(*)', 'ad.created_at');
    // Adoptions: reports by others of using the member's published innovations (hidden or removed work does not count).
    const adoptions: Record<string, string | null>[] = await manager.query(
      `SELECT i.author_id AS member_id, f.filter, ${adoptionColumns}
       FROM innovation i JOIN innovation_adoption ad ON ad.innovation_id = i.id AND ad.member_id <> i.author_id
       ${FILTERS}
       WHERE i.author_id = ANY($1::uuid[]) AND i.status = 'published'
       GROUP BY 1, 2`,
      params,
    );

    params.length = 1;
    const qualityColumns = columns('avg(r.overall)', 'r.updated_at');
    const raterColumns = raters('r.updated_at');
    // Quality: the mean overall rating given by peers in the period to the member's published innovations, once at
    // least QUALITY_MIN_RATERS different peers rated them in it. A rating counts when it was last set.
    const quality: Record<string, string | null>[] = await manager.query(
      `SELECT i.author_id AS member_id, f.filter, ${qualityColumns}, ${raterColumns}
       FROM innovation i JOIN innovation_rating r ON r.innovation_id = i.id AND r.member_id <> i.author_id
       ${FILTERS}
       WHERE i.author_id = ANY($1::uuid[]) AND i.status = 'published'
       GROUP BY 1, 2`,
      params,
    );

    const values: BoardValue[] = [];
    const collect = (board: Board, rows: Record<string, string | null>[]) => {
      for (const row of rows)
        periods.forEach((period, index) => {
          const value = Number(row[`p${index}`] ?? 0);
          if (board === 'quality' && Number(row[`n${index}`] ?? 0) < QUALITY_MIN_RATERS) return;
          if (value > 0)
            values.push({
              memberId: row.member_id!,
              board,
              periodId: period.id,
              filter: row.filter!,
              value,
            });
        });
    };
    collect('points', points);
    collect('adoptions', adoptions);
    collect('quality', quality);
    return values;
  }

  /** Names and schools, for the few members a read shows. */
  async cards(manager: EntityManager, memberIds: string[]): Promise<Map<string, MemberCard>> {
    if (memberIds.length === 0) return new Map();
    const rows: {
      id: string;
      display_name: string;
      level_code: string;
      school_id: string | null;
      name_th: string | null;
      name_en: string | null;
    }[] = await manager.query(
      `SELECT m.id, m.display_name, m.level_code, s.id AS school_id, s.name_th, s.name_en
       FROM member m LEFT JOIN school s ON s.id = m.school_id WHERE m.id = ANY($1::uuid[])`,
      [memberIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          displayName: r.display_name,
          level: r.level_code,
          school: r.school_id ? { id: r.school_id, nameTh: r.name_th!, nameEn: r.name_en } : null,
        },
      ]),
    );
  }

  /** The members a school's or an area's board may rank (scope key s:<school> or a:<area>). */
  async rankableIn(manager: EntityManager, scope: string): Promise<string[]> {
    const id = scope.slice(2);
    const rows: { id: string }[] = await manager.query(
      scope.startsWith('s:')
        ? `SELECT m.id FROM member m WHERE m.school_id = $1 AND m.status = 'active' AND m.member_kind = ANY($2::text[])`
        : `SELECT m.id FROM school s JOIN member m ON m.school_id = s.id
           WHERE s.area_id = $1 AND m.status = 'active' AND m.member_kind = ANY($2::text[])`,
      [id, RANKED_MEMBER_KINDS],
    );
    return rows.map((r) => r.id);
  }

  async areaExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM area WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async schoolExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM school WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** Member ids in id order after `after`, a page at a time (the rebuild's walk over everyone). */
  async memberPage(manager: EntityManager, after: string | null, size: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM member WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, size],
    );
    return rows.map((r) => r.id);
  }
}
