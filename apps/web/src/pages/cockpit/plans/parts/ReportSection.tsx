/**
 * The plan's results: target against actual by role, the current report and the form to submit or correct it. A
 * correction names the revision it was made from; when someone else reported meanwhile the API refuses it (409
 * ACTIVITY_REPORT_STALE) and the admin is told so and reloads the latest report before correcting again.
 */
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPencil, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activityPlansControllerGetResponse,
  getActivityPlansControllerGetQueryKey,
  getActivityPlansControllerGetQueryOptions,
  getActivityPlansControllerRevisionsQueryKey,
  useActivityPlansControllerReport,
} from '../../../../api/generated/cockpit/cockpit';
import type { ActivityPlanResponse, ReportActivityPlanDto } from '../../../../api/generated/model';
import { asDto } from './planForm';
import { ApiError } from '../../../../api/http';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../../../format/format';
import { ReportBody, reportValuesOf, ReportFormValues } from './reportForm';
import { ReportForm } from './ReportForm';
import { ROLES } from './roles';
import { useBaht } from './shared';

interface Draft {
  key: number;
  revision: number;
  values: ReportFormValues;
  /** Set after a reload that followed a stale report. */
  reloaded?: boolean;
}

export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.code === 'ACTIVITY_REPORT_STALE';
}

function ResultsTable({ plan }: { plan: ActivityPlanResponse }) {
  const { t, i18n } = useTranslation('plans');
  const n = (value: number) => formatNumber(value, i18n.language);
  const report = plan.report;
  return (
    <Table striped withTableBorder verticalSpacing="xs" horizontalSpacing="xs" data-testid="plan-results">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('report.table.role')}</Table.Th>
          <Table.Th scope="col" ta="end">
            {t('report.table.target')}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('report.table.actual')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ROLES.map((role) => (
          <Table.Tr key={role}>
            <Table.Th scope="row" fw={400}>
              {t(`roles.${role}`)}
            </Table.Th>
            <Table.Td ta="end">{n(plan.targets[role])}</Table.Td>
            <Table.Td ta="end">{report ? n(report.participants[role]) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th scope="row">{t('report.table.total')}</Table.Th>
          <Table.Th ta="end">{n(plan.targets.total)}</Table.Th>
          <Table.Th ta="end" data-testid="plan-actual-total">
            {report ? n(report.participants.total) : '—'}
          </Table.Th>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

function CurrentReport({ plan }: { plan: ActivityPlanResponse }) {
  const { t, i18n } = useTranslation('plans');
  const baht = useBaht();
  const report = plan.report;
  if (!report) return <Text c="dimmed">{t('report.none')}</Text>;
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed">
        {t('report.revisionAt', {
          revision: report.revision,
          at: formatDateTime(report.reportedAt, i18n.language),
        })}
      </Text>
      <Text>
        {t('report.visitsLabel')}:{' '}
        <b>
          {t('report.visits', {
            count: report.supervisionVisits,
            formatted: formatNumber(report.supervisionVisits, i18n.language),
          })}
        </b>
      </Text>
      <Text>
        {t('report.fields.budgetSpent')}: <b data-testid="plan-budget-spent">{baht(report.budgetSpent)}</b>{' '}
        <Text span c="dimmed" size="sm">
          ({t('report.ofPlanned', { planned: baht(plan.budget) })})
        </Text>
      </Text>
      {report.notes ? (
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <Text span fw={700}>
            {t('report.fields.notes')}:
          </Text>{' '}
          {report.notes}
        </Text>
      ) : null}
    </Stack>
  );
}

export function ReportSection({
  plan,
  onDirtyChange,
}: {
  plan: ActivityPlanResponse;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useTranslation('plans');
  const queryClient = useQueryClient();
  const submit = useActivityPlansControllerReport();
  const [draft, setDraft] = useState<Draft | null>(() =>
    plan.report ? null : { key: 1, revision: 0, values: reportValuesOf(plan) },
  );
  const [reloading, setReloading] = useState(false);
  const stale = isStale(submit.error);
  const staleRef = useRef<HTMLDivElement>(null);
  // The refusal comes after a tap on the button under a long form: bring its explanation into view.
  useEffect(() => {
    if (stale) staleRef.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [stale]);

  const open = (from: ActivityPlanResponse, reloaded = false) =>
    setDraft((current) => ({
      key: (current?.key ?? 0) + 1,
      revision: from.report?.revision ?? 0,
      values: reportValuesOf(from),
      reloaded,
    }));

  const close = () => {
    setDraft(null);
    submit.reset();
    onDirtyChange?.(false);
  };

  const send = async (body: ReportBody) => {
    try {
      const response = await submit.mutateAsync({ id: plan.id, data: asDto<ReportActivityPlanDto>(body) });
      queryClient.setQueryData<activityPlansControllerGetResponse>(
        getActivityPlansControllerGetQueryKey(plan.id),
        (old) => (old ? { ...old, data: response.data } : old),
      );
      void queryClient.invalidateQueries({ queryKey: getActivityPlansControllerRevisionsQueryKey(plan.id) });
      void queryClient.invalidateQueries({ queryKey: [`/api/v1/areas/${plan.areaId}/activity-plans`] });
      void queryClient.invalidateQueries({ queryKey: ['/api/v1/activity-plans/summary'] });
      notifications.show({
        color: 'green',
        message: body.expectedRevision ? t('report.corrected') : t('report.saved'),
      });
      close();
    } catch {
      // shown above the form
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({
        ...getActivityPlansControllerGetQueryOptions(plan.id),
        staleTime: 0,
      });
      void queryClient.invalidateQueries({ queryKey: getActivityPlansControllerRevisionsQueryKey(plan.id) });
      submit.reset();
      onDirtyChange?.(false);
      open(fresh.data, true);
    } catch {
      // the page's own query shows a failed load
    } finally {
      setReloading(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plan-report-title">
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="plan-report-title">
            {t('report.title')}
          </Title>
          {plan.report && !draft ? (
            <Button
              variant="light"
              leftSection={<IconPencil size={18} aria-hidden />}
              onClick={() => open(plan)}
            >
              {t('report.correct')}
            </Button>
          ) : null}
        </Group>
        {plan.report ? <ResultsTable plan={plan} /> : null}
        {!draft ? <CurrentReport plan={plan} /> : null}
        {stale ? (
          <Alert
            ref={staleRef}
            color="orange"
            variant="light"
            role="alert"
            icon={<IconAlertTriangle size={20} aria-hidden />}
            title={t('report.stale.title')}
            data-testid="report-stale"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('report.stale.body')}</Text>
              <Button
                variant="white"
                color="orange.9"
                leftSection={<IconRefresh size={18} aria-hidden />}
                onClick={() => void reload()}
                loading={reloading}
              >
                {t('report.stale.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={submit.error} />
        )}
        {draft ? (
          <Stack gap="sm">
            {draft.reloaded ? (
              <Alert color="blue" variant="light" data-testid="report-reloaded">
                {t('report.stale.reloaded', { revision: draft.revision })}
              </Alert>
            ) : draft.revision > 0 ? (
              <Text size="sm" c="dimmed">
                {t('report.correcting', { revision: draft.revision })}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('report.intro')}
              </Text>
            )}
            <ReportForm
              key={draft.key}
              plan={plan}
              initialValues={draft.values}
              baseRevision={draft.revision}
              submitting={submit.isPending}
              onSubmit={(body) => void send(body)}
              onCancel={plan.report ? close : undefined}
              onDirtyChange={onDirtyChange}
            />
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
