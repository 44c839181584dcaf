/**
 * /events/new (OBEC admins, area admins, school admins, partner staff): the form for POST /api/v1/events. The
 * organiser follows the member's role grants (OBEC admins: OBEC or any area; area admins: their area or one of its
 * schools; school admins: their school; partner staff: their partner). Sessions are typed as Bangkok date-times and
 * sent with +07:00; what the API still refuses is shown in its words, in the member's language. Also the organisers'
 * "Cancel the event" button with its reason dialog (POST /api/v1/events/:id/cancel), used on the event page.
 */
import {
  ActionIcon,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  getEventsControllerGetQueryKey,
  getEventsControllerListQueryKey,
  useEventsControllerCancel,
  useEventsControllerCreate,
} from '../../api/generated/activities/activities';
import type { CreateEventDto, EventResponse, EventSessionDto } from '../../api/generated/model';
import { CreateEventDtoKind } from '../../api/generated/model';
import { useAuth } from '../../auth/AuthProvider';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AreaSelect, PartnerSelect, SchoolName, SchoolSelect } from '../admin/parts/pickers';
import { useAdministeredAreas } from '../admin/parts/shared';
import { useTaxonomy } from '../member/parts/taxonomy';
import { pickText } from '../member/parts/text';
import { bangkokInstant } from '../../format/format';

const FIELD = { input: { minHeight: 44 } };
const KINDS = Object.values(CreateEventDtoKind);
type OrganiserType = CreateEventDto['organiser']['type'];

interface SessionDraft {
  key: number;
  title: string;
  startsAt: string;
  endsAt: string;
  mode: 'online' | 'onsite';
  joinUrl: string;
  venue: string;
  checkpoints: 1 | 2;
}

export interface EventDraft {
  kind: CreateEventDto['kind'];
  title: string;
  description: string;
  organiserType: OrganiserType;
  organiserId: string | null;
  sessions: SessionDraft[];
  capacity: number | '';
  waitlist: boolean;
  opensAt: string;
  closesAt: string;
  rule: 'all_sessions' | 'min_share';
  percent: number | '';
  evaluationRequired: boolean;
  issueAfterDays: number | '';
  signatoryName: string;
  signatoryTitle: string;
}

let nextKey = 1;
function newSession(): SessionDraft {
  return {
    key: nextKey++,
    title: '',
    startsAt: '',
    endsAt: '',
    mode: 'online',
    joinUrl: '',
    venue: '',
    checkpoints: 2,
  };
}

export function toEventBody(draft: EventDraft): CreateEventDto {
  const description = draft.description.trim();
  return {
    kind: draft.kind,
    title: draft.title.trim(),
    ...(description ? { description } : {}),
    organiser: {
      type: draft.organiserType,
      id: draft.organiserType === 'obec' ? null : draft.organiserId,
    },
    sessions: draft.sessions.map((session): EventSessionDto => {
      const common = {
        title: session.title.trim(),
        startsAt: bangkokInstant(session.startsAt),
        endsAt: bangkokInstant(session.endsAt),
        mode: session.mode,
      };
      return session.mode === 'online'
        ? { ...common, joinUrl: session.joinUrl.trim(), checkpoints: session.checkpoints }
        : { ...common, venue: session.venue.trim(), checkpoints: session.checkpoints };
    }),
    capacity: draft.capacity === '' ? null : draft.capacity,
    waitlist: draft.waitlist,
    registrationOpensAt: bangkokInstant(draft.opensAt),
    registrationClosesAt: bangkokInstant(draft.closesAt),
    completion: {
      rule: draft.rule,
      minShare: draft.rule === 'min_share' ? Number(draft.percent) / 100 : null,
      evaluationRequired: draft.evaluationRequired,
    },
    certificate: {
      issueAfterDays: draft.issueAfterDays === '' ? 7 : draft.issueAfterDays,
      signatoryName: draft.signatoryName.trim(),
      signatoryTitle: draft.signatoryTitle.trim(),
    },
  };
}

