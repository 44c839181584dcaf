/**
 * The KPI tiles: each number with its name, its change against the previous period of the same length, and its
 * written definition one tap away (the ⓘ beside it). Tapping a tile shows that KPI in the chart, the table and
 * the map below.
 */
import {
  ActionIcon,
  Group,
  Paper,
  Popover,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconInfoCircle, IconMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CockpitKpiResponse } from '../../../api/generated/model';
import { pickName } from '../../admin/parts/shared';
import classes from './cockpit.module.css';
import { formatChange, formatValue, trendOf } from './kpis';

export function kpiName(kpi: Pick<CockpitKpiResponse, 'th' | 'en'>, language: string): string {
  return pickName(language, kpi.th, kpi.en);
}

function TrendLine({ kpi }: { kpi: CockpitKpiResponse }) {
  const { t, i18n } = useTranslation('cockpit');
  const trend = trendOf(kpi);
  const previous = formatValue(kpi.previous, kpi.unit, i18n.language);
  if (trend.kind === 'none')
    return (
      <Text size="xs" c="dimmed" data-testid={`kpi-trend-${kpi.code}`}>
        {t('trend.none')}
      </Text>
    );
  const change = formatChange(trend, kpi.unit, i18n.language);
  const unitKey = kpi.unit === 'percent' ? 'Points' : kpi.unit === 'score' ? 'Score' : '';
  const said =
    trend.kind === 'up' || trend.kind === 'down'
      ? t(`trend.${trend.kind}${unitKey}`, { change, previous })
      : t(`trend.${trend.kind}`, { previous });
  const Icon =
    trend.kind === 'up' || trend.kind === 'new'
      ? IconArrowUpRight
      : trend.kind === 'down'
        ? IconArrowDownRight
        : IconMinus;
  // Darker than Mantine's green 9 (4.3:1 on white), for 4.5:1 on the tiles' light backgrounds.
  const color =
    trend.kind === 'up' || trend.kind === 'new' ? '#1f6b33' : trend.kind === 'down' ? 'red.9' : 'gray.7';
  return (
    <Group gap={4} wrap="nowrap" align="center" data-testid={`kpi-trend-${kpi.code}`} data-trend={trend.kind}>
      <VisuallyHidden>{said}</VisuallyHidden>
      <Icon
        size={16}
        aria-hidden
        style={{
          flexShrink: 0,
          color: color.startsWith('#') ? color : `var(--mantine-color-${color.replace('.', '-')})`,
        }}
      />
      <Text size="xs" c={color} fw={700} aria-hidden span style={{ whiteSpace: 'nowrap' }}>
        {trend.kind === 'up' || trend.kind === 'down'
          ? kpi.unit === 'percent'
            ? t('trend.pointsShort', { change })
            : change
          : t(`trend.${trend.kind}Short`)}
      </Text>
      <Text size="xs" c="dimmed" aria-hidden span style={{ overflowWrap: 'break-word' }}>
        {t('trend.previousShort', { previous })}
      </Text>
    </Group>
  );
}

/** The ⓘ beside a number: its definition, in the reader's language (and the other one under it). */
export function DefinitionButton({ kpi }: { kpi: CockpitKpiResponse }) {
  const { t, i18n } = useTranslation('cockpit');
  const name = kpiName(kpi, i18n.language);
  return (
    <Popover
      width={300}
      position="bottom-end"
      shadow="md"
      withArrow
      middlewares={{ shift: true, flip: true }}
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray.8"
          aria-label={t('tiles.definitionOf', { name })}
          data-testid={`kpi-definition-${kpi.code}`}
          className={classes.tileInfo}
        >
          <IconInfoCircle size={20} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown data-testid={`kpi-definition-text-${kpi.code}`}>
        <Stack gap={6}>
          <Text fw={700} size="sm">
            {name}
          </Text>
          <Text size="sm">{i18n.language === 'en' ? kpi.definition.en : kpi.definition.th}</Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function Tile({
  kpi,
  selected,
  onSelect,
}: {
  kpi: CockpitKpiResponse;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t, i18n } = useTranslation('cockpit');
  const name = kpiName(kpi, i18n.language);
  const unit = t(`unit.${kpi.unit}`, { defaultValue: '' });
  return (
    <Paper
      withBorder
      radius="md"
      className={classes.tile}
      data-selected={selected || undefined}
      data-testid={`kpi-${kpi.code}`}
    >
      <UnstyledButton
        onClick={onSelect}
        aria-pressed={selected}
        className={classes.tileButton}
        data-testid={`kpi-select-${kpi.code}`}
      >
        <Text size="sm" fw={600} lh={1.3} className={classes.tileName}>
          {name}
        </Text>
        <Group gap={4} align="baseline" wrap="wrap">
          <Text fz={26} fw={700} lh={1.1} data-testid={`kpi-value-${kpi.code}`}>
            {formatValue(kpi.value, kpi.unit, i18n.language)}
          </Text>
          {unit && kpi.value != null ? (
            <Text size="sm" c="dimmed" span>
              {unit}
            </Text>
          ) : null}
        </Group>
      </UnstyledButton>
      <div className={classes.tileTrend}>
        <TrendLine kpi={kpi} />
      </div>
      <DefinitionButton kpi={kpi} />
    </Paper>
  );
}

export function KpiTiles({
  kpis,
  selected,
  onSelect,
}: {
  kpis: CockpitKpiResponse[];
  selected: string;
  onSelect: (code: string) => void;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" verticalSpacing="xs" data-testid="kpi-tiles">
      {kpis.map((kpi) => (
        <Tile key={kpi.code} kpi={kpi} selected={kpi.code === selected} onSelect={() => onSelect(kpi.code)} />
      ))}
    </SimpleGrid>
  );
}
