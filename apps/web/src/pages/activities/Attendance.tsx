/**
 * /events/:id/attendance (the event's organisers): who registered and how far each got (sessions attended, share
 * of the time, the evaluation, completed or what is missing), a meeting tool's attendance imported from CSV for a
 * session (the report: recorded, updated, skipped with the reason of each line), a correction of one member's
 * attendance with a reason (audited), and the certificates: progress of the issue and "issue now" once it ended.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  FileInput,
  Group,
  List,
  Modal,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconFileUpload } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  eventsControllerCompletions,
  getCertificatesControllerProgressQueryKey,
  getEventsControllerCompletionsQueryKey,
  getEventsControllerImportAttendanceUrl,
  useCertificatesControllerIssue,
  useCertificatesControllerProgress,
  useEventsControllerCorrect,
  useEventsControllerGet,
} from '../../api/generated/activities/activities';
import type {
  AttendanceImportResponse,
  EventCompletionRowResponse,
  EventResponse,
} from '../../api/generated/model';
import { apiFetch } from '../../api/http';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../format/format';
import { formatRange, percent } from './eventParts';

function missingText(
  row: EventCompletionRowResponse,
  t: (key: string, options?: Record<string, unknown>) => string,
  language: string,
): string {
  return row.progress.missing
    .map((missing) =>
      missing.code === 'sessions'
        ? t('attendance.missingSessions', { count: missing.sessionIds?.length ?? 0 })
        : missing.code === 'share'
          ? t('attendance.missingShare', {
              minutes: formatNumber(
                Math.max(0, (missing.requiredMinutes ?? 0) - (missing.attendedMinutes ?? 0)),
                language,
              ),
            })
          : t('attendance.missingEvaluation'),
    )
    .join(', ');
}

function CorrectionModal({
  event,
  row,
  onClose,
}: {
  event: EventResponse;
  row: EventCompletionRowResponse;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const queryClient = useQueryClient();
  const [sessionId, setSessionId] = useState(event.sessions[0]?.id ?? '');
  const current = row.progress.sessions.find((session) => session.id === sessionId);
  const [attended, setAttended] = useState(current?.attended ?? true);
  const [minutes, setMinutes] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const correct = useEventsControllerCorrect({
    mutation: {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('attendance.corrected') });
        void queryClient.invalidateQueries({ queryKey: getEventsControllerCompletionsQueryKey(event.id) });
        onClose();
      },
    },
  });
  const submit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    if (!reason.trim()) return;
    correct.mutate({
      id: event.id,
      sessionId,
      memberId: row.member.id,
      data: {
        attended,
        reason: reason.trim(),
        ...(attended && typeof minutes === 'number' && minutes > 0 ? { minutes } : {}),
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('attendance.correctTitle', { name: row.member.displayName })}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t('attendance.correctSession')}
            data={event.sessions.map((session) => ({
              value: session.id,
              label: `${session.title} · ${formatRange(session.startsAt, session.endsAt, language)}`,
            }))}
            value={sessionId}
            onChange={(value) => {
              setSessionId(value ?? '');
              setAttended(row.progress.sessions.find((session) => session.id === value)?.attended ?? true);
            }}
            allowDeselect={false}
          />
          <Switch
            label={t('attendance.correctAttended')}
            checked={attended}
            onChange={(changeEvent) => setAttended(changeEvent.currentTarget.checked)}
            size="md"
          />
          {attended ? (
            <NumberInput
              label={t('attendance.correctMinutes')}
              value={minutes}
              onChange={setMinutes}
              min={1}
              allowDecimal={false}
            />
          ) : null}
          <Textarea
            label={t('attendance.correctReason')}
            value={reason}
            onChange={(changeEvent) => setReason(changeEvent.currentTarget.value)}
            required
            maxLength={1000}
            autosize
            minRows={2}
          />
          <ProblemAlert error={correct.error} />
          <Button type="submit" h={44} disabled={!reason.trim()} loading={correct.isPending}>
            {t('attendance.correctSave')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function Completions({ event }: { event: EventResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const [correcting, setCorrecting] = useState<EventCompletionRowResponse | null>(null);
  const list = useInfiniteQuery({
    queryKey: [...getEventsControllerCompletionsQueryKey(event.id), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      eventsControllerCompletions(event.id, pageParam ? { cursor: pageParam } : undefined, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.data.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((page) => page.data.items) ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('attendance.completions')}
      </Title>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('attendance.empty')} />
      ) : (
        <>
          <Stack gap="xs" hiddenFrom="sm" data-testid="completion-cards">
            {rows.map((row) => (
              <Card key={row.member.id} withBorder padding="sm" radius="md">
                <Stack gap={4}>
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={700}>
                        {row.member.displayName}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {row.member.email}
                      </Text>
                    </Stack>
                    <Button
                      variant="light"
                      size="compact-sm"
                      h={36}
                      onClick={() => setCorrecting(row)}
                      aria-label={`${t('attendance.correct')} ${row.member.displayName}`}
                      style={{ flexShrink: 0 }}
                    >
                      {t('attendance.correct')}
                    </Button>
                  </Group>
                  <Text size="sm">
                    {t('attendance.sessions')} {formatNumber(row.progress.attendedSessions, language)}/
                    {formatNumber(event.sessions.length, language)} · {t('attendance.share')}{' '}
                    {percent(row.progress.share, language)} · {t('attendance.evaluated')}{' '}
                    {row.progress.evaluated ? t('attendance.yes') : t('attendance.no')}
                  </Text>
                  {row.progress.completed ? (
                    <Badge color="teal" variant="light" style={{ textTransform: 'none' }}>
                      {row.progress.final ? t('attendance.completed') : t('attendance.onTrack')}
                    </Badge>
                  ) : (
                    <Text size="sm" c="orange.8">
                      {t('attendance.missing', { what: missingText(row, t, language) })}
                    </Text>
                  )}
                </Stack>
              </Card>
            ))}
          </Stack>
          <Table.ScrollContainer minWidth={600} visibleFrom="sm">
            <Table striped verticalSpacing="xs" data-testid="completions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('attendance.member')}</Table.Th>
                  <Table.Th>{t('attendance.sessions')}</Table.Th>
                  <Table.Th>{t('attendance.share')}</Table.Th>
                  <Table.Th>{t('attendance.evaluated')}</Table.Th>
                  <Table.Th>{t('attendance.result')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.member.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {row.member.displayName}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {row.member.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {formatNumber(row.progress.attendedSessions, language)}/
                      {formatNumber(event.sessions.length, language)}
                    </Table.Td>
                    <Table.Td>{percent(row.progress.share, language)}</Table.Td>
                    <Table.Td>{row.progress.evaluated ? t('attendance.yes') : t('attendance.no')}</Table.Td>
                    <Table.Td>
                      {row.progress.completed ? (
                        <Badge color="teal" variant="light" style={{ textTransform: 'none' }}>
                          {row.progress.final ? t('attendance.completed') : t('attendance.onTrack')}
                        </Badge>
                      ) : (
                        <Text size="sm" c="orange.8">
                          {t('attendance.missing', { what: missingText(row, t, language) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        h={36}
                        onClick={() => setCorrecting(row)}
                        aria-label={`${t('attendance.correct')} ${row.member.displayName}`}
                      >
                        {t('attendance.correct')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {list.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            h={44}
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('common:actions.loadMore')}
          </Button>
        </Center>
      ) : null}
      {correcting ? (
        <CorrectionModal event={event} row={correcting} onClose={() => setCorrecting(null)} />
      ) : null}
    </Stack>
  );
}

function ImportCard({ event }: { event: EventResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const queryClient = useQueryClient();
  const [sessionId, setSessionId] = useState(event.sessions[0]?.id ?? '');
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      const response = await apiFetch<{ data: AttendanceImportResponse }>(
        getEventsControllerImportAttendanceUrl(event.id, { sessionId }),
        { method: 'POST', headers: { 'content-type': 'text/csv' }, body: await (file as File).text() },
      );
      return response.data;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: getEventsControllerCompletionsQueryKey(event.id) });
    },
  });
  const report = upload.data;
  return (
    <Card withBorder padding="md" radius="md" data-testid="attendance-import">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('attendance.import')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('attendance.importHint')}
        </Text>
        <Select
          label={t('attendance.importSession')}
          data={event.sessions.map((session) => ({
            value: session.id,
            label: `${session.title} · ${formatRange(session.startsAt, session.endsAt, language)}`,
          }))}
          value={sessionId}
          onChange={(value) => setSessionId(value ?? '')}
          allowDeselect={false}
        />
        <FileInput
          label={t('attendance.importFile')}
          placeholder={t('attendance.importFilePlaceholder')}
          accept=".csv,text/csv"
          value={file}
          onChange={setFile}
          clearable
          leftSection={<IconFileUpload size={18} aria-hidden />}
        />
        <ProblemAlert error={upload.error} />
        <Button
          h={44}
          disabled={!file || !sessionId}
          loading={upload.isPending}
          onClick={() => upload.mutate()}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('attendance.importSend')}
        </Button>
        {report ? (
          <Alert
            color={report.skipped.length ? 'orange' : 'teal'}
            variant="light"
            data-testid="import-report"
          >
            <Stack gap={4}>
              <Text fw={700}>
                {t('attendance.importReport', {
                  recorded: formatNumber(report.recorded, language),
                  updated: formatNumber(report.updated, language),
                  skipped: formatNumber(report.skipped.length, language),
                })}
              </Text>
              {report.skipped.length ? (
                <List size="sm" spacing={2}>
                  {report.skipped.map((skipped) => (
                    <List.Item key={`${skipped.line}-${skipped.email}`} style={{ overflowWrap: 'anywhere' }}>
                      {t('attendance.skippedLine', {
                        line: skipped.line,
                        email: skipped.email,
                        reason: t(`attendance.reasons.${skipped.reason}`),
                      })}
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

function CertificatesCard({ event }: { event: EventResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const queryClient = useQueryClient();
  const progress = useCertificatesControllerProgress(event.id, {
    query: {
      refetchInterval: (query) => (query.state.data?.data.status === 'issuing' ? 2000 : false),
    },
  });
  const issue = useCertificatesControllerIssue({
    mutation: {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('attendance.issueStarted') });
        void queryClient.invalidateQueries({ queryKey: getCertificatesControllerProgressQueryKey(event.id) });
        void queryClient.invalidateQueries({ queryKey: getEventsControllerCompletionsQueryKey(event.id) });
      },
    },
  });
  const data = progress.data?.data;
  const ended = event.phase === 'ended';
  return (
    <Card withBorder padding="md" radius="md" data-testid="certificates-progress">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('attendance.certificates')}
        </Title>
        {progress.isPending ? <PageLoader /> : null}
        <ProblemAlert error={progress.error} />
        {data ? (
          <>
            <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs">
              {(
                [
                  ['certCompleters', data.completers],
                  ['certIssued', data.issued],
                  ['certPending', data.pending],
                  ['certRevoked', data.revoked],
                ] as const
              ).map(([key, value]) => (
                <Card key={key} withBorder padding="xs">
                  <Text size="xs" c="dimmed">
                    {t(`attendance.${key}`)}
                  </Text>
                  <Text fw={700}>{formatNumber(value, language)}</Text>
                </Card>
              ))}
            </SimpleGrid>
            <Progress
              value={data.completers ? (data.issued / data.completers) * 100 : 0}
              size="lg"
              color="teal"
              aria-label={t('attendance.certIssued')}
            />
            <Text size="sm" fw={600} data-testid="certificates-status">
              {t(`attendance.certStatus.${data.status}`, { date: formatDateTime(data.dueAt, language) })}
            </Text>
            {!data.completionsComputed ? (
              <Text size="sm" c="dimmed">
                {t('attendance.certNotDecided')}
              </Text>
            ) : null}
            {data.status !== 'done' || !data.completionsComputed ? (
              <Stack gap={4}>
                <Button
                  h={44}
                  disabled={!ended}
                  loading={issue.isPending}
                  onClick={() => issue.mutate({ id: event.id })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('attendance.issueNow')}
                </Button>
                {data.status === 'waiting' ? (
                  <Text size="xs" c="dimmed">
                    {t('attendance.issueNowHint', { date: formatDateTime(data.dueAt, language) })}
                  </Text>
                ) : null}
              </Stack>
            ) : null}
            <ProblemAlert error={issue.error} />
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

export default function Attendance() {
  const { t } = useTranslation('activities');
  const { id = '' } = useParams();
  const query = useEventsControllerGet(id, { query: { retry: false } });
  const event = query.data?.data;
  if (query.isPending) return <PageLoader />;
  if (!event)
    return (
      <Page title={t('attendance.title')}>
        <ProblemAlert error={query.error} />
      </Page>
    );
  return (
    <Page title={t('attendance.title')} size="lg">
      <Anchor component={Link} to={`/events/${event.id}`} size="sm" style={{ order: -1 }}>
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={16} aria-hidden />
          {t('screen.back')}
        </Group>
      </Anchor>
      <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
        {event.title}
      </Title>
      <CertificatesCard event={event} />
      <Completions event={event} />
      <ImportCard event={event} />
    </Page>
  );
}
