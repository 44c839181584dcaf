import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { KpiTiles } from './KpiTiles';
import { formatChange, formatValue, trendOf } from './kpis';
import { kpis } from './testing';

vi.setConfig({ testTimeout: 60_000 });

const tile = (code: string) => screen.getByTestId(`kpi-${code}`);

describe('KPI tiles', () => {
  it('shows each value with separators, its change against the previous period and its definition, in Thai', async () => {
    const user = userEvent.setup({ delay: null });
    const onSelect = vi.fn();
    renderWithProviders(<KpiTiles kpis={kpis()} selected="innovations_published" onSelect={onSelect} />);

    expect(screen.getAllByTestId(/^kpi-value-/)).toHaveLength(15);
    expect(within(tile('members_registered')).getByText('สมาชิกที่ลงทะเบียน')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-value-members_registered')).toHaveTextContent('12,500');
    expect(within(tile('members_registered')).getByText('คน')).toBeInTheDocument();
    // 12,500 against 10,000: up 25%; the whole sentence for screen readers.
    const up = screen.getByTestId('kpi-trend-members_registered');
    expect(up).toHaveAttribute('data-trend', 'up');
    expect(up).toHaveTextContent('25%');
    expect(up).toHaveTextContent('เพิ่มขึ้น 25% จากช่วงก่อนหน้า (10,000)');
    // 800 against 1,000: down 20%.
    expect(screen.getByTestId('kpi-trend-members_active_7d')).toHaveAttribute('data-trend', 'down');
    expect(screen.getByTestId('kpi-trend-members_active_7d')).toHaveTextContent(
      'ลดลง 20% จากช่วงก่อนหน้า (1,000)',
    );
    expect(screen.getByTestId('kpi-trend-members_active_30d')).toHaveTextContent('คงที่');
    // From zero: new, never "infinitely" up.
    expect(screen.getByTestId('kpi-trend-innovations_published')).toHaveTextContent('ใหม่');
    expect(screen.getByTestId('kpi-value-innovations_published')).toHaveTextContent('1,234');
    // A score by its difference, a share in percentage points.
    expect(screen.getByTestId('kpi-value-avg_quality')).toHaveTextContent('4.25');
    expect(screen.getByTestId('kpi-trend-avg_quality')).toHaveTextContent('เพิ่มขึ้น 0.25 คะแนน');
    expect(screen.getByTestId('kpi-value-schools_with_active_member_share')).toHaveTextContent('37.5%');
    expect(screen.getByTestId('kpi-trend-schools_with_active_member_share')).toHaveTextContent('2.5 จุด');
    expect(screen.getByTestId('kpi-value-points_issued')).toHaveTextContent('497,000');
    expect(screen.getByTestId('kpi-trend-redemptions')).toHaveTextContent('ไม่มีตัวเลขให้เทียบ');

    // The definition is one tap away, beside the number.
    await user.click(
      screen.getByRole('button', { name: 'ความหมายของ ครูและบุคลากรที่จัดการเรียนรู้เชิงรุกได้ (ตัวชี้วัดที่ 18)' }),
    );
    expect(await screen.findByTestId('kpi-definition-text-al_capable_teachers')).toHaveTextContent(
      'นิยาม: ครูและบุคลากรที่จัดการเรียนรู้เชิงรุกได้ (ตัวชี้วัดที่ 18)',
    );

    // The chosen KPI is pressed; another tile chooses its KPI.
    expect(screen.getByTestId('kpi-select-innovations_published')).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByTestId('kpi-select-ratings'));
    expect(onSelect).toHaveBeenCalledWith('ratings');
  });

  it('reads in English', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<KpiTiles kpis={kpis()} selected="ratings" onSelect={() => undefined} />, {
      language: 'en',
    });
    expect(within(tile('ratings')).getByText('Ratings')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-value-ratings')).toHaveTextContent('5,000');
    expect(screen.getByTestId('kpi-trend-ratings')).toHaveTextContent(
      'Up 25% on the previous period (4,000)',
    );
    expect(screen.getByTestId('kpi-trend-comments')).toHaveTextContent(
      'Down 25% on the previous period (400)',
    );
    expect(within(tile('points_issued')).getByText('points')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-trend-schools_with_active_member_share')).toHaveTextContent('2.5 pp');
    await user.click(screen.getByRole('button', { name: 'What Average quality means' }));
    expect(await screen.findByTestId('kpi-definition-text-avg_quality')).toHaveTextContent(
      'Definition: Average quality',
    );
  });
});

describe('values and changes', () => {
  it('writes values and changes as people read them', () => {
    expect(formatValue(1234567, 'count', 'th')).toBe('1,234,567');
    expect(formatValue(null, 'score', 'en')).toBe('–');
    expect(formatValue(4, 'score', 'en')).toBe('4.00');
    expect(trendOf({ value: 0, previous: 0, unit: 'count' })).toEqual({ kind: 'same' });
    expect(trendOf({ value: 5, previous: 0, unit: 'count' })).toEqual({ kind: 'new' });
    expect(trendOf({ value: 5, previous: null, unit: 'count' })).toEqual({ kind: 'none' });
    const small = trendOf({ value: 1003, previous: 1000, unit: 'count' });
    expect(formatChange(small, 'count', 'en')).toBe('0.3%');
    const big = trendOf({ value: 3000, previous: 1000, unit: 'count' });
    expect(formatChange(big, 'count', 'en')).toBe('200%');
  });
});
