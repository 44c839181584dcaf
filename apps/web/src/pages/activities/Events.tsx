/**
 * /events: the events members can join, soonest first (cards: kind, title, organiser, Bangkok date and time in the
 * Buddhist Era for Thai, online / on site, seats left or the waitlist, my status), a month calendar as a second view
 * (the list is the default, phones first) and a filter by kind.
 */
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconCertificate, IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  eventsControllerList,
  getEventsControllerListQueryKey,
  useEventsControllerList,
} from '../../api/generated/activities/activities';
import {
  EventsControllerListKind,
  type EventResponse,
  type EventsControllerListParams,
} from '../../api/generated/model';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format/format';
import { bangkokDay, EventBadges, formatRange, pick, seatsText } from './eventParts';

const KINDS = Object.values(EventsControllerListKind);

export function EventCard({ event }: { event: EventResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  return (
    <Card withBorder padding="sm" radius="md" data-testid="event-card">
      <Stack gap={6}>
        <EventBadges event={event} />
        <Anchor
          component={Link}
          to={`/events/${event.id}`}
          fw={700}
          size="lg"
          c="dark.8"
          style={{ overflowWrap: 'anywhere' }}
        >
          {event.title}
        </Anchor>
        <Text size="sm" c="gray.7">
          {t('list.by', { organiser: pick(event.organiser, language) })}
        </Text>
        <Text size="sm" fw={600}>
          {formatRange(event.startsAt, event.endsAt, language)}
        </Text>
        <Group gap="xs" justify="space-between">
          <Text size="sm" c="gray.7">
            {t('list.sessions', { count: event.sessions.length })}
          </Text>
          <Text
            size="sm"
            fw={600}
            c={event.seatsLeft === 0 ? 'orange.8' : 'teal.8'}
            data-testid="event-seats"
          >
            {seatsText(event, t, language)}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

function monthLabel(month: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'th-TH-u-ca-buddhist', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

function shiftMonth(month: string, by: number): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + by);
  return date.toISOString().slice(0, 7);
}

/** A month grid (Monday first); a day with events is marked, tapping it lists them below. */
function CalendarView({ kind }: { kind?: EventsControllerListKind }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const [month, setMonth] = useState(() => bangkokDay(new Date()).slice(0, 7));
  const [day, setDay] = useState<string | null>(null);
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const params: EventsControllerListParams = {
    from: `${month}-01`,
    to: `${month}-${String(days).padStart(2, '0')}`,
    ...(kind ? { kind } : {}),
  };
  const query = useEventsControllerList(params);
  const events = query.data?.data.items ?? [];
  const byDay = useMemo(() => {
    const map = new Map<string, EventResponse[]>();
    for (const event of events) {
      for (const session of event.sessions) {
        const key = bangkokDay(session.startsAt);
        const list = map.get(key) ?? [];
        if (!list.includes(event)) list.push(event);
        map.set(key, list);
      }
    }
    return map;
  }, [events]);
  const firstWeekday = (new Date(`${month}-01T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [
    ...Array.from({ length: firstWeekday }, () => null),
    ...Array.from({ length: days }, (_, index) => `${month}-${String(index + 1).padStart(2, '0')}`),
  ];
  const today = bangkokDay(new Date());
  const shown = day ? (byDay.get(day) ?? []) : [];

  return (
    <Stack gap="sm" data-testid="event-calendar">
      <Group justify="space-between" wrap="nowrap">
        <ActionIcon
          variant="default"
          size={44}
          aria-label={t('calendar.previous')}
          onClick={() => {
            setMonth(shiftMonth(month, -1));
            setDay(null);
          }}
        >
          <IconChevronLeft size={20} aria-hidden />
        </ActionIcon>
        <Title order={2} size="h4" ta="center">
          {monthLabel(month, language)}
        </Title>
        <ActionIcon
          variant="default"
          size={44}
          aria-label={t('calendar.next')}
          onClick={() => {
            setMonth(shiftMonth(month, 1));
            setDay(null);
          }}
        >
          <IconChevronRight size={20} aria-hidden />
        </ActionIcon>
      </Group>
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {t('calendar.weekdays')
          .split(',')
          .map((name) => (
            <Text key={name} size="xs" c="dimmed" ta="center" fw={600}>
              {name}
            </Text>
          ))}
        {cells.map((cell, index) => {
          if (!cell) return <div key={`blank-${index}`} />;
          const count = byDay.get(cell)?.length ?? 0;
          const selected = cell === day;
          return (
            <UnstyledButton
              key={cell}
              onClick={() => setDay(cell)}
              aria-pressed={selected}
              aria-label={
                count
                  ? t('calendar.dayEvents', { count, date: formatDate(`${cell}T12:00:00+07:00`, language) })
                  : undefined
              }
              style={{
                minHeight: 44,
                borderRadius: 8,
                border: `1px solid ${selected ? 'var(--mantine-color-lc-6)' : 'var(--mantine-color-gray-3)'}`,
                background: count ? 'var(--mantine-color-lc-0)' : undefined,
                fontWeight: cell === today ? 800 : 400,
              }}
            >
              <Stack gap={0} align="center">
                <Text size="sm" fw="inherit">
                  {Number(cell.slice(8))}
                </Text>
                {count ? (
                  <Text size="10px" c="lc.8" fw={700} lh={1}>
                    {'●'.repeat(Math.min(count, 3))}
                  </Text>
                ) : null}
              </Stack>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      {query.isPending ? <PageLoader /> : null}
      {query.isError ? <ProblemAlert error={query.error} title={t('list.loadError')} /> : null}
      {query.isSuccess && events.length === 0 ? (
        <Text c="dimmed" ta="center">
          {t('calendar.noneThisMonth')}
        </Text>
      ) : query.isSuccess && !day ? (
        <Text c="dimmed" ta="center" size="sm">
          {t('calendar.pickDay')}
        </Text>
      ) : null}
      {shown.map((event) => (
        <EventCard key={event.id} event={event} />
      ))}
    </Stack>
  );
}

function ListView({ kind }: { kind?: EventsControllerListKind }) {
  const { t } = useTranslation('activities');
  // From now: what is coming and what is happening (an event still running is listed until it ends).
  const [from] = useState(() => new Date().toISOString());
  const params: EventsControllerListParams = { from, ...(kind ? { kind } : {}) };
  const list = useInfiniteQuery({
    queryKey: [...getEventsControllerListQueryKey(params), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      eventsControllerList({ ...params, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
  });
  const events = list.data?.pages.flatMap((page) => page.data.items) ?? [];
  if (list.isPending) return <PageLoader />;
  if (list.isError)
    return (
      <Stack gap="sm">
        <ProblemAlert error={list.error} title={t('list.loadError')} />
        <Button variant="default" onClick={() => void list.refetch()} style={{ alignSelf: 'flex-start' }}>
          {t('common:actions.retry')}
        </Button>
      </Stack>
    );
  if (events.length === 0) return <EmptyState title={t('list.emptyTitle')}>{t('list.emptyBody')}</EmptyState>;
  return (
    <Stack gap="sm">
      {events.map((event) => (
        <EventCard key={event.id} event={event} />
      ))}
      {list.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            radius="xl"
            h={44}
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('common:actions.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}

export default function Events() {
  const { t } = useTranslation('activities');
  const organiser = useAuth().hasRole('obec_admin', 'area_admin', 'school_admin', 'partner_staff');
  const [search, setSearch] = useSearchParams();
  const kindParam = search.get('kind');
  const kind = KINDS.includes(kindParam as EventsControllerListKind)
    ? (kindParam as EventsControllerListKind)
    : undefined;
  const view = search.get('view') === 'calendar' ? 'calendar' : 'list';
  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  return (
    <Page
      title={t('list.title')}
      actions={
        <Group gap="xs">
          {organiser ? (
            <Button
              component={Link}
              to="/events/new"
              h={44}
              radius="xl"
              leftSection={<IconPlus size={18} aria-hidden />}
            >
              {t('editor.newEvent')}
            </Button>
          ) : null}
          <Button
            component={Link}
            to="/me/certificates"
            variant="light"
            h={44}
            radius="xl"
            leftSection={<IconCertificate size={18} aria-hidden />}
          >
            {t('list.myCertificates')}
          </Button>
        </Group>
      }
    >
      <Text size="sm" c="gray.7">
        {t('list.intro')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('list.kind')}
          data={[
            { value: '', label: t('kinds.all') },
            ...KINDS.map((value) => ({ value, label: t(`kinds.${value}`) })),
          ]}
          value={kind ?? ''}
          onChange={(value) => update('kind', value || null)}
          allowDeselect={false}
          style={{ flex: '1 1 160px' }}
          size="md"
        />
        <SegmentedControl
          aria-label={t('list.view')}
          value={view}
          onChange={(value) => update('view', value === 'calendar' ? 'calendar' : null)}
          data={[
            { value: 'list', label: t('list.viewList') },
            { value: 'calendar', label: t('list.viewCalendar') },
          ]}
          size="md"
        />
      </Group>
      {view === 'calendar' ? <CalendarView kind={kind} /> : <ListView kind={kind} />}
    </Page>
  );
}
