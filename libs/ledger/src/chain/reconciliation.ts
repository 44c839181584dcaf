import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { metricsRegistry } from '@lc/core';
import { queryRows, withPgClient } from './pg-client';

export interface AccountDrift {
  accountId: string;
  kind: string;
  ownerId: string | null;
  balance: number;
  /** What the transfers say the balance is. */
  expectedBalance: number;
  pending: number;
  expectedPending: number;
}

export interface Reconciliation {
  ok: boolean;
  accounts: number;
  /** Accounts whose balance or pending differs from their transfers. */
  drift: AccountDrift[];
  /** Sum of every account's balance: 0 in a double-entry ledger. */
  totalBalance: number;
  transfers: number;
  durationMs: number;
}

/**
 * What each kind does (as LedgerService applies it): award, reversal, adjustment, expiry and post move `amount`
 * from the debit to the credit account's balance; a hold only adds to the debit account's `pending`, and its
 * post or void takes it off again (post then moves the balance, void moves nothing).
 */
const RECONCILE_SQL = `
  WITH moves AS (
    SELECT v.account_id, sum(v.balance) AS balance, sum(v.pending) AS pending, count(*) AS legs
      FROM ledger_transfer t
      CROSS JOIN LATERAL (VALUES
        (t.debit_account_id,
         CASE WHEN t.kind IN ('hold', 'void') THEN 0 ELSE -t.amount END,
         CASE t.kind WHEN 'hold' THEN t.amount WHEN 'post' THEN -t.amount WHEN 'void' THEN -t.amount ELSE 0 END),
        (t.credit_account_id, CASE WHEN t.kind IN ('hold', 'void') THEN 0 ELSE t.amount END, 0)
      ) AS v(account_id, balance, pending)
     GROUP BY v.account_id
  )
  SELECT a.id::text, a.kind, a.owner_id::text, a.balance::text, coalesce(m.balance, 0)::text,
         a.pending::text, coalesce(m.pending, 0)::text, coalesce(m.legs, 0)::text
    FROM ledger_account a LEFT JOIN moves m ON m.account_id = a.id
   ORDER BY a.id`;

/**
 * Checks, in one consistent snapshot (transfers and balances change in the same transaction), that every
 * account's balance and pending equal what its transfers add up to, and that all balances sum to zero.
 */
export async function reconcileLedger(dataSource: DataSource): Promise<Reconciliation> {
  const started = performance.now();
  const rows = await withPgClient(dataSource, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await queryRows(client, RECONCILE_SQL);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
  const drift: AccountDrift[] = [];
  let totalBalance = 0n;
  let legs = 0;
  for (const [id, kind, ownerId, balance, expected, pending, expectedPending, count] of rows) {
    totalBalance += BigInt(balance!);
    legs += Number(count);
    if (balance !== expected || pending !== expectedPending) {
      drift.push({
        accountId: id!,
        kind: kind!,
        ownerId,
        balance: Number(balance),
        expectedBalance: Number(expected),
        pending: Number(pending),
        expectedPending: Number(expectedPending),
      });
    }
  }
  return {
    ok: drift.length === 0 && totalBalance === 0n,
    accounts: rows.length,
    drift,
    totalBalance: Number(totalBalance),
    transfers: legs / 2,
    durationMs: Math.round(performance.now() - started),
  };
}

let gauges: { drift: Gauge; total: Gauge } | null = null;

/** Created on first use, so only the process that reconciles (the worker) exports them. */
function reconciliationGauges(): { drift: Gauge; total: Gauge } {
  gauges ??= {
    drift: new Gauge({
      name: 'ledger_drift_accounts',
      help: 'Accounts whose balance or pending differs from the sum of their transfers (last reconciliation)',
      registers: [metricsRegistry],
    }),
    total: new Gauge({
      name: 'ledger_total_balance',
      help: 'Sum of all ledger account balances at the last reconciliation (0 when the ledger balances)',
      registers: [metricsRegistry],
    }),
  };
  return gauges;
}

/** Runs the reconciliation, logs the outcome and sets the gauges. */
@Injectable()
export class LedgerReconciliation {
  private readonly logger = new Logger(LedgerReconciliation.name);

  constructor(private readonly dataSource: DataSource) {}

  async run(): Promise<Reconciliation> {
    const result = await reconcileLedger(this.dataSource);
    const metrics = reconciliationGauges();
    metrics.drift.set(result.drift.length);
    metrics.total.set(result.totalBalance);
    const summary = {
      accounts: result.accounts,
      transfers: result.transfers,
      totalBalance: result.totalBalance,
      driftAccounts: result.drift.length,
      durationMs: result.durationMs,
    };
    if (result.ok) {
      this.logger.log(
        summary,
        'ledger reconciled: every balance matches its transfers, the ledger sums to zero',
      );
    } else {
      this.logger.error(
        { ...summary, drift: result.drift.slice(0, 50) },
        'LEDGER DRIFT: balances do not match their transfers or the ledger does not sum to zero',
      );
    }
    return result;
  }
}