/** The organisers the member may act for, from their role grants. */
function useOrganiserChoices() {
  const { me, hasRole } = useAuth();
  const grants = me?.roles ?? [];
  const areas = useAdministeredAreas();
  const schools = grants
    .filter((grant) => grant.role === 'school_admin' && grant.scopeId)
    .map((grant) => grant.scopeId as string);
  const partners = grants
    .filter((grant) => grant.role === 'partner_staff' && grant.scopeId)
    .map((grant) => grant.scopeId as string);
  const isObec = hasRole('obec_admin');
  const types: OrganiserType[] = [];
  if (isObec) types.push('obec');
  if (isObec || areas.length > 0) types.push('area');
  if (areas.length > 0 || schools.length > 0) types.push('school');
  if (partners.length > 0) types.push('partner');
  return { isObec, areas, schools, partners, types };
}

export default function EventEditor() {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const taxonomy = useTaxonomy(language);
  const choices = useOrganiserChoices();
  const create = useEventsControllerCreate();

  const [chosen, setDraft] = useState<EventDraft>(() => ({
    kind: 'learning_talk',
    title: '',
    description: '',
    organiserType: '' as OrganiserType,
    organiserId: null,
    sessions: [newSession()],
    capacity: '',
    waitlist: true,
    opensAt: '',
    closesAt: '',
    rule: 'min_share',
    percent: 80,
    evaluationRequired: true,
    issueAfterDays: 7,
    signatoryName: '',
    signatoryTitle: '',
  }));
  // The roles arrive with the session: the organiser follows them until the member chooses.
  const organiserType = choices.types.includes(chosen.organiserType)
    ? chosen.organiserType
    : (choices.types[0] ?? ('obec' as OrganiserType));
  const fixedId =
    organiserType === 'area' && !choices.isObec
      ? choices.areas.length === 1
        ? choices.areas[0]
        : null
      : organiserType === 'school' && choices.areas.length === 0
        ? (choices.schools[0] ?? null)
        : organiserType === 'partner'
          ? (choices.partners[0] ?? null)
          : null;
  const draft: EventDraft = { ...chosen, organiserType, organiserId: chosen.organiserId ?? fixedId };
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) =>
    setDraft((old) => ({ ...old, [key]: value }));
  const setSession = <K extends keyof SessionDraft>(index: number, key: K, value: SessionDraft[K]) =>
    setDraft((old) => ({
      ...old,
      sessions: old.sessions.map((session, i) => (i === index ? { ...session, [key]: value } : session)),
    }));

  const problems: Record<string, string> = {};
  const required = t('editor.required');
  if (!draft.title.trim()) problems.title = required;
  if (draft.organiserType !== 'obec' && !draft.organiserId)
    problems.organiser = t('editor.organiserRequired');
  draft.sessions.forEach((session, i) => {
    if (!session.title.trim()) problems[`s${i}.title`] = required;
    if (!session.startsAt) problems[`s${i}.startsAt`] = t('editor.dateRequired');
    if (!session.endsAt) problems[`s${i}.endsAt`] = t('editor.dateRequired');
    else if (session.startsAt && session.endsAt <= session.startsAt)
      problems[`s${i}.endsAt`] = t('editor.endBeforeStart');
    if (session.mode === 'online' && !/^https:\/\/\S+\.\S+/.test(session.joinUrl.trim()))
      problems[`s${i}.joinUrl`] = t('editor.httpsRequired');
    if (session.mode === 'onsite' && !session.venue.trim()) problems[`s${i}.venue`] = required;
  });
  if (draft.capacity !== '' && (!Number.isInteger(draft.capacity) || draft.capacity < 1))
    problems.capacity = t('editor.capacityRange');
  if (!draft.opensAt) problems.opensAt = t('editor.dateRequired');
  if (!draft.closesAt) problems.closesAt = t('editor.dateRequired');
  else if (draft.opensAt && draft.closesAt <= draft.opensAt) problems.closesAt = t('editor.endBeforeStart');
  if (draft.rule === 'min_share' && (draft.percent === '' || draft.percent < 1 || draft.percent > 100))
    problems.percent = t('editor.percentRange');
  if (
    draft.issueAfterDays !== '' &&
    (!Number.isInteger(draft.issueAfterDays) || draft.issueAfterDays < 0 || draft.issueAfterDays > 365)
  )
    problems.issueAfterDays = t('editor.daysRange');
  if (!draft.signatoryName.trim()) problems.signatoryName = required;
  if (!draft.signatoryTitle.trim()) problems.signatoryTitle = required;
  const shown = (key: string) => (submitted ? problems[key] : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    create.mutate(
      { data: toEventBody(draft) },
      {
        onSuccess: (response) => {
          void queryClient.invalidateQueries({ queryKey: getEventsControllerListQueryKey().slice(0, 1) });
          notifications.show({ color: 'teal', message: t('editor.created') });
          void navigate(`/events/${response.data.id}`);
        },
      },
    );
  };

  const kindOptions = KINDS.map((kind) => {
    const item = taxonomy.taxonomy?.eventSessionKinds?.find((entry) => entry.code === kind);
    return { value: kind, label: item ? pickText(item, language) : t(`kinds.${kind}`) };
  });

  const organiserPicker =
    draft.organiserType === 'area' ? (
      <AreaSelect
        label={t('editor.area')}
        required
        size="md"
        styles={FIELD}
        value={draft.organiserId}
        onChange={(value) => set('organiserId', value)}
        only={choices.isObec ? undefined : choices.areas}
        error={shown('organiser')}
      />
    ) : draft.organiserType === 'school' && choices.areas.length > 0 ? (
      <SchoolSelect
        label={t('editor.school')}
        required
        size="md"
        styles={FIELD}
        value={draft.organiserId}
        onChange={(value) => set('organiserId', value)}
        areaId={choices.areas.length === 1 ? choices.areas[0] : undefined}
        error={shown('organiser')}
      />
    ) : draft.organiserType === 'school' && draft.organiserId ? (
      <Text fw={600}>
        <SchoolName id={draft.organiserId} />
      </Text>
    ) : draft.organiserType === 'partner' ? (
      <PartnerSelect
        label={t('editor.partner')}
        required
        size="md"
        styles={FIELD}
        value={draft.organiserId}
        onChange={(value) => set('organiserId', value)}
        disabled={choices.partners.length === 1}
        error={shown('organiser')}
      />
    ) : null;

  return (
    <Page title={t('editor.title')} size="sm">
      <Text c="gray.7">{t('editor.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <NativeSelect
            label={t('editor.kind')}
            size="md"
            styles={FIELD}
            value={draft.kind}
            onChange={(event) => set('kind', event.currentTarget.value as EventDraft['kind'])}
            data={kindOptions}
          />
          <TextInput
            label={t('editor.eventTitle')}
            required
            size="md"
            styles={FIELD}
            maxLength={200}
            value={draft.title}
            onChange={(event) => set('title', event.currentTarget.value)}
            error={shown('title')}
          />
          <Textarea
            label={t('editor.description')}
            autosize
            minRows={3}
            size="md"
            maxLength={10000}
            value={draft.description}
            onChange={(event) => set('description', event.currentTarget.value)}
          />

          <Stack gap={6}>
            {choices.types.length > 1 ? (
              <NativeSelect
                label={t('editor.organiser')}
                size="md"
                styles={FIELD}
                value={draft.organiserType}
                onChange={(event) =>
                  setDraft((old) => ({
                    ...old,
                    organiserType: event.currentTarget.value as OrganiserType,
                    organiserId: null,
                  }))
                }
                data={choices.types.map((type) => ({
                  value: type,
                  label: t(`editor.organiserType.${type}`),
                }))}
              />
            ) : (
              <Text size="sm" fw={500}>
                {t('editor.organiser')}: {t(`editor.organiserType.${draft.organiserType}`)}
              </Text>
            )}
            {organiserPicker}
          </Stack>

          <Title order={3} size="h4">
            {t('editor.sessions')}
          </Title>
          {draft.sessions.map((session, index) => (
            <Card key={session.key} withBorder padding="sm" radius="md" data-testid="session-form">
              <Stack gap="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={700}>{t('editor.sessionNo', { no: index + 1 })}</Text>
                  {draft.sessions.length > 1 ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size={44}
                      aria-label={t('editor.removeSession', { no: index + 1 })}
                      onClick={() =>
                        setDraft((old) => ({ ...old, sessions: old.sessions.filter((_, i) => i !== index) }))
                      }
                    >
                      <IconTrash size={20} aria-hidden />
                    </ActionIcon>
                  ) : null}
                </Group>
                <TextInput
                  label={t('editor.sessionTitle')}
                  required
                  size="md"
                  styles={FIELD}
                  maxLength={200}
                  value={session.title}
                  onChange={(event) => setSession(index, 'title', event.currentTarget.value)}
                  error={shown(`s${index}.title`)}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    type="datetime-local"
                    label={t('editor.startsAt')}
                    required
                    size="md"
                    styles={FIELD}
                    value={session.startsAt}
                    onChange={(event) => setSession(index, 'startsAt', event.currentTarget.value)}
                    error={shown(`s${index}.startsAt`)}
                  />
                  <TextInput
                    type="datetime-local"
                    label={t('editor.endsAt')}
                    required
                    size="md"
                    styles={FIELD}
                    value={session.endsAt}
                    onChange={(event) => setSession(index, 'endsAt', event.currentTarget.value)}
                    error={shown(`s${index}.endsAt`)}
                  />
                </SimpleGrid>
                <SegmentedControl
                  aria-label={t('editor.mode')}
                  fullWidth
                  size="md"
                  value={session.mode}
                  onChange={(value) => setSession(index, 'mode', value as SessionDraft['mode'])}
                  data={[
                    { value: 'online', label: t('mode.online') },
                    { value: 'onsite', label: t('mode.onsite') },
                  ]}
                />
                {session.mode === 'online' ? (
                  <TextInput
                    type="url"
                    label={t('editor.joinUrl')}
                    placeholder="https://"
                    required
                    size="md"
                    styles={FIELD}
                    value={session.joinUrl}
                    onChange={(event) => setSession(index, 'joinUrl', event.currentTarget.value)}
                    error={shown(`s${index}.joinUrl`)}
                  />
                ) : (
                  <TextInput
                    label={t('editor.venue')}
                    required
                    size="md"
                    styles={FIELD}
                    maxLength={300}
                    value={session.venue}
                    onChange={(event) => setSession(index, 'venue', event.currentTarget.value)}
                    error={shown(`s${index}.venue`)}
                  />
                )}
                <NativeSelect
                  label={t('editor.checkpoints')}
                  size="md"
                  styles={FIELD}
                  value={String(session.checkpoints)}
                  onChange={(event) =>
                    setSession(index, 'checkpoints', Number(event.currentTarget.value) as 1 | 2)
                  }
                  data={[
                    { value: '1', label: t('editor.checkpointsOne') },
                    { value: '2', label: t('editor.checkpointsTwo') },
                  ]}
                />
              </Stack>
            </Card>
          ))}
          <Button
            variant="light"
            h={44}
            leftSection={<IconPlus size={18} aria-hidden />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setDraft((old) => ({ ...old, sessions: [...old.sessions, newSession()] }))}
          >
            {t('editor.addSession')}
          </Button>

          <Title order={3} size="h4">
            {t('editor.registration')}
          </Title>
          <NumberInput
            label={t('editor.capacity')}
            description={t('editor.capacityHint')}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            inputMode="numeric"
            size="md"
            styles={FIELD}
            value={draft.capacity}
            onChange={(value) => set('capacity', value === '' ? '' : Number(value))}
            error={shown('capacity')}
          />
          <Switch
            size="md"
            label={t('editor.waitlist')}
            checked={draft.waitlist}
            onChange={(event) => set('waitlist', event.currentTarget.checked)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              type="datetime-local"
              label={t('editor.opensAt')}
              required
              size="md"
              styles={FIELD}
              value={draft.opensAt}
              onChange={(event) => set('opensAt', event.currentTarget.value)}
              error={shown('opensAt')}
            />
            <TextInput
              type="datetime-local"
              label={t('editor.closesAt')}
              required
              size="md"
              styles={FIELD}
              value={draft.closesAt}
              onChange={(event) => set('closesAt', event.currentTarget.value)}
              error={shown('closesAt')}
            />
          </SimpleGrid>

          <Title order={3} size="h4">
            {t('editor.completion')}
          </Title>
          <SegmentedControl
            aria-label={t('editor.completion')}
            fullWidth
            size="md"
            value={draft.rule}
            onChange={(value) => set('rule', value as EventDraft['rule'])}
            data={[
              { value: 'all_sessions', label: t('editor.ruleAll') },
              { value: 'min_share', label: t('editor.ruleShare') },
            ]}
          />
          {draft.rule === 'min_share' ? (
            <NumberInput
              label={t('editor.percent')}
              min={1}
              max={100}
              suffix=" %"
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              hideControls
              inputMode="numeric"
              size="md"
              styles={FIELD}
              value={draft.percent}
              onChange={(value) => set('percent', value === '' ? '' : Number(value))}
              error={shown('percent')}
            />
          ) : null}
          <Switch
            size="md"
            label={t('editor.evaluationRequired')}
            checked={draft.evaluationRequired}
            onChange={(event) => set('evaluationRequired', event.currentTarget.checked)}
          />

          <Title order={3} size="h4">
            {t('editor.certificate')}
          </Title>
          <NumberInput
            label={t('editor.issueAfterDays')}
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            hideControls
            inputMode="numeric"
            size="md"
            styles={FIELD}
            value={draft.issueAfterDays}
            onChange={(value) => set('issueAfterDays', value === '' ? '' : Number(value))}
            error={shown('issueAfterDays')}
          />
          <TextInput
            label={t('editor.signatoryName')}
            required
            size="md"
            styles={FIELD}
            maxLength={200}
            value={draft.signatoryName}
            onChange={(event) => set('signatoryName', event.currentTarget.value)}
            error={shown('signatoryName')}
          />
          <TextInput
            label={t('editor.signatoryTitle')}
            required
            size="md"
            styles={FIELD}
            maxLength={200}
            value={draft.signatoryTitle}
            onChange={(event) => set('signatoryTitle', event.currentTarget.value)}
            error={shown('signatoryTitle')}
          />

          <ProblemAlert error={create.error} title={t('editor.errorTitle')} />
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to="/events" variant="default" h={44}>
              {t('editor.back')}
            </Button>
            <Button type="submit" h={44} loading={create.isPending}>
              {t('editor.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}

/** For organisers, while the event has not ended and is not cancelled: cancel it, with a reason. */
export function CancelEventButton({ event }: { event: EventResponse }) {
  const { t } = useTranslation('activities');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const cancel = useEventsControllerCancel();
  if (
    !event.me.organiser ||
    event.phase === 'ended' ||
    event.phase === 'cancelled' ||
    event.status === 'cancelled'
  )
    return null;
  const error = submitted && !reason.trim() ? t('editor.reasonRequired') : undefined;
  const onSubmit = (form: FormEvent) => {
    form.preventDefault();
    setSubmitted(true);
    if (!reason.trim()) return;
    cancel.mutate(
      { id: event.id, data: { reason: reason.trim() } },
      {
        onSuccess: () => {
          setOpen(false);
          notifications.show({ color: 'teal', message: t('editor.cancelled') });
          void queryClient.invalidateQueries({ queryKey: getEventsControllerGetQueryKey(event.id) });
          void queryClient.invalidateQueries({ queryKey: getEventsControllerListQueryKey().slice(0, 1) });
        },
      },
    );
  };
  return (
    <>
      <Button color="red" variant="outline" h={44} onClick={() => setOpen(true)}>
        {t('editor.cancelEvent')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('editor.cancelTitle')} centered>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('editor.cancelIntro')}</Text>
            <Textarea
              label={t('editor.reason')}
              required
              autosize
              minRows={3}
              size="md"
              maxLength={1000}
              value={reason}
              onChange={(change) => setReason(change.currentTarget.value)}
              error={error}
              data-autofocus
            />
            <ProblemAlert error={cancel.error} title={t('editor.cancelError')} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" h={44} onClick={() => setOpen(false)}>
                {t('editor.keep')}
              </Button>
              <Button type="submit" color="red" h={44} loading={cancel.isPending}>
                {t('editor.confirmCancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
