import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { prepared } from '@lc/database';
import { EventEnvelope, OutboxService } from '@lc/messaging';
import { LedgerEvents } from '../ledger.events';
import { LedgerService } from '../ledger.service';
import { ISSUANCE, memberWallet, TransferSpec } from '../ledger.types';
import { AwardCandidate, candidatesFor, periodStarts } from './award.policy';
import { RulesRepository } from './rules.repository';

/** Two members rating each other's work more often than this within MUTUAL_WINDOW_DAYS stop earning from it. */
export const MUTUAL_RATING_LIMIT = 3;
const MUTUAL_WINDOW_DAYS = 30;

const REVERSAL = {
  code: 'reversal.content_hidden',
  th: 'คืนพอยท์ เนื่องจากเนื้อหาถูกซ่อนหรือลบ',
  en: 'Points taken back: the content was hidden or removed',
};
const REAWARD = {
  code: 'reaward.content_restored',
  th: 'ได้รับพอยท์คืน เนื่องจากเนื้อหาได้รับการคืนสถานะ',
  en: 'Points given back: the content was restored',
};

/** The actors of a batch whose e-mail address is confirmed: one query per batch, by primary key. */
const CONFIRMED_ACTORS = prepared(
  'ledger.confirmed_actors',
  `SELECT id FROM member WHERE id = ANY($1::uuid[]) AND email_verified_at IS NOT NULL`,
);

interface CapCount {
  day: number;
  week: number;
  month: number;
}

/**
 * Turns outbox events into ledger transfers, a batch at a time, inside the subscriber's transaction.
 * The idempotency key `<event id>:<rule code>:<beneficiary>` makes every award exactly-once whatever
 * BullMQ redelivers; caps are counted after the wallets are locked, so concurrent batches can't overshoot.
 */
@Injectable()
export class AwardService {
  private readonly logger = new Logger(AwardService.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly rules: RulesRepository,
    private readonly outbox: OutboxService,
  ) {}

  async handle(events: EventEnvelope[], manager: EntityManager): Promise<number> {
    const rules = await this.rules.all(manager);
    let transfers = 0;
    let pending: EventEnvelope[] = [];
    const flush = async () => {
      if (pending.length) transfers += await this.award(manager, pending, rules);
      pending = [];
    };
    for (const event of events) {
      if (event.type === 'innovation.hidden' || event.type === 'innovation.removed') {
        await flush();
        transfers += await this.reverse(manager, event);
      } else if (event.type === 'innovation.restored') {
        await flush();
        transfers += await this.reaward(manager, event);
      } else {
        pending.push(event);
      }
    }
    await flush();
    return transfers;
  }

  private async award(
    manager: EntityManager,
    events: EventEnvelope[],
    rules: Awaited<ReturnType<RulesRepository['all']>>,
  ): Promise<number> {
    const now = new Date();
    const candidates = await this.ofConfirmedActors(
      manager,
      events.flatMap((event) => candidatesFor(event, rules, now)),
    );
    if (candidates.length === 0) return 0;
    const beneficiaries = [...new Set(candidates.map((c) => c.beneficiaryId))];
    await this.ledger.lockWallets(manager, beneficiaries);
    const counts = await this.capCounts(
      manager,
      beneficiaries,
      [...new Set(candidates.map((c) => c.rule.code))],
      now,
    );
    const mutual = await this.mutualCounts(
      manager,
      candidates.filter((c) => c.rule.code === 'rating.received_high'),
      now,
    );
    const specs: TransferSpec[] = [];
    for (const candidate of candidates) {
      const { rule, beneficiaryId } = candidate;
      const key = `${beneficiaryId}|${rule.code}`;
      const count = counts.get(key) ?? { day: 0, week: 0, month: 0 };
      if (
        (rule.capDay && count.day >= rule.capDay) ||
        (rule.capWeek && count.week >= rule.capWeek) ||
        (rule.capMonth && count.month >= rule.capMonth)
      ) {
        continue;
      }
      if (rule.code === 'rating.received_high' && candidate.counterpartId) {
        const given = mutual.get(`${beneficiaryId}|${candidate.counterpartId}`) ?? 0;
        const received = mutual.get(`${candidate.counterpartId}|${beneficiaryId}`) ?? 0;
        if (given >= MUTUAL_RATING_LIMIT && received >= MUTUAL_RATING_LIMIT) continue;
        mutual.set(`${beneficiaryId}|${candidate.counterpartId}`, given + 1);
      }
      counts.set(key, { day: count.day + 1, week: count.week + 1, month: count.month + 1 });
      specs.push(this.awardSpec(candidate));
    }
    return this.transferAndAnnounce(manager, specs);
  }

