/**
 * `/me/plan`: the member's individual development plan (ID PLAN) of a fiscal year — goals (learner competencies of
 * the taxonomy with a target level 1–5), activities (a training perk of the marketplace, an innovation to try, or
 * something else) with due dates, check-ins with progress and a reflection, sharing with a supervisor or school
 * director (by member id: the API has no member search), their comments, and the evidence PDF of the year.
 */
import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Select,
  Slider,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useInnovationsControllerList,
  useInnovationsControllerTaxonomy,
} from '../../api/generated/innovations/innovations';
import { useEventsControllerList } from '../../api/generated/activities/activities';
import { useMarketplaceControllerCatalogue } from '../../api/generated/marketplace/marketplace';
import type {
  DevelopmentActivityDto,
  DevelopmentGoalDto,
  DevelopmentPlanResponse,
} from '../../api/generated/model';
import {
  getDevelopmentPlansControllerMineQueryKey,
  useDevelopmentPlansControllerCheckIn,
  useDevelopmentPlansControllerCreate,
  useDevelopmentPlansControllerMine,
  useDevelopmentPlansControllerShare,
  useDevelopmentPlansControllerUpdate,
} from '../../api/generated/recognition/recognition';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EvidenceDownload } from './EvidenceDownload';
import { formatDate } from '../../format/format';
import { fiscalYearOf } from './growth';
import { CheckInList, PlanComments, PlanProgress } from './PlanParts';

type Kind = DevelopmentActivityDto['kind'];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** Picks an innovation by searching the published ones; the chosen one stays an option while another is typed. */
function InnovationPicker({
  value,
  title,
  onChange,
}: {
  value: string | null | undefined;
  title: string;
  onChange: (id: string, title: string) => void;
}) {
  const { t } = useTranslation('growth');
  const [search, setSearch] = useState('');
  const list = useInnovationsControllerList(search.trim() ? { q: search.trim() } : {}, {
    query: { staleTime: 30_000 },
  });
  const options = (list.data?.data.items ?? []).map((item) => ({ value: item.id, label: item.title }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: title });
  return (
    <Select
      label={t('plan.pickInnovation')}
      placeholder={t('plan.searchInnovation')}
      searchable
      data={options}
      value={value ?? null}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onChange={(id, option) => id && onChange(id, option?.label ?? '')}
      nothingFoundMessage="–"
    />
  );
}

