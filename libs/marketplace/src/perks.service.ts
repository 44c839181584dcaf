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
import { PerkNames, PerksRepository } from './perks.repository';

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
  eligibility?: { areaIds?: string[]; memberKinds?: string[]; minLevel?: string } | null;
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
  eligibility: { areaIds?: string[]; memberKinds?: string[]; minLevel?: string };
  status: 'draft' | 'pending_approval' | 'live' | 'paused' | 'ended';
  createdAt: Date;
  updatedAt: Date;
  /** OBEC's note when it sent the perk back to draft; cleared when the partner submits it again. */
  review: PerkReview | null;
  availableCodes?: number;
}

/**
 * What a perk allows one member now: whether it is open (live, in its validity window), whether they are eligible,
 * how many more they may redeem (null: no limit).
 */
export interface MemberTerms {
  open: boolean;
  eligible: boolean;
  remaining: number | null;
}

export interface PerkReview {
  note: string;
  /** ISO 8601, UTC. */
  at: string;
}

@Injectable()
export class PerksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly perks: PerksRepository,
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
      await this.perks.insert(manager, {
        id,
        partnerId,
        title: input.title.trim(),
        titleEn: input.titleEn ?? null,
        description: input.description ?? '',
        descriptionEn: input.descriptionEn ?? null,
        category: input.category,
        images: input.images ?? [],
        cost: input.cost,
        stock: input.stock ?? null,
        perMemberLimit: input.perMemberLimit ?? null,
        limitPeriod: input.limitPeriod ?? 'ever',
        fulfilment: input.fulfilment,
        fulfilmentHours: input.fulfilmentHours ?? 168,
        validFrom: input.validFrom ?? null,
        validUntil: input.validUntil ?? null,
        eligibility: input.eligibility ?? {},
        createdBy: actor.memberId,
        ...search,
      });
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
      await this.perks.update(manager, id, {
        title,
        titleEn: input.titleEn === undefined ? perk.titleEn : input.titleEn,
        description,
        descriptionEn: input.descriptionEn === undefined ? perk.descriptionEn : input.descriptionEn,
        category: input.category ?? perk.category,
        images: input.images ?? perk.images,
        cost: input.cost ?? perk.cost,
        stockTotal,
        stockLeft,
        perMemberLimit: input.perMemberLimit === undefined ? perk.perMemberLimit : input.perMemberLimit,
        limitPeriod: input.limitPeriod ?? perk.limitPeriod,
        fulfilment: input.fulfilment ?? perk.fulfilment,
        fulfilmentHours: input.fulfilmentHours ?? perk.fulfilmentHours,
        validFrom: input.validFrom === undefined ? perk.validFrom : input.validFrom,
        validUntil: input.validUntil === undefined ? perk.validUntil : input.validUntil,
        eligibility: input.eligibility === undefined ? perk.eligibility : (input.eligibility ?? {}),
        ...search,
      });
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
      await this.perks.setStatus(
        manager,
        id,
        to,
        { approved: asAdmin, by: actor.memberId },
        to === 'pending_approval',
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
      await this.perks.returnToDraft(manager, id, reason, actor.memberId);
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
      const added = await this.perks.addCodes(
        manager,
        id,
        clean.map((code) => ({ id: uuidv7(), code })),
      );
      const available = await this.perks.availableCodes(manager, id);
      return {
        received: codes.length,
        added,
        skipped: codes.length - added,
        available,
      };
    });
  }

  async forPartner(actor: Actor, id: string): Promise<PerkRow> {
    const perk = await this.ownPerk(this.dataSource.manager, actor, id);
    const available = await this.perks.availableCodes(this.dataSource.manager, id);
    return { ...perk, availableCodes: available };
  }

  async partnerPerks(actor: Actor) {
    const rows = await this.perks.byPartner(this.dataSource.manager, this.partnerOf(actor));
    return { items: rows, nextCursor: null };
  }

  /** Perks awaiting OBEC's approval. */
  async pendingApproval() {
    const rows = await this.perks.pendingApproval(this.dataSource.manager);
    return { items: rows, nextCursor: null };
  }

  /** The catalogue: live perks in their validity window, with stock left, eligibility and what the member may still redeem. */
  async catalogue(
    actor: Actor | undefined,
    filter: { category?: string; q?: string; sort?: 'newest' | 'cost'; cursor?: string },
  ): Promise<Page<unknown>> {
    const query = filter.q ? parseQuery(filter.q) : null;
    if (filter.q && !query) return { items: [], nextCursor: null };
    const sortByCost = filter.sort === 'cost';
    const after = decodeCursor<{ v: string | number; id: string }>(filter.cursor, ['v', 'id']);
    const rows = await this.perks.catalogue(
      this.dataSource.manager,
      { category: filter.category, query, sortByCost, after },
      DEFAULT_PAGE_SIZE + 1,
    );
    const terms = await this.memberTerms(this.dataSource.manager, actor, rows.slice(0, DEFAULT_PAGE_SIZE));
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => this.publicView(row, actor, terms),
      (row) => ({ v: sortByCost ? row.cost : row.createdAt.toISOString(), id: row.id }),
    );
  }

  async detail(actor: Actor | undefined, id: string) {
    const perk = await this.anyPerk(this.dataSource.manager, id);
    const own = actor && partnerOf(actor) === perk.partnerId;
    if (perk.status !== 'live' && !own) throw new DomainError(MarketplaceErrors.PERK_NOT_FOUND);
    const terms = await this.memberTerms(this.dataSource.manager, actor, [perk]);
    return this.publicView(perk, actor, terms);
  }

  private publicView(row: PerkRow, actor: Actor | undefined, terms: Map<string, MemberTerms>) {
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
      open: terms.get(row.id)?.open ?? false,
      eligible: terms.get(row.id)?.eligible ?? false,
      myRemaining: actor ? (terms.get(row.id)?.remaining ?? null) : null,
    };
  }

  /**
   * What each perk allows this member (or someone not signed in), by the database's rules: open or not, eligibility, how many
   * more times they may redeem it in its current limit period (null: no limit).
   */
  async memberTerms(
    manager: EntityManager,
    actor: Actor | undefined,
    perks: Pick<PerkRow, 'id' | 'perMemberLimit'>[],
  ): Promise<Map<string, MemberTerms>> {
    if (perks.length === 0) return new Map();
    const rows = await this.perks.termsFor(
      manager,
      perks.map((p) => p.id),
      actor
        ? { memberId: actor.memberId, areaId: actor.areaId ?? null, memberKind: actor.memberKind ?? null }
        : null,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return new Map(
      perks.map((p) => {
        const row = byId.get(p.id);
        return [
          p.id,
          {
            open: row?.open ?? false,
            eligible: row?.eligible ?? false,
            remaining: p.perMemberLimit === null ? null : Math.max(0, p.perMemberLimit - (row?.used ?? 0)),
          },
        ];
      }),
    );
  }

  async anyPerk(manager: EntityManager, id: string, lock = false): Promise<PerkRow> {
    const perk = await this.perks.find(manager, id, lock);
    if (!perk) throw new DomainError(MarketplaceErrors.PERK_NOT_FOUND);
    return perk;
  }

  /** The titles of these perks and their partners' names by perk id, in one query, whatever their status. */
  async names(manager: EntityManager, ids: string[]): Promise<Map<string, PerkNames>> {
    const rows = ids.length ? await this.perks.names(manager, [...new Set(ids)]) : [];
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The category of each of these perks by perk id, in one query, whatever their status. */
  async categories(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = ids.length ? await this.perks.categories(manager, [...new Set(ids)]) : [];
    return new Map(rows.map((row) => [row.id, row.category]));
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

  private async search(
    title: string,
    description: string,
  ): Promise<{ searchTokens: string; searchRaw: string }> {
    const doc = { title, summary: '', body: description, tags: [] };
    return { searchTokens: await searchTokensOffThread(doc), searchRaw: searchRaw(doc) };
  }
}