  /**
   * The transfers, and a `points.changed` event per new one, in the same transaction: feeds, notifications and
   * the wallet shown live hear about points only once they are committed. Repeats announce nothing.
   */
  private async transferAndAnnounce(manager: EntityManager, specs: TransferSpec[]): Promise<number> {
    const results = await this.ledger.transfer(manager, specs);
    const created = results.flatMap((result, index) =>
      result.created ? [{ result, spec: specs[index]! }] : [],
    );
    await this.outbox.appendMany(
      manager,
      created.map(({ result, spec }) => {
        const credit = spec.credit.kind === 'member';
        const member = (credit ? spec.credit : spec.debit) as { ownerId: string };
        return {
          event: LedgerEvents.pointsChanged,
          payload: {
            memberId: member.ownerId,
            transferId: result.id,
            kind: credit ? ('award' as const) : ('reversal' as const),
            amount: credit ? spec.amount : -spec.amount,
            reason: spec.reason,
            innovationId: spec.subjectInnovationId ?? null,
          },
        };
      }),
    );
    return created.length;
  }

  private awardSpec(candidate: AwardCandidate): TransferSpec {
    const { rule, beneficiaryId, event } = candidate;
    return {
      idempotencyKey: `${event.id}:${rule.code}:${beneficiaryId}`,
      debit: ISSUANCE,
      credit: memberWallet(beneficiaryId),
      amount: candidate.amount ?? rule.points,
      kind: 'award',
      reason: { code: rule.code, th: rule.nameTh, en: rule.nameEn },
      sourceEventId: event.id,
      sourceType: event.type,
      sourceId: candidate.counterpartId,
      subjectInnovationId: candidate.innovationId,
    };
  }

  /**
   * Only actions of members whose e-mail address is confirmed earn points, for themselves and for the author of
   * what they rated, commented on or used: otherwise accounts made by a script in bulk could mint points. Whether
   * the address is confirmed is read when the event is processed. Confirming later pays nothing back for earlier
   * actions (deliberately: no back-pay), it only lets later ones count.
   */
  private async ofConfirmedActors(
    manager: EntityManager,
    candidates: AwardCandidate[],
  ): Promise<AwardCandidate[]> {
    if (candidates.length === 0) return candidates;
    const rows: { id: string }[] = await manager.query(CONFIRMED_ACTORS, [
      [...new Set(candidates.map((c) => c.actorId))],
    ]);
    const confirmed = new Set(rows.map((row) => row.id));
    return candidates.filter((candidate) => confirmed.has(candidate.actorId));
  }

  /** Awards already given this day, week and month (Bangkok time), per beneficiary and rule. */
  private async capCounts(
    manager: EntityManager,
    members: string[],
    codes: string[],
    now: Date,
  ): Promise<Map<string, CapCount>> {
    const { day, week, month } = periodStarts(now);
    const rows: { owner: string; code: string; day: number; week: number; month: number }[] =
      await manager.query(
        `SELECT a.owner_id AS owner, t.reason_code AS code,
              count(*) FILTER (WHERE t.created_at >= $3)::int AS day,
              count(*) FILTER (WHERE t.created_at >= $4)::int AS week,
              count(*) FILTER (WHERE t.created_at >= $5)::int AS month
       FROM ledger_transfer t JOIN ledger_account a ON a.id = t.credit_account_id
       WHERE a.kind = 'member' AND a.owner_id = ANY($1::uuid[]) AND t.kind = 'award' AND t.reason_code = ANY($2::text[])
         AND t.created_at >= least($4, $5)
       GROUP BY a.owner_id, t.reason_code`,
        [members, codes, day, week, month],
      );
    return new Map(
      rows.map((row) => [`${row.owner}|${row.code}`, { day: row.day, week: row.week, month: row.month }]),
    );
  }

