/**
 * /cockpit/plans/new (?fy=2570&area=<id>) and /cockpit/plans/:id/edit: plan an exchange activity of the area, or
 * change one. The API checks every rule again (dates in the fiscal year, the school in the area, the admin's scope).
 */
import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  getActivityPlansControllerGetQueryKey,
  useActivityPlansControllerCreate,
  useActivityPlansControllerGet,
  useActivityPlansControllerUpdate,
} from '../../../api/generated/cockpit/cockpit';
import { Page } from '../../../components/Page';
import { EmptyState } from '../../../components/PageState';
import { AreaName } from '../../admin/parts/pickers';
import { QueryGate } from '../../admin/parts/shared';
import type { CreateActivityPlanDto } from '../../../api/generated/model';
import { asDto, emptyPlanForm, fromPlan, PlanBody, PlanFormValues } from './parts/planForm';
import { PlanForm } from './parts/PlanForm';
import { BackLink, plansLink, usePlanScope } from './parts/shared';
import { useUnsavedGuard } from './parts/useUnsavedGuard';

function useSaved() {
  const queryClient = useQueryClient();
  return async (planId: string, areaId: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [`/api/v1/areas/${areaId}/activity-plans`] }),
      queryClient.invalidateQueries({ queryKey: ['/api/v1/activity-plans/summary'] }),
      queryClient.invalidateQueries({ queryKey: getActivityPlansControllerGetQueryKey(planId) }),
    ]);
  };
}

function EditorBody({
  areaId,
  initialValues,
  planId,
  backTo,
}: {
  areaId: string;
  initialValues: PlanFormValues;
  planId?: string;
  backTo: string;
}) {
  const { t } = useTranslation('plans');
  const navigate = useNavigate();
  const saved = useSaved();
  const create = useActivityPlansControllerCreate();
  const update = useActivityPlansControllerUpdate();
  const mutation = planId ? update : create;
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedGuard(dirty);

  const save = async (body: PlanBody) => {
    try {
      const response = planId
        ? await update.mutateAsync({ id: planId, data: asDto<CreateActivityPlanDto>(body) })
        : await create.mutateAsync({ id: areaId, data: asDto<CreateActivityPlanDto>(body) });
      await saved(response.data.id, areaId);
      notifications.show({ color: 'green', message: planId ? t('form.saved') : t('form.created') });
      guard.allowLeave();
      navigate(`/cockpit/plans/${response.data.id}`, { replace: !planId });
    } catch {
      // shown under the form
    }
  };

  return (
    <>
      <BackLink to={backTo} label={t('form.back')} />
      <Text fw={700}>
        <AreaName id={areaId} />
      </Text>
      <PlanForm
        initialValues={initialValues}
        areaId={areaId}
        submitting={mutation.isPending}
        submitLabel={planId ? t('form.save') : t('form.create')}
        error={mutation.error}
        onSubmit={(body) => void save(body)}
        onDirtyChange={setDirty}
      />
      {guard.modal}
    </>
  );
}

function EditPlan({ id }: { id: string }) {
  const { t } = useTranslation('plans');
  const plan = useActivityPlansControllerGet(id);
  const value = plan.data?.data;
  return (
    <Page title={t('form.editTitle')} size="sm">
      <QueryGate query={plan} errorTitle={t('plan.loadError')}>
        {value ? (
          <EditorBody
            key={value.updatedAt}
            areaId={value.areaId}
            planId={value.id}
            initialValues={fromPlan(value)}
            backTo={`/cockpit/plans/${value.id}`}
          />
        ) : null}
      </QueryGate>
    </Page>
  );
}

function NewPlan() {
  const { t } = useTranslation('plans');
  const { areaId, fiscalYear } = usePlanScope();
  const backTo = plansLink('/cockpit/plans', fiscalYear, areaId);
  return (
    <Page title={t('form.newTitle')} size="sm">
      {areaId ? (
        <EditorBody areaId={areaId} initialValues={emptyPlanForm(fiscalYear)} backTo={backTo} />
      ) : (
        <Stack>
          <BackLink to={backTo} label={t('form.back')} />
          <EmptyState title={t('list.chooseArea.title')}>{t('list.chooseArea.body')}</EmptyState>
        </Stack>
      )}
    </Page>
  );
}

export default function PlanEditor() {
  const { id } = useParams();
  return id ? <EditPlan id={id} /> : <NewPlan />;
}
