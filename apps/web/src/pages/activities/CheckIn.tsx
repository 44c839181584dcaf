/**
 * /events/:id/check-in?session=…&code=…: the page a member's phone opens from the QR on the organiser's screen
 * (signed-out members sign in first and come back here: the route is member-only). A registered member is checked in
 * at once; who is not registered yet is offered to register (then checked in); the answer is plain: "เช็กอินสำเร็จ"
 * with the codes entered x of y, or what went wrong (an expired code: scan the latest one). A code can also be typed.
 */
import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  getEventsControllerGetQueryKey,
  getEventsControllerMineQueryKey,
  useEventsControllerCheckIn,
  useEventsControllerGet,
  useEventsControllerRegister,
} from '../../api/generated/activities/activities';
import type { CheckInResponse, EventResponse } from '../../api/generated/model';
import { ApiError } from '../../api/http';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { ProblemAlert, problemMessage } from '../../components/ProblemAlert';
import { formatNumber } from '../../format/format';
import { currentSession } from './CheckInScreen';
import { formatRange } from './eventParts';

function Result({ result, event }: { result: CheckInResponse; event: EventResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const session = event.sessions.find((item) => item.id === result.sessionId);
  return (
    <Alert
      color="teal"
      variant="filled"
      radius="md"
      icon={<IconCircleCheck size={32} />}
      title={
        <Text fw={800} size="xl">
          {t('checkIn.success')}
        </Text>
      }
      role="status"
      data-testid="check-in-success"
    >
      <Stack gap={4}>
        {session ? <Text fw={600}>{session.title}</Text> : null}
        <Text>
          {t('checkIn.entered', {
            entered: formatNumber(result.checkpointsEntered, language),
            count: formatNumber(result.checkpoints, language),
          })}
        </Text>
        <Text>{result.attended ? t('checkIn.attended') : t('checkIn.moreCodes')}</Text>
      </Stack>
    </Alert>
  );
}

function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation('activities');
  const code = error instanceof ApiError ? error.code : undefined;
  const message =
    code === 'CHECK_IN_CODE_INVALID'
      ? t('checkIn.expired')
      : problemMessage(error, t('common:error.generic')) || t('common:error.offline');
  return (
    <Alert
      color="red"
      variant="light"
      radius="md"
      icon={<IconCircleX size={28} />}
      title={t('checkIn.failed')}
      role="alert"
      data-testid="check-in-failure"
    >
      {message}
    </Alert>
  );
}

export default function CheckIn() {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const queryClient = useQueryClient();
  const query = useEventsControllerGet(id, { query: { retry: false } });
  const event = query.data?.data;
  const linkCode = (search.get('code') ?? '').trim().toUpperCase();
  const linkSession = search.get('session') ?? '';
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<CheckInResponse | null>(null);
  const sent = useRef(false);

  const checkIn = useEventsControllerCheckIn({
    mutation: {
      onSuccess: (response) => {
        setResult(response.data);
        setTyped('');
        void queryClient.invalidateQueries({ queryKey: getEventsControllerMineQueryKey() });
      },
      onError: () => setResult(null),
    },
  });
  const register = useEventsControllerRegister({
    mutation: {
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: getEventsControllerGetQueryKey(id) });
      },
    },
  });

  const registration = event?.me.registration;
  const chosenSession =
    sessionId ??
    (event?.sessions.some((session) => session.id === linkSession)
      ? linkSession
      : event
        ? currentSession(event)
        : undefined);

  // The QR's link: send its code once, as soon as the member is known to be registered.
  useEffect(() => {
    if (sent.current || !event || registration?.status !== 'registered' || !linkCode || !linkSession) return;
    sent.current = true;
    checkIn.mutate({ id: event.id, sessionId: linkSession, data: { code: linkCode } });
    // the code is used: a reload later would only show an expired code
    const next = new URLSearchParams(search);
    next.delete('code');
    setSearch(next, { replace: true });
  }, [event, registration, linkCode, linkSession, checkIn, search, setSearch]);

  if (query.isPending) return <PageLoader />;
  if (!event)
    return (
      <Page title={t('checkIn.title')} size="sm">
        <ProblemAlert error={query.error} />
      </Page>
    );

  const submit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    const value = typed.trim().toUpperCase();
    if (!value || !chosenSession) return;
    checkIn.mutate({ id: event.id, sessionId: chosenSession, data: { code: value } });
  };
  const notRegistered = !registration;

  return (
    <Page title={t('checkIn.title')} size="sm">
      <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
        {event.title}
      </Title>
      {checkIn.isPending ? (
        <Group gap="xs" role="status">
          <PageLoader />
          <Text>{t('checkIn.sending')}</Text>
        </Group>
      ) : null}
      {result ? <Result result={result} event={event} /> : null}
      {checkIn.error && !checkIn.isPending ? <Failure error={checkIn.error} /> : null}
      {notRegistered ? (
        <Card withBorder padding="md" radius="md" data-testid="not-registered">
          <Stack gap="sm">
            <Text fw={700}>{t('checkIn.notRegistered')}</Text>
            <ProblemAlert error={register.error} />
            {event.registrationOpen || event.phase === 'live' ? (
              <Button h={48} onClick={() => register.mutate({ id: event.id })} loading={register.isPending}>
                {linkCode ? t('checkIn.registerFirst') : t('event.register')}
              </Button>
            ) : null}
          </Stack>
        </Card>
      ) : registration?.status === 'waitlisted' ? (
        <Alert color="orange" variant="light">
          {t('checkIn.waitlisted', { position: registration.position ?? '–' })}
        </Alert>
      ) : null}
      {registration?.status === 'registered' ? (
        <Card withBorder padding="md" radius="md">
          <form onSubmit={submit}>
            <Stack gap="sm">
              {event.sessions.length > 1 ? (
                <Select
                  label={t('checkIn.session')}
                  data={event.sessions.map((session) => ({
                    value: session.id,
                    label: `${session.title} · ${formatRange(session.startsAt, session.endsAt, language)}`,
                  }))}
                  value={chosenSession ?? null}
                  onChange={setSessionId}
                  allowDeselect={false}
                  size="md"
                />
              ) : null}
              <TextInput
                label={t('checkIn.manual')}
                description={t('checkIn.manualHint')}
                value={typed}
                onChange={(changeEvent) => setTyped(changeEvent.currentTarget.value)}
                autoCapitalize="characters"
                autoComplete="off"
                maxLength={16}
                size="lg"
                styles={{
                  input: { fontFamily: 'monospace', letterSpacing: '0.2em', textTransform: 'uppercase' },
                }}
              />
              <Button type="submit" h={48} disabled={!typed.trim()} loading={checkIn.isPending}>
                {t('checkIn.send')}
              </Button>
            </Stack>
          </form>
        </Card>
      ) : null}
      <Anchor component={Link} to={`/events/${event.id}`} size="sm">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={16} aria-hidden />
          {t('checkIn.toEvent')}
        </Group>
      </Anchor>
    </Page>
  );
}
