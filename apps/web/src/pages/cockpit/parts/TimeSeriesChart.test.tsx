import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import TimeSeriesChart, { bucketLabel } from './TimeSeriesChart';

vi.setConfig({ testTimeout: 60_000 });

const fy = (year: number) => `FY ${year}`;

describe('the time series', () => {
  it('names buckets in the Buddhist Era in Thai and the Gregorian calendar in English', () => {
    expect(bucketLabel({ t: '2026-12-07' }, 'day', 'th', true, fy)).toBe('7 ธ.ค. 2569');
    expect(bucketLabel({ t: '2026-12-07' }, 'day', 'en', true, fy)).toBe('7 Dec 2026');
    expect(bucketLabel({ t: '2026-12-01' }, 'month', 'th', true, fy)).toBe('ธันวาคม 2569');
    expect(bucketLabel({ t: '2026-10-01', fiscalYear: 2570 }, 'fiscalYear', 'th', false, fy)).toBe('FY 2570');
  });

  it('draws the series with ECharts and says what it shows', () => {
    renderWithProviders(
      <TimeSeriesChart
        points={[
          { t: '2026-10-01', value: 1200 },
          { t: '2026-11-01', value: 3400 },
        ]}
        interval="month"
        unit="count"
        name="นวัตกรรมที่เผยแพร่"
      />,
    );
    const chart = screen.getByTestId('timeseries-chart');
    expect(chart).toHaveAccessibleName('กราฟ นวัตกรรมที่เผยแพร่ 2 จุด ล่าสุด 3,400');
    // The SVG renderer drew into the element.
    expect(chart.querySelector('svg')).not.toBeNull();
  });
});
