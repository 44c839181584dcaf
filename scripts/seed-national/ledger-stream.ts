/**
 * The ledger of the national data set as one deterministic stream of transfers, seq 1 … T, in time order:
 * - fixed events read from the data already seeded: each publication pays its author (innovation.published), each
 *   hidden or removed innovation takes that award back (a reversal), each adoption report pays the reporter and the
 *   author, each endorsement the author;
 * - the rest: feedback awards (feedback.rating, feedback.comment, rating.received_high) to members registered by
 *   then, most to the engaged ones, and redemptions: a hold to the partner's clearing shard, posted at once for a
 *   voucher perk, or settled by the partner days later for a manual one (posted, or voided when rejected; still
 *   open when the window ends first).
 * The stream keeps every account's balance, pending points, lifetime earnings and version exactly as
 * `ledger_transfer` would, and never lets a member's spendable points go below zero. Chunks are slices of the
 * stream; a resumed run replays the slices already written (state only) to continue where it stopped.
 */
import { createHash } from 'node:crypto';
import { DAY_MS, partnerId, perkId, Plan, seedUuid, TAG } from './plan';

export interface Reason {
  code: string;
  th: string;
  en: string;
}

/** What the stream reads from the seeded tables before it starts. */
export interface LedgerInputs {
  /** Members in id order (= sign-up order). */
  memberIds: string[];
  memberAccountIds: string[];
  memberCreatedMs: Float64Array;
  /** Members who earn points (e-mail confirmed, not partner or platform staff), by position, in sign-up order. */
  earners: Int32Array;
  /** Published (or later hidden/removed) innovations in publication order. */
  innovationIds: string[];
  innovationPubMs: Float64Array;
  innovationAuthor: Int32Array;
  /** Fixed events in time order (see FixedKind). */
  fixed: {
    ms: Float64Array;
    kind: Uint8Array;
    member: Int32Array;
    other: Int32Array;
    innovation: Int32Array;
  };
  issuanceAccountIds: string[];
  /** Partner clearing shard accounts: partner × 64 + shard. */
  partnerAccountIds: string[];
  /** Member positions of partner staff: partner × staffPerPartner + n. */
  partnerStaff: Int32Array;
  rules: Map<string, Reason>;
  /** ledger_rule.points by rule code. */
  points: Map<string, number>;
  /** Perk index → [hold, post, void] reasons (marketplace_transfer_reason). */
  perkReasons: Reason[][];
}

export const enum FixedKind {
  Published = 1,
  Hidden = 2,
  Removed = 3,
  Adoption = 4,
  Endorsed = 5,
}

/** The hash-chained fields of a transfer, in the canonical order (libs/ledger/src/chain/canonical.ts). */
export const TRANSFER_COLUMNS = [
  'amount',
  'created_at',
  'created_by',
  'credit_account_id',
  'credit_balance_after',
  'debit_account_id',
  'debit_balance_after',
  'hold_expires_at',
  'id',
  'idempotency_key',
  'kind',
  'pending_id',
  'reason_code',
  'reason_en',
  'reason_th',
  'reverses_id',
  'seq',
  'source_event_id',
  'source_id',
  'source_type',
  'subject_innovation_id',
] as const;

export interface RedemptionRow {
  id: string;
  perkId: string;
  partnerId: string;
  memberId: string;
  status: 'pending' | 'fulfilled' | 'rejected';
  cost: number;
  holdTransferId: string;
  voucherCode: string | null;
  deadlineMs: number | null;
  rejectReason: string | null;
  idempotencyKey: string;
  requestHash: string;
  response: string;
  createdMs: number;
  updatedMs: number;
  /** [id, status, actor, note, at] */
  history: [number, string, string | null, string | null, number][];
  voucherId: string | null;
}

const REVERSAL: Reason = {
  // The texts of AwardService's reversal (libs/ledger/src/awards/award.service.ts, not exported).
  code: 'reversal.content_hidden',
  th: 'คืนพอยท์ เนื่องจากเนื้อหาถูกซ่อนหรือลบ',
  en: 'Points taken back: the content was hidden or removed',
};
const REJECT_REASON = 'ข้อมูลจำลอง: ภาคีเครือข่ายปฏิเสธคำขอ (synthetic: rejected by the partner)';

