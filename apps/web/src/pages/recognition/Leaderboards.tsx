/**
 * /leaderboards: the boards of points earned, adoptions and quality, for a week, month, school term, fiscal year or
 * all time, nationally, in my area or my school, optionally for one learning area; my own place even outside the top,
 * with the places around it; and my choice to leave (or come back to) every board.
 */
import {
  Alert,
  Badge,
  Card,
  Group,
  NativeSelect,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInnovationsControllerTaxonomy } from '../../api/generated/innovations/innovations';
import type { LeaderboardEntryResponse } from '../../api/generated/model';
import {
  getLeaderboardsControllerReadQueryKey,
  getPrivacyControllerGetQueryKey,
  privacyControllerUpdate,
  useLeaderboardsControllerRead,
  usePrivacyControllerGet,
} from '../../api/generated/recognition/recognition';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { LevelBadge } from '../../components/LevelBadge';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';

type Board = 'points' | 'adoptions' | 'quality';
type Period = 'week' | 'month' | 'term' | 'fiscalYear' | 'all';
type ScopeChoice = 'national' | 'area' | 'school';

const BOARDS: Board[] = ['points', 'adoptions', 'quality'];
const PERIODS: Period[] = ['week', 'month', 'term', 'fiscalYear', 'all'];

function valueText(board: Board, value: number, language: string): string {
  return board === 'quality' ? value.toFixed(2) : formatNumber(value, language);
}

function Place({ entry, board, mine }: { entry: LeaderboardEntryResponse; board: Board; mine: boolean }) {
  const { t, i18n } = useTranslation('boards');
  const school = entry.member.school;
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py={8}
      px="xs"
      data-testid={mine ? 'board-me-row' : 'board-row'}
      style={mine ? { background: 'var(--mantine-color-lc-0)', borderRadius: 8 } : undefined}
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Badge
          size="lg"
          variant={entry.rank <= 3 ? 'filled' : 'light'}
          color={entry.rank <= 3 ? 'orange' : 'gray'}
          miw={44}
        >
          {formatNumber(entry.rank, i18n.language)}
        </Badge>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text
              component={Link}
              to={`/members/${entry.member.id}`}
              fw={600}
              lineClamp={1}
              style={{ color: 'inherit', textDecoration: 'none' }}
            >
              {entry.member.displayName}
              {mine ? ` (${t('you')})` : ''}
            </Text>
            <LevelBadge level={entry.member.level} compact />
          </Group>
          {school ? (
            <Text size="sm" c="dimmed" lineClamp={1}>
              {i18n.language === 'en' ? school.nameEn || school.nameTh : school.nameTh}
            </Text>
          ) : null}
        </Stack>
      </Group>
      <Text fw={700} style={{ whiteSpace: 'nowrap' }} aria-label={t(`board.${board}`)}>
        {valueText(board, entry.value, i18n.language)}
      </Text>
    </Group>
  );
}

