/**
 * `/plans/shared`: for supervisors (ศึกษานิเทศก์) and school directors, the ID PLANs teachers shared with them, each
 * to read and comment on.
 */
import { Card, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DevelopmentPlanResponse } from '../../api/generated/model';
import {
  getDevelopmentPlansControllerSharedQueryKey,
  useDevelopmentPlansControllerShared,
} from '../../api/generated/recognition/recognition';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { pick } from './growth';
import { PlanComments, PlanSummary } from './PlanParts';

export default function SharedPlans() {
  const { t, i18n } = useTranslation('growth');
  const queryClient = useQueryClient();
  const shared = useDevelopmentPlansControllerShared();
  const plans = shared.data?.data.items ?? [];
  const replace = (plan: DevelopmentPlanResponse) =>
    void queryClient
      .invalidateQueries({ queryKey: getDevelopmentPlansControllerSharedQueryKey() })
      .then(() => plan);

  return (
    <Page title={t('plan.sharedTitle')}>
      <Text c="dimmed" size="sm">
        {t('plan.sharedHint')}
      </Text>
      {shared.isLoading ? <PageLoader /> : null}
      <ProblemAlert error={shared.error} />
      {shared.isSuccess && plans.length === 0 ? <EmptyState title={t('plan.sharedEmpty')} /> : null}
      {plans.map((plan) => (
        <Card key={plan.id} withBorder padding="md" data-testid="shared-plan">
          <Stack gap="sm">
            <div>
              <Title order={2} size="h4">
                {plan.title}
              </Title>
              <Text size="sm" c="dimmed">
                {t('plan.by', { name: plan.member.displayName })} · {pick(plan.fiscalYear, i18n.language)}
              </Text>
            </div>
            <PlanSummary plan={plan} />
            <PlanComments plan={plan} onChange={replace} />
          </Stack>
        </Card>
      ))}
    </Page>
  );
}
