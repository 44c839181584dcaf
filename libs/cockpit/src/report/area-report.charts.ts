import { escapeHtml } from '@lc/pdf';
import { thaiNumber } from '@lc/core';

/**
 * Charts of the printed report as inline SVG: drawn here from numbers, so the page needs no script and no network
 * (the worker's pages have both off). Text in the SVG is real text in Sarabun: it prints sharp and extracts.
 */

export interface ChartSeries {
  name: string;
  color: string;
  values: (number | null)[];
}

const AXIS = '#9aa5b1';
const GRID = '#e4e8ee';
const INK = '#1f2933';
const MUTED = '#52606d';

/** A round top for an axis (1, 2, 5 × 10ⁿ) and its tick step, for values up to `max`. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: ticks, step: 1 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // Counts of people and things: steps of whole numbers only (2.5 would print as 3).
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude,
  );
  return { top: Math.ceil(max / step) * step, step };
}

const text = (
  x: number,
  y: number,
  content: string,
  options: { anchor?: 'start' | 'middle' | 'end'; size?: number; color?: string; weight?: number } = {},
) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${options.anchor ?? 'middle'}" font-size="${options.size ?? 10}"` +
  ` fill="${options.color ?? INK}"${options.weight ? ` font-weight="${options.weight}"` : ''}>${escapeHtml(content)}</text>`;

function legend(series: { name: string; color: string; line?: boolean }[], x: number, y: number): string {
  let cursor = x;
  return series
    .map((item) => {
      const mark = item.line
        ? `<line x1="${cursor}" y1="${y - 3.5}" x2="${cursor + 14}" y2="${y - 3.5}" stroke="${item.color}" stroke-width="2.5"/>`
        : `<rect x="${cursor}" y="${y - 9}" width="11" height="11" rx="2" fill="${item.color}"/>`;
      const label = text(cursor + 17, y, item.name, { anchor: 'start', size: 10 });
      // Thai glyphs average about 5.6 px at 10 px: wide enough that names never touch.
      cursor += 17 + item.name.length * 5.6 + 18;
      return mark + label;
    })
    .join('');
}

/** Vertical bars grouped by category, value above each bar; an optional dashed line for a threshold. */
export function groupedBarChart(options: {
  categories: string[];
  series: ChartSeries[];
  width: number;
  height: number;
  title: string;
  threshold?: { value: number; label: string };
}): string {
  const { categories, series, width, height } = options;
  const left = 44;
  const right = 12;
  const top = 40;
  const bottom = 34;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { top: max, step } = niceScale(Math.max(0, ...values, options.threshold?.value ?? 0));
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const slot = plotWidth / Math.max(1, categories.length);
  const groupWidth = Math.min(slot * 0.72, 34 * series.length);
  const barWidth = groupWidth / Math.max(1, series.length);
  const small = categories.length > 8;

  const parts: string[] = [];
  parts.push(text(0, 14, options.title, { anchor: 'start', size: 12, weight: 700 }));
  parts.push(legend(series, 0, 31));
  for (let tick = 0; tick <= max; tick += step) {
    parts.push(
      `<line x1="${left}" y1="${y(tick).toFixed(1)}" x2="${width - right}" y2="${y(tick).toFixed(1)}" stroke="${tick === 0 ? AXIS : GRID}" stroke-width="1"/>`,
      text(left - 6, y(tick) + 3.5, thaiNumber(tick), { anchor: 'end', size: 9, color: MUTED }),
    );
  }
  categories.forEach((category, index) => {
    const groupX = left + slot * index + (slot - groupWidth) / 2;
    series.forEach((s, seriesIndex) => {
      const value = s.values[index];
      if (value === null || value === undefined) return;
      const x = groupX + barWidth * seriesIndex;
      const barTop = y(value);
      parts.push(
        `<rect x="${(x + 1).toFixed(1)}" y="${barTop.toFixed(1)}" width="${Math.max(1, barWidth - 2).toFixed(1)}" height="${Math.max(0, y(0) - barTop).toFixed(1)}" fill="${s.color}"/>`,
      );
      if (!small || value > 0)
        parts.push(text(x + barWidth / 2, barTop - 3, thaiNumber(value), { size: small ? 8 : 9.5 }));
    });
    parts.push(text(left + slot * index + slot / 2, y(0) + 15, category, { size: small ? 9 : 10 }));
  });
  if (options.threshold) {
    const lineY = y(options.threshold.value).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${lineY}" x2="${width - right}" y2="${lineY}" stroke="#c81e1e" stroke-width="1.2" stroke-dasharray="5 3"/>`,
      text(width - right, Number(lineY) - 4, options.threshold.label, {
        anchor: 'end',
        size: 9,
        color: '#c81e1e',
      }),
    );
  }
  return svg(width, height, parts);
}