/** sfc32: a small, fast, seedable generator (32-bit state words). */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 + seed * 7;
  let c = 0xb7e15162 ^ (seed << 5);
  let d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

const shardOf = (memberId: string, shards: number) => parseInt(memberId.slice(-4), 16) % shards;

interface Resolution {
  dueMs: number;
  kind: 'post' | 'void';
  holdId: string;
  member: number;
  partnerAccount: number;
  amount: number;
  perk: number;
  redemptionId: string;
}

interface Queued {
  kind: 'award' | 'post';
  member: number;
  amount: number;
  createdMs: number;
  reason: Reason;
  eventId: string | null;
  sourceType: string | null;
  sourceId: string | null;
  subject: string | null;
  /** post: the hold it resolves and the partner shard account. */
  holdId?: string;
  partnerAccount?: number;
  redemptionId?: string;
  sameCall?: boolean;
}

/** One transfer, as the stream hands it out (reused between calls). */
export class TransferRow {
  /** Values in TRANSFER_COLUMNS order: strings or null, as the canonical form takes them. */
  values: (string | null)[] = new Array<string | null>(TRANSFER_COLUMNS.length).fill(null);
  seq = 0;
  createdMs = 0;
  redemption: RedemptionRow | null = null;
}

export class LedgerStream {
  seq = 0;
  /** Set while a resumed run replays the transfers already written: rows are not filled, only the state kept. */
  replaying = false;
  readonly balance: Float64Array;
  readonly pending: Float64Array;
  readonly lifetime: Float64Array;
  readonly version: Float64Array;
  readonly issuanceBalance = new Float64Array(16);
  readonly issuanceVersion = new Float64Array(16);
  readonly partnerBalance: Float64Array;
  readonly partnerVersion: Float64Array;
  private readonly random: () => number;
  private readonly queue: Queued[] = [];
  private readonly heap: Resolution[] = [];
  private fixedAt = 0;
  private earnersBy = 0;
  private innovationsBy = 0;
  private redemptions = 0;
  private historyId = 0;
  /** innovation position → its publication award (id, amount), for reversals. */
  private readonly publicationAward: (string | undefined)[];
  private readonly cheapPerks: number[];
  private readonly span: number;

  constructor(
    private readonly plan: Plan,
    readonly inputs: LedgerInputs,
  ) {
    const members = inputs.memberIds.length;
    this.balance = new Float64Array(members);
    this.pending = new Float64Array(members);
    this.lifetime = new Float64Array(members);
    this.version = new Float64Array(members);
    this.partnerBalance = new Float64Array(inputs.partnerAccountIds.length);
    this.partnerVersion = new Float64Array(inputs.partnerAccountIds.length);
    this.random = sfc32(plan.seed * 7919 + 17);
    this.publicationAward = new Array<string | undefined>(inputs.innovationIds.length);
    const cheapest = Math.min(...plan.perks.map((p) => p.cost));
    this.cheapPerks = plan.perks.filter((p) => p.cost === cheapest).map((p) => p.index);
    this.span = plan.activityEndMs - plan.ledgerStartMs;
  }