  /** How often each pair rewarded each other through high ratings lately: `<author>|<rater>` → count. */
  private async mutualCounts(
    manager: EntityManager,
    candidates: AwardCandidate[],
    now: Date,
  ): Promise<Map<string, number>> {
    if (candidates.length === 0) return new Map();
    const members = [...new Set(candidates.flatMap((c) => [c.beneficiaryId, c.counterpartId!]))];
    const rows: { author: string; rater: string; count: number }[] = await manager.query(
      `SELECT a.owner_id AS author, t.source_id AS rater, count(*)::int AS count
       FROM ledger_transfer t JOIN ledger_account a ON a.id = t.credit_account_id
       WHERE a.kind = 'member' AND a.owner_id = ANY($1::uuid[]) AND t.kind = 'award' AND t.reason_code = 'rating.received_high'
         AND t.source_id = ANY($2::text[]) AND t.created_at >= $3
       GROUP BY a.owner_id, t.source_id`,
      [members, members, new Date(now.getTime() - MUTUAL_WINDOW_DAYS * 24 * 3600 * 1000)],
    );
    return new Map(rows.map((row) => [`${row.author}|${row.rater}`, row.count]));
  }

  /**
   * Hidden or removed content: every award it produced that still stands is reversed, never deleted. A member
   * who already spent the points is reversed only as far as their spendable balance goes.
   */
  private async reverse(manager: EntityManager, event: EventEnvelope): Promise<number> {
    const innovationId = (event.payload as { innovationId: string }).innovationId;
    const awards: { id: string; amount: string; owner: string }[] = await manager.query(
      `SELECT t.id, t.amount, a.owner_id AS owner FROM ledger_transfer t JOIN ledger_account a ON a.id = t.credit_account_id
       WHERE t.subject_innovation_id = $1 AND t.kind = 'award' AND a.kind = 'member'
         AND NOT EXISTS (SELECT 1 FROM ledger_transfer r WHERE r.reverses_id = t.id)
       ORDER BY t.seq`,
      [innovationId],
    );
    if (awards.length === 0) return 0;
    const wallets = await this.ledger.lockWallets(manager, [...new Set(awards.map((a) => a.owner))]);
    const available = new Map([...wallets].map(([id, w]) => [id, w.balance - w.pending]));
    const specs: TransferSpec[] = [];
    for (const award of awards) {
      const amount = Math.min(Number(award.amount), available.get(award.owner) ?? 0);
      if (amount <= 0) {
        this.logger.warn(
          { transferId: award.id, memberId: award.owner },
          'award not reversed: the member has no spendable points left',
        );
        continue;
      }
      available.set(award.owner, available.get(award.owner)! - amount);
      specs.push({
        idempotencyKey: `${event.id}:reversal:${award.id}`,
        debit: memberWallet(award.owner),
        credit: ISSUANCE,
        amount,
        kind: 'reversal',
        reversesId: award.id,
        reason: REVERSAL,
        sourceEventId: event.id,
        sourceType: event.type,
        sourceId: award.id,
        subjectInnovationId: innovationId,
      });
    }
    return this.transferAndAnnounce(manager, specs);
  }

  /** Restored content: what its hiding took back is given back, once per reversal. */
  private async reaward(manager: EntityManager, event: EventEnvelope): Promise<number> {
    const innovationId = (event.payload as { innovationId: string }).innovationId;
    const reversals: { id: string; amount: string; owner: string }[] = await manager.query(
      `SELECT r.id, r.amount, a.owner_id AS owner FROM ledger_transfer r JOIN ledger_account a ON a.id = r.debit_account_id
       WHERE r.subject_innovation_id = $1 AND r.kind = 'reversal' AND a.kind = 'member'
         AND NOT EXISTS (SELECT 1 FROM ledger_transfer x WHERE x.source_type = 'reaward' AND x.source_id = r.id::text)
       ORDER BY r.seq`,
      [innovationId],
    );
    const specs: TransferSpec[] = reversals.map((reversal) => ({
      idempotencyKey: `${event.id}:reaward:${reversal.id}`,
      debit: ISSUANCE,
      credit: memberWallet(reversal.owner),
      amount: Number(reversal.amount),
      kind: 'award',
      reason: REAWARD,
      sourceEventId: event.id,
      sourceType: 'reaward',
      sourceId: reversal.id,
      subjectInnovationId: innovationId,
    }));
    return this.transferAndAnnounce(manager, specs);
  }
}
