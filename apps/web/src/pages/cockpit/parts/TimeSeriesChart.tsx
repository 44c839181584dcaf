/**
 * One KPI over time (ECharts, loaded with React.lazy). Dates are Bangkok days: in Thai with Buddhist Era years,
 * fiscal years by their BE name. The y axis uses short numbers (1.2K / 1.2 พัน) so it stays narrow on a phone.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CockpitPointResponse } from '../../../api/generated/model';
import { echarts } from './echarts';
import { formatCompact, formatValue } from './kpis';
import { Interval } from './period';

const BANGKOK = 'Asia/Bangkok';

/** The label of a bucket: short on the axis, full in the tooltip. */
export function bucketLabel(
  point: Pick<CockpitPointResponse, 't' | 'fiscalYear'>,
  interval: Interval,
  language: string,
  full: boolean,
  fiscalYearLabel: (year: number) => string,
): string {
  if (interval === 'fiscalYear' && point.fiscalYear) return fiscalYearLabel(point.fiscalYear);
  const date = new Date(`${point.t}T12:00:00+07:00`);
  const locale = language === 'en' ? 'en-GB' : 'th-TH-u-ca-buddhist';
  if (interval === 'month')
    return new Intl.DateTimeFormat(locale, {
      timeZone: BANGKOK,
      month: full ? 'long' : 'short',
      year: full ? 'numeric' : '2-digit',
    }).format(date);
  return new Intl.DateTimeFormat(locale, {
    timeZone: BANGKOK,
    day: 'numeric',
    month: 'short',
    ...(full ? { year: 'numeric' } : {}),
  }).format(date);
}

export default function TimeSeriesChart({
  points,
  interval,
  unit,
  name,
  height = 260,
}: {
  points: CockpitPointResponse[];
  interval: Interval;
  unit: string;
  name: string;
  height?: number;
}) {
  const { t, i18n } = useTranslation('cockpit');
  const language = i18n.language;
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  const option = useMemo(() => {
    const fy = (year: number) => t('period.fiscalYearShort', { year });
    const labels = points.map((point) => bucketLabel(point, interval, language, false, fy));
    const full = points.map((point) =>
      interval === 'week'
        ? t('chart.weekOf', { day: bucketLabel(point, 'day', language, true, fy) })
        : bucketLabel(point, interval, language, true, fy),
    );
    const many = points.length > 31;
    return {
      animation: false,
      textStyle: { fontFamily: 'Sarabun, "Noto Sans Thai", system-ui, sans-serif', fontSize: 12 },
      grid: { left: 4, right: 12, top: 16, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'axis' as const,
        confine: true,
        formatter: (items: unknown) => {
          const item = (Array.isArray(items) ? items[0] : items) as {
            dataIndex: number;
            value: number | null;
          };
          return `${full[item.dataIndex] ?? ''}<br/><b>${formatValue(item.value, unit, language)}</b>`;
        },
      },
      xAxis: {
        type: 'category' as const,
        data: labels,
        boundaryGap: interval !== 'day',
        axisLabel: { hideOverlap: true, color: '#495057' },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value' as const,
        minInterval: unit === 'score' || unit === 'percent' ? undefined : 1,
        axisLabel: { color: '#495057', formatter: (value: number) => formatCompact(value, language) },
        splitLine: { lineStyle: { color: '#e9ecef' } },
      },
      series: [
        {
          name,
          type: interval === 'day' || many ? ('line' as const) : ('bar' as const),
          data: points.map((point) => point.value),
          itemStyle: { color: '#0b7a75' },
          lineStyle: { width: 2 },
          areaStyle: interval === 'day' || many ? { color: 'rgba(11, 122, 117, 0.12)' } : undefined,
          showSymbol: !many && interval !== 'day',
          barMaxWidth: 32,
          connectNulls: false,
        },
      ],
    };
  }, [points, interval, unit, name, language, t]);

  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const last = points[points.length - 1];
  return (
    <div
      ref={element}
      style={{ width: '100%', height }}
      role="img"
      aria-label={t('chart.label', {
        name,
        count: points.length,
        last: last ? formatValue(last.value, unit, language) : '–',
      })}
      data-testid="timeseries-chart"
    />
  );
}
