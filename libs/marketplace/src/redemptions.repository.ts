import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RedemptionAnswer } from './redemptions.service';

export type RedemptionStatus = 'pending' | 'fulfilled' | 'rejected' | 'cancelled' | 'expired';

export interface RedemptionRow {
  id: string;
  perkId: string;
  partnerId: string;
  memberId: string;
  status: RedemptionStatus;
  cost: number;
  holdTransferId: string | null;
  voucherCode: string | null;
  deadlineAt: Date | null;
  rejectReason: string | null;
  requestHash: string;
  response: RedemptionAnswer | null;
  createdAt: Date;
  updatedAt: Date;
  perkTitle: string;
}

export interface RedemptionHistoryRow {
  redemptionId: string;
  status: string;
  note: string | null;
  at: Date;
}

/** A voucher code handed out to a member, as a partner's check finds it. */
export interface IssuedVoucherRow {
  id: string;
  status: string;
  redemption_id: string | null;
  title: string;
}

/** One perk's redemptions of one day (Bangkok time). */
export interface RedemptionDayRow {
  perkId: string;
  title: string;
  day: string;
  redemptions: number;
  fulfilled: number;
  pending: number;
  returned: number;
  points: number;
}

const SELECT_REDEMPTION = `
  SELECT r.id, r.perk_id AS "perkId", r.partner_id AS "partnerId", r.member_id AS "memberId", r.status, r.cost,
         r.hold_transfer_id AS "holdTransferId", r.voucher_code AS "voucherCode", r.deadline_at AS "deadlineAt",
         r.reject_reason AS "rejectReason", r.request_hash AS "requestHash", r.response, r.created_at AS "createdAt",
         r.updated_at AS "updatedAt", p.title_th AS "perkTitle"
  FROM redemption r JOIN perk p ON p.id = r.perk_id`;

/**
 * The redemption and redemption_history rows after a redemption was made (`marketplace_redeem` makes them), the
 * stock a settled redemption gives back, and the voucher codes partners check.
 */
