/**
 * The area's whole fiscal year against seed 000's floor: at least 500 participants an area, counted from reported
 * plans, with what was planned beside it.
 */
import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ActivityTotalsResponse } from '../../../../api/generated/model';
import { formatNumber } from '../../../../format/format';
import { useBaht } from './shared';

export function AreaProgress({ totals, threshold }: { totals: ActivityTotalsResponse; threshold: number }) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const n = (value: number) => formatNumber(value, i18n.language);
  const actual = totals.actualParticipants;
  const reached = actual >= threshold;
  const percent = threshold > 0 ? Math.min(100, Math.round((actual / threshold) * 100)) : 100;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plans-progress-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="plans-progress-title">
          {t('progress.title', { threshold: n(threshold) })}
        </Title>
        <Text fz={28} fw={700} lh={1.1} data-testid="plans-progress-actual">
          {t('progress.actualOf', { actual: n(actual), threshold: n(threshold) })}
        </Text>
        <Progress
          value={percent}
          size="xl"
          radius="xl"
          color={reached ? 'green.8' : 'orange.7'}
          aria-label={t('progress.bar', { actual: n(actual), threshold: n(threshold) })}
        />
        <Group gap={6} wrap="nowrap" align="flex-start" c={reached ? 'green.9' : 'orange.9'}>
          {reached ? (
            <IconCircleCheck size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          ) : (
            <IconAlertTriangle size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          )}
          <Text fw={700}>
            {reached ? t('progress.reached') : t('progress.missing', { missing: n(threshold - actual) })}
          </Text>
        </Group>
        <Text size="sm">
          {t('progress.target', { target: n(totals.targetParticipants) })}
          {totals.targetParticipants < threshold
            ? ` · ${t('progress.targetBelow', { threshold: n(threshold) })}`
            : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {t('progress.reports', { reported: n(totals.reportedPlans), plans: n(totals.plans) })} ·{' '}
          {t('progress.budget', { spent: baht(totals.budgetSpent), planned: baht(totals.budgetPlanned) })}
        </Text>
      </Stack>
    </Paper>
  );
}
