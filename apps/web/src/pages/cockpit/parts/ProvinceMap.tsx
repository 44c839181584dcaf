/**
 * Thailand's provinces coloured by the chosen KPI (loaded with React.lazy: the shapes are ~60 kB compressed). A tap
 * (or a pointer resting on a province) names it and its value under the map, in the reader's language and in Thai;
 * the province table beside it says the same for screen readers and keyboards.
 */
import { Anchor, Box, Group, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './cockpit.module.css';
import { formatValue } from './kpis';
import { colourProvinces, LEGEND_GRADIENT, MAP_VIEW_BOX, NO_DATA_FILL, ProvinceRow } from './provinces';

export default function ProvinceMap({
  rows,
  unit,
  name,
}: {
  rows: ProvinceRow[];
  unit: string;
  /** The KPI's name, for the map's label. */
  name: string;
}) {
  const { t, i18n } = useTranslation('cockpit');
  const language = i18n.language;
  const { shapes, lake, max } = useMemo(() => colourProvinces(rows), [rows]);
  const [active, setActive] = useState<string | null>(null);
  const chosen = shapes.find((shape) => shape.id === active) ?? null;
  const unitText = t(`unit.${unit}`, { defaultValue: '' });
  const valueText = (row: ProvinceRow | null) =>
    row && row.value != null
      ? `${formatValue(row.value, unit, language)}${unitText ? ` ${unitText}` : ''}`
      : t('map.noData');
  const provinceName = (row: ProvinceRow | null, fallback: string) =>
    row ? (language === 'en' ? `${row.en} (${row.th})` : row.th) : fallback;

  return (
    <Stack gap="xs">
      <svg
        viewBox={MAP_VIEW_BOX}
        className={classes.map}
        role="img"
        aria-label={t('map.label', { name })}
        data-testid="province-map"
      >
        {shapes.map((shape) => (
          <path
            key={shape.id}
            d={shape.path}
            fill={shape.fill}
            data-province={shape.row?.key ?? shape.id}
            data-testid={`map-province-${shape.id}`}
            data-active={shape.id === active || undefined}
            onClick={() => setActive(shape.id)}
            onMouseEnter={() => setActive(shape.id)}
          >
            <title>{`${provinceName(shape.row, shape.name)}: ${valueText(shape.row)}`}</title>
          </path>
        ))}
        {lake ? <path d={lake.path} data-lake="true" aria-hidden /> : null}
        {/* The chosen province drawn again on top, so its outline is not hidden by its neighbours. */}
        {chosen ? (
          <path d={chosen.path} fill="none" stroke="#212529" strokeWidth={2} pointerEvents="none" />
        ) : null}
      </svg>
      <Text
        size="sm"
        ta="center"
        role="status"
        aria-live="polite"
        mih={44}
        data-testid="map-tooltip"
        fw={chosen ? 700 : 400}
        c={chosen ? undefined : 'dimmed'}
      >
        {chosen ? `${provinceName(chosen.row, chosen.name)}: ${valueText(chosen.row)}` : t('map.hint')}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center" aria-hidden>
        <Text size="xs" c="dimmed">
          {formatValue(0, unit, language)}
        </Text>
        <Box className={classes.legend} style={{ background: LEGEND_GRADIENT }} />
        <Text size="xs" c="dimmed">
          {formatValue(max, unit, language)}
        </Text>
        <Box w={14} h={14} style={{ background: NO_DATA_FILL, borderRadius: 3, flexShrink: 0 }} />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('map.noData')}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" data-testid="map-credit">
        {t('map.creditBefore')}{' '}
        <Anchor
          href="https://mapsvg.com/maps/thailand"
          target="_blank"
          rel="noopener noreferrer"
          size="xs"
          underline="always"
        >
          MapSVG
        </Anchor>{' '}
        ·{' '}
        <Anchor
          href="https://creativecommons.org/licenses/by/4.0/"
          target="_blank"
          rel="noopener noreferrer"
          size="xs"
          underline="always"
        >
          CC BY 4.0
        </Anchor>
        {t('map.creditAfter')}
      </Text>
    </Stack>
  );
}
