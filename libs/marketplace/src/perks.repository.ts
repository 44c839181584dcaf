import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Fulfilment, LimitPeriod, PerkRow } from './perks.service';

/** Every column of a perk as a PerkRow, with its partner's name. */
const SELECT_PERK = `
  SELECT p.id, p.partner_id AS "partnerId", pa.name_th AS "partnerName", pa.name_en AS "partnerNameEn", p.title_th AS title, p.title_en AS "titleEn",
         p.description_th AS description, p.description_en AS "descriptionEn", p.category, p.images, p.cost,
         p.stock_total AS "stockTotal", p.stock_left AS "stockLeft", p.per_member_limit AS "perMemberLimit",
         p.limit_period AS "limitPeriod", p.fulfilment, p.fulfilment_hours AS "fulfilmentHours", p.valid_from AS "validFrom",
         p.valid_until AS "validUntil", p.eligibility, p.status, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
         CASE WHEN p.review_note IS NULL THEN NULL ELSE json_build_object('note', p.review_note,
           'at', to_char(p.reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS review
  FROM perk p JOIN partner pa ON pa.id = p.partner_id`;

/** A perk's content and terms as the partner sets them (what both the INSERT and the UPDATE write). */
export interface PerkContent {
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  category: string;
  images: string[];
  cost: number;
  perMemberLimit: number | null;
  limitPeriod: LimitPeriod;
  fulfilment: Fulfilment;
  fulfilmentHours: number;
  validFrom: Date | string | null;
  validUntil: Date | string | null;
  eligibility: PerkRow['eligibility'];
  searchTokens: string;
  searchRaw: string;
}

/** What the catalogue is narrowed by: always live perks in their validity window. */
export interface CatalogueCriteria {
  category?: string;
  /** The words and partial-word pattern of a parsed search query, if any. */
  query: { words: string; pattern: string | null } | null;
  sortByCost: boolean;
  /** The sort value (cost or creation time) and id of the last row of the previous page. */
  after: { v: string | number; id: string } | null;
}

/** A perk's names and its partner's, for texts about it. */
export type PerkNames = Pick<PerkRow, 'id' | 'title' | 'titleEn' | 'partnerName' | 'partnerNameEn'>;

/** The perk, voucher_code rows of perks, and what members redeemed of them within their limits. */
@Injectable()
export class PerksRepository {
  /** A new perk: its stock left starts as its total. */
  async insert(
    manager: EntityManager,
    perk: PerkContent & { id: string; partnerId: string; stock: number | null; createdBy: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO perk (id, partner_id, title_th, title_en, description_th, description_en, category, images, cost, stock_total, stock_left,
           per_member_limit, limit_period, fulfilment, fulfilment_hours, valid_from, valid_until, eligibility, created_by, search_tokens, search_raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
        perk.id,
        perk.partnerId,
        perk.title,
        perk.titleEn,
        perk.description,
        perk.descriptionEn,
        perk.category,
        JSON.stringify(perk.images),
        perk.cost,
        perk.stock,
        perk.perMemberLimit,
        perk.limitPeriod,
        perk.fulfilment,
        perk.fulfilmentHours,
        perk.validFrom,
        perk.validUntil,
        JSON.stringify(perk.eligibility),
        perk.createdBy,
        perk.searchTokens,
        perk.searchRaw,
      ],
    );
  }

  async update(
    manager: EntityManager,
    id: string,
    perk: PerkContent & { stockTotal: number | null; stockLeft: number | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE perk SET title_th = $2, title_en = $3, description_th = $4, description_en = $5, category = $6, images = $7, cost = $8,
           stock_total = $9, stock_left = $10, per_member_limit = $11, limit_period = $12, fulfilment = $13, fulfilment_hours = $14,
           valid_from = $15, valid_until = $16, eligibility = $17, search_tokens = $18, search_raw = $19, updated_at = now()
         WHERE id = $1`,
      [
        id,
        perk.title,
        perk.titleEn,
        perk.description,
        perk.descriptionEn,
        perk.category,
        JSON.stringify(perk.images),
        perk.cost,
        perk.stockTotal,
        perk.stockLeft,
        perk.perMemberLimit,
        perk.limitPeriod,
        perk.fulfilment,
        perk.fulfilmentHours,
        perk.validFrom,
        perk.validUntil,
        JSON.stringify(perk.eligibility),
        perk.searchTokens,
        perk.searchRaw,
      ],
    );
  }

  /**
   * A new status; an approval records who approved it and when, and a submission (to pending_approval) clears
   * OBEC's review note.
   */
  async setStatus(
    manager: EntityManager,
    id: string,
    status: PerkRow['status'],
    approval: { approved: boolean; by: string },
    clearReview: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE perk SET status = $2, updated_at = now(), approved_by = CASE WHEN $3 THEN $4::uuid ELSE approved_by END,
           approved_at = CASE WHEN $3 THEN now() ELSE approved_at END,
           review_note = CASE WHEN $5 THEN NULL ELSE review_note END,
           reviewed_at = CASE WHEN $5 THEN NULL ELSE reviewed_at END,
           reviewed_by = CASE WHEN $5 THEN NULL ELSE reviewed_by END
         WHERE id = $1`,
      [id, status, approval.approved, approval.by, clearReview],
    );
  }