/** One series as a line with its points and values (a running count, month by month). */
export function lineChart(options: {
  categories: string[];
  values: (number | null)[];
  color: string;
  width: number;
  height: number;
  title: string;
  name: string;
}): string {
  const { categories, values, width, height } = options;
  const left = 44;
  const right = 12;
  const top = 40;
  const bottom = 34;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const known = values.filter((v): v is number => v !== null);
  const { top: max, step } = niceScale(Math.max(0, ...known));
  const slot = plotWidth / Math.max(1, categories.length);
  const x = (index: number) => left + slot * index + slot / 2;
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;

  const parts: string[] = [];
  parts.push(text(0, 14, options.title, { anchor: 'start', size: 12, weight: 700 }));
  parts.push(legend([{ name: options.name, color: options.color, line: true }], 0, 31));
  for (let tick = 0; tick <= max; tick += step) {
    parts.push(
      `<line x1="${left}" y1="${y(tick).toFixed(1)}" x2="${width - right}" y2="${y(tick).toFixed(1)}" stroke="${tick === 0 ? AXIS : GRID}" stroke-width="1"/>`,
      text(left - 6, y(tick) + 3.5, thaiNumber(tick), { anchor: 'end', size: 9, color: MUTED }),
    );
  }
  const points = values
    .map((value, index) => (value === null ? null : { x: x(index), y: y(value), value }))
    .filter((point): point is { x: number; y: number; value: number } => point !== null);
  if (points.length > 1)
    parts.push(
      `<polyline fill="none" stroke="${options.color}" stroke-width="2.2" points="${points
        .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
        .join(' ')}"/>`,
    );
  for (const point of points)
    parts.push(
      `<circle cx="${point.x.toFixed(1)}" cy="${point.y.toFixed(1)}" r="3" fill="#fff" stroke="${options.color}" stroke-width="2"/>`,
      text(point.x, point.y - 7, thaiNumber(point.value), { size: 9 }),
    );
  categories.forEach((category, index) => parts.push(text(x(index), y(0) + 15, category, { size: 9 })));
  return svg(width, height, parts);
}

/** How far the participants got: the actual bar over the target, with the minimum per area marked. */
export function progressChart(options: {
  actual: number;
  target: number;
  threshold: number;
  width: number;
  labels: { actual: string; target: string; threshold: string };
}): string {
  const { actual, target, threshold, width } = options;
  const left = 0;
  const right = 8;
  const barY = 26;
  const barHeight = 18;
  const { top: max } = niceScale(Math.max(actual, target, threshold) * 1.05, 5);
  const x = (value: number) => left + ((width - left - right) * value) / max;
  const reached = actual >= threshold;
  const parts = [
    `<rect x="${left}" y="${barY}" width="${(x(target) - left).toFixed(1)}" height="${barHeight}" fill="#d5e3f5"/>`,
    `<rect x="${left}" y="${barY + 4}" width="${(x(actual) - left).toFixed(1)}" height="${barHeight - 8}" fill="${reached ? '#1f7a4d' : '#c05621'}"/>`,
    `<line x1="${x(threshold).toFixed(1)}" y1="${barY - 6}" x2="${x(threshold).toFixed(1)}" y2="${barY + barHeight + 6}" stroke="#c81e1e" stroke-width="1.5" stroke-dasharray="4 2"/>`,
    text(x(threshold), barY - 9, options.labels.threshold, { size: 9, color: '#c81e1e' }),
    text(left, 12, options.labels.actual, { anchor: 'start', size: 10, weight: 700 }),
    text(width - right, 12, options.labels.target, { anchor: 'end', size: 10, color: MUTED }),
  ];
  return svg(width, barY + barHeight + 10, parts);
}

function svg(width: number, height: number, parts: string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="Sarabun, sans-serif" role="img">${parts.join('')}</svg>`
  );
}
