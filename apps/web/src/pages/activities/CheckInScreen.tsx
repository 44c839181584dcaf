/**
 * /events/:id/check-in-screen (the event's organisers): the check-in code of a session's checkpoint in large letters
 * with its QR (the check-in link), for a projector or a phone held up to a webcam. The code rotates (every minute
 * by default): the screen asks for the next one shortly before `expiresAt` and again just after, so what is shown
 * is always the code the API accepts.
 */
import { Anchor, Button, Card, Group, Image, Select, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconMaximize, IconMinimize } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  eventsControllerCode,
  getEventsControllerCodeQueryKey,
  useEventsControllerGet,
} from '../../api/generated/activities/activities';
import type { EventResponse } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatRange } from './eventParts';

/** The session on now, else the next one, else the last. */
export function currentSession(event: EventResponse, now = Date.now()): string | undefined {
  const live = event.sessions.find(
    (session) =>
      new Date(session.startsAt).getTime() - 15 * 60_000 <= now && now <= new Date(session.endsAt).getTime(),
  );
  if (live) return live.id;
  const next = event.sessions.find((session) => new Date(session.startsAt).getTime() > now);
  return (next ?? event.sessions[event.sessions.length - 1])?.id;
}

/** Milliseconds until the next fetch: 2 s before the code expires, then just after it. */
export function nextRefresh(expiresAt: string, now = Date.now()): number {
  const remaining = new Date(expiresAt).getTime() - now;
  if (remaining > 2500) return remaining - 2000;
  return Math.max(500, remaining + 300);
}

function useSecondsLeft(expiresAt: string | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!expiresAt) return null;
  return Math.max(0, Math.round((new Date(expiresAt).getTime() - now) / 1000));
}

function FullscreenButton() {
  const { t } = useTranslation('activities');
  const [full, setFull] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const listener = () => setFull(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', listener);
    return () => document.removeEventListener('fullscreenchange', listener);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <Button
      variant="default"
      h={44}
      leftSection={full ? <IconMinimize size={18} aria-hidden /> : <IconMaximize size={18} aria-hidden />}
      onClick={() =>
        void (full ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(
          () => undefined,
        )
      }
    >
      {full ? t('screen.exitFullscreen') : t('screen.fullscreen')}
    </Button>
  );
}

function CodeDisplay({
  event,
  sessionId,
  checkpoint,
}: {
  event: EventResponse;
  sessionId: string;
  checkpoint: number;
}) {
  const { t } = useTranslation('activities');
  const params = { checkpoint };
  const code = useQuery({
    queryKey: getEventsControllerCodeQueryKey(event.id, sessionId, params),
    queryFn: ({ signal }) => eventsControllerCode(event.id, sessionId, params, { signal }),
    refetchInterval: (query) => (query.state.data ? nextRefresh(query.state.data.data.expiresAt) : false),
    refetchIntervalInBackground: true,
    retry: false,
  });
  const data = code.data?.data;
  const seconds = useSecondsLeft(data?.expiresAt);
  if (code.isPending) return <PageLoader />;
  if (!data) return <ProblemAlert error={code.error} />;
  return (
    <Card withBorder padding="md" radius="md" data-testid="check-in-code">
      <Stack gap="xs" align="center">
        <Text fw={700} size="xl" ta="center">
          {t('screen.scan')}
        </Text>
        <Image
          src={data.qr}
          alt={t('screen.scan')}
          w="min(100%, 70vh)"
          maw={560}
          style={{ aspectRatio: '1 / 1', imageRendering: 'pixelated' }}
        />
        <Text size="sm" c="dimmed" ta="center">
          {t('screen.orType')}
        </Text>
        <Text
          ff="monospace"
          fw={800}
          ta="center"
          data-testid="code-text"
          style={{ fontSize: 'clamp(2.5rem, 14vw, 8rem)', letterSpacing: '0.12em', lineHeight: 1.1 }}
        >
          {data.code}
        </Text>
        <Text size="md" c="gray.7" ta="center">
          {t('screen.checkpointN', { n: data.checkpoint, count: data.checkpoints })}
          {seconds != null ? ` · ${t('screen.expires', { seconds })}` : ''}
        </Text>
        {code.error ? <ProblemAlert error={code.error} /> : null}
      </Stack>
    </Card>
  );
}

export default function CheckInScreen() {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const query = useEventsControllerGet(id, { query: { retry: false } });
  const event = query.data?.data;
  const fallback = useMemo(() => (event ? currentSession(event) : undefined), [event]);
  const sessionId = event?.sessions.some((session) => session.id === search.get('session'))
    ? (search.get('session') as string)
    : fallback;
  const session = event?.sessions.find((item) => item.id === sessionId);
  const checkpoints = session?.checkpoints ?? 1;
  const requested = Number(search.get('checkpoint'));
  const checkpoint = requested >= 1 && requested <= checkpoints ? requested : 1;
  const choose = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'session') next.delete('checkpoint');
    setSearch(next, { replace: true });
  };

  if (query.isPending) return <PageLoader />;
  if (!event) return <Page title={t('screen.title')}>{<ProblemAlert error={query.error} />}</Page>;

  return (
    <Page title={t('screen.title')} size="lg" actions={<FullscreenButton />}>
      <Anchor component={Link} to={`/events/${event.id}`} size="sm" style={{ order: -1 }}>
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={16} aria-hidden />
          {t('screen.back')}
        </Group>
      </Anchor>
      <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
        {event.title}
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('screen.session')}
          data={event.sessions.map((item) => ({
            value: item.id,
            label: `${item.title} · ${formatRange(item.startsAt, item.endsAt, language)}`,
          }))}
          value={sessionId ?? null}
          onChange={(value) => choose('session', value)}
          allowDeselect={false}
          style={{ flex: '1 1 260px' }}
          size="md"
        />
        {checkpoints > 1 ? (
          <Select
            label={t('screen.checkpoint')}
            data={Array.from({ length: checkpoints }, (_, index) => ({
              value: String(index + 1),
              label: t('screen.checkpointN', { n: index + 1, count: checkpoints }),
            }))}
            value={String(checkpoint)}
            onChange={(value) => choose('checkpoint', value)}
            allowDeselect={false}
            style={{ flex: '1 1 160px' }}
            size="md"
          />
        ) : null}
      </Group>
      {sessionId ? (
        <CodeDisplay
          key={`${sessionId}-${checkpoint}`}
          event={event}
          sessionId={sessionId}
          checkpoint={checkpoint}
        />
      ) : null}
      <Text size="sm" c="dimmed">
        {t('screen.outside')}
      </Text>
    </Page>
  );
}
