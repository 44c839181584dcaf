import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { uuidv7 } from '@lc/core';
import { prepared } from '@lc/database';
import { ledgerError } from './ledger-errors';
import { AccountRef, TransferResult, TransferSpec, Wallet } from './ledger.types';

// Every transfer of one call, as the database function's specs (in order: a post may resolve a hold before it), sent
// as one JSON array of `ledger_transfer_spec` records.
const TRANSFER = prepared(
  'ledger.transfer',
  `SELECT t.idempotency_key AS key, t.id, t.created
   FROM ledger_transfer(ARRAY(SELECT jsonb_populate_recordset(NULL::ledger_transfer_spec, $1::jsonb))) AS t`,
);
const LOCK_WALLETS = prepared(
  'ledger.lock_wallets',
  `SELECT owner_id AS "memberId", balance, pending FROM ledger_lock_accounts(
     array_fill('member'::text, ARRAY[cardinality($1::uuid[])]), $1::uuid[],
     array_fill(0::smallint, ARRAY[cardinality($1::uuid[])]))`,
);

const ownerOf = (ref: AccountRef) => ('ownerId' in ref ? ref.ownerId : null);

/**
 * The only way points move: one call = one database transaction (the caller's), all or nothing. The rules live in
 * the database function `ledger_transfer` (libs/ledger/src/sql/ledger.sql), which SQL write paths such as a
 * batch of redemptions call too: accounts locked in id order (no deadlocks between concurrent calls), idempotency
 * keys checked after locking (a repeat returns the first result), holds posted or voided exactly once, a member's
 * spendable points never below zero — there, and by a CHECK on the account row. Striped accounts (system issuance
 * over 16 shards, each partner's clearing over up to 64) take the shard picked by the member on the other side, so
 * concurrent transfers of different members rarely queue on one row; a post or void uses its hold's accounts.
 *
 * A call is one round trip (each was a network write on both sides: that, not the work, was most of a transfer's
 * cost), and a post or void may resolve a hold made earlier in the same call (give the hold an `id`).
 */
@Injectable()
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  async transfer(manager: EntityManager, specs: TransferSpec[]): Promise<TransferResult[]> {
    if (specs.length === 0) return [];
    for (const spec of specs) {
      if (!Number.isSafeInteger(spec.amount) || spec.amount <= 0)
        throw new Error(`Transfer amounts are whole numbers above zero: ${spec.amount}`);
    }
    const records = specs.map((s) => ({
      id: s.id ?? uuidv7(),
      idempotency_key: s.idempotencyKey,
      debit_kind: s.debit.kind,
      debit_owner: ownerOf(s.debit),
      credit_kind: s.credit.kind,
      credit_owner: ownerOf(s.credit),
      amount: s.amount,
      kind: s.kind,
      pending_id: s.pendingId ?? null,
      reverses_id: s.reversesId ?? null,
      reason_code: s.reason.code,
      reason_th: s.reason.th,
      reason_en: s.reason.en,
      source_event_id: s.sourceEventId ?? null,
      source_type: s.sourceType ?? null,
      source_id: s.sourceId ?? null,
      subject_innovation_id: s.subjectInnovationId ?? null,
      hold_expires_at: s.holdExpiresAt ?? null,
      created_by: s.createdBy ?? null,
    }));
    const rows: { key: string; id: string; created: boolean }[] = await manager
      .query(TRANSFER, [JSON.stringify(records)])
      .catch((error: unknown) => {
        throw ledgerError(error);
      });
    return rows.map((row) => ({ id: row.id, idempotencyKey: row.key, created: row.created }));
  }

  /** Locks (creating if needed) the wallets of these members, in id order, for the rest of the transaction. */
  async lockWallets(
    manager: EntityManager,
    memberIds: string[],
  ): Promise<Map<string, { balance: number; pending: number }>> {
    const rows: { memberId: string; balance: string; pending: string }[] = await manager.query(LOCK_WALLETS, [
      memberIds,
    ]);
    return new Map(
      rows.map((row) => [row.memberId, { balance: Number(row.balance), pending: Number(row.pending) }]),
    );
  }

  /**
   * Voids holds whose expiry has passed, each in its own transaction. A post racing with the sweep is safe:
   * whichever resolves the hold first wins, the other finds it resolved.
   */
  async voidExpiredHolds(limit = 500): Promise<number> {
    const expired: {
      id: string;
      amount: string;
      debit_kind: string;
      debit_owner: string;
      credit_kind: string;
      credit_owner: string;
    }[] = await this.dataSource.query(
      `SELECT h.id, h.amount, d.kind AS debit_kind, d.owner_id AS debit_owner, c.kind AS credit_kind, c.owner_id AS credit_owner
         FROM ledger_transfer h JOIN ledger_account d ON d.id = h.debit_account_id JOIN ledger_account c ON c.id = h.credit_account_id
         WHERE h.kind = 'hold' AND h.hold_expires_at < now()
           AND NOT EXISTS (SELECT 1 FROM ledger_transfer r WHERE r.pending_id = h.id)
         ORDER BY h.hold_expires_at LIMIT $1`,
      [limit],
    );
    let voided = 0;
    for (const hold of expired) {
      try {
        await this.dataSource.transaction((manager) =>
          this.transfer(manager, [
            {
              idempotencyKey: `expire-hold:${hold.id}`,
              debit: { kind: hold.debit_kind as 'member', ownerId: hold.debit_owner },
              credit: { kind: hold.credit_kind as 'partner', ownerId: hold.credit_owner },
              amount: Number(hold.amount),
              kind: 'void',
              pendingId: hold.id,
              reason: {
                code: 'hold.expired',
                th: 'คืนพอยท์ที่กันไว้ เนื่องจากหมดเวลา',
                en: 'Held points released: the hold expired',
              },
            },
          ]),
        );
        voided++;
      } catch (error) {
        if ((error as { code?: string }).code !== 'LEDGER_HOLD_RESOLVED') throw error;
      }
    }
    return voided;
  }

  async wallet(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<Wallet> {
    const rows: { balance: string; pending: string; lifetime_earned: string }[] = await manager.query(
      `SELECT balance, pending, lifetime_earned FROM ledger_account WHERE kind = 'member' AND owner_id = $1`,
      [memberId],
    );
    const balance = Number(rows[0]?.balance ?? 0);
    const pending = Number(rows[0]?.pending ?? 0);
    return {
      balance,
      pending,
      spendable: balance - pending,
      lifetimeEarned: Number(rows[0]?.lifetime_earned ?? 0),
    };
  }
}
