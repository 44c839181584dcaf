import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, toPage, uuidv7 } from '@lc/core';
import { prepared, updateReturning } from '@lc/database';
import { Actor, partnerOf } from '@lc/identity';
import { LedgerService, memberWallet, partnerClearing, TransferSpec } from '@lc/ledger';
import { EventType, OutboxService, RedemptionFacts } from '@lc/messaging';
import { MarketplaceErrors } from './marketplace-errors';
import { isEligible, isOpen, PerkRow, PerksService, SELECT_PERK } from './perks.service';

type Status = 'pending' | 'fulfilled' | 'rejected' | 'cancelled' | 'expired';

interface RedemptionRow {
  id: string;
  perkId: string;
  partnerId: string;
  memberId: string;
  status: Status;
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

export interface RedemptionAnswer {
  id: string;
  perkId: string;
  status: Status;
  cost: number;
  voucher?: { code: string; qr?: string };
  deadlineAt: string | null;
  createdAt: string;
}

const SELECT_REDEMPTION = `
  SELECT r.id, r.perk_id AS "perkId", r.partner_id AS "partnerId", r.member_id AS "memberId", r.status, r.cost,
         r.hold_transfer_id AS "holdTransferId", r.voucher_code AS "voucherCode", r.deadline_at AS "deadlineAt",
         r.reject_reason AS "rejectReason", r.request_hash AS "requestHash", r.response, r.created_at AS "createdAt",
         r.updated_at AS "updatedAt", p.title_th AS "perkTitle"
  FROM redemption r JOIN perk p ON p.id = r.perk_id`;

// The statements of a redemption, prepared (planned once per connection): every one runs on every request.
const PERK_AND_EARLIER = prepared(
  'redemption.perk_and_earlier',
  `SELECT k.*, e.request_hash AS "earlierHash", e.response AS "earlierResponse"
         FROM (SELECT 1) AS one
         LEFT JOIN (${SELECT_PERK} WHERE p.id = $1) AS k ON true
         LEFT JOIN redemption e ON e.member_id = $2 AND e.idempotency_key = $3`,
);
const CLAIM = prepared(
  'redemption.claim',
  `INSERT INTO redemption (id, perk_id, partner_id, member_id, status, cost, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7) ON CONFLICT (member_id, idempotency_key) DO NOTHING RETURNING id`,
);
const ISSUE_CODE = prepared(
  'redemption.issue_code',
  `INSERT INTO voucher_code (id, perk_id, code, status, redemption_id) VALUES ($1, $2, $3, 'issued', $4) ON CONFLICT (perk_id, code) DO NOTHING RETURNING id`,
);
// Last in the transaction: the redemption's final state, its history, and the stock (never below zero; a CHECK
// behind it), so a popular perk's row is locked only for this statement and the commit.
const FINISH = `WITH r AS (
          UPDATE redemption SET status = $2, hold_transfer_id = $3, voucher_code = $4, deadline_at = $5, response = $6 WHERE id = $1),
        h AS (
          INSERT INTO redemption_history (redemption_id, status, actor_id, note)
          SELECT $1, * FROM unnest($7::text[], $8::uuid[], $9::text[]))`;
const FINISH_UNLIMITED = prepared('redemption.finish', `${FINISH} SELECT 1`);
const FINISH_TAKING_STOCK = prepared(
  'redemption.finish_taking_stock',
  `${FINISH} UPDATE perk SET stock_left = stock_left - 1 WHERE id = $10 AND stock_left > 0 RETURNING id`,
);

const REASONS = {
  hold: { code: 'redemption.hold', th: 'กันพอยท์เพื่อแลกสิทธิประโยชน์', en: 'Points held for a redemption' },
  post: { code: 'redemption.post', th: 'แลกสิทธิประโยชน์', en: 'Redeemed a perk' },
  void: { code: 'redemption.void', th: 'คืนพอยท์ที่กันไว้', en: 'Held points released' },
};

/**
 * Redeeming a perk. One request = one transaction: the idempotency key is claimed, the member's wallet locked
 * (so their limits hold), the points held, the stock taken by a conditional UPDATE (never below zero, with a
 * CHECK behind it), a voucher code reserved and, for vouchers, the hold posted at once.
 */
@Injectable()
export class RedemptionsService {
  private readonly logger = new Logger(RedemptionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly perks: PerksService,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
  ) {}

