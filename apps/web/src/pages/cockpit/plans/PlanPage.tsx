/**
 * /cockpit/plans/:id: one activity plan with what was planned, its report (submit, or correct it), the evidence files
 * and the history of its reports. A plan not yet reported can be changed or deleted.
 */
import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  useActivityPlansControllerGet,
  useActivityPlansControllerRemove,
} from '../../../api/generated/cockpit/cockpit';
import type { ActivityPlanResponse } from '../../../api/generated/model';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { AreaName } from '../../admin/parts/pickers';
import { pickName, QueryGate } from '../../admin/parts/shared';
import { EvidencePanel } from './parts/EvidencePanel';
import { ReportSection } from './parts/ReportSection';
import { RevisionHistory } from './parts/RevisionHistory';
import {
  BackLink,
  planTitle,
  plansLink,
  StatusBadge,
  useBaht,
  useDateRange,
  usePeople,
} from './parts/shared';
import { useUnsavedGuard } from './parts/useUnsavedGuard';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function DeletePlan({ plan }: { plan: ActivityPlanResponse }) {
  const { t, i18n } = useTranslation('plans');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useActivityPlansControllerRemove();
  const [open, setOpen] = useState(false);
  const run = async () => {
    try {
      await remove.mutateAsync({ id: plan.id });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [`/api/v1/areas/${plan.areaId}/activity-plans`] }),
        queryClient.invalidateQueries({ queryKey: ['/api/v1/activity-plans/summary'] }),
      ]);
      notifications.show({ color: 'lc', message: t('plan.deleted') });
      navigate(plansLink('/cockpit/plans', plan.fiscalYear, plan.areaId), { replace: true });
    } catch {
      // shown in the dialog
    }
  };
  return (
    <>
      <Button
        variant="subtle"
        color="red.9"
        leftSection={<IconTrash size={18} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('plan.delete')}
      </Button>
      <Modal
        opened={open}
        onClose={() => {
          setOpen(false);
          remove.reset();
        }}
        title={t('plan.deleteTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Stack>
          <Text style={{ overflowWrap: 'anywhere' }}>
            {t('plan.deleteBody', { title: planTitle(plan, i18n.language) })}
          </Text>
          <ProblemAlert error={remove.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common:actions.cancel')}
            </Button>
            <Button color="red.9" onClick={() => void run()} loading={remove.isPending}>
              {t('plan.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function PlanBody({ plan }: { plan: ActivityPlanResponse }) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const people = usePeople();
  const range = useDateRange();
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty);
  return (
    <Stack gap="md">
      <BackLink to={plansLink('/cockpit/plans', plan.fiscalYear, plan.areaId)} label={t('plan.back')} />
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('plan.planned')}>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
              <AreaName id={plan.areaId} />
            </Text>
            <StatusBadge status={plan.status} />
          </Group>
          {i18n.language === 'en' || !plan.titleEn ? null : (
            <Text size="sm" c="dimmed" lang="en" style={{ overflowWrap: 'anywhere' }}>
              {plan.titleEn}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
            <Fact label={t('plan.fiscalYear')}>{t('fiscalYear', { year: plan.fiscalYear })}</Fact>
            <Fact label={t('plan.dates')}>{range(plan.startsOn, plan.endsOn)}</Fact>
            <Fact label={t('plan.level')}>
              {plan.level === 'school' && plan.school
                ? `${t('level.school')} · ${pickName(i18n.language, plan.school.nameTh, plan.school.nameEn)}`
                : t(`level.${plan.level}`)}
            </Fact>
            <Fact label={t('plan.targetTotal')}>{people(plan.targets.total)}</Fact>
            <Fact label={t('plan.attendedTotal')}>
              <span data-testid="plan-attended">{people(plan.attended.total)}</span>
            </Fact>
            <Fact label={t('plan.budget')}>
              <span data-testid="plan-budget">{baht(plan.budget)}</span>
            </Fact>
          </SimpleGrid>
          <Group gap="xs">
            <Button
              component={Link}
              to={`/cockpit/plans/${plan.id}/edit`}
              variant="light"
              leftSection={<IconPencil size={18} aria-hidden />}
            >
              {t('plan.edit')}
            </Button>
            {plan.status === 'planned' ? <DeletePlan plan={plan} /> : null}
          </Group>
        </Stack>
      </Paper>
      <ReportSection plan={plan} onDirtyChange={setDirty} />
      <EvidencePanel plan={plan} />
      <RevisionHistory plan={plan} />
      {guard.modal}
    </Stack>
  );
}

export default function PlanPage() {
  const { t, i18n } = useTranslation('plans');
  const { id = '' } = useParams();
  const plan = useActivityPlansControllerGet(id);
  const value = plan.data?.data;
  return (
    <Page title={value ? planTitle(value, i18n.language) : t('plan.title')} size="sm">
      <QueryGate query={plan} errorTitle={t('plan.loadError')}>
        {value ? <PlanBody plan={value} /> : null}
      </QueryGate>
    </Page>
  );
}
