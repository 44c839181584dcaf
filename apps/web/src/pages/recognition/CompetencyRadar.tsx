/**
 * The portfolio's competency radar (ECharts, loaded with React.lazy): one spoke per learner competency of the
 * taxonomy, 0–5. Its accessible name lists every score, so a screen reader gets what the picture shows.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompetencyScoreResponse } from '../../api/generated/model';
import { formatNumber } from '../../format/format';
import { echarts } from './growthEcharts';
import { pick } from './growth';

/**
 * A spoke's label: its number in the list under the chart and the name cut to fit a phone. The five KC51
 * competencies all begin "ความสามารถใน…" / "Capacity for…", so that part is dropped; the number keeps apart the two
 * that are then alike (การสื่อสาร of CBC and of KC51).
 */
export function spokeLabel(name: string, index: number): string {
  const short = name.replace(/^ความสามารถ(ใน)?|^capacity (for |to |in )?| capacity$/i, '');
  const cut = short.length > 10 ? `${short.slice(0, 9)}…` : short;
  return `${index + 1}. ${cut.charAt(0).toUpperCase()}${cut.slice(1)}`;
}

export default function CompetencyRadar({ scores }: { scores: CompetencyScoreResponse[] }) {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  const element = useRef<HTMLDivElement>(null);
  const summary = scores
    .map((score) => `${pick(score, language)} ${formatNumber(score.score, language)}`)
    .join(', ');

  const option = useMemo(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'Sarabun, "Noto Sans Thai", system-ui, sans-serif', fontSize: 11 },
      tooltip: { trigger: 'item' as const, confine: true },
      radar: {
        radius: '50%',
        center: ['50%', '52%'],
        indicator: scores.map((score, index) => ({ name: spokeLabel(pick(score, language), index), max: 5 })),
        axisName: { color: '#495057' },
        splitLine: { lineStyle: { color: '#dee2e6' } },
        splitArea: { show: false },
      },
      series: [
        {
          type: 'radar' as const,
          name: t('portfolio.radar'),
          data: [{ value: scores.map((score) => score.score), name: t('portfolio.radar') }],
          itemStyle: { color: '#0b7a75' },
          areaStyle: { color: 'rgba(11, 122, 117, 0.2)' },
        },
      ],
    }),
    [scores, language, t],
  );

  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    instance.setOption(option);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, [option]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={t('portfolio.radarLabel', { summary })}
      data-testid="competency-radar"
      style={{ width: '100%', height: 300 }}
    />
  );
}