  async redeem(
    actor: Actor,
    perkId: string,
    idempotencyKey: string | undefined,
    body: Record<string, unknown>,
  ): Promise<RedemptionAnswer> {
    if (!idempotencyKey || idempotencyKey.length > 200)
      throw new DomainError(MarketplaceErrors.IDEMPOTENCY_KEY_REQUIRED);
    const requestHash = createHash('sha256').update(JSON.stringify({ perkId, body })).digest('hex');
    const { perk, earlier } = await this.perkAndEarlier(perkId, actor.memberId, idempotencyKey);
    if (earlier) return this.replay(earlier, requestHash);
    if (!perk) throw new DomainError(MarketplaceErrors.PERK_NOT_FOUND);
    if (!isOpen(perk)) throw new DomainError(MarketplaceErrors.PERK_NOT_AVAILABLE);
    if (!isEligible(perk, actor)) throw new DomainError(MarketplaceErrors.PERK_NOT_ELIGIBLE);
    // A cheap look before any lock: sold out is answered without queueing on the perk's row.
    if (perk.stockLeft === 0) throw new DomainError(MarketplaceErrors.PERK_OUT_OF_STOCK);

    // Round trips are the cost here (each is a network write on both sides), and the perk's row is the one
    // every redemption of a popular perk queues on: so the statements are few, and the stock is taken last,
    // locking that row only for the final statement and the commit.
    const answer = await this.dataSource.transaction(async (manager) => {
      const id = uuidv7();
      const holdId = uuidv7();
      const claimed: unknown[] = await manager.query(CLAIM, [
        id,
        perk.id,
        perk.partnerId,
        actor.memberId,
        perk.cost,
        idempotencyKey,
        requestHash,
      ]);
      if (claimed.length === 0) return null; // the same key won concurrently: answer as it did
      if (perk.perMemberLimit !== null) {
        // The wallet's lock serialises this member's redemptions, so the count below cannot be overtaken.
        await this.ledger.lockWallets(manager, [actor.memberId]);
        await this.assertWithinLimit(manager, perk, actor.memberId);
      }
      const deadline =
        perk.fulfilment === 'manual' ? new Date(Date.now() + perk.fulfilmentHours * 3600 * 1000) : null;
      const voucherMode = perk.fulfilment !== 'manual';
      // The hold and, for vouchers, its post at once: one ledger call.
      await this.ledger.transfer(manager, [
        {
          id: holdId,
          idempotencyKey: `redemption:${id}:hold`,
          debit: memberWallet(actor.memberId),
          credit: partnerClearing(perk.partnerId),
          amount: perk.cost,
          kind: 'hold',
          reason: this.reason('hold', perk),
          sourceType: 'redemption',
          sourceId: id,
          // Backstop: if the marketplace's own deadline sweep never ran, the ledger releases the points itself.
          holdExpiresAt: deadline ? new Date(deadline.getTime() + 3600 * 1000) : null,
          createdBy: actor.memberId,
        },
        ...(voucherMode ? [this.resolution('post', actor.memberId, perk, holdId, id)] : []),
      ]);
      const code = !voucherMode
        ? null
        : perk.fulfilment === 'pool_code'
          ? await this.takePoolCode(manager, perk.id, id)
          : await this.generateCode(manager, perk.id, id);
      const status: Status = voucherMode ? 'fulfilled' : 'pending';
      const answer: RedemptionAnswer = {
        id,
        perkId: perk.id,
        status,
        cost: perk.cost,
        ...(code ? { voucher: { code } } : {}),
        deadlineAt: deadline?.toISOString() ?? null,
        createdAt: new Date().toISOString(),
      };
      await this.emit(manager, voucherMode ? 'redemption.fulfilled' : 'redemption.created', {
        id,
        perkId: perk.id,
        partnerId: perk.partnerId,
        memberId: actor.memberId,
        status,
        cost: perk.cost,
      });
      const params = [
        id,
        status,
        holdId,
        code,
        deadline,
        JSON.stringify(answer),
        voucherMode ? ['pending', 'fulfilled'] : ['pending'],
        voucherMode ? [actor.memberId, null] : [actor.memberId],
        voucherMode ? [null, 'voucher issued'] : [null],
      ];
      if (perk.stockLeft === null) {
        await manager.query(FINISH_UNLIMITED, params);
      } else {
        const taken = await updateReturning(manager, FINISH_TAKING_STOCK, [...params, perk.id]);
        if (taken.length === 0) throw new DomainError(MarketplaceErrors.PERK_OUT_OF_STOCK);
      }
      return answer;
    });
    if (answer) return this.withQr(answer);
    const { earlier: winner } = await this.perkAndEarlier(perkId, actor.memberId, idempotencyKey);
    return this.replay(winner!, requestHash);
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
    const overdue: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM redemption WHERE status = 'pending' AND deadline_at < now() ORDER BY deadline_at LIMIT $1`,
      [limit],
    );
    let expired = 0;
    for (const { id } of overdue) {
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
      const rows: RedemptionRow[] = await manager.query(
        `${SELECT_REDEMPTION} WHERE r.id = $1 FOR UPDATE OF r`,
        [id],
      );
      const redemption = rows[0];
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
        await manager.query(`UPDATE perk SET stock_left = least(stock_left + 1, stock_total) WHERE id = $1`, [
          perk.id,
        ]);
      }
      await manager.query(
        `UPDATE redemption SET status = $2, reject_reason = $3, updated_at = now() WHERE id = $1`,
        [id, to, to === 'rejected' ? who.note : null],
      );
      await this.history(manager, id, to, who.actorId, who.note);
      await this.emit(manager, `redemption.${to}` as EventType, {
        id,
        perkId: perk.id,
        partnerId: perk.partnerId,
        memberId: redemption.memberId,
        status: to,
        cost: redemption.cost,
      });
    });
    return this.view((await this.find(this.dataSource.manager, id))!);
  }

  async mine(actor: Actor, cursor?: string): Promise<Page<unknown>> {
    return this.page(`r.member_id = $1`, [actor.memberId], cursor);
  }

  async forPartner(
    actor: Actor,
    filter: { status?: string; perkId?: string; cursor?: string },
  ): Promise<Page<unknown>> {
    const params: unknown[] = [this.partnerOf(actor)];
    let where = `r.partner_id = $1`;
    if (filter.status) where += ` AND r.status = $${params.push(filter.status)}`;
    if (filter.perkId) where += ` AND r.perk_id = $${params.push(filter.perkId)}`;
    return this.page(where, params, filter.cursor);
  }

  /** A teacher shows a code; the partner checks it. A valid code is marked used, so it works once. */
  async verifyVoucher(
    actor: Actor,
    code: string,
  ): Promise<{ result: 'valid' | 'used' | 'unknown'; redemptionId?: string; perkTitle?: string }> {
    const partnerId = this.partnerOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; status: string; redemption_id: string | null; title: string }[] =
        await manager.query(
          `SELECT v.id, v.status, v.redemption_id, p.title_th AS title FROM voucher_code v JOIN perk p ON p.id = v.perk_id
         WHERE v.code = $1 AND p.partner_id = $2 AND v.status <> 'available' FOR UPDATE OF v`,
          [code.trim(), partnerId],
        );
      const voucher = rows[0];
      if (!voucher) return { result: 'unknown' as const };
      if (voucher.status === 'used')
        return { result: 'used' as const, redemptionId: voucher.redemption_id!, perkTitle: voucher.title };
      await manager.query(`UPDATE voucher_code SET status = 'used', used_at = now() WHERE id = $1`, [
        voucher.id,
      ]);
      await this.history(manager, voucher.redemption_id!, 'fulfilled', actor.memberId, 'voucher used');
      return { result: 'valid' as const, redemptionId: voucher.redemption_id!, perkTitle: voucher.title };
    });
  }

  /** Per perk and day (Bangkok time): redemptions by status and points posted. */
  async stats(actor: Actor, days = 30) {
    const rows = await this.dataSource.query(
      `SELECT r.perk_id AS "perkId", p.title_th AS title, to_char(r.created_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD') AS day,
              count(*)::int AS redemptions,
              count(*) FILTER (WHERE r.status = 'fulfilled')::int AS fulfilled,
              count(*) FILTER (WHERE r.status = 'pending')::int AS pending,
              count(*) FILTER (WHERE r.status IN ('rejected', 'cancelled', 'expired'))::int AS returned,
              coalesce(sum(r.cost) FILTER (WHERE r.status = 'fulfilled'), 0)::int AS points
       FROM redemption r JOIN perk p ON p.id = r.perk_id
       WHERE r.partner_id = $1 AND r.created_at >= now() - make_interval(days => $2)
       GROUP BY r.perk_id, p.title_th, day ORDER BY day DESC, title`,
      [this.partnerOf(actor), days],
    );
    return { items: rows, nextCursor: null };
  }

  async csv(actor: Actor): Promise<string> {
    const rows: RedemptionRow[] = await this.dataSource.query(
      `${SELECT_REDEMPTION} WHERE r.partner_id = $1 ORDER BY r.created_at DESC LIMIT 100000`,
      [this.partnerOf(actor)],
    );
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

  private async page(where: string, params: unknown[], cursor?: string): Promise<Page<unknown>> {
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    if (after) where += ` AND r.id < $${params.push(after.id)}`;
    const rows: RedemptionRow[] = await this.dataSource.query(
      `${SELECT_REDEMPTION} WHERE ${where} ORDER BY r.id DESC LIMIT ${DEFAULT_PAGE_SIZE + 1}`,
      params,
    );
    const histories = rows.length
      ? await this.dataSource.query(
          `SELECT redemption_id AS "redemptionId", status, note, at FROM redemption_history WHERE redemption_id = ANY($1::uuid[]) ORDER BY id`,
          [rows.map((r) => r.id)],
        )
      : [];
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => ({
        ...this.view(row),
        history: histories
          .filter((h: { redemptionId: string }) => h.redemptionId === row.id)
          .map(({ redemptionId: _r, ...h }: Record<string, unknown>) => h),
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

  /** Called with the member's wallet locked and this redemption already claimed, so it counts itself. */
  private async assertWithinLimit(manager: EntityManager, perk: PerkRow, memberId: string): Promise<void> {
    if (perk.perMemberLimit === null) return;
    const used = (await this.perks.usedBy(manager, memberId, [perk])).get(perk.id) ?? 0;
    if (used > perk.perMemberLimit) throw new DomainError(MarketplaceErrors.PERK_LIMIT_REACHED);
  }

  private async takePoolCode(manager: EntityManager, perkId: string, redemptionId: string): Promise<string> {
    const rows = await updateReturning<{ code: string }>(
      manager,
      `UPDATE voucher_code v SET status = 'issued', redemption_id = $2
       FROM (SELECT id FROM voucher_code WHERE perk_id = $1 AND status = 'available' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c
       WHERE v.id = c.id RETURNING v.code`,
      [perkId, redemptionId],
    );
    if (!rows[0]) throw new DomainError(MarketplaceErrors.PERK_OUT_OF_STOCK, 'No voucher codes are left');
    return rows[0].code;
  }

  /** A code the platform makes: 12 characters of Crockford base32 (no I, L, O, U), unique per perk. */
  private async generateCode(manager: EntityManager, perkId: string, redemptionId: string): Promise<string> {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (;;) {
      const code = `LC-${[...randomBytes(12)].map((b) => alphabet[b % 32]).join('')}`;
      const rows: unknown[] = await manager.query(ISSUE_CODE, [uuidv7(), perkId, code, redemptionId]);
      if (rows.length) return code;
    }
  }

  private async resolveHold(
    manager: EntityManager,
    kind: 'post' | 'void',
    memberId: string,
    perk: PerkRow,
    holdId: string,
    redemptionId: string,
  ) {
    await this.ledger.transfer(manager, [this.resolution(kind, memberId, perk, holdId, redemptionId)]);
  }

  /** The post or void that resolves a redemption's hold. */
  private resolution(
    kind: 'post' | 'void',
    memberId: string,
    perk: PerkRow,
    holdId: string,
    redemptionId: string,
  ): TransferSpec {
    return {
      idempotencyKey: `redemption:${redemptionId}:${kind}`,
      debit: memberWallet(memberId),
      credit: partnerClearing(perk.partnerId),
      amount: perk.cost,
      kind,
      pendingId: holdId,
      reason: this.reason(kind, perk),
      sourceType: 'redemption',
      sourceId: redemptionId,
    };
  }

  private reason(kind: keyof typeof REASONS, perk: PerkRow) {
    return {
      ...REASONS[kind],
      th: `${REASONS[kind].th}: ${perk.title}`,
      en: `${REASONS[kind].en}: ${perk.titleEn ?? perk.title}`,
    };
  }

  private async history(
    manager: EntityManager,
    id: string,
    status: string,
    actorId: string | null,
    note: string | null,
  ) {
    await manager.query(
      `INSERT INTO redemption_history (redemption_id, status, actor_id, note) VALUES ($1, $2, $3, $4)`,
      [id, status, actorId, note],
    );
  }

  private async emit(
    manager: EntityManager,
    type: EventType,
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
    await this.outbox.append(manager, type as 'redemption.created', facts);
  }

  /**
   * In one trip: the perk (null when there is none) and the answer already given to this member for this
   * idempotency key, if any.
   */
  private async perkAndEarlier(
    perkId: string,
    memberId: string,
    key: string,
  ): Promise<{ perk: PerkRow | null; earlier: Pick<RedemptionRow, 'requestHash' | 'response'> | null }> {
    const rows: (PerkRow & { earlierHash: string | null; earlierResponse: RedemptionAnswer | null })[] =
      await this.dataSource.query(PERK_AND_EARLIER, [perkId, memberId, key]);
    const { earlierHash, earlierResponse, ...perk } = rows[0]!;
    return {
      perk: perk.id ? (perk as PerkRow) : null,
      earlier: earlierHash ? { requestHash: earlierHash, response: earlierResponse } : null,
    };
  }

  private async find(manager: EntityManager, id: string): Promise<RedemptionRow | null> {
    const rows: RedemptionRow[] = await manager.query(`${SELECT_REDEMPTION} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  private async replay(
    row: Pick<RedemptionRow, 'requestHash' | 'response'>,
    requestHash: string,
  ): Promise<RedemptionAnswer> {
    if (row.requestHash !== requestHash) throw new DomainError(MarketplaceErrors.IDEMPOTENCY_KEY_REUSED);
    return this.withQr(row.response!);
  }

  private async withQr(answer: RedemptionAnswer): Promise<RedemptionAnswer> {
    if (!answer.voucher) return answer;
    const svg = await QRCode.toString(answer.voucher.code, { type: 'svg', margin: 1 });
    return {
      ...answer,
      voucher: {
        code: answer.voucher.code,
        qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      },
    };
  }

  private partnerOf(actor: Actor): string {
    const partnerId = partnerOf(actor);
    if (!partnerId) throw new DomainError('FORBIDDEN', 'Only partner staff do this');
    return partnerId;
  }
}
