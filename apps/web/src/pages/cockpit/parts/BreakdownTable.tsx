/**
 * A KPI broken down by a dimension: sortable by name or value, searchable when long, shown 25 rows at a time. A row
 * that leads somewhere (a region to its provinces, a province to its areas, an area or a school to its own cockpit)
 * is a button; the page decides where.
 */
import { Button, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconArrowsSort,
  IconChevronRight,
  IconSearch,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CockpitBreakdownRowResponse } from '../../../api/generated/model';
import { EmptyState } from '../../../components/PageState';
import { formatNumber } from '../../../format/format';
import { pickName } from '../../admin/parts/shared';
import classes from './cockpit.module.css';
import type { Sort } from './cockpitView';
import { formatValue } from './kpis';

const PAGE = 25;

export function sortRows(
  rows: readonly CockpitBreakdownRowResponse[],
  sort: Sort,
  language: string,
): CockpitBreakdownRowResponse[] {
  const name = (row: CockpitBreakdownRowResponse) => pickName(language, row.th, row.en);
  const collator = new Intl.Collator(language === 'en' ? 'en' : 'th');
  const list = [...rows];
  if (sort === 'name') return list.sort((a, b) => collator.compare(name(a), name(b)));
  const direction = sort === 'asc' ? 1 : -1;
  // Rows without a value (an average of nothing) go last either way.
  return list.sort((a, b) => {
    if (a.value == null || b.value == null) return a.value == null ? (b.value == null ? 0 : 1) : -1;
    return direction * (a.value - b.value) || collator.compare(name(a), name(b));
  });
}

export function BreakdownTable({
  rows,
  unit,
  showShare = true,
  dimensionLabel,
  sort,
  onSort,
  drillLabel,
  onDrill,
}: {
  rows: CockpitBreakdownRowResponse[];
  unit: string;
  /** Whether rows are parts of a whole (not when one item counts under several keys, as learning areas). */
  showShare?: boolean;
  dimensionLabel: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
  /** What a row's button says to assistive technology ("Open the cockpit of X"), or null when rows lead nowhere. */
  drillLabel: ((name: string) => string) | null;
  onDrill: (row: CockpitBreakdownRowResponse) => void;
}) {
  const { t, i18n } = useTranslation('cockpit');
  const language = i18n.language;
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(PAGE);
  const name = (row: CockpitBreakdownRowResponse) => pickName(language, row.th, row.en);
  const additive = showShare && unit !== 'score' && unit !== 'percent';
  const total = additive ? rows.reduce((sum, row) => sum + (row.value ?? 0), 0) : 0;
  const max = Math.max(0, ...rows.map((row) => row.value ?? 0));
  const share = (value: number) => `${formatNumber(Math.round((value / total) * 1000) / 10, language)}%`;
  const sorted = useMemo(() => sortRows(rows, sort, language), [rows, sort, language]);
  const needle = search.trim().toLowerCase();
  const filtered = needle
    ? sorted.filter((row) => row.th.toLowerCase().includes(needle) || row.en.toLowerCase().includes(needle))
    : sorted;

  if (rows.length === 0) return <EmptyState title={t('breakdown.empty')} />;

  const valueSort = sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none';
  const ValueIcon = sort === 'asc' ? IconArrowUp : sort === 'desc' ? IconArrowDown : IconArrowsSort;
  return (
    <Stack gap="xs">
      {rows.length > 12 ? (
        <TextInput
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setShown(PAGE);
          }}
          leftSection={<IconSearch size={18} aria-hidden />}
          label={t('breakdown.search', { dimension: dimensionLabel })}
          type="search"
        />
      ) : null}
      <Table.ScrollContainer minWidth={300} type="native">
        <Table
          striped
          withTableBorder
          verticalSpacing={4}
          horizontalSpacing="xs"
          data-testid="breakdown-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" p={0} aria-sort={sort === 'name' ? 'ascending' : 'none'}>
                <UnstyledButton
                  className={classes.sortButton}
                  onClick={() => onSort('name')}
                  data-testid="breakdown-sort-name"
                >
                  {dimensionLabel}
                  {sort === 'name' ? <IconArrowDown size={16} aria-hidden /> : null}
                </UnstyledButton>
              </Table.Th>
              <Table.Th scope="col" p={0} ta="end" aria-sort={valueSort}>
                <UnstyledButton
                  className={classes.sortButton}
                  style={{ justifyContent: 'flex-end' }}
                  onClick={() => onSort(sort === 'desc' ? 'asc' : 'desc')}
                  data-testid="breakdown-sort-value"
                >
                  {additive ? t('breakdown.valueShare') : t('breakdown.value')}
                  <ValueIcon size={16} aria-hidden />
                </UnstyledButton>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {filtered.slice(0, shown).map((row) => (
              <Table.Tr key={row.key} data-testid="breakdown-row" data-key={row.key}>
                <Table.Th scope="row" fw={400} miw={140}>
                  {drillLabel ? (
                    <UnstyledButton
                      className={classes.rowButton}
                      onClick={() => onDrill(row)}
                      aria-label={drillLabel(name(row))}
                      data-testid="breakdown-drill"
                    >
                      <span>{name(row)}</span>
                      <IconChevronRight size={16} aria-hidden style={{ flexShrink: 0 }} />
                    </UnstyledButton>
                  ) : (
                    <Text size="sm" py={10} style={{ overflowWrap: 'break-word' }}>
                      {name(row)}
                    </Text>
                  )}
                  {max > 0 && row.value != null && row.value > 0 ? (
                    <div
                      className={classes.bar}
                      style={{ width: `${Math.max(2, (row.value / max) * 100)}%` }}
                      aria-hidden
                    />
                  ) : null}
                </Table.Th>
                <Table.Td ta="end" style={{ whiteSpace: 'nowrap' }}>
                  <Text fw={700} size="sm" data-testid="breakdown-value">
                    {formatValue(row.value, unit, language)}
                  </Text>
                  {additive && total > 0 && row.value != null ? (
                    <Text size="xs" c="dimmed">
                      {share(row.value)}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {filtered.length === 0 ? (
        <Text c="dimmed" ta="center">
          {t('breakdown.noMatch')}
        </Text>
      ) : null}
      {filtered.length > shown ? (
        <Button
          variant="light"
          onClick={() => setShown((count) => count + PAGE)}
          style={{ alignSelf: 'center' }}
        >
          {t('breakdown.more', {
            shown: formatNumber(shown, language),
            total: formatNumber(filtered.length, language),
          })}
        </Button>
      ) : null}
    </Stack>
  );
}
