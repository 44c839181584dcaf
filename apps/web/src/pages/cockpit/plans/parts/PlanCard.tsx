/** One plan in the year's list: title, level, dates, target against reported actual, budget planned and spent. */
import { Box, Group, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActivityPlanResponse } from '../../../../api/generated/model';
import { pickName } from '../../../admin/parts/shared';
import { planTitle, StatusBadge, useBaht, useDateRange, usePeople } from './shared';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Box style={{ minWidth: 0 }}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Box>
  );
}

export function PlanCard({ plan, to }: { plan: ActivityPlanResponse; to: string }) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const people = usePeople();
  const range = useDateRange();
  const title = planTitle(plan, i18n.language);
  const level =
    plan.level === 'school' && plan.school
      ? `${t('level.school')} · ${pickName(i18n.language, plan.school.nameTh, plan.school.nameEn)}`
      : t(`level.${plan.level}`);
  return (
    <Paper withBorder radius="md" component="article" data-testid="plan-card">
      <UnstyledButton
        component={Link}
        to={to}
        p="md"
        display="block"
        aria-label={t('list.open', { title })}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      >
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Text fw={700} size="lg" lh={1.3} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
              {title}
            </Text>
            <IconChevronRight size={22} aria-hidden style={{ flexShrink: 0, marginTop: 4 }} />
          </Group>
          <Group gap="xs" wrap="wrap">
            <StatusBadge status={plan.status} />
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {level} · {range(plan.startsOn, plan.endsOn)}
          </Text>
          <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
            <Figure label={t('list.target')} value={people(plan.targets.total)} />
            <Figure
              label={t('list.actual')}
              value={plan.report ? people(plan.report.participants.total) : t('list.notReported')}
              testId="plan-card-actual"
            />
            <Figure label={t('list.budgetPlanned')} value={baht(plan.budget)} />
            <Figure label={t('list.budgetSpent')} value={plan.report ? baht(plan.report.budgetSpent) : '—'} />
          </SimpleGrid>
        </Stack>
      </UnstyledButton>
    </Paper>
  );
}