function PlanEditor({
  plan,
  onSaved,
}: {
  plan: DevelopmentPlanResponse;
  onSaved: (plan: DevelopmentPlanResponse) => void;
}) {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  const [title, setTitle] = useState(plan.title);
  const [showOnPortfolio, setShowOnPortfolio] = useState(plan.showOnPortfolio);
  const [goals, setGoals] = useState<DevelopmentGoalDto[]>(
    plan.goals.map(({ competency, targetLevel, note }) => ({ competency, targetLevel, note })),
  );
  const [activities, setActivities] = useState<DevelopmentActivityDto[]>(
    plan.activities.map(({ kind, refId, title: name, dueOn, done }) => ({
      kind,
      refId,
      title: name,
      dueOn,
      done,
    })),
  );
  const taxonomy = useInnovationsControllerTaxonomy({ query: { staleTime: Infinity } });
  const trainings = useMarketplaceControllerCatalogue(
    { category: 'training' },
    { query: { staleTime: 60_000 } },
  );
  // Events from today on (Bangkok), soonest first: the first page is what a plan would name.
  const events = useEventsControllerList(
    { from: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10) },
    { query: { staleTime: 60_000 } },
  );
  const update = useDevelopmentPlansControllerUpdate({
    mutation: { onSuccess: (response) => onSaved(response.data) },
  });

  const competencies = useMemo(
    () =>
      (taxonomy.data?.data.competencyFrameworks ?? []).map((framework) => ({
        group: language === 'en' ? framework.en : framework.th,
        items: framework.competencies.map((item) => ({
          value: item.code,
          label: language === 'en' ? item.en : item.th,
        })),
      })),
    [taxonomy.data, language],
  );
  const perkOptions = (trainings.data?.data.items ?? []).map((perk) => ({
    value: perk.id,
    label: language === 'en' && perk.titleEn ? perk.titleEn : perk.title,
  }));

  const eventOptions = (events.data?.data.items ?? []).map((event) => ({
    value: event.id,
    label: `${event.title} · ${formatDate(event.startsAt, language)}`,
  }));

  const setGoal = (index: number, patch: Partial<DevelopmentGoalDto>) =>
    setGoals((all) => all.map((goal, at) => (at === index ? { ...goal, ...patch } : goal)));
  const setActivity = (index: number, patch: Partial<DevelopmentActivityDto>) =>
    setActivities((all) => all.map((activity, at) => (at === index ? { ...activity, ...patch } : activity)));

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id: plan.id,
      data: {
        title: title.trim() || plan.title,
        showOnPortfolio,
        goals: goals.filter((goal) => goal.competency),
        activities: activities
          .filter((activity) => activity.title.trim())
          .map((activity) => ({ ...activity, title: activity.title.trim(), dueOn: activity.dueOn || null })),
      },
    });
  };

  return (
    <form onSubmit={save}>
      <Stack gap="md">
        <TextInput
          label={t('plan.planTitle')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          maxLength={200}
        />
        <Checkbox
          label={t('plan.showOnPortfolio')}
          checked={showOnPortfolio}
          onChange={(event) => setShowOnPortfolio(event.currentTarget.checked)}
        />
        <Section title={t('plan.goals')}>
          {goals.length === 0 ? <Text c="dimmed">{t('plan.goalsEmpty')}</Text> : null}
          {goals.map((goal, index) => (
            <Card key={index} withBorder padding="sm" data-testid="plan-goal">
              <Stack gap="xs">
                <Select
                  label={t('plan.competency')}
                  data={competencies}
                  value={goal.competency || null}
                  onChange={(value) => setGoal(index, { competency: value ?? '' })}
                  searchable
                />
                <Group gap="xs" align="flex-end" justify="space-between" wrap="nowrap">
                  <NativeSelect
                    label={t('plan.targetLevel')}
                    value={String(goal.targetLevel)}
                    onChange={(event) => setGoal(index, { targetLevel: Number(event.currentTarget.value) })}
                    data={['1', '2', '3', '4', '5']}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size={44}
                    aria-label={t('plan.remove')}
                    onClick={() => setGoals((all) => all.filter((_, at) => at !== index))}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
                <TextInput
                  label={t('plan.note')}
                  value={goal.note ?? ''}
                  onChange={(event) => setGoal(index, { note: event.currentTarget.value || null })}
                  maxLength={500}
                />
              </Stack>
            </Card>
          ))}
          <Button
            variant="default"
            h={44}
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => setGoals((all) => [...all, { competency: '', targetLevel: 3, note: null }])}
            w="fit-content"
          >
            {t('plan.addGoal')}
          </Button>
        </Section>

        <Section title={t('plan.activities')}>
          {activities.length === 0 ? <Text c="dimmed">{t('plan.activitiesEmpty')}</Text> : null}
          {activities.map((activity, index) => (
            <Card key={index} withBorder padding="sm" data-testid="plan-activity">
              <Stack gap="xs">
                <NativeSelect
                  label={t('plan.kind')}
                  value={activity.kind}
                  onChange={(event) =>
                    setActivity(index, { kind: event.currentTarget.value as Kind, refId: null })
                  }
                  data={(['perk', 'innovation', 'event', 'other'] as const).map((kind) => ({
                    value: kind,
                    label: t(`plan.kinds.${kind}`),
                  }))}
                />
                {activity.kind === 'perk' ? (
                  <Select
                    label={t('plan.pickPerk')}
                    data={perkOptions}
                    value={activity.refId ?? null}
                    onChange={(value, option) =>
                      value && setActivity(index, { refId: value, title: option?.label ?? '' })
                    }
                    searchable
                  />
                ) : null}
                {activity.kind === 'event' ? (
                  <Select
                    label={t('plan.pickEvent')}
                    // An event named earlier that is no longer in the list keeps its name.
                    data={
                      activity.refId && !eventOptions.some((option) => option.value === activity.refId)
                        ? [...eventOptions, { value: activity.refId, label: activity.title }]
                        : eventOptions
                    }
                    value={activity.refId ?? null}
                    onChange={(value) =>
                      value &&
                      setActivity(index, {
                        refId: value,
                        title: events.data?.data.items.find((event) => event.id === value)?.title ?? '',
                      })
                    }
                    searchable
                  />
                ) : null}
                {activity.kind === 'innovation' ? (
                  <InnovationPicker
                    value={activity.refId}
                    title={activity.title}
                    onChange={(id, name) => setActivity(index, { refId: id, title: name })}
                  />
                ) : null}
                <TextInput
                  label={t('plan.activityTitle')}
                  value={activity.title}
                  onChange={(event) => setActivity(index, { title: event.currentTarget.value })}
                  maxLength={300}
                />
                <Group gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    type="date"
                    label={t('plan.dueOn')}
                    value={activity.dueOn ?? ''}
                    onChange={(event) => setActivity(index, { dueOn: event.currentTarget.value || null })}
                    // the browser shows the date its own way: say it in the Buddhist Era (Thai) as well
                    description={
                      activity.dueOn
                        ? formatDate(`${activity.dueOn}T12:00:00+07:00`, i18n.language)
                        : undefined
                    }
                    style={{ flex: 1 }}
                  />
                  <Checkbox
                    label={t('plan.done')}
                    checked={Boolean(activity.done)}
                    onChange={(event) => setActivity(index, { done: event.currentTarget.checked })}
                    mb={10}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size={44}
                    aria-label={t('plan.remove')}
                    onClick={() => setActivities((all) => all.filter((_, at) => at !== index))}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              </Stack>
            </Card>
          ))}
          <Button
            variant="default"
            h={44}
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() =>
              setActivities((all) => [
                ...all,
                { kind: 'other', refId: null, title: '', dueOn: null, done: false },
              ])
            }
            w="fit-content"
          >
            {t('plan.addActivity')}
          </Button>
        </Section>
        <Group gap="sm">
          <Button type="submit" h={44} loading={update.isPending}>
            {t('plan.save')}
          </Button>
          {update.isSuccess && !update.isPending ? (
            <Text c="teal" size="sm" role="status">
              {t('plan.saved')}
            </Text>
          ) : null}
        </Group>
        <ProblemAlert error={update.error} />
      </Stack>
    </form>
  );
}

