import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, taxonomyCodes, toPage, uuidv7 } from '@lc/core';
import { Actor, AuditRepository, partnerOf } from '@lc/identity';
import { searchRaw, searchTokensOffThread, parseQuery } from '@lc/innovations';
import { OutboxService } from '@lc/messaging';
import { MarketplaceEvents } from './marketplace.events';
import { MarketplaceErrors } from './marketplace-errors';
import { staffPartnerOf } from './partner-staff';
import { PerkImagesService } from './perk-images.service';

export type Fulfilment = 'pool_code' | 'generated_code' | 'manual';
export type LimitPeriod = 'ever' | 'day' | 'week' | 'month';

export interface PerkInput {
  title?: string;
  titleEn?: string | null;
  description?: string;
  descriptionEn?: string | null;
  category?: string;
  images?: string[];
  cost?: number;
  stock?: number | null;
  perMemberLimit?: number | null;
  limitPeriod?: LimitPeriod;
  fulfilment?: Fulfilment;
  fulfilmentHours?: number;
  validFrom?: string | null;
  validUntil?: string | null;
  eligibility?: { areaIds?: string[]; memberKinds?: string[] } | null;
}

export interface PerkRow {
  id: string;
  partnerId: string;
  partnerName: string;
  partnerNameEn: string | null;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  category: string;
  images: string[];
  cost: number;
  stockTotal: number | null;
  stockLeft: number | null;
  perMemberLimit: number | null;
  limitPeriod: LimitPeriod;
  fulfilment: Fulfilment;
  fulfilmentHours: number;
  validFrom: Date | null;
  validUntil: Date | null;
  eligibility: { areaIds?: string[]; memberKinds?: string[] };
  status: 'draft' | 'pending_approval' | 'live' | 'paused' | 'ended';
  createdAt: Date;
  updatedAt: Date;
  /** OBEC's note when it sent the perk back to draft; cleared when the partner submits it again. */
  review: PerkReview | null;
  availableCodes?: number;
}

export interface PerkReview {
  note: string;
  /** ISO 8601, UTC. */
  at: string;
}

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

const PERIOD_SQL: Record<LimitPeriod, string> = {
  ever: `'-infinity'::timestamptz`,
  day: `date_trunc('day', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'`,
  week: `date_trunc('week', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'`,
  month: `date_trunc('month', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'`,
};

function isEligible(perk: Pick<PerkRow, 'eligibility'>, actor: Actor | undefined): boolean {
  const { areaIds, memberKinds } = perk.eligibility ?? {};
  if (areaIds?.length && !(actor?.areaId && areaIds.includes(actor.areaId))) return false;
  if (memberKinds?.length && !(actor?.memberKind && memberKinds.includes(actor.memberKind))) return false;
  return true;
}

function isOpen(perk: Pick<PerkRow, 'status' | 'validFrom' | 'validUntil'>, now = new Date()): boolean {
  return (
    perk.status === 'live' &&
    (!perk.validFrom || perk.validFrom <= now) &&
    (!perk.validUntil || perk.validUntil > now)
  );
}

