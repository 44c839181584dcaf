/**
 * /events/:id: an event: its sessions (Bangkok times, join link once registered, venue), registration and the
 * member's state in it (registered / waitlist position / full / closed / cancelled / ended), giving up the seat, the
 * member's progress (sessions attended, share of the time against what is required, the evaluation, what is still
 * missing), the evaluation form once the event has started, and for its organisers the check-in screen and the
 * attendance page.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Divider,
  Group,
  List,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconCircleCheck,
  IconClipboardList,
  IconMapPin,
  IconQrcode,
  IconVideo,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  getEventsControllerGetQueryKey,
  getEventsControllerListQueryKey,
  getEventsControllerMineQueryKey,
  useEventsControllerEvaluate,
  useEventsControllerGet,
  useEventsControllerRegister,
  useEventsControllerUnregister,
} from '../../api/generated/activities/activities';
import type { EventProgressResponse, EventResponse } from '../../api/generated/model';
import { ApiError } from '../../api/http';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../format/format';
import { CancelEventButton } from './EventEditor';
import { EventBadges, formatRange, percent, pick } from './eventParts';
import { myProgressKey, useMyProgress } from './myProgress';

function useRefreshEvent(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: getEventsControllerGetQueryKey(id) });
    void queryClient.invalidateQueries({ queryKey: getEventsControllerMineQueryKey() });
    void queryClient.invalidateQueries({ queryKey: getEventsControllerListQueryKey().slice(0, 1) });
  };
}

function RegistrationCard({ event }: { event: EventResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const refresh = useRefreshEvent(event.id);
  const [confirming, setConfirming] = useState(false);
  const register = useEventsControllerRegister({
    mutation: {
      onSuccess: (response) => {
        notifications.show({
          color: 'teal',
          message:
            response.data.status === 'registered'
              ? t('event.registeredToast')
              : t('event.waitlistedToast', { position: response.data.position ?? '' }),
        });
        refresh();
      },
    },
  });
  const unregister = useEventsControllerUnregister({
    mutation: {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal', message: t('event.cancelledMine') });
        refresh();
      },
    },
  });
  const registration = event.me.registration;
  const now = Date.now();
  const seats =
    event.capacity == null
      ? t('event.seatsUnlimited', { registered: formatNumber(event.registeredCount, language) })
      : t('event.seats', {
          registered: formatNumber(event.registeredCount, language),
          capacity: formatNumber(event.capacity, language),
        });

  let state: { colour: string; title: string; body?: string } | null = null;
  let canRegister = false;
  if (event.phase === 'cancelled') state = { colour: 'red', title: t('event.cancelled') };
  else if (registration?.status === 'registered')
    state = { colour: 'teal', title: t('event.registered'), body: t('event.registeredBody') };
  else if (registration?.status === 'waitlisted')
    state = {
      colour: 'orange',
      title: t('event.waitlisted', { position: registration.position ?? '–' }),
      body: t('event.waitlistedBody'),
    };
  else if (event.phase === 'ended') state = { colour: 'gray', title: t('event.ended') };
  else if (!event.registrationOpen)
    state =
      new Date(event.registrationOpensAt).getTime() > now
        ? {
            colour: 'blue',
            title: t('event.notYetOpen', { date: formatDateTime(event.registrationOpensAt, language) }),
          }
        : { colour: 'gray', title: t('event.closed') };
  else if (event.seatsLeft === 0 && !event.waitlist) state = { colour: 'orange', title: t('event.full') };
  else canRegister = true;

  return (
    <Card withBorder padding="md" radius="md" data-testid="registration">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('event.registration')}
        </Title>
        {state ? (
          <Alert
            color={state.colour}
            variant="light"
            title={state.title}
            icon={registration?.status === 'registered' ? <IconCircleCheck /> : undefined}
            data-testid="registration-state"
          >
            {state.body}
          </Alert>
        ) : null}
        <Text size="sm" c="gray.7">
          {seats}
          {event.waitlistedCount > 0
            ? ` · ${t('event.waitlistCount', { count: event.waitlistedCount })}`
            : ''}
        </Text>
        {event.registrationOpen && !registration ? (
          <Text size="sm" c="gray.7">
            {t('event.closesAt', { date: formatDateTime(event.registrationClosesAt, language) })}
          </Text>
        ) : null}
        <ProblemAlert error={register.error ?? unregister.error} />
        {canRegister ? (
          <Button
            h={48}
            size="md"
            onClick={() => register.mutate({ id: event.id })}
            loading={register.isPending}
          >
            {event.seatsLeft === 0 ? t('event.registerWaitlist') : t('event.register')}
          </Button>
        ) : null}
        {registration && event.phase !== 'ended' && event.phase !== 'cancelled' ? (
          confirming ? (
            <Stack gap="xs">
              <Text size="sm">{t('event.cancelMineConfirm')}</Text>
              <Group gap="xs">
                <Button
                  color="red"
                  h={44}
                  onClick={() => unregister.mutate({ id: event.id })}
                  loading={unregister.isPending}
                >
                  {t('common:actions.confirm')}
                </Button>
                <Button variant="default" h={44} onClick={() => setConfirming(false)}>
                  {t('common:actions.back')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Button variant="subtle" color="red" h={44} onClick={() => setConfirming(true)}>
              {t('event.cancelMine')}
            </Button>
          )
        ) : null}
      </Stack>
    </Card>
  );
}

function Sessions({ event, progress }: { event: EventResponse; progress?: EventProgressResponse | null }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const attended = new Set(
    progress?.sessions.filter((session) => session.attended).map((session) => session.id),
  );
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('event.sessions')}
      </Title>
      {event.sessions.map((session) => (
        <Card key={session.id} withBorder padding="sm" radius="md" data-testid="session">
          <Stack gap={4}>
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                {session.title}
              </Text>
              {progress ? (
                <Text
                  size="sm"
                  c={attended.has(session.id) ? 'teal.8' : 'gray.6'}
                  fw={600}
                  style={{ flexShrink: 0 }}
                >
                  {attended.has(session.id) ? t('progress.attended') : t('progress.notAttended')}
                </Text>
              ) : null}
            </Group>
            <Text size="sm">{formatRange(session.startsAt, session.endsAt, language)}</Text>
            <Group gap={6} wrap="nowrap" align="flex-start">
              {session.mode === 'online' ? (
                <IconVideo size={18} aria-hidden style={{ flexShrink: 0 }} />
              ) : (
                <IconMapPin size={18} aria-hidden style={{ flexShrink: 0 }} />
              )}
              <Text size="sm" c="gray.7" style={{ overflowWrap: 'anywhere' }}>
                {t(`mode.${session.mode}`)}
                {session.venue ? ` · ${session.venue}` : ''}
              </Text>
            </Group>
            {session.checkpoints > 1 ? (
              <Text size="xs" c="gray.7">
                {t('event.checkpoints', { count: session.checkpoints })}
              </Text>
            ) : null}
            {session.joinUrl && event.phase !== 'ended' && event.phase !== 'cancelled' ? (
              <Button
                component="a"
                href={session.joinUrl}
                target="_blank"
                rel="noopener noreferrer"
                variant="light"
                h={44}
                leftSection={<IconVideo size={18} aria-hidden />}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('event.join')}
              </Button>
            ) : session.mode === 'online' && !event.me.registration && event.phase !== 'ended' ? (
              <Text size="xs" c="dimmed">
                {t('event.joinHint')}
              </Text>
            ) : null}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function ProgressCard({ event, progress }: { event: EventResponse; progress: EventProgressResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const titles = new Map(event.sessions.map((session) => [session.id, session.title]));
  const required = event.completion.rule === 'min_share' ? (event.completion.minShare ?? 0.8) : 1;
  const verdict = progress.completed
    ? { colour: 'teal', text: progress.final ? t('progress.completed') : t('progress.onTrack') }
    : progress.final
      ? { colour: 'red', text: t('progress.notCompleted') }
      : null;
  return (
    <Card withBorder padding="md" radius="md" data-testid="my-progress">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('progress.title')}
        </Title>
        {verdict ? (
          <Alert color={verdict.colour} variant="light" title={verdict.text} data-testid="progress-verdict" />
        ) : null}
        <SimpleGrid cols={2} spacing="xs">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('progress.sessionsAttended')}
            </Text>
            <Text fw={700}>
              {formatNumber(progress.attendedSessions, language)} /{' '}
              {formatNumber(event.sessions.length, language)}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('progress.evaluated')}
            </Text>
            <Text fw={700}>
              {progress.evaluated ? t('progress.evaluatedYes') : t('progress.evaluatedNo')}
            </Text>
          </Stack>
        </SimpleGrid>
        <Stack gap={4}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              {t('progress.share')}
            </Text>
            <Text size="sm" fw={600}>
              {t('progress.shareValue', {
                share: percent(progress.share, language),
                attended: formatNumber(progress.attendedMinutes, language),
                total: formatNumber(progress.totalMinutes, language),
              })}
            </Text>
          </Group>
          <Progress
            value={Math.min(100, progress.share * 100)}
            color={progress.share >= required ? 'teal' : 'orange'}
            size="lg"
            aria-label={t('progress.share')}
          />
        </Stack>
        {progress.missing.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={700}>
              {t('progress.missing')}
            </Text>
            <List size="sm" spacing={2} data-testid="progress-missing">
              {progress.missing.map((missing) => (
                <List.Item key={missing.code}>
                  {missing.code === 'sessions'
                    ? t('progress.missingSessions', {
                        sessions: (missing.sessionIds ?? []).map((id) => titles.get(id) ?? id).join(', '),
                      })
                    : missing.code === 'share'
                      ? t('progress.missingShare', {
                          minutes: formatNumber(
                            Math.max(0, (missing.requiredMinutes ?? 0) - (missing.attendedMinutes ?? 0)),
                            language,
                          ),
                        })
                      : t('progress.missingEvaluation')}
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function EvaluationForm({ event }: { event: EventResponse }) {
  const { t } = useTranslation('activities');
  const queryClient = useQueryClient();
  const [rating, setRating] = useState('');
  const [comments, setComments] = useState('');
  const evaluate = useEventsControllerEvaluate({
    mutation: {
      onSuccess: (response) => {
        queryClient.setQueryData(myProgressKey(event.id), response.data);
        notifications.show({ color: 'teal', message: t('evaluation.sent') });
      },
    },
  });
  const submit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    if (!rating) return;
    evaluate.mutate({ id: event.id, data: { rating: Number(rating), comments: comments.trim() } });
  };
  return (
    <Card withBorder padding="md" radius="md" data-testid="evaluation">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('evaluation.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('evaluation.intro')}
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="evaluation-rating">
              {t('evaluation.rating')}
            </Text>
            <SegmentedControl
              aria-labelledby="evaluation-rating"
              value={rating}
              onChange={setRating}
              fullWidth
              size="md"
              data={['1', '2', '3', '4', '5'].map((value) => ({ value, label: `${value} ★` }))}
            />
          </Stack>
          <Textarea
            label={t('evaluation.comments')}
            placeholder={t('evaluation.commentsPlaceholder')}
            value={comments}
            onChange={(changeEvent) => setComments(changeEvent.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={5000}
          />
          <ProblemAlert error={evaluate.error} />
          <Button type="submit" h={48} disabled={!rating} loading={evaluate.isPending}>
            {t('evaluation.send')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function CompletionRule({ event }: { event: EventResponse }) {
  const { t, i18n } = useTranslation('activities');
  const rule =
    event.completion.rule === 'all_sessions'
      ? t('event.ruleAll')
      : t('event.ruleShare', { share: percent(event.completion.minShare ?? 0.8, i18n.language) });
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700}>
        {t('event.completionRule')}
      </Text>
      <Text size="sm">
        {rule}
        {event.completion.evaluationRequired ? ` ${t('event.ruleEvaluation')}` : ''}
      </Text>
      <Text size="sm" c="gray.7">
        {t('event.certificate', {
          days: event.certificate.issueAfterDays,
          name: event.certificate.signatoryName,
          title: event.certificate.signatoryTitle,
        })}
      </Text>
    </Stack>
  );
}

export default function EventPage() {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const { id = '' } = useParams();
  const query = useEventsControllerGet(id, { query: { retry: false } });
  const event = query.data?.data;
  const registered = event?.me.registration?.status === 'registered';
  const progress = useMyProgress(id, Boolean(event && registered));

  if (query.isPending) return <PageLoader />;
  if (!event) {
    const notFound =
      query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Page title={t('event.loadError')} size="sm">
        {notFound ? <EmptyState title={t('event.notFound')} /> : <ProblemAlert error={query.error} />}
        <Button component={Link} to="/events" variant="default" h={44} style={{ alignSelf: 'flex-start' }}>
          {t('event.back')}
        </Button>
      </Page>
    );
  }
  const started = event.phase === 'live' || event.phase === 'ended';

  return (
    <Page title={event.title} size="sm">
      <Anchor component={Link} to="/events" size="sm" style={{ order: -1 }}>
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={16} aria-hidden />
          {t('event.back')}
        </Group>
      </Anchor>
      <EventBadges event={event} />
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          {t('event.when')}
        </Text>
        <Text fw={600}>{formatRange(event.startsAt, event.endsAt, language)}</Text>
      </Stack>
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          {t('event.organiser')}
        </Text>
        <Text fw={600}>{pick(event.organiser, language)}</Text>
      </Stack>
      {event.description ? (
        <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{event.description}</Text>
      ) : null}
      {event.me.organiser ? (
        <Card withBorder padding="sm" radius="md" bg="lc.0" data-testid="organiser-tools">
          <Stack gap="xs">
            <Text fw={700}>{t('event.organiserTools')}</Text>
            <Group gap="xs" wrap="wrap">
              <Button
                component={Link}
                to={`/events/${event.id}/check-in-screen`}
                h={44}
                leftSection={<IconQrcode size={18} aria-hidden />}
              >
                {t('event.checkInScreen')}
              </Button>
              <Button
                component={Link}
                to={`/events/${event.id}/attendance`}
                variant="light"
                h={44}
                leftSection={<IconClipboardList size={18} aria-hidden />}
              >
                {t('event.attendance')}
              </Button>
              <CancelEventButton event={event} />
            </Group>
          </Stack>
        </Card>
      ) : null}
      <RegistrationCard event={event} />
      {registered && progress.data ? <ProgressCard event={event} progress={progress.data} /> : null}
      <Sessions event={event} progress={registered ? progress.data : undefined} />
      {registered && started && progress.data && !progress.data.evaluated && event.phase !== 'cancelled' ? (
        <EvaluationForm event={event} />
      ) : registered && !started ? (
        <Text size="sm" c="dimmed">
          {t('evaluation.opensLater')}
        </Text>
      ) : null}
      <Divider />
      <CompletionRule event={event} />
    </Page>
  );
}
