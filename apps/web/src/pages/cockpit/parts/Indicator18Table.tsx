/**
 * Indicator 18 per area for a fiscal year: participants of the Active Learning exchange (actual against target, the
 * areas under 500 flagged, seed 000) and the teachers able to run Active Learning (of them, new this year).
 */
import { Badge, Button, Group, Stack, Switch, Table, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CockpitIndicator18RowResponse } from '../../../api/generated/model';
import { EmptyState } from '../../../components/PageState';
import { formatNumber } from '../../../format/format';
import { pickName } from '../../admin/parts/shared';
import classes from './cockpit.module.css';

export const PARTICIPANTS_PER_AREA = 500;
const PAGE = 20;

export function Indicator18Table({
  rows,
  onOpenArea,
}: {
  rows: CockpitIndicator18RowResponse[];
  /** Opens an area's cockpit (OBEC admins in the national view), or null. */
  onOpenArea: ((areaId: string) => void) | null;
}) {
  const { t, i18n } = useTranslation('cockpit');
  const language = i18n.language;
  const n = (value: number) => formatNumber(value, language);
  const [onlyUnder, setOnlyUnder] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const below = rows.filter((row) => row.below500).length;
  const list = useMemo(() => (onlyUnder ? rows.filter((row) => row.below500) : rows), [rows, onlyUnder]);
  const totals = rows.reduce(
    (sum, row) => ({
      actual: sum.actual + row.actualParticipants,
      target: sum.target + row.targetParticipants,
      capable: sum.capable + row.alCapableTeachers,
    }),
    { actual: 0, target: 0, capable: 0 },
  );
  if (rows.length === 0) return <EmptyState title={t('indicator18.empty')} />;
  return (
    <Stack gap="xs">
      <Group gap={6} wrap="nowrap" align="flex-start" c={below > 0 ? 'red.9' : 'green.9'}>
        <IconAlertTriangle size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Text fw={700} data-testid="indicator18-below">
          {t('indicator18.below', {
            below: n(below),
            areas: n(rows.length),
            threshold: n(PARTICIPANTS_PER_AREA),
          })}
        </Text>
      </Group>
      {rows.length > 1 ? (
        <Switch
          size="md"
          label={t('indicator18.onlyUnder', { threshold: n(PARTICIPANTS_PER_AREA) })}
          checked={onlyUnder}
          onChange={(event) => {
            setOnlyUnder(event.currentTarget.checked);
            setShown(PAGE);
          }}
        />
      ) : null}
      <Table.ScrollContainer minWidth={300} type="native">
        <Table
          striped
          withTableBorder
          verticalSpacing={4}
          horizontalSpacing="xs"
          data-testid="indicator18-table"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('indicator18.area')}</Table.Th>
              <Table.Th scope="col" ta="end">
                {t('indicator18.participants')}
              </Table.Th>
              <Table.Th scope="col" ta="end">
                {t('indicator18.capable')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.slice(0, shown).map((row) => {
              const name = pickName(language, row.th, row.en);
              return (
                <Table.Tr
                  key={row.areaId}
                  data-testid="indicator18-row"
                  data-under={row.below500 ? 'yes' : 'no'}
                >
                  <Table.Th scope="row" fw={400} miw={120}>
                    <Stack gap={2} align="flex-start">
                      {onOpenArea ? (
                        <UnstyledButton
                          className={classes.rowButton}
                          onClick={() => onOpenArea(row.areaId)}
                          aria-label={t('breakdown.openScope', { name })}
                        >
                          <span>{name}</span>
                          <IconChevronRight size={16} aria-hidden style={{ flexShrink: 0 }} />
                        </UnstyledButton>
                      ) : (
                        <Text fw={700} size="sm" style={{ overflowWrap: 'break-word' }}>
                          {name}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {row.code}
                      </Text>
                      {row.below500 ? (
                        <Badge
                          color="red.9"
                          variant="filled"
                          leftSection={<IconAlertTriangle size={14} aria-hidden />}
                          data-testid="indicator18-under"
                        >
                          {t('indicator18.under', { threshold: n(PARTICIPANTS_PER_AREA) })}
                        </Badge>
                      ) : null}
                    </Stack>
                  </Table.Th>
                  <Table.Td ta="end" style={{ whiteSpace: 'nowrap' }}>
                    <Text span fw={700} c={row.below500 ? 'red.9' : undefined}>
                      {n(row.actualParticipants)}
                    </Text>
                    <Text span c="dimmed" size="sm">
                      {' / '}
                      {n(row.targetParticipants)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="end">
                    <Text span fw={700}>
                      {n(row.alCapableTeachers)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('indicator18.new', {
                        count: row.alCapableTeachersNew,
                        formatted: n(row.alCapableTeachersNew),
                      })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          {rows.length > 1 ? (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('indicator18.total')}</Table.Th>
                <Table.Td ta="end" fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {n(totals.actual)} / {n(totals.target)}
                </Table.Td>
                <Table.Td ta="end" fw={700}>
                  {n(totals.capable)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          ) : null}
        </Table>
      </Table.ScrollContainer>
      {list.length > shown ? (
        <Button
          variant="light"
          onClick={() => setShown((count) => count + PAGE)}
          style={{ alignSelf: 'center' }}
        >
          {t('breakdown.more', { shown: n(shown), total: n(list.length) })}
        </Button>
      ) : null}
    </Stack>
  );
}
