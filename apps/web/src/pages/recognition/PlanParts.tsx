/**
 * What the owner of an ID PLAN and the supervisor or director it is shared with both see: its goals, activities,
 * progress and check-ins (read only), and its comments with a box to add one.
 */
import { Badge, Button, Card, Group, List, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevelopmentPlanResponse } from '../../api/generated/model';
import { useDevelopmentPlansControllerComment } from '../../api/generated/recognition/recognition';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../format/format';
import { pick } from './growth';

export function PlanProgress({ plan }: { plan: DevelopmentPlanResponse }) {
  const { t } = useTranslation('growth');
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('plan.progress', { progress: plan.progress })}
      </Text>
      <Progress
        value={plan.progress}
        aria-label={t('plan.progress', { progress: plan.progress })}
        size="lg"
      />
    </Stack>
  );
}

export function CheckInList({ plan }: { plan: DevelopmentPlanResponse }) {
  const { t, i18n } = useTranslation('growth');
  if (plan.checkIns.length === 0) return <Text c="dimmed">{t('plan.checkInsEmpty')}</Text>;
  return (
    <Stack gap="xs">
      {[...plan.checkIns].reverse().map((checkIn) => (
        <Card key={checkIn.id} withBorder padding="xs">
          <Group justify="space-between" gap="xs">
            <Badge variant="light">{checkIn.progress}%</Badge>
            <Text size="xs" c="dimmed">
              {formatDateTime(checkIn.createdAt, i18n.language)}
            </Text>
          </Group>
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {checkIn.reflection}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/** The plan as read by the supervisor or director it is shared with. */
export function PlanSummary({ plan }: { plan: DevelopmentPlanResponse }) {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  return (
    <Stack gap="sm">
      <PlanProgress plan={plan} />
      <Title order={3} size="h5">
        {t('plan.goals')}
      </Title>
      {plan.goals.length === 0 ? <Text c="dimmed">{t('plan.goalsEmpty')}</Text> : null}
      <List spacing={4} size="sm">
        {plan.goals.map((goal) => (
          <List.Item key={goal.competency}>
            {pick(goal, language)} · {t('plan.target', { level: goal.targetLevel })}
            {goal.note ? ` · ${goal.note}` : ''}
          </List.Item>
        ))}
      </List>
      <Title order={3} size="h5">
        {t('plan.activities')}
      </Title>
      {plan.activities.length === 0 ? <Text c="dimmed">{t('plan.activitiesEmpty')}</Text> : null}
      <List spacing={4} size="sm">
        {plan.activities.map((activity, index) => (
          <List.Item key={`${activity.kind}-${activity.refId ?? index}`}>
            {activity.title} ({t(`plan.kinds.${activity.kind}`)})
            {activity.dueOn
              ? ` · ${t('plan.due', { date: formatDate(`${activity.dueOn}T12:00:00+07:00`, language) })}`
              : ''}
            {activity.done ? ` · ${t('plan.done')}` : ''}
          </List.Item>
        ))}
      </List>
      <Title order={3} size="h5">
        {t('plan.checkIns')}
      </Title>
      <CheckInList plan={plan} />
    </Stack>
  );
}

export function PlanComments({
  plan,
  onChange,
}: {
  plan: DevelopmentPlanResponse;
  onChange: (plan: DevelopmentPlanResponse) => void;
}) {
  const { t, i18n } = useTranslation('growth');
  const [body, setBody] = useState('');
  const comment = useDevelopmentPlansControllerComment({
    mutation: {
      onSuccess: (response) => {
        setBody('');
        onChange(response.data);
      },
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) comment.mutate({ id: plan.id, data: { body: body.trim() } });
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('plan.comments')}
      </Title>
      {plan.comments.length === 0 ? <Text c="dimmed">{t('plan.commentsEmpty')}</Text> : null}
      {plan.comments.map((item) => (
        <Card key={item.id} withBorder padding="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {item.author.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(item.createdAt, i18n.language)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {item.body}
          </Text>
        </Card>
      ))}
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Textarea
            label={t('plan.comment')}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <Button type="submit" h={44} loading={comment.isPending} disabled={!body.trim()} w="fit-content">
            {t('plan.send')}
          </Button>
          <ProblemAlert error={comment.error} />
        </Stack>
      </form>
    </Stack>
  );
}