@Injectable()
export class RedemptionsRepository {
  /**
   * What the member's statement says of the post or void that settles a redemption of this perk: the database's
   * `marketplace_transfer_reason`, which also words the hold and the voucher post of a batch.
   */
  async transferReason(
    manager: EntityManager,
    kind: 'post' | 'void',
    perk: { title: string; titleEn: string | null },
  ): Promise<{ code: string; th: string; en: string }> {
    const [reason] = await manager.query<{ code: string; th: string; en: string }[]>(
      `SELECT code, th, en FROM marketplace_transfer_reason($1, $2, $3)`,
      [kind, perk.title, perk.titleEn],
    );
    return reason!;
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<RedemptionRow | null> {
    const rows: RedemptionRow[] = await manager.query(
      lock ? `${SELECT_REDEMPTION} WHERE r.id = $1 FOR UPDATE OF r` : `${SELECT_REDEMPTION} WHERE r.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Pending redemptions past their deadline, the longest overdue first. */
  async overdue(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM redemption WHERE status = 'pending' AND deadline_at < now() ORDER BY deadline_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /** One unit of the perk's stock back (never above its total). */
  async returnStock(manager: EntityManager, perkId: string): Promise<void> {
    await manager.query(`UPDATE perk SET stock_left = least(stock_left + 1, stock_total) WHERE id = $1`, [
      perkId,
    ]);
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: RedemptionStatus,
    rejectReason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE redemption SET status = $2, reject_reason = $3, updated_at = now() WHERE id = $1`,
      [id, status, rejectReason],
    );
  }

  async addHistory(
    manager: EntityManager,
    id: string,
    status: string,
    actorId: string | null,
    note: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO redemption_history (redemption_id, status, actor_id, note) VALUES ($1, $2, $3, $4)`,
      [id, status, actorId, note],
    );
  }

  /** A page of a member's redemptions, newest first. */
  async byMember(
    manager: EntityManager,
    memberId: string,
    afterId: string | null,
    limit: number,
  ): Promise<RedemptionRow[]> {
    return this.page(manager, `r.member_id = $1`, [memberId], afterId, limit);
  }

  /** A page of a partner's redemptions, newest first, of one status or perk if asked. */
  async byPartner(
    manager: EntityManager,
    partnerId: string,
    filter: { status?: string; perkId?: string },
    afterId: string | null,
    limit: number,
  ): Promise<RedemptionRow[]> {
    const params: unknown[] = [partnerId];
    let where = `r.partner_id = $1`;
    if (filter.status) where += ` AND r.status = $${params.push(filter.status)}`;
    if (filter.perkId) where += ` AND r.perk_id = $${params.push(filter.perkId)}`;
    return this.page(manager, where, params, afterId, limit);
  }

  /** Every status change of these redemptions, in order. */
  async histories(manager: EntityManager, ids: string[]): Promise<RedemptionHistoryRow[]> {
    return manager.query(
      `SELECT redemption_id AS "redemptionId", status, note, at FROM redemption_history WHERE redemption_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }

  /** A voucher code of one of the partner's perks that was handed out, locked; null when there is none. */
  async lockIssuedVoucher(
    manager: EntityManager,
    code: string,
    partnerId: string,
  ): Promise<IssuedVoucherRow | null> {
    const rows: IssuedVoucherRow[] = await manager.query(
      `SELECT v.id, v.status, v.redemption_id, p.title_th AS title FROM voucher_code v JOIN perk p ON p.id = v.perk_id
         WHERE v.code = $1 AND p.partner_id = $2 AND v.status <> 'available' FOR UPDATE OF v`,
      [code, partnerId],
    );
    return rows[0] ?? null;
  }

  async markVoucherUsed(manager: EntityManager, voucherId: string): Promise<void> {
    await manager.query(`UPDATE voucher_code SET status = 'used', used_at = now() WHERE id = $1`, [
      voucherId,
    ]);
  }

  /** Per perk and day (Bangkok time) over the last `days` days: redemptions by status and points posted. */
  async dailyStats(manager: EntityManager, partnerId: string, days: number): Promise<RedemptionDayRow[]> {
    return manager.query(
      `SELECT r.perk_id AS "perkId", p.title_th AS title, to_char(r.created_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD') AS day,
              count(*)::int AS redemptions,
              count(*) FILTER (WHERE r.status = 'fulfilled')::int AS fulfilled,
              count(*) FILTER (WHERE r.status = 'pending')::int AS pending,
              count(*) FILTER (WHERE r.status IN ('rejected', 'cancelled', 'expired'))::int AS returned,
              coalesce(sum(r.cost) FILTER (WHERE r.status = 'fulfilled'), 0)::int AS points
       FROM redemption r JOIN perk p ON p.id = r.perk_id
       WHERE r.partner_id = $1 AND r.created_at >= now() - make_interval(days => $2)
       GROUP BY r.perk_id, p.title_th, day ORDER BY day DESC, title`,
      [partnerId, days],
    );
  }

  /** All of a partner's redemptions, newest first (at most 100,000: the CSV export). */
  async allForPartner(manager: EntityManager, partnerId: string): Promise<RedemptionRow[]> {
    return manager.query(
      `${SELECT_REDEMPTION} WHERE r.partner_id = $1 ORDER BY r.created_at DESC LIMIT 100000`,
      [partnerId],
    );
  }

  private async page(
    manager: EntityManager,
    where: string,
    params: unknown[],
    afterId: string | null,
    limit: number,
  ): Promise<RedemptionRow[]> {
    if (afterId) where += ` AND r.id < $${params.push(afterId)}`;
    return manager.query(`${SELECT_REDEMPTION} WHERE ${where} ORDER BY r.id DESC LIMIT ${limit}`, params);
  }
}
