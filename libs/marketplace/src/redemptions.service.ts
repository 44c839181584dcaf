import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, toPage } from '@lc/core';
import { refusalError, refusalOf } from '@lc/database';
import { Actor, partnerOf } from '@lc/identity';
import { LedgerService, memberWallet, partnerClearing } from '@lc/ledger';
import { EventDefinition, OutboxService } from '@lc/messaging';
import { RedemptionFacts, RedemptionSettled } from './marketplace.events';
import { MarketplaceErrors } from './marketplace-errors';
import { PerkRow, PerksService } from './perks.service';
import { RedemptionBatcher } from './redemption-batcher';
import { RedemptionRow, RedemptionsRepository, RedemptionStatus } from './redemptions.repository';

export interface RedemptionAnswer {
  id: string;
  perkId: string;
  status: RedemptionStatus;
  cost: number;
  voucher?: { code: string; qr?: string };
  deadlineAt: string | null;
  createdAt: string;
}

/** The longest Idempotency-Key a redemption takes: redemption.idempotency_key is CHECKed to 1…200 characters. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/**
 * Redeeming a perk, and what follows: cancel, confirm, reject, the deadline sweep, vouchers, lists and statistics.
 * A redemption itself is one request of a batch (RedemptionBatcher → `marketplace_redeem`, one transaction): the
 * idempotency key claimed, stock taken under the perk's lock (never below zero, a CHECK behind it), per-member limits
 * counted under the wallet's lock, the points held through the ledger and, for vouchers, a code reserved and the hold
 * posted at once.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redemptions: RedemptionsRepository,
    private readonly perks: PerksService,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
    private readonly batcher: RedemptionBatcher,
  ) {}

  async redeem(
    actor: Actor,
    perkId: string,
    idempotencyKey: string | undefined,
    body: Record<string, unknown>,
  ): Promise<RedemptionAnswer> {
    if (!idempotencyKey) throw new DomainError(MarketplaceErrors.IDEMPOTENCY_KEY_REQUIRED);
    // The bound of redemption.idempotency_key (a CHECK in the database).
    if (idempotencyKey.length > IDEMPOTENCY_KEY_MAX_LENGTH)
      throw new DomainError(MarketplaceErrors.IDEMPOTENCY_KEY_TOO_LONG);
    const requestHash = createHash('sha256').update(JSON.stringify({ perkId, body })).digest('hex');
    const outcome = await this.batcher
      .redeem({
        perkId,
        memberId: actor.memberId,
        areaId: actor.areaId,
        memberKind: actor.memberKind ?? null,
        idempotencyKey,
        requestHash,
      })
      .catch((error: unknown) => {
        const refusal = refusalOf(error);
        throw refusal ? refusalError(refusal.code, refusal.detail) : error;
      });
    if (outcome.outcome === 'refused') throw refusalError(outcome.refusal, outcome.detail ?? undefined);
    // The same key with another body is not the same request.
    if (outcome.answerHash !== requestHash) throw new DomainError(MarketplaceErrors.IDEMPOTENCY_KEY_REUSED);
    return withQr(outcome.answer as unknown as RedemptionAnswer);
  }

  /** A member cancels a redemption the partner has not fulfilled yet: points and stock come back. */
  async cancel(actor: Actor, id: string) {
    return this.settle(id, 'cancelled', { memberId: actor.memberId, actorId: actor.memberId, note: null });
  }

  async confirm(actor: Actor, id: string) {
    return this.settle(id, 'fulfilled', {
      partnerId: this.partnerOf(actor),
      actorId: actor.memberId,
      note: 'confirmed by the partner',
    });
  }

  async reject(actor: Actor, id: string, reason: string) {
    return this.settle(id, 'rejected', {
      partnerId: this.partnerOf(actor),
      actorId: actor.memberId,
      note: reason,
    });
  }

  /** Pending redemptions past their deadline are voided: points and stock return. Returns how many. */
  async expireOverdue(limit = 200): Promise<number> {
    const overdue = await this.redemptions.overdue(this.dataSource.manager, limit);
    let expired = 0;
    for (const id of overdue) {
      try {
        await this.settle(id, 'expired', { actorId: null, note: 'not fulfilled by the deadline' });
        expired++;
      } catch (error) {
        if ((error as { code?: string }).code !== MarketplaceErrors.REDEMPTION_INVALID_TRANSITION)
          throw error;
      }
    }
    return expired;
  }

  private async settle(
    id: string,
    to: 'fulfilled' | 'rejected' | 'cancelled' | 'expired',
    who: { memberId?: string; partnerId?: string; actorId: string | null; note: string | null },
  ) {
    await this.dataSource.transaction(async (manager) => {
      const redemption = await this.redemptions.find(manager, id, true);
      if (
        !redemption ||
        (who.memberId && redemption.memberId !== who.memberId) ||
        (who.partnerId && redemption.partnerId !== who.partnerId)
      ) {
        throw new DomainError(MarketplaceErrors.REDEMPTION_NOT_FOUND);
      }
      if (redemption.status !== 'pending') {
        throw new DomainError(
          MarketplaceErrors.REDEMPTION_INVALID_TRANSITION,
          `The redemption is ${redemption.status}`,
        );
      }
      const perk = await this.perks.anyPerk(manager, redemption.perkId);
      await this.resolveHold(
        manager,
        to === 'fulfilled' ? 'post' : 'void',
        redemption.memberId,
        perk,
        redemption.holdTransferId!,
        id,
      );
      if (to !== 'fulfilled' && perk.stockLeft !== null) {
        await this.redemptions.returnStock(manager, perk.id);
      }
      await this.redemptions.setStatus(manager, id, to, to === 'rejected' ? who.note : null);
      await this.redemptions.addHistory(manager, id, to, who.actorId, who.note);
      await this.emit(manager, RedemptionSettled[to], {
        id,
        perkId: perk.id,
        partnerId: perk.partnerId,
        memberId: redemption.memberId,
        status: to,
        cost: redemption.cost,
      });
    });
    return this.view((await this.redemptions.find(this.dataSource.manager, id))!);
  }

  async mine(actor: Actor, cursor?: string): Promise<Page<unknown>> {
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    const rows = await this.redemptions.byMember(
      this.dataSource.manager,
      actor.memberId,
      after?.id ?? null,
      DEFAULT_PAGE_SIZE + 1,
    );
    return this.page(rows);
  }

  async forPartner(
    actor: Actor,
    filter: { status?: string; perkId?: string; cursor?: string },
  ): Promise<Page<unknown>> {
    const partnerId = this.partnerOf(actor);
    const after = decodeCursor<{ id: string }>(filter.cursor, ['id']);
    const rows = await this.redemptions.byPartner(
      this.dataSource.manager,
      partnerId,
      { status: filter.status, perkId: filter.perkId },
      after?.id ?? null,
      DEFAULT_PAGE_SIZE + 1,
    );
    return this.page(rows);
  }

  /** A teacher shows a code; the partner checks it. A valid code is marked used, so it works once. */
  async verifyVoucher(
    actor: Actor,
    code: string,
  ): Promise<{ result: 'valid' | 'used' | 'unknown'; redemptionId?: string; perkTitle?: string }> {
    const partnerId = this.partnerOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const voucher = await this.redemptions.lockIssuedVoucher(manager, code.trim(), partnerId);
      if (!voucher) return { result: 'unknown' as const };
      if (voucher.status === 'used')
        return { result: 'used' as const, redemptionId: voucher.redemption_id!, perkTitle: voucher.title };
      await this.redemptions.markVoucherUsed(manager, voucher.id);
      await this.redemptions.addHistory(
        manager,
        voucher.redemption_id!,
        'fulfilled',
        actor.memberId,
        'voucher used',
      );
      return { result: 'valid' as const, redemptionId: voucher.redemption_id!, perkTitle: voucher.title };
    });
  }

  /** Per perk and day (Bangkok time): redemptions by status and points posted. */
  async stats(actor: Actor, days = 30) {
    const rows = await this.redemptions.dailyStats(this.dataSource.manager, this.partnerOf(actor), days);
    return { items: rows, nextCursor: null };
  }

  async csv(actor: Actor): Promise<string> {
    const rows = await this.redemptions.allForPartner(this.dataSource.manager, this.partnerOf(actor));
    const escape = (value: unknown) => {
      const text =
        value === null || value === undefined
          ? ''
          : value instanceof Date
            ? value.toISOString()
            : String(value);
      // A leading = + - @ would run as a formula in a spreadsheet.
      const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
      return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const header = [
      'redemption_id',
      'perk_id',
      'perk_title',
      'member_id',
      'status',
      'cost',
      'voucher_code',
      'created_at',
      'deadline_at',
      'reject_reason',
    ];
    const lines = rows.map((r) =>
      [
        r.id,
        r.perkId,
        r.perkTitle,
        r.memberId,
        r.status,
        r.cost,
        r.voucherCode,
        r.createdAt,
        r.deadlineAt,
        r.rejectReason,
      ]
        .map(escape)
        .join(','),
    );
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }

  /** A page of redemptions (one more row than a page, if there is more) with each one's history. */
  private async page(rows: RedemptionRow[]): Promise<Page<unknown>> {
    const histories = rows.length
      ? await this.redemptions.histories(
          this.dataSource.manager,
          rows.map((r) => r.id),
        )
      : [];
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => ({
        ...this.view(row),
        history: histories.filter((h) => h.redemptionId === row.id).map(({ redemptionId: _r, ...h }) => h),
      }),
      (row) => ({ id: row.id }),
    );
  }

  private view(row: RedemptionRow) {
    return {
      id: row.id,
      perk: { id: row.perkId, title: row.perkTitle },
      memberId: row.memberId,
      status: row.status,
      cost: row.cost,
      voucher: row.voucherCode ? { code: row.voucherCode } : null,
      deadlineAt: row.deadlineAt,
      rejectReason: row.rejectReason,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private async resolveHold(
    manager: EntityManager,
    kind: 'post' | 'void',
    memberId: string,
    perk: PerkRow,
    holdId: string,
    redemptionId: string,
  ) {
    const reason = await this.redemptions.transferReason(manager, kind, perk);
    await this.ledger.transfer(manager, [
      {
        idempotencyKey: `redemption:${redemptionId}:${kind}`,
        debit: memberWallet(memberId),
        credit: partnerClearing(perk.partnerId),
        amount: perk.cost,
        kind,
        pendingId: holdId,
        reason,
        sourceType: 'redemption',
        sourceId: redemptionId,
      },
    ]);
  }

  private async emit(
    manager: EntityManager,
    event: EventDefinition<RedemptionFacts>,
    r: { id: string; perkId: string; partnerId: string; memberId: string; status: string; cost: number },
  ) {
    const facts: RedemptionFacts = {
      redemptionId: r.id,
      perkId: r.perkId,
      partnerId: r.partnerId,
      memberId: r.memberId,
      status: r.status,
      cost: r.cost,
    };
    await this.outbox.append(manager, event, facts);
  }

  private partnerOf(actor: Actor): string {
    const partnerId = partnerOf(actor);
    if (!partnerId) throw new DomainError('FORBIDDEN', 'Only partner staff do this');
    return partnerId;
  }
}

/** Voucher codes QR-encoded as an SVG data URL (what a partner's scanner reads off the member's screen). */
async function withQr(answer: RedemptionAnswer): Promise<RedemptionAnswer> {
  if (!answer.voucher) return answer;
  const { code } = answer.voucher;
  // Generated codes are QR alphanumeric (one segment, no search for the best segmentation), and the mask is fixed
  // rather than chosen by scoring all eight (any mask decodes; scoring was most of the cost): ~25 µs, not ~130.
  const segments = /^[0-9A-Z $%*+\-./:]+$/.test(code)
    ? [{ data: code, mode: 'alphanumeric' as const }]
    : code;
  const svg = await QRCode.toString(segments, { type: 'svg', margin: 1, maskPattern: 0 });
  return {
    ...answer,
    voucher: { code, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` },
  };
}
