import { screen } from '@testing-library/react';
import type { WalletStatementLineResponse } from '../../../api/generated/model';
import { renderWithProviders } from '../../../test/render';
import { MINUS, statementView } from './statement';
import { StatementLine } from './StatementLine';

function line(partial: Partial<WalletStatementLineResponse>): WalletStatementLineResponse {
  return {
    id: 'l1',
    seq: 1,
    kind: 'award',
    amount: 0,
    held: 0,
    balanceAfter: 0,
    reason: { code: 'innovation.published', th: 'เผยแพร่นวัตกรรม', en: 'Published an innovation' },
    innovationId: null,
    createdAt: '2026-12-02T07:30:00Z',
    ...partial,
  };
}

describe('a statement line as the reader sees it', () => {
  it('shows points that arrived with a plus, thousands separators and a Buddhist Era date', () => {
    const view = statementView(line({ amount: 1234, balanceAfter: 25000 }), 'th');
    expect(view).toMatchObject({
      tone: 'in',
      amount: '+1,234',
      balanceAfter: '25,000',
      date: '2 ธ.ค. 2569 14:30',
      reason: 'เผยแพร่นวัตกรรม',
    });
  });

  it('shows points that left with a true minus sign, and the English reason and Gregorian date', () => {
    const view = statementView(line({ kind: 'post', amount: -1500, held: -1500, balanceAfter: 300 }), 'en');
    expect(view.tone).toBe('out');
    expect(view.amount).toBe(`${MINUS}1,500`);
    expect(view.date).toBe('2 Dec 2026, 14:30');
    expect(view.reason).toBe('Published an innovation');
  });

  it('shows a hold (no points moved yet) without a sign', () => {
    expect(statementView(line({ kind: 'hold', held: 150 }), 'th')).toMatchObject({
      tone: 'held',
      amount: '150',
    });
    expect(statementView(line({ kind: 'void', held: -150 }), 'th')).toMatchObject({
      tone: 'released',
      amount: '150',
    });
  });

  it('renders the line with its reason, date, signed amount and balance', () => {
    renderWithProviders(
      <ul>
        <StatementLine line={line({ amount: 1234, balanceAfter: 25000 })} />
      </ul>,
    );
    const row = screen.getByTestId('statement-line');
    expect(row).toHaveTextContent('เผยแพร่นวัตกรรม');
    expect(row).toHaveTextContent('2 ธ.ค. 2569 14:30');
    expect(screen.getByTestId('statement-amount')).toHaveTextContent('+1,234');
    expect(row).toHaveTextContent('คงเหลือ 25,000');
  });
});