export default function Leaderboards() {
  const { t, i18n } = useTranslation('boards');
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [board, setBoard] = useState<Board>('points');
  const [period, setPeriod] = useState<Period>('month');
  const [scopeChoice, setScopeChoice] = useState<ScopeChoice>('national');
  const [learningArea, setLearningArea] = useState('');
  const [saving, setSaving] = useState(false);

  const areaId = me?.school?.areaId ?? null;
  const schoolId = me?.school?.id ?? null;
  const scope =
    scopeChoice === 'area' && areaId
      ? `area:${areaId}`
      : scopeChoice === 'school' && schoolId
        ? `school:${schoolId}`
        : 'national';
  const params = { board, period, scope, ...(learningArea ? { learningArea } : {}), limit: '20' };
  const read = useLeaderboardsControllerRead(params, { query: { staleTime: 15_000 } });
  const privacy = usePrivacyControllerGet({ query: { staleTime: 60_000 } });
  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity } });
  const optedOut = privacy.data?.data.leaderboards === false;

  const setOnBoards = async (on: boolean) => {
    setSaving(true);
    try {
      await privacyControllerUpdate({ leaderboards: on });
      await queryClient.invalidateQueries({ queryKey: getPrivacyControllerGetQueryKey() });
      await queryClient.invalidateQueries({
        queryKey: getLeaderboardsControllerReadQueryKey(params).slice(0, 1),
      });
    } finally {
      setSaving(false);
    }
  };

  const data = read.data?.data;
  const scopes: ScopeChoice[] = [
    'national',
    ...(areaId ? ['area' as const] : []),
    ...(schoolId ? ['school' as const] : []),
  ];
  const learningAreas = taxonomy.data?.data.learningAreas ?? [];
  const mine = (entry: LeaderboardEntryResponse) => entry.member.id === me?.id;
  const meOutsideTop = data?.me && !data.items.some(mine);

  return (
    <Page title={t('title')}>
      <Text c="dimmed">{t('intro')}</Text>
      <Stack gap="xs">
        <SegmentedControl
          fullWidth
          value={board}
          onChange={(value) => setBoard(value as Board)}
          data={BOARDS.map((code) => ({ value: code, label: t(`board.${code}`) }))}
          aria-label={t('board.label')}
          data-testid="board-choice"
        />
        <Text size="sm" c="dimmed">
          {t(`boardHelp.${board}`)}
        </Text>
        <Group grow gap="xs" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('period.label')}
            value={period}
            onChange={(event) => setPeriod(event.currentTarget.value as Period)}
            data={PERIODS.map((code) => ({ value: code, label: t(`period.${code}`) }))}
            styles={{ input: { minHeight: 44 } }}
            miw={140}
          />
          <NativeSelect
            label={t('scope.label')}
            value={scopeChoice}
            onChange={(event) => setScopeChoice(event.currentTarget.value as ScopeChoice)}
            data={scopes.map((code) => ({ value: code, label: t(`scope.${code}`) }))}
            styles={{ input: { minHeight: 44 } }}
            miw={140}
            data-testid="board-scope"
          />
        </Group>
        {board !== 'quality' ? (
          <NativeSelect
            label={t('learningArea.label')}
            value={learningArea}
            onChange={(event) => setLearningArea(event.currentTarget.value)}
            data={[
              { value: '', label: t('learningArea.all') },
              ...learningAreas.map((area) => ({
                value: area.code,
                label: i18n.language === 'en' ? area.en : area.th,
              })),
            ]}
            styles={{ input: { minHeight: 44 } }}
          />
        ) : null}
      </Stack>

      <Card withBorder radius="md" padding="sm" data-testid="board-me">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconTrophy size={20} aria-hidden />
            <Text fw={700}>{t('me.title')}</Text>
          </Group>
          {data?.me ? (
            <Text fw={700} data-testid="board-my-rank">
              {t('me.rank', { rank: formatNumber(data.me.rank, i18n.language) })} ·{' '}
              {valueText(board, data.me.value, i18n.language)} {t(`unit.${board}`)}
            </Text>
          ) : null}
        </Group>
        {!data?.me && !read.isLoading ? (
          <Text size="sm" c="dimmed" mt={4}>
            {optedOut ? t('me.optedOut') : t('me.none')}
          </Text>
        ) : null}
        <Switch
          mt="sm"
          checked={optedOut}
          disabled={saving || privacy.isLoading}
          onChange={(event) => void setOnBoards(!event.currentTarget.checked)}
          label={t('optOut')}
          data-testid="board-opt-out"
        />
      </Card>

      {read.error ? <ProblemAlert error={read.error} title={t('error')} /> : null}
      {read.isLoading ? (
        <Stack gap="xs">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} height={44} />
          ))}
        </Stack>
      ) : data && data.items.length === 0 ? (
        <Alert color="gray">{t('empty')}</Alert>
      ) : data ? (
        <Card withBorder radius="md" padding="xs">
          <Stack gap={0} data-testid="board-list">
            {data.items.map((entry) => (
              <Place key={entry.member.id} entry={entry} board={board} mine={mine(entry)} />
            ))}
          </Stack>
        </Card>
      ) : null}

      {meOutsideTop && data && data.around.length ? (
        <Card withBorder radius="md" padding="xs">
          <Text fw={700} px="xs" pt={4}>
            {t('around')}
          </Text>
          <Stack gap={0} data-testid="board-around">
            {data.around.map((entry) => (
              <Place key={entry.member.id} entry={entry} board={board} mine={mine(entry)} />
            ))}
          </Stack>
        </Card>
      ) : null}
    </Page>
  );
}
