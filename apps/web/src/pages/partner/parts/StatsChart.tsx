/**
 * The daily bar chart of the statistics tab. Loaded with React.lazy, so recharts (the "charts" chunk) is downloaded
 * only when someone opens the statistics.
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../format/format';
import type { DayPoint } from './statsData';

export default function StatsChart({ data }: { data: DayPoint[] }) {
  const { t, i18n } = useTranslation('partner');
  return (
    <BarChart
      h={240}
      data={data}
      dataKey="label"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      tickLine="none"
      gridAxis="x"
      maxBarWidth={28}
      yAxisProps={{ width: 32, allowDecimals: false }}
      xAxisProps={{ minTickGap: 12 }}
      valueFormatter={(value) => formatNumber(value, i18n.language)}
      series={[
        { name: 'fulfilled', label: t('stats.series.fulfilled'), color: 'green.8' },
        { name: 'pending', label: t('stats.series.pending'), color: 'yellow.6' },
        { name: 'returned', label: t('stats.series.returned'), color: 'gray.5' },
      ]}
    />
  );
}
