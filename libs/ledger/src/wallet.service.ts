import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, toPage, uuidv7 } from '@lc/core';
import { AuditRepository } from '@lc/identity';
import { OutboxService } from '@lc/messaging';
import { RuleChanges, RulesRepository, EarningRule } from './awards/rules.repository';
import { LedgerErrors } from './ledger-errors';
import { LedgerEvents } from './ledger.events';
import { LedgerService } from './ledger.service';
import { ISSUANCE, memberWallet, Wallet } from './ledger.types';

export interface StatementLine {
  id: string;
  seq: number;
  kind: string;
  /** Positive when points arrived, negative when they left; 0 for a hold or its release (they move only the pending amount). */
  amount: number;
  held: number;
  balanceAfter: number;
  reason: { code: string; th: string; en: string };
  innovationId: string | null;
  createdAt: Date;
}

@Injectable()
export class WalletService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly rules: RulesRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxService,
  ) {}

  wallet(memberId: string): Promise<Wallet> {
    return this.ledger.wallet(memberId);
  }

  /** A bank-style statement, newest first, with the running balance after each line and the reason in Thai and English. */
  async statement(memberId: string, cursor?: string): Promise<Page<StatementLine>> {
    const after = decodeCursor<{ seq: number }>(cursor, ['seq']);
    const rows: {
      id: string;
      seq: string;
      kind: string;
      amount: string;
      is_credit: boolean;
      balance_after: string;
      reason_code: string;
      reason_th: string;
      reason_en: string;
      subject_innovation_id: string | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `WITH account AS (SELECT id FROM ledger_account WHERE kind = 'member' AND owner_id = $1)
       SELECT t.id, t.seq, t.kind, t.amount, t.credit_account_id = account.id AS is_credit,
              CASE WHEN t.credit_account_id = account.id THEN t.credit_balance_after ELSE t.debit_balance_after END AS balance_after,
              t.reason_code, t.reason_th, t.reason_en, t.subject_innovation_id, t.created_at
       FROM ledger_transfer t, account
       WHERE (t.debit_account_id = account.id OR t.credit_account_id = account.id) ${after ? 'AND t.seq < $2' : ''}
       ORDER BY t.seq DESC LIMIT ${DEFAULT_PAGE_SIZE + 1}`,
      after ? [memberId, after.seq] : [memberId],
    );
    return toPage(
      rows,
      DEFAULT_PAGE_SIZE,
      (row) => {
        const amount = Number(row.amount);
        const moving = row.kind !== 'hold' && row.kind !== 'void';
        return {
          id: row.id,
          seq: Number(row.seq),
          kind: row.kind,
          amount: moving ? (row.is_credit ? amount : -amount) : 0,
          held: row.kind === 'hold' ? amount : row.kind === 'void' || row.kind === 'post' ? -amount : 0,
          balanceAfter: Number(row.balance_after),
          reason: { code: row.reason_code, th: row.reason_th, en: row.reason_en },
          innovationId: row.subject_innovation_id,
          createdAt: row.created_at,
        };
      },
      (row) => ({ seq: Number(row.seq) }),
    );
  }

  listRules(): Promise<EarningRule[]> {
    return this.rules.all(this.dataSource.manager);
  }

  async updateRule(
    adminId: string,
    code: string,
    changes: RuleChanges,
    reason: string,
  ): Promise<EarningRule> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.rules.find(manager, code, true);
      if (!before) throw new DomainError(LedgerErrors.LEDGER_RULE_NOT_FOUND);
      await this.rules.update(manager, code, changes, adminId);
      const after = (await this.rules.find(manager, code))!;
      await this.audit.record(manager, {
        actorId: adminId,
        action: 'ledger.rule_updated',
        targetType: 'ledger_rule',
        targetId: code,
        reason,
        details: { before: pick(before, changes), after: pick(after, changes) },
      });
      return after;
    });
  }

  /** A correction by an OBEC administrator: positive credits the member, negative takes points back; audited. */
  async adjust(adminId: string, memberId: string, amount: number, reason: string) {
    if (amount === 0) throw new DomainError(LedgerErrors.LEDGER_ADJUSTMENT_ZERO);
    return this.dataSource.transaction(async (manager) => {
      const members: unknown[] = await manager.query(`SELECT 1 FROM member WHERE id = $1`, [memberId]);
      if (members.length === 0) throw new DomainError('NOT_FOUND', 'No such member');
      const id = uuidv7();
      const [result] = await this.ledger.transfer(manager, [
        {
          idempotencyKey: `adjustment:${id}`,
          debit: amount > 0 ? ISSUANCE : memberWallet(memberId),
          credit: amount > 0 ? memberWallet(memberId) : ISSUANCE,
          amount: Math.abs(amount),
          kind: 'adjustment',
          reason: {
            code: 'adjustment',
            th: `ปรับปรุงโดยผู้ดูแลระบบ: ${reason}`,
            en: `Adjusted by an administrator: ${reason}`,
          },
          sourceType: 'adjustment',
          createdBy: adminId,
        },
      ]);
      await this.audit.record(manager, {
        actorId: adminId,
        action: 'ledger.adjusted',
        targetType: 'member',
        targetId: memberId,
        reason,
        details: { amount, transferId: result!.id },
      });
      await this.outbox.append(manager, LedgerEvents.pointsAdjusted, {
        memberId,
        transferId: result!.id,
        amount,
      });
      return { transferId: result!.id, amount, wallet: await this.ledger.wallet(memberId, manager) };
    });
  }
}

function pick(rule: EarningRule, changes: RuleChanges): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changes).map((key) => [key, rule[key as keyof EarningRule]]));
}
