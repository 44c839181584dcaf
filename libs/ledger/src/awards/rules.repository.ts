import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface EarningRule {
  code: string;
  eventType: string;
  beneficiary: 'actor' | 'author';
  points: number;
  capDay: number | null;
  capWeek: number | null;
  capMonth: number | null;
  activeFrom: Date | null;
  activeUntil: Date | null;
  enabled: boolean;
  nameTh: string;
  nameEn: string;
  updatedAt: Date;
  updatedBy: string | null;
}

const SELECT_RULE = `
  SELECT code, event_type AS "eventType", beneficiary, points, cap_day AS "capDay", cap_week AS "capWeek", cap_month AS "capMonth",
         active_from AS "activeFrom", active_until AS "activeUntil", enabled, name_th AS "nameTh", name_en AS "nameEn",
         updated_at AS "updatedAt", updated_by AS "updatedBy"
  FROM ledger_rule`;

export type RuleChanges = Partial<
  Pick<
    EarningRule,
    | 'points'
    | 'capDay'
    | 'capWeek'
    | 'capMonth'
    | 'activeFrom'
    | 'activeUntil'
    | 'enabled'
    | 'nameTh'
    | 'nameEn'
  >
>;

const COLUMNS: Record<keyof RuleChanges, string> = {
  points: 'points',
  capDay: 'cap_day',
  capWeek: 'cap_week',
  capMonth: 'cap_month',
  activeFrom: 'active_from',
  activeUntil: 'active_until',
  enabled: 'enabled',
  nameTh: 'name_th',
  nameEn: 'name_en',
};

@Injectable()
export class RulesRepository {
  all(manager: EntityManager): Promise<EarningRule[]> {
    return manager.query(`${SELECT_RULE} ORDER BY code`);
  }

  async find(manager: EntityManager, code: string, lock = false): Promise<EarningRule | null> {
    const rows: EarningRule[] = await manager.query(
      `${SELECT_RULE} WHERE code = $1${lock ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return rows[0] ?? null;
  }

  async update(manager: EntityManager, code: string, changes: RuleChanges, by: string): Promise<void> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [
      keyof RuleChanges,
      unknown,
    ][];
    const sets = entries.map(([key], index) => `${COLUMNS[key]} = $${index + 3}`);
    await manager.query(
      `UPDATE ledger_rule SET ${[...sets, 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE code = $1`,
      [code, by, ...entries.map(([, v]) => v)],
    );
  }
}
