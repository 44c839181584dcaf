/**
 * One line of the points statement as a reader sees it: the sign and colour of the amount, thousands separators,
 * the date (Buddhist Era in Thai), and the reason in the reader's language.
 */
import type { WalletStatementLineResponse } from '../../../api/generated/model';
import { formatDateTime, formatNumber } from '../../../format/format';
import { pickText } from './text';

/** in: points arrived; out: points left; held: set aside for a redemption; released: a hold given back. */
export type StatementTone = 'in' | 'out' | 'held' | 'released';

export interface StatementView {
  tone: StatementTone;
  /** "+1,234", "−50" (a true minus sign), or for a hold the held points without a sign ("150"). */
  amount: string;
  balanceAfter: string;
  date: string;
  reason: string;
}

export const MINUS = '\u2212';

export function statementView(line: WalletStatementLineResponse, language: string): StatementView {
  const number = (value: number) => formatNumber(Math.abs(value), language);
  let tone: StatementTone;
  let amount: string;
  if (line.amount > 0) {
    tone = 'in';
    amount = `+${number(line.amount)}`;
  } else if (line.amount < 0) {
    tone = 'out';
    amount = `${MINUS}${number(line.amount)}`;
  } else {
    tone = line.held >= 0 ? 'held' : 'released';
    amount = number(line.held);
  }
  return {
    tone,
    amount,
    balanceAfter: formatNumber(line.balanceAfter, language),
    date: formatDateTime(line.createdAt, language),
    reason: pickText(line.reason, language) || line.reason.code,
  };
}

export const TONE_COLOUR: Record<StatementTone, string> = {
  in: 'lc.9',
  out: 'red.9',
  held: 'grape.9',
  released: 'blue.9',
};
