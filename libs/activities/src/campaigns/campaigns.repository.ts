import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '@lc/database';

export type CampaignGoal = 'publish_innovations' | 'give_feedback' | 'report_adoptions' | 'complete_events';
export type CampaignScope = 'national' | 'area';

export interface CampaignRow {
  id: string;
  titleTh: string;
  titleEn: string;
  descriptionTh: string;
  descriptionEn: string;
  scope: CampaignScope;
  areaId: string | null;
  goal: CampaignGoal;
  learningArea: string | null;
  target: number;
  startsAt: Date;
  endsAt: Date;
  bonusPoints: number;
  badgeCode: string | null;
  badgeTh: string | null;
  badgeEn: string | null;
  createdBy: string;
  createdAt: Date;
}

export type NewCampaign = Omit<CampaignRow, 'badgeTh' | 'badgeEn' | 'createdAt'>;

export interface ProgressRow {
  campaignId: string;
  memberId: string;
  count: number;
  completedAt: Date | null;
}

const CAMPAIGN = `c.id, c.title_th AS "titleTh", c.title_en AS "titleEn", c.description_th AS "descriptionTh",
  c.description_en AS "descriptionEn", c.scope, c.area_id AS "areaId", c.goal, c.learning_area AS "learningArea",
  c.target, c.starts_at AS "startsAt", c.ends_at AS "endsAt", c.bonus_points AS "bonusPoints",
  c.badge_code AS "badgeCode", b.name_th AS "badgeTh", b.name_en AS "badgeEn", c.created_by AS "createdBy",
  c.created_at AS "createdAt"`;
const FROM = `FROM campaign c LEFT JOIN badge_definition b ON b.code = c.badge_code`;

/** The SQL of campaigns and of members' progress in them. */
@Injectable()
export class CampaignsRepository {
  async insert(manager: EntityManager, row: NewCampaign): Promise<void> {
    await manager.query(
      `INSERT INTO campaign (id, title_th, title_en, description_th, description_en, scope, area_id, goal,
         learning_area, target, starts_at, ends_at, bonus_points, badge_code, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        row.id,
        row.titleTh,
        row.titleEn,
        row.descriptionTh,
        row.descriptionEn,
        row.scope,
        row.areaId,
        row.goal,
        row.learningArea,
        row.target,
        row.startsAt,
        row.endsAt,
        row.bonusPoints,
        row.badgeCode,
        row.createdBy,
      ],
    );
  }

  async find(manager: EntityManager, id: string): Promise<CampaignRow | null> {
    const rows: CampaignRow[] = await manager.query(`SELECT ${CAMPAIGN} ${FROM} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Campaigns not yet ended at `now`, national or of one of `areaIds`, the soonest to end first. */
  listOpen(manager: EntityManager, now: Date, areaIds: string[], limit: number): Promise<CampaignRow[]> {
    return manager.query(
      `SELECT ${CAMPAIGN} ${FROM}
       WHERE c.ends_at > $1 AND (c.area_id IS NULL OR c.area_id = ANY($2::uuid[]))
       ORDER BY c.ends_at, c.id LIMIT $3`,
      [now, areaIds, limit],
    );
  }

  /** The campaigns of these goals whose windows overlap [from, to]: the ones an action in that span may count for. */
  running(manager: EntityManager, goals: CampaignGoal[], from: Date, to: Date): Promise<CampaignRow[]> {
    return manager.query(
      `SELECT ${CAMPAIGN} ${FROM}
       WHERE c.goal = ANY($1::text[]) AND c.ends_at > $2 AND c.starts_at <= $3`,
      [goals, from, to],
    );
  }

  async progressOf(
    manager: EntityManager,
    memberId: string,
    campaignIds: string[],
  ): Promise<Map<string, ProgressRow>> {
    if (campaignIds.length === 0) return new Map();
    const rows: ProgressRow[] = await manager.query(
      `SELECT campaign_id AS "campaignId", member_id AS "memberId", count, completed_at AS "completedAt"
       FROM campaign_progress WHERE member_id = $1 AND campaign_id = ANY($2::uuid[])`,
      [memberId, campaignIds],
    );
    return new Map(rows.map((row) => [row.campaignId, row]));
  }

  async totals(
    manager: EntityManager,
    campaignId: string,
  ): Promise<{ participants: number; completed: number }> {
    const [row]: { participants: number; completed: number }[] = await manager.query(
      `SELECT count(*) FILTER (WHERE count > 0)::int AS participants,
              count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS completed
       FROM campaign_progress WHERE campaign_id = $1`,
      [campaignId],
    );
    return row ?? { participants: 0, completed: 0 };
  }

  /**
   * Adds counts to members' progress, in key order (concurrent batches lock rows in the same order), and answers
   * each row's count after the addition. Concurrent additions to one row wait for each other's commit.
   */
  async add(
    manager: EntityManager,
    increments: { campaignId: string; memberId: string; added: number }[],
  ): Promise<ProgressRow[]> {
    if (increments.length === 0) return [];
    const sorted = [...increments].sort(
      (a, b) => a.campaignId.localeCompare(b.campaignId) || a.memberId.localeCompare(b.memberId),
    );
    return manager.query(
      `INSERT INTO campaign_progress (campaign_id, member_id, count)
       SELECT x.campaign_id, x.member_id, x.added
       FROM unnest($1::uuid[], $2::uuid[], $3::int[]) WITH ORDINALITY AS x(campaign_id, member_id, added, n)
       ORDER BY x.n
       ON CONFLICT (campaign_id, member_id) DO UPDATE
         SET count = campaign_progress.count + EXCLUDED.count, updated_at = now()
       RETURNING campaign_id AS "campaignId", member_id AS "memberId", count, completed_at AS "completedAt"`,
      [sorted.map((i) => i.campaignId), sorted.map((i) => i.memberId), sorted.map((i) => i.added)],
    );
  }

  /** Marks a member's progress completed, once: answers whether this call did it. */
  async complete(manager: EntityManager, campaignId: string, memberId: string, at: Date): Promise<boolean> {
    const rows = await updateReturning<{ done: number }>(
      manager,
      `UPDATE campaign_progress SET completed_at = $3
       WHERE campaign_id = $1 AND member_id = $2 AND completed_at IS NULL RETURNING 1 AS done`,
      [campaignId, memberId, at],
    );
    return rows.length > 0;
  }

  /** The area of each member's school, for area campaigns (members without a school have none). */
  async areasOf(manager: EntityManager, memberIds: string[]): Promise<Map<string, string | null>> {
    if (memberIds.length === 0) return new Map();
    const rows: { id: string; areaId: string | null }[] = await manager.query(
      `SELECT m.id, s.area_id AS "areaId" FROM member m LEFT JOIN school s ON s.id = m.school_id
       WHERE m.id = ANY($1::uuid[])`,
      [memberIds],
    );
    return new Map(rows.map((row) => [row.id, row.areaId]));
  }

  async areaExists(manager: EntityManager, areaId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM area WHERE id = $1`, [areaId]);
    return rows.length > 0;
  }

  /** A badge's criterion, or null when there is no such badge (badge definitions are recognition's). */
  async badgeCriterion(manager: EntityManager, code: string): Promise<string | null> {
    const rows: { criterion: string }[] = await manager.query(
      `SELECT criterion FROM badge_definition WHERE code = $1`,
      [code],
    );
    return rows[0]?.criterion ?? null;
  }
}