function CheckInForm({
  plan,
  onSaved,
}: {
  plan: DevelopmentPlanResponse;
  onSaved: (plan: DevelopmentPlanResponse) => void;
}) {
  const { t } = useTranslation('growth');
  const [progress, setProgress] = useState(plan.progress);
  const [reflection, setReflection] = useState('');
  const checkIn = useDevelopmentPlansControllerCheckIn({
    mutation: {
      onSuccess: (response) => {
        setReflection('');
        onSaved(response.data);
      },
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    checkIn.mutate({ id: plan.id, data: { progress, reflection: reflection.trim() } });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm" fw={500} id="check-in-progress">
          {t('plan.checkInProgress')}: {progress}%
        </Text>
        <Slider
          value={progress}
          onChange={setProgress}
          min={0}
          max={100}
          step={5}
          thumbLabel={t('plan.checkInProgress')}
          marks={[{ value: 0 }, { value: 50 }, { value: 100 }]}
          mb="xs"
        />
        <Textarea
          label={t('plan.reflection')}
          value={reflection}
          onChange={(event) => setReflection(event.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={4000}
        />
        <Button
          type="submit"
          h={44}
          loading={checkIn.isPending}
          disabled={!reflection.trim()}
          w="fit-content"
        >
          {t('plan.checkIn')}
        </Button>
        {checkIn.isSuccess ? (
          <Text c="teal" size="sm" role="status">
            {t('plan.checkInSaved')}
          </Text>
        ) : null}
        <ProblemAlert error={checkIn.error} />
      </Stack>
    </form>
  );
}

function ShareForm({
  plan,
  onSaved,
}: {
  plan: DevelopmentPlanResponse;
  onSaved: (plan: DevelopmentPlanResponse) => void;
}) {
  const { t } = useTranslation('growth');
  const [memberId, setMemberId] = useState('');
  const share = useDevelopmentPlansControllerShare({
    mutation: {
      onSuccess: (response) => {
        setMemberId('');
        onSaved(response.data);
      },
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (memberId.trim()) share.mutate({ id: plan.id, data: { memberId: memberId.trim() } });
  };
  return (
    <Stack gap="sm">
      {plan.sharedWith.length === 0 ? (
        <Text c="dimmed">{t('plan.notShared')}</Text>
      ) : (
        <Text size="sm">
          {t('plan.sharedWith')}: {plan.sharedWith.map((person) => person.displayName).join(', ')}
        </Text>
      )}
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput
            label={t('plan.memberId')}
            description={t('plan.shareHint')}
            value={memberId}
            onChange={(event) => setMemberId(event.currentTarget.value)}
            autoComplete="off"
          />
          <Button type="submit" h={44} loading={share.isPending} disabled={!memberId.trim()} w="fit-content">
            {t('plan.shareButton')}
          </Button>
          {share.isSuccess ? (
            <Text c="teal" size="sm" role="status">
              {t('plan.shared')}
            </Text>
          ) : null}
          <ProblemAlert error={share.error} />
        </Stack>
      </form>
    </Stack>
  );
}

export default function MyPlan() {
  const { t } = useTranslation('growth');
  const queryClient = useQueryClient();
  const current = fiscalYearOf();
  const [fiscalYear, setFiscalYear] = useState(current);
  const params = { fiscalYear };
  const mine = useDevelopmentPlansControllerMine(params);
  const create = useDevelopmentPlansControllerCreate({
    mutation: { onSuccess: (response) => store(response.data) },
  });
  const plan = mine.data?.data.items[0];

  function store(next: DevelopmentPlanResponse) {
    queryClient.setQueryData(getDevelopmentPlansControllerMineQueryKey(params), (old: typeof mine.data) =>
      old ? { ...old, data: { items: [next] } } : old,
    );
    void queryClient.invalidateQueries({ queryKey: getDevelopmentPlansControllerMineQueryKey(params) });
  }

  return (
    <Page title={t('plan.title')}>
      <NativeSelect
        label={t('plan.fiscalYear')}
        value={String(fiscalYear)}
        onChange={(event) => setFiscalYear(Number(event.currentTarget.value))}
        data={[current + 1, current, current - 1].map((year) => ({
          value: String(year),
          label: t('evidence.fiscalYearOption', { year }),
        }))}
        w="fit-content"
      />
      {mine.isLoading ? <PageLoader /> : null}
      <ProblemAlert error={mine.error} />
      {mine.isSuccess && !plan ? (
        <EmptyState title={t('plan.none', { year: fiscalYear })}>
          <Button
            h={44}
            mt="sm"
            loading={create.isPending}
            onClick={() => create.mutate({ data: { fiscalYear, title: t('plan.title') } })}
          >
            {t('plan.create', { year: fiscalYear })}
          </Button>
        </EmptyState>
      ) : null}
      <ProblemAlert error={create.error} />
      {plan ? (
        <Stack gap="md">
          <PlanProgress plan={plan} />
          {/* Keyed by the plan only: a save or a check-in keeps the form as the member left it (and "saved" in sight). */}
          <PlanEditor key={plan.id} plan={plan} onSaved={store} />
          <Section title={t('plan.checkIns')}>
            <CheckInForm key={plan.id} plan={plan} onSaved={store} />
            <CheckInList plan={plan} />
          </Section>
          <Section title={t('plan.share')}>
            <ShareForm plan={plan} onSaved={store} />
          </Section>
          <Card withBorder padding="md">
            <PlanComments plan={plan} onChange={store} />
          </Card>
        </Stack>
      ) : null}
      <Card withBorder padding="md">
        <EvidenceDownload key={fiscalYear} initialYear={fiscalYear} />
      </Card>
    </Page>
  );
}