  /** A digest of the state after the current seq: a resumed run compares it after replaying. */
  checksum(): string {
    const hash = createHash('sha256');
    for (const array of [
      this.balance,
      this.pending,
      this.lifetime,
      this.version,
      this.issuanceBalance,
      this.issuanceVersion,
      this.partnerBalance,
      this.partnerVersion,
    ]) {
      hash.update(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
    }
    hash.update(
      `${this.seq}|${this.fixedAt}|${this.redemptions}|${this.historyId}|${this.queue.length}|${this.heap.length}`,
    );
    return hash.digest('hex');
  }

  /** The counters a chunk needs to set the tables' identity sequences. */
  get historyRows(): number {
    return this.historyId;
  }

  private timeOf(seq: number): number {
    return this.plan.ledgerStartMs + Math.floor(this.span * Math.sqrt(seq / this.plan.transfers));
  }

  /** Fills `row` with the next transfer. */
  next(row: TransferRow): void {
    const seq = ++this.seq;
    const t = this.timeOf(seq);
    row.seq = seq;
    row.redemption = null;
    const queued = this.queue.shift();
    if (queued) return this.emitQueued(row, queued);
    if (this.heap.length && this.heap[0]!.dueMs <= t)
      return this.emitResolution(row, this.popResolution(), t);
    const fixed = this.inputs.fixed;
    while (this.fixedAt < fixed.ms.length && fixed.ms[this.fixedAt]! <= t) {
      if (this.emitFixed(row, this.fixedAt++, t)) return;
    }
    this.advance(t);
    if (this.random() < 0.08 && seq < this.plan.transfers && this.tryRedemption(row, t)) return;
    this.emitFeedbackAward(row, t);
  }

  private advance(t: number): void {
    const { earners, memberCreatedMs, innovationPubMs } = this.inputs;
    while (this.earnersBy < earners.length && memberCreatedMs[earners[this.earnersBy]!]! <= t)
      this.earnersBy++;
    while (this.innovationsBy < innovationPubMs.length && innovationPubMs[this.innovationsBy]! <= t)
      this.innovationsBy++;
  }

  /** An earner registered by now, most often one of the engaged (earlier) ones. */
  private pickEarner(): number {
    const n = Math.max(1, this.earnersBy);
    const u = this.random();
    const v = this.random() < 0.6 ? u * Math.sqrt(u) : u;
    return this.inputs.earners[Math.min(n - 1, Math.floor(v * n))]!;
  }

  /** A published innovation, recent ones more often; -1 before the first. */
  private pickInnovation(): number {
    const n = this.innovationsBy;
    if (n === 0) return -1;
    const u = this.random();
    return Math.min(n - 1, Math.floor(n * (1 - u * u)));
  }

  private eventId(index: number, ms: number): string {
    return seedUuid(this.plan, TAG.event, index, ms);
  }

  // ── transfers ─────────────────────────────────────────────────────────────────────────────────────────────

  private fill(
    row: TransferRow,
    spec: {
      kind: string;
      amount: number;
      createdMs: number;
      debit: string;
      debitAfter: number;
      credit: string;
      creditAfter: number;
      key: string;
      reason: Reason;
      createdBy?: string | null;
      holdExpiresMs?: number | null;
      pendingId?: string | null;
      reversesId?: string | null;
      eventId?: string | null;
      sourceType?: string | null;
      sourceId?: string | null;
      subject?: string | null;
    },
  ): void {
    const v = row.values;
    row.createdMs = spec.createdMs;
    v[8] = seedUuid(this.plan, TAG.transfer, row.seq, spec.createdMs);
    // Replaying (a resumed run catching up): only the state and the ids later transfers refer to.
    if (this.replaying) return;
    v[0] = String(spec.amount);
    v[1] = new Date(spec.createdMs).toISOString();
    v[2] = spec.createdBy ?? null;
    v[3] = spec.credit;
    v[4] = String(spec.creditAfter);
    v[5] = spec.debit;
    v[6] = String(spec.debitAfter);
    v[7] = spec.holdExpiresMs == null ? null : new Date(spec.holdExpiresMs).toISOString();
    v[9] = spec.key;
    v[10] = spec.kind;
    v[11] = spec.pendingId ?? null;
    v[12] = spec.reason.code;
    v[13] = spec.reason.en;
    v[14] = spec.reason.th;
    v[15] = spec.reversesId ?? null;
    v[16] = String(row.seq);
    v[17] = spec.eventId ?? null;
    v[18] = spec.sourceId ?? null;
    v[19] = spec.sourceType ?? null;
    v[20] = spec.subject ?? null;
  }

  private award(
    row: TransferRow,
    member: number,
    amount: number,
    createdMs: number,
    reason: Reason,
    eventId: string,
    sourceType: string,
    sourceId: string | null,
    subject: string | null,
  ): string {
    const memberId = this.inputs.memberIds[member]!;
    const shard = shardOf(memberId, 16);
    this.issuanceBalance[shard]! -= amount;
    this.issuanceVersion[shard]!++;
    this.balance[member]! += amount;
    this.lifetime[member]! += amount;
    this.version[member]!++;
    this.fill(row, {
      kind: 'award',
      amount,
      createdMs,
      debit: this.inputs.issuanceAccountIds[shard]!,
      debitAfter: this.issuanceBalance[shard]!,
      credit: this.inputs.memberAccountIds[member]!,
      creditAfter: this.balance[member]!,
      key: `${eventId}:${reason.code}:${memberId}`,
      reason,
      eventId,
      sourceType,
      sourceId,
      subject,
    });
    return row.values[8]!;
  }

  private rule(code: string): Reason {
    const reason = this.inputs.rules.get(code);
    if (!reason) throw new Error(`ledger_rule ${code} is missing`);
    return reason;
  }

  private emitFeedbackAward(row: TransferRow, t: number): void {
    const innovation = this.pickInnovation();
    const subject = innovation < 0 ? null : this.inputs.innovationIds[innovation]!;
    const author = innovation < 0 ? -1 : this.inputs.innovationAuthor[innovation]!;
    const r = this.random();
    const eventId = this.eventId(row.seq, t);
    const memberIds = this.inputs.memberIds;
    if (r < 0.33 && author >= 0 && this.earns(author)) {
      const rater = this.pickEarner();
      this.award(
        row,
        author,
        this.points('rating.received_high'),
        t,
        this.rule('rating.received_high'),
        eventId,
        'rating.submitted',
        memberIds[rater]!,
        subject,
      );
      return;
    }
    const code = r < 0.73 ? 'feedback.rating' : 'feedback.comment';
    const member = this.pickEarner();
    this.award(
      row,
      member,
      this.points(code),
      t,
      this.rule(code),
      eventId,
      code === 'feedback.rating' ? 'rating.submitted' : 'comment.created',
      author >= 0 ? memberIds[author]! : null,
      subject,
    );
  }

  /** The points a rule pays (ledger_rule.points). */
  private points(code: string): number {
    const points = this.inputs.points.get(code);
    if (points === undefined) throw new Error(`ledger_rule ${code} is missing`);
    return points;
  }

  /** A fixed event's transfer (true), or nothing to transfer (false: the slot goes to the next event or filler). */
  private emitFixed(row: TransferRow, at: number, t: number): boolean {
    const { fixed, memberIds, innovationIds } = this.inputs;
    const kind = fixed.kind[at]! as FixedKind;
    const member = fixed.member[at]!;
    const innovation = fixed.innovation[at]!;
    const eventMs = fixed.ms[at]!;
    const eventId = this.eventId(1e12 + at, eventMs);
    const subject = innovationIds[innovation]!;
    switch (kind) {
      case FixedKind.Published: {
        if (!this.earns(member)) return false;
        const id = this.award(
          row,
          member,
          this.points('innovation.published'),
          t,
          this.rule('innovation.published'),
          eventId,
          'innovation.published',
          null,
          subject,
        );
        this.publicationAward[innovation] = id;
        return true;
      }
      case FixedKind.Hidden:
      case FixedKind.Removed: {
        const awardId = this.publicationAward[innovation];
        if (!awardId) return false;
        this.publicationAward[innovation] = undefined;
        const amount = Math.min(
          this.points('innovation.published'),
          this.balance[member]! - this.pending[member]!,
        );
        if (amount <= 0) return false;
        const memberId = memberIds[member]!;
        const shard = shardOf(memberId, 16);
        this.balance[member]! -= amount;
        this.lifetime[member] = Math.max(0, this.lifetime[member]! - amount);
        this.version[member]!++;
        this.issuanceBalance[shard]! += amount;
        this.issuanceVersion[shard]!++;
        this.fill(row, {
          kind: 'reversal',
          amount,
          createdMs: t,
          debit: this.inputs.memberAccountIds[member]!,
          debitAfter: this.balance[member]!,
          credit: this.inputs.issuanceAccountIds[shard]!,
          creditAfter: this.issuanceBalance[shard]!,
          key: `${eventId}:reversal:${awardId}`,
          reason: REVERSAL,
          reversesId: awardId,
          eventId,
          sourceType: kind === FixedKind.Hidden ? 'innovation.hidden' : 'innovation.removed',
          sourceId: awardId,
          subject,
        });
        return true;
      }
      case FixedKind.Adoption: {
        // The reporter earns first, the author in the next slot (one event, two awards).
        const author = fixed.other[at]!;
        const paysReporter = this.earns(member);
        if (this.earns(author)) {
          const queued: Queued = {
            kind: 'award',
            member: author,
            amount: this.points('adoption.received'),
            createdMs: t,
            reason: this.rule('adoption.received'),
            eventId,
            sourceType: 'adoption.reported',
            sourceId: memberIds[member]!,
            subject,
          };
          if (!paysReporter) {
            this.emitQueued(row, queued);
            return true;
          }
          if (row.seq < this.plan.transfers) this.queue.push(queued);
        }
        if (!paysReporter) return false;
        this.award(
          row,
          member,
          this.points('adoption.reported'),
          t,
          this.rule('adoption.reported'),
          eventId,
          'adoption.reported',
          memberIds[author]!,
          subject,
        );
        return true;
      }
      case FixedKind.Endorsed: {
        if (!this.earns(member)) return false;
        this.award(
          row,
          member,
          this.points('innovation.endorsed'),
          t,
          this.rule('innovation.endorsed'),
          eventId,
          'innovation.endorsed',
          memberIds[fixed.other[at]!]!,
          subject,
        );
        return true;
      }
    }
  }

  private earnerSet: Uint8Array | null = null;

  private earns(member: number): boolean {
    if (!this.earnerSet) {
      this.earnerSet = new Uint8Array(this.inputs.memberIds.length);
      for (const position of this.inputs.earners) this.earnerSet[position] = 1;
    }
    return this.earnerSet[member] === 1;
  }

  private emitQueued(row: TransferRow, queued: Queued): void {
    if (queued.kind === 'award') {
      this.award(
        row,
        queued.member,
        queued.amount,
        queued.createdMs,
        queued.reason,
        queued.eventId!,
        queued.sourceType!,
        queued.sourceId,
        queued.subject,
      );
      return;
    }
    this.resolveHold(
      row,
      'post',
      queued.member,
      queued.partnerAccount!,
      queued.amount,
      queued.holdId!,
      queued.createdMs,
      queued.redemptionId!,
      queued.reason,
      queued.sameCall === true,
    );
  }

  private resolveHold(
    row: TransferRow,
    kind: 'post' | 'void',
    member: number,
    partnerAccount: number,
    amount: number,
    holdId: string,
    createdMs: number,
    redemptionId: string,
    reason: Reason,
    sameCall: boolean,
  ): void {
    this.pending[member]! -= amount;
    if (kind === 'post') {
      this.balance[member]! -= amount;
      this.partnerBalance[partnerAccount]! += amount;
    }
    if (!sameCall) {
      this.version[member]!++;
      this.partnerVersion[partnerAccount]!++;
    }
    this.fill(row, {
      kind,
      amount,
      createdMs,
      debit: this.inputs.memberAccountIds[member]!,
      debitAfter: this.balance[member]!,
      credit: this.inputs.partnerAccountIds[partnerAccount]!,
      creditAfter: this.partnerBalance[partnerAccount]!,
      key: `redemption:${redemptionId}:${kind}`,
      reason,
      pendingId: holdId,
      sourceType: 'redemption',
      sourceId: redemptionId,
    });
  }

  private emitResolution(row: TransferRow, due: Resolution, t: number): void {
    const reasons = this.inputs.perkReasons[due.perk]!;
    this.resolveHold(
      row,
      due.kind,
      due.member,
      due.partnerAccount,
      due.amount,
      due.holdId,
      t,
      due.redemptionId,
      due.kind === 'post' ? reasons[1]! : reasons[2]!,
      false,
    );
  }

  /** A redemption's hold (and what follows it), or false when the member cannot afford even the cheapest perk. */
  private tryRedemption(row: TransferRow, t: number): boolean {
    const member = this.pickEarner();
    const spendable = this.balance[member]! - this.pending[member]!;
    let perk = this.plan.perks[Math.floor(this.random() * this.plan.perks.length)]!;
    if (perk.cost > spendable) {
      perk = this.plan.perks[this.cheapPerks[Math.floor(this.random() * this.cheapPerks.length)]!]!;
      if (perk.cost > spendable) return false;
    }
    const memberId = this.inputs.memberIds[member]!;
    const number = this.redemptions++;
    const redemptionId = seedUuid(this.plan, TAG.redemption, number, t);
    const partner = perk.partner;
    const partnerAccount = partner * 64 + shardOf(memberId, 64);
    const reasons = this.inputs.perkReasons[perk.index]!;
    const manual = perk.fulfilment === 'manual';
    const deadlineMs = manual ? t + 168 * 3600 * 1000 : null;
    const holdExpiresMs = deadlineMs === null ? null : deadlineMs + 3600 * 1000;

    this.pending[member]! += perk.cost;
    this.version[member]!++;
    this.partnerVersion[partnerAccount]!++;
    this.fill(row, {
      kind: 'hold',
      amount: perk.cost,
      createdMs: t,
      debit: this.inputs.memberAccountIds[member]!,
      debitAfter: this.balance[member]!,
      credit: this.inputs.partnerAccountIds[partnerAccount]!,
      creditAfter: this.partnerBalance[partnerAccount]!,
      key: `redemption:${redemptionId}:hold`,
      reason: reasons[0]!,
      createdBy: memberId,
      holdExpiresMs,
      sourceType: 'redemption',
      sourceId: redemptionId,
    });
    const holdId = row.values[8]!;
    const staff =
      this.inputs.memberIds[
        this.inputs.partnerStaff[partner * this.plan.staffPerPartner + (number % this.plan.staffPerPartner)]!
      ]!;
    const history: RedemptionRow['history'] = [[++this.historyId, 'pending', memberId, null, t]];
    let status: RedemptionRow['status'];
    let updatedMs = t;
    let voucherCode: string | null = null;
    if (!manual) {
      status = 'fulfilled';
      voucherCode = `SN${this.plan.seed}-${number.toString(36).toUpperCase().padStart(7, '0')}`;
      history.push([++this.historyId, 'fulfilled', null, 'voucher issued', t]);
      this.queue.push({
        kind: 'post',
        member,
        amount: perk.cost,
        createdMs: t,
        reason: reasons[1]!,
        eventId: null,
        sourceType: 'redemption',
        sourceId: redemptionId,
        subject: null,
        holdId,
        partnerAccount,
        redemptionId,
        sameCall: true,
      });
    } else {
      const dueMs = t + Math.floor((1 + 4 * this.random()) * DAY_MS);
      const rejected = this.random() < 0.1;
      if (dueMs <= this.plan.activityEndMs) {
        status = rejected ? 'rejected' : 'fulfilled';
        updatedMs = dueMs;
        history.push([++this.historyId, status, staff, rejected ? REJECT_REASON : null, dueMs]);
        this.pushResolution({
          dueMs,
          kind: rejected ? 'void' : 'post',
          holdId,
          member,
          partnerAccount,
          amount: perk.cost,
          perk: perk.index,
          redemptionId,
        });
      } else {
        status = 'pending';
      }
    }
    if (this.replaying) return true;
    const createdIso = new Date(t).toISOString();
    row.redemption = {
      id: redemptionId,
      perkId: perkId(this.plan, perk.index),
      partnerId: partnerId(this.plan, partner),
      memberId,
      status,
      cost: perk.cost,
      holdTransferId: holdId,
      voucherCode,
      deadlineMs,
      rejectReason: status === 'rejected' ? REJECT_REASON : null,
      idempotencyKey: `sn-${number}`,
      requestHash: createHash('sha256').update(`${perk.index}:${memberId}:sn-${number}`).digest('hex'),
      response: JSON.stringify({
        id: redemptionId,
        perkId: perkId(this.plan, perk.index),
        status: manual ? 'pending' : 'fulfilled',
        cost: perk.cost,
        ...(voucherCode ? { voucher: { code: voucherCode } } : {}),
        deadlineAt: deadlineMs === null ? null : new Date(deadlineMs).toISOString(),
        createdAt: createdIso,
      }),
      createdMs: t,
      updatedMs,
      history,
      voucherId: voucherCode ? seedUuid(this.plan, TAG.voucher, number, t) : null,
    };
    return true;
  }

  // A binary min-heap of settlements by due time (ties: by hold id, so the order never depends on the heap).
  private before(a: Resolution, b: Resolution): boolean {
    return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.holdId < b.holdId);
  }

  private pushResolution(item: Resolution): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private popResolution(): Resolution {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && this.before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}