  /** Back to draft with OBEC's note. */
  async returnToDraft(manager: EntityManager, id: string, note: string, reviewerId: string): Promise<void> {
    await manager.query(
      `UPDATE perk SET status = 'draft', updated_at = now(), review_note = $2, reviewed_at = now(), reviewed_by = $3
         WHERE id = $1`,
      [id, note, reviewerId],
    );
  }

  /** Adds voucher codes to a perk's pool; returns how many were new (a code already in the pool is skipped). */
  async addCodes(
    manager: EntityManager,
    perkId: string,
    codes: { id: string; code: string }[],
  ): Promise<number> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO voucher_code (id, perk_id, code) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
         ON CONFLICT (perk_id, code) DO NOTHING RETURNING id`,
      [codes.map((c) => c.id), codes.map(() => perkId), codes.map((c) => c.code)],
    );
    return inserted.length;
  }

  /** How many of the perk's codes are still available. */
  async availableCodes(manager: EntityManager, perkId: string): Promise<number> {
    const [{ available }] = await manager.query(
      `SELECT count(*)::int AS available FROM voucher_code WHERE perk_id = $1 AND status = 'available'`,
      [perkId],
    );
    return available;
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<PerkRow | null> {
    const rows: PerkRow[] = await manager.query(
      `${SELECT_PERK} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A partner's perks, newest first (at most 200). */
  async byPartner(manager: EntityManager, partnerId: string): Promise<PerkRow[]> {
    return manager.query(`${SELECT_PERK} WHERE p.partner_id = $1 ORDER BY p.created_at DESC LIMIT 200`, [
      partnerId,
    ]);
  }

  /** Perks awaiting OBEC's approval, longest waiting first (at most 200). */
  async pendingApproval(manager: EntityManager): Promise<PerkRow[]> {
    return manager.query(
      `${SELECT_PERK} WHERE p.status = 'pending_approval' ORDER BY p.updated_at LIMIT 200`,
    );
  }

  /** A page of the catalogue: live perks in their validity window, newest first or cheapest first. */
  async catalogue(manager: EntityManager, criteria: CatalogueCriteria, limit: number): Promise<PerkRow[]> {
    const params: unknown[] = [];
    const add = (v: unknown) => `$${params.push(v)}`;
    const conditions = [`marketplace_perk_open(p.status, p.valid_from, p.valid_until)`];
    if (criteria.category) conditions.push(`p.category = ${add(criteria.category)}`);
    const query = criteria.query;
    if (query) {
      const full = `p.search_vector @@ plainto_tsquery('simple', ${add(query.words)})`;
      conditions.push(query.pattern ? `(${full} OR p.search_raw LIKE ${add(query.pattern)})` : full);
    }
    const sortByCost = criteria.sortByCost;
    const after = criteria.after;
    if (after) {
      conditions.push(
        sortByCost
          ? `(p.cost, p.id) > (${add(after.v)}::int, ${add(after.id)}::uuid)`
          : `(p.created_at, p.id) < (${add(after.v)}::timestamptz, ${add(after.id)}::uuid)`,
      );
    }
    return manager.query(
      `${SELECT_PERK} WHERE ${conditions.join(' AND ')} ORDER BY ${sortByCost ? 'p.cost ASC, p.id ASC' : 'p.created_at DESC, p.id DESC'} LIMIT ${add(limit)}`,
      params,
    );
  }

  /**
   * What these perks allow this member, by the database's rules (libs/marketplace/src/sql/marketplace.sql): whether
   * they are open now, whether the member is eligible, and how many live redemptions (pending or fulfilled) they have of each in its current limit
   * period. Someone not signed in has no area, kind or redemptions.
   */
  async termsFor(
    manager: EntityManager,
    perkIds: string[],
    member: { memberId: string; areaId: string | null; memberKind: string | null } | null,
  ): Promise<{ id: string; open: boolean; eligible: boolean; used: number }[]> {
    return manager.query(
      `SELECT p.id, marketplace_perk_open(p.status, p.valid_from, p.valid_until) AS open,
              marketplace_eligible(p.eligibility, $3::uuid, $4::text,
                (SELECT m.level_code FROM member m WHERE m.id = $2::uuid)) AS eligible, count(r.id)::int AS used
       FROM perk p LEFT JOIN redemption r ON r.perk_id = p.id AND r.member_id = $2::uuid
         AND r.status IN ('pending', 'fulfilled') AND r.created_at >= marketplace_period_start(p.limit_period)
       WHERE p.id = ANY($1::uuid[]) GROUP BY p.id`,
      [perkIds, member?.memberId ?? null, member?.areaId ?? null, member?.memberKind ?? null],
    );
  }

  /** The categories of these perks, whatever their status (those that do not exist are left out). */
  async categories(manager: EntityManager, ids: string[]): Promise<{ id: string; category: string }[]> {
    return manager.query(`SELECT id, category FROM perk WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** The titles of these perks and their partners' names, in one query (those that do not exist are left out). */
  async names(manager: EntityManager, ids: string[]): Promise<PerkNames[]> {
    return manager.query(
      `SELECT p.id, p.title_th AS title, p.title_en AS "titleEn", pa.name_th AS "partnerName", pa.name_en AS "partnerNameEn"
       FROM perk p JOIN partner pa ON pa.id = p.partner_id WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