@Injectable()
export class PerksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxService,
    private readonly images: PerkImagesService,
  ) {}

  async create(
    actor: Actor,
    input: PerkInput & { title: string; category: string; cost: number; fulfilment: Fulfilment },
  ) {
    const partnerId = this.partnerOf(actor);
    this.assertCategory(input.category);
    const id = uuidv7();
    const search = await this.search(input.title, input.description ?? '');
    await this.dataSource.transaction(async (manager) => {
      await this.images.assertOwnImages(manager, partnerId, input.images);
      await manager.query(
        `INSERT INTO perk (id, partner_id, title_th, title_en, description_th, description_en, category, images, cost, stock_total, stock_left,
           per_member_limit, limit_period, fulfilment, fulfilment_hours, valid_from, valid_until, eligibility, created_by, search_tokens, search_raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
        [
          id,
          partnerId,
          input.title.trim(),
          input.titleEn ?? null,
          input.description ?? '',
          input.descriptionEn ?? null,
          input.category,
          JSON.stringify(input.images ?? []),
          input.cost,
          input.stock ?? null,
          input.perMemberLimit ?? null,
          input.limitPeriod ?? 'ever',
          input.fulfilment,
          input.fulfilmentHours ?? 168,
          input.validFrom ?? null,
          input.validUntil ?? null,
          JSON.stringify(input.eligibility ?? {}),
          actor.memberId,
          ...search,
        ],
      );
    });
    return this.forPartner(actor, id);
  }

  async update(actor: Actor, id: string, input: PerkInput) {
    await this.dataSource.transaction(async (manager) => {
      const perk = await this.ownPerk(manager, actor, id, true);
      if (input.category) this.assertCategory(input.category);
      await this.images.assertOwnImages(manager, perk.partnerId, input.images);
      const title = input.title?.trim() ?? perk.title;
      const description = input.description ?? perk.description;
      // Stock changes keep what was already redeemed: the new total minus those taken.
      const taken = perk.stockTotal === null ? 0 : perk.stockTotal - perk.stockLeft!;
      const stockTotal = input.stock === undefined ? perk.stockTotal : input.stock;
      const stockLeft = stockTotal === null ? null : Math.max(0, stockTotal - taken);
      const search = await this.search(title, description);
      await manager.query(
        `UPDATE perk SET title_th = $2, title_en = $3, description_th = $4, description_en = $5, category = $6, images = $7, cost = $8,
           stock_total = $9, stock_left = $10, per_member_limit = $11, limit_period = $12, fulfilment = $13, fulfilment_hours = $14,
           valid_from = $15, valid_until = $16, eligibility = $17, search_tokens = $18, search_raw = $19, updated_at = now()
         WHERE id = $1`,
        [
          id,
          title,
          input.titleEn === undefined ? perk.titleEn : input.titleEn,
          description,
          input.descriptionEn === undefined ? perk.descriptionEn : input.descriptionEn,
          input.category ?? perk.category,
          JSON.stringify(input.images ?? perk.images),
          input.cost ?? perk.cost,
          stockTotal,
          stockLeft,
          input.perMemberLimit === undefined ? perk.perMemberLimit : input.perMemberLimit,
          input.limitPeriod ?? perk.limitPeriod,
          input.fulfilment ?? perk.fulfilment,
          input.fulfilmentHours ?? perk.fulfilmentHours,
          input.validFrom === undefined ? perk.validFrom : input.validFrom,
          input.validUntil === undefined ? perk.validUntil : input.validUntil,
          JSON.stringify(input.eligibility === undefined ? perk.eligibility : (input.eligibility ?? {})),
          ...search,
        ],
      );
    });
    return this.forPartner(actor, id);
  }

  /** draft → pending_approval (partner), pending_approval → live (OBEC), live ⇄ paused and → ended (partner). */
  async transition(actor: Actor, id: string, to: PerkRow['status'], asAdmin = false) {
    const allowed: Record<string, PerkRow['status'][]> = {
      pending_approval: ['draft', 'paused'],
      live: asAdmin ? ['pending_approval'] : ['paused'],
      paused: ['live'],
      ended: ['live', 'paused', 'pending_approval', 'draft'],
    };
    await this.dataSource.transaction(async (manager) => {
      // Locked either way: an approval and a send-back of the same perk at once must not both succeed.
      const perk = asAdmin
        ? await this.anyPerk(manager, id, true)
        : await this.ownPerk(manager, actor, id, true);
      if (!allowed[to]?.includes(perk.status)) {
        throw new DomainError(
          MarketplaceErrors.PERK_INVALID_TRANSITION,
          `A ${perk.status} perk cannot become ${to}`,
        );
      }
      // A submission answers OBEC's review: its note goes with it.
      await manager.query(
        `UPDATE perk SET status = $2, updated_at = now(), approved_by = CASE WHEN $3 THEN $4::uuid ELSE approved_by END,
           approved_at = CASE WHEN $3 THEN now() ELSE approved_at END,
           review_note = CASE WHEN $5 THEN NULL ELSE review_note END,
           reviewed_at = CASE WHEN $5 THEN NULL ELSE reviewed_at END,
           reviewed_by = CASE WHEN $5 THEN NULL ELSE reviewed_by END
         WHERE id = $1`,
        [id, to, asAdmin, actor.memberId, to === 'pending_approval'],
      );
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: `perk.${to}`,
        targetType: 'perk',
        targetId: id,
        details: { from: perk.status },
      });
      if (to === 'live')
        await this.outbox.append(manager, MarketplaceEvents.perkLive, {
          perkId: id,
          partnerId: perk.partnerId,
          category: perk.category,
        });
    });
    return asAdmin ? this.anyPerk(this.dataSource.manager, id) : this.forPartner(actor, id);
  }

  /** OBEC sends a pending perk back to draft with a note for its partner (pending_approval → draft). */
  async returnForChanges(actor: Actor, id: string, reason: string) {
    await this.dataSource.transaction(async (manager) => {
      const perk = await this.anyPerk(manager, id, true);
      if (perk.status !== 'pending_approval') {
        throw new DomainError(
          MarketplaceErrors.PERK_INVALID_TRANSITION,
          `A ${perk.status} perk cannot be sent back; only one pending approval can`,
        );
      }
      await manager.query(
        `UPDATE perk SET status = 'draft', updated_at = now(), review_note = $2, reviewed_at = now(), reviewed_by = $3
         WHERE id = $1`,
        [id, reason, actor.memberId],
      );
      await this.audit.record(manager, {
        actorId: actor.memberId,
        action: 'perk.returned',
        targetType: 'perk',
        targetId: id,
        reason,
        details: { from: perk.status, to: 'draft' },
      });
    });
    return this.anyPerk(this.dataSource.manager, id);
  }

  /** Codes for a pool_code perk; duplicates (in the file or already loaded) are skipped. */
  async addCodes(actor: Actor, id: string, codes: string[]) {
    return this.dataSource.transaction(async (manager) => {
      const perk = await this.ownPerk(manager, actor, id, true);
      if (perk.fulfilment !== 'pool_code') throw new DomainError(MarketplaceErrors.PERK_NOT_POOL);
      const clean = [...new Set(codes.map((c) => c.trim()).filter((c) => c.length >= 3 && c.length <= 100))];
      const inserted: unknown[] = await manager.query(
        `INSERT INTO voucher_code (id, perk_id, code) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
         ON CONFLICT (perk_id, code) DO NOTHING RETURNING id`,
        [clean.map(() => uuidv7()), clean.map(() => id), clean],
      );
      const [{ available }] = await manager.query(
        `SELECT count(*)::int AS available FROM voucher_code WHERE perk_id = $1 AND status = 'available'`,
        [id],
      );
      return {
        received: codes.length,
        added: inserted.length,
        skipped: codes.length - inserted.length,
        available,
      };
    });
  }

  async forPartner(actor: Actor, id: string): Promise<PerkRow> {
    const perk = await this.ownPerk(this.dataSource.manager, actor, id);
    const [{ available }] = await this.dataSource.query(
      `SELECT count(*)::int AS available FROM voucher_code WHERE perk_id = $1 AND status = 'available'`,
      [id],
    );
    return { ...perk, availableCodes: available };
  }

  async partnerPerks(actor: Actor) {
    const rows: PerkRow[] = await this.dataSource.query(
      `${SELECT_PERK} WHERE p.partner_id = $1 ORDER BY p.created_at DESC LIMIT 200`,
      [this.partnerOf(actor)],
    );
    return { items: rows, nextCursor: null };
  }

  /** Perks awaiting OBEC's approval. */
  async pendingApproval() {
    const rows: PerkRow[] = await this.dataSource.query(
      `${SELECT_PERK} WHERE p.status = 'pending_approval' ORDER BY p.updated_at LIMIT 200`,
    );
    return { items: rows, nextCursor: null };
  }

  /** The catalogue: live perks in their validity window, with stock left, eligibility and what the member may still redeem. */
  async catalogue(
    actor: Actor | undefined,
    filter: { category?: string; q?: string; sort?: 'newest' | 'cost'; cursor?: string },
  ): Promise<Page<unknown>> {
    const params: unknown[] = [];
    const add = (v: unknown) => `$${params.push(v)}`;
    const conditions = [
      `p.status = 'live'`,
      `(p.valid_from IS NULL OR p.valid_from <= now())`,
      `(p.valid_until IS NULL OR p.valid_until > now())`,
    ];
    if (filter.category) conditions.push(`p.category = ${add(filter.category)}`);
    const query = filter.q ? parseQuery(filter.q) : null;
    if (filter.q && !query) return { items: [], nextCursor: null };
    if (query) {
      const full = `p.search_vector @@ plainto_tsquery('simple', ${add(query.words)})`;
      conditions.push(query.pattern ? `(${full} OR p.search_raw LIKE ${add(query.pattern)})` : full);
    }
    const sortByCost = filter.sort === 'cost';
    const after = decodeCursor<{ v: string | number; id: string }>(filter.cursor, ['v', 'id']);
    if (after) {
      conditions.push(
        sortByCost
          ? `(p.cost, p.id) > (${add(after.v)}::int, ${add(after.id)}::uuid)`
          : `(p.created_at, p.id) < (${add(after.v)}::timestamptz, ${add(after.id)}::uuid)`,
      );
    }
    const rows: PerkRow[] = await this.dataSource.query(
      `${SELECT_PERK} WHERE ${conditions.join(' AND ')} ORDER BY ${sortByCost ? 'p.cost ASC, p.id ASC' : 'p.created_at DESC, p.id DESC'} LIMIT ${add(DEFAULT_PAGE_SIZE + 1)}`,
      params,
    );
    const remaining = actor
      ? await this.remainingFor(this.dataSource.manager, actor.memberId, rows)
      : new Map<string, number | null>();
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => this.publicView(row, actor, remaining),
      (row) => ({ v: sortByCost ? row.cost : row.createdAt.toISOString(), id: row.id }),
    );
  }

  async detail(actor: Actor | undefined, id: string) {
    const perk = await this.anyPerk(this.dataSource.manager, id);
    const own = actor && partnerOf(actor) === perk.partnerId;
    if (perk.status !== 'live' && !own) throw new DomainError(MarketplaceErrors.PERK_NOT_FOUND);
    const remaining = actor
      ? await this.remainingFor(this.dataSource.manager, actor.memberId, [perk])
      : new Map<string, number | null>();
    return this.publicView(perk, actor, remaining);
  }

  private publicView(row: PerkRow, actor: Actor | undefined, remaining: Map<string, number | null>) {
    return {
      id: row.id,
      partner: { id: row.partnerId, name: row.partnerName, nameEn: row.partnerNameEn },
      title: row.title,
      titleEn: row.titleEn,
      description: row.description,
      descriptionEn: row.descriptionEn,
      category: row.category,
      images: row.images,
      cost: row.cost,
      stockLeft: row.stockLeft,
      perMemberLimit: row.perMemberLimit,
      limitPeriod: row.limitPeriod,
      fulfilment: row.fulfilment,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      status: row.status,
      open: isOpen(row),
      eligible: isEligible(row, actor),
      myRemaining: actor ? (remaining.get(row.id) ?? null) : null,
    };
  }

  /** How many more times the member may redeem each perk in its current period (null: no limit). */
  async remainingFor(
    manager: EntityManager,
    memberId: string,
    perks: Pick<PerkRow, 'id' | 'perMemberLimit' | 'limitPeriod'>[],
  ): Promise<Map<string, number | null>> {
    const used = await this.usedBy(
      manager,
      memberId,
      perks.filter((p) => p.perMemberLimit !== null),
    );
    return new Map(
      perks.map((p) => [
        p.id,
        p.perMemberLimit === null ? null : Math.max(0, p.perMemberLimit - (used.get(p.id) ?? 0)),
      ]),
    );
  }

  /** The member's live redemptions (pending or fulfilled) of each perk in its current limit period, in one query. */
  async usedBy(
    manager: EntityManager,
    memberId: string,
    perks: Pick<PerkRow, 'id'>[],
  ): Promise<Map<string, number>> {
    if (perks.length === 0) return new Map();
    const rows: { id: string; used: number }[] = await manager.query(
      `SELECT p.id, count(r.id)::int AS used
       FROM perk p LEFT JOIN redemption r ON r.perk_id = p.id AND r.member_id = $2 AND r.status IN ('pending', 'fulfilled')
         AND r.created_at >= CASE p.limit_period
           WHEN 'day' THEN ${PERIOD_SQL.day} WHEN 'week' THEN ${PERIOD_SQL.week} WHEN 'month' THEN ${PERIOD_SQL.month}
           ELSE ${PERIOD_SQL.ever} END
       WHERE p.id = ANY($1::uuid[]) GROUP BY p.id`,
      [perks.map((p) => p.id), memberId],
    );
    return new Map(rows.map((row) => [row.id, row.used]));
  }

  async anyPerk(manager: EntityManager, id: string, lock = false): Promise<PerkRow> {
    const rows: PerkRow[] = await manager.query(
      `${SELECT_PERK} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
      [id],
    );
    if (!rows[0]) throw new DomainError(MarketplaceErrors.PERK_NOT_FOUND);
    return rows[0];
  }

  /** Partner staff see only their own partner's perks: another partner's is simply not found. */
  private async ownPerk(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<PerkRow> {
    const perk = await this.anyPerk(manager, id, lock);
    if (perk.partnerId !== this.partnerOf(actor)) throw new DomainError(MarketplaceErrors.PERK_NOT_FOUND);
    return perk;
  }

  private partnerOf(actor: Actor): string {
    return staffPartnerOf(actor);
  }

  private assertCategory(category: string): void {
    if (!taxonomyCodes('perkCategories').includes(category))
      throw new DomainError(MarketplaceErrors.PERK_UNKNOWN_CATEGORY);
  }

  private async search(title: string, description: string): Promise<[string, string]> {
    const doc = { title, summary: '', body: description, tags: [] };
    return [await searchTokensOffThread(doc), searchRaw(doc)];
  }
}
