/**
 * The competency profile as horizontal bars (level 1–5, and the raters' average when there is one). Loaded with
 * React.lazy: recharts is a chunk of its own, fetched only when a page shows a chart.
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { InnovationCompetencyLevelResponse } from '../../../api/generated/model';
import { formatNumber } from '../../../format/format';

const LINE_HEIGHT = 16;
const CHAR_WIDTH = 7;
const COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u;

function visibleLength(text: string): number {
  let length = 0;
  for (const char of text) if (!COMBINING.test(char)) length += 1;
  return length;
}

/** Cuts a label into at most `maxLines` lines of about `maxChars` characters, at Thai word boundaries. */
export function wrapLabel(text: string, maxChars: number, maxLines = 3): string[] {
  const words =
    typeof Intl !== 'undefined' && 'Segmenter' in Intl
      ? [...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((part) => part.segment)
      : text.split(/(\s+)/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (visibleLength(line + word) <= maxChars || !line) {
      line += word;
    } else {
      lines.push(line.trim());
      line = word.trimStart();
    }
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

function Tick({ x, y, value, width }: { x: number; y: number; value: string; width: number }) {
  const lines = wrapLabel(value, Math.floor((width - 10) / CHAR_WIDTH));
  const first = -((lines.length - 1) * LINE_HEIGHT) / 2 + 4;
  return (
    <text x={x - 6} y={y} textAnchor="end" fontSize={13} fill="var(--mantine-color-dark-7)">
      {lines.map((line, index) => (
        <tspan key={index} x={x - 6} dy={index === 0 ? first : LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export default function CompetencyChart({ profile }: { profile: InnovationCompetencyLevelResponse[] }) {
  const { t, i18n } = useTranslation('innovations');
  const wide = useMediaQuery('(min-width: 36em)');
  const english = i18n.language === 'en';
  const rated = profile.some((item) => item.raterCount > 0);
  const tickWidth = wide ? 220 : 124;
  const data = profile.map((item) => ({
    name: item.label ? (english ? item.label.en : item.label.th) : item.code,
    level: Math.round(item.level * 10) / 10,
    raters: item.raterAverage != null ? Math.round(item.raterAverage * 10) / 10 : 0,
  }));
  const series = [
    { name: 'level', label: t('profile.level'), color: 'lc.7' },
    ...(rated ? [{ name: 'raters', label: t('profile.raters'), color: 'yellow.6' }] : []),
  ];
  const rowHeight = rated ? 68 : 52;
  return (
    <BarChart
      h={profile.length * rowHeight + (rated ? 70 : 36)}
      data={data}
      dataKey="name"
      orientation="vertical"
      series={series}
      withLegend={rated}
      legendProps={{ verticalAlign: 'bottom', height: 36 }}
      withTooltip={false}
      withBarValueLabel
      valueFormatter={(value) => formatNumber(value, i18n.language)}
      gridAxis="x"
      maxBarWidth={22}
      barChartProps={{ margin: { right: 28, left: 0, top: 4, bottom: 0 } }}
      xAxisProps={{ domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5], allowDecimals: false }}
      yAxisProps={{
        width: tickWidth,
        interval: 0,
        tick: (props: { x: number | string; y: number | string; payload: { value: string } }) => (
          <Tick
            x={Number(props.x)}
            y={Number(props.y)}
            value={String(props.payload.value)}
            width={tickWidth}
          />
        ),
      }}
    />
  );
}
