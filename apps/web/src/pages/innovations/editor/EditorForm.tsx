/**
 * The innovation editor: content (title, summary, Markdown body), taxonomy, cover and attachments, classroom
 * context and links, licence; Save draft / Publish in a bar that stays at the bottom of the screen. A new
 * innovation becomes a draft on its first save (or its first file) and the address turns into
 * /innovations/:id/edit. Publishing checks the required fields here first, then the API's check; its field
 * errors are shown next to the fields.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Input,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDeviceFloppy,
  IconExternalLink,
  IconHistory,
  IconLink,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate } from 'react-router';
import {
  getInnovationsControllerGetQueryKey,
  innovationsControllerGetResponse,
  useInnovationsControllerCreate,
  useInnovationsControllerPublish,
  useInnovationsControllerUpdate,
} from '../../../api/generated/innovations/innovations';
import type {
  InnovationResponse,
  InnovationsTaxonomyResponse,
  InnovationWithAttachmentsResponse,
} from '../../../api/generated/model';
import { ApiError } from '../../../api/http';
import { Page } from '../../../components/Page';
import { problemMessage, ProblemAlert } from '../../../components/ProblemAlert';
import { formatNumber } from '../../../format/format';
import { AttachmentsPanel } from './AttachmentsPanel';
import classes from './Editor.module.css';
import {
  EditorField,
  EditorValues,
  emptyValues,
  fieldErrorsFromProblem,
  FieldErrors,
  firstErrorField,
  LICENSES,
  LIMITS,
  sameContent,
  SCHOOL_SIZES,
  SETTINGS,
  toDto,
  validateForPublish,
  validateForSave,
  valuesFrom,
} from './formModel';
import { MarkdownField } from './MarkdownField';
import { TaxonomyFields } from './TaxonomyFields';
import { VersionHistory } from './VersionHistory';

type Status = InnovationWithAttachmentsResponse['status'];

/** Which field an edit belongs to, so its error clears as the teacher fixes it. */
const FIELD_OF: Partial<Record<keyof EditorValues, EditorField>> = {
  title: 'title',
  summary: 'summary',
  body: 'body',
  learningAreas: 'learningAreas',
  gradeLevels: 'gradeLevels',
  framework: 'competencies',
  competencies: 'competencies',
  techniques: 'techniques',
  tags: 'tags',
  schoolSize: 'context',
  setting: 'context',
  classSize: 'context',
  links: 'links',
  license: 'license',
};

function focusField(field: EditorField | undefined) {
  if (!field) return;
  const box = document.getElementById(`editor-field-${field}`);
  if (!box) return;
  box.scrollIntoView({ behavior: 'smooth', block: 'center' });
  const input = box.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea');
  input?.focus({ preventScroll: true });
}

function isInnovationKey(key: readonly unknown[]): boolean {
  const first = key[0];
  return (
    typeof first === 'string' && (first.startsWith('/api/v1/innovations') || first.startsWith('/api/v1/me/'))
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', xs: 'md' }} component="section">
      <Title order={2} size="h4" mb={hint ? 2 : 'sm'}>
        {title}
      </Title>
      {hint ? (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

export function EditorForm({
  taxonomy,
  innovation,
  onCreated,
}: {
  taxonomy: InnovationsTaxonomyResponse;
  /** The innovation being edited; none for a new one. */
  innovation?: InnovationWithAttachmentsResponse;
  /** Called with the new draft's id before the address changes to /innovations/:id/edit. */
  onCreated?: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('editor');
  const language = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const [values, setValues] = useState<EditorValues>(() =>
    innovation ? valuesFrom(innovation, taxonomy) : emptyValues(taxonomy),
  );
  const [saved, setSaved] = useState<EditorValues>(values);
  const [innovationId, setInnovationId] = useState<string | null>(innovation?.id ?? null);
  const [status, setStatus] = useState<Status>(innovation?.status ?? 'draft');
  const [version, setVersion] = useState<number | null>(innovation?.version ?? null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [actionError, setActionError] = useState<unknown>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const creating = useRef<Promise<string | null> | null>(null);

  const create = useInnovationsControllerCreate();
  const update = useInnovationsControllerUpdate();
  const publish = useInnovationsControllerPublish();
  const saving = create.isPending || update.isPending;
  const busy = saving || publish.isPending;
  const dirty = !sameContent(values, saved);
  const isDraft = status === 'draft';

  // Leaving the page with unsaved work asks first: a link or tab of the app (held back here, the page stays until
  // the member chooses), or closing the tab, reloading, another site (the browser's own question).
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  const leavingOnPurpose = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyNow.current && !leavingOnPurpose.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (patch: Partial<EditorValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    const touched = Object.keys(patch)
      .map((key) => FIELD_OF[key as keyof EditorValues])
      .filter((field): field is EditorField => Boolean(field));
    if (touched.some((field) => errors[field])) {
      setErrors((current) => {
        const next = { ...current };
        for (const field of touched) delete next[field];
        return next;
      });
    }
  };

  const errorOf = (field: EditorField): string | undefined => {
    const code = errors[field];
    if (!code) return undefined;
    return code.startsWith('=') ? code.slice(1) : t(`errors.${code}`);
  };

  const remember = (response: InnovationResponse, sent: EditorValues) => {
    setSaved(sent);
    setErrors({});
    setStatus(response.status);
    setVersion(response.version);
    queryClient.setQueryData<innovationsControllerGetResponse>(
      getInnovationsControllerGetQueryKey(response.id),
      (old) => ({
        data: { ...response, attachments: old?.data.attachments ?? [] },
        status: 200,
        headers: old?.headers ?? new Headers(),
      }),
    );
    void queryClient.invalidateQueries({
      predicate: (query) => isInnovationKey(query.queryKey),
      refetchType: 'none',
    });
  };

  /** Saves what the form holds; answers the innovation's id, or null (the errors are then on screen). */
  const persist = async (): Promise<string | null> => {
    const found = validateForSave(values);
    if (firstErrorField(found)) {
      setErrors(found);
      focusField(firstErrorField(found));
      return null;
    }
    const sent = values;
    setActionError(null);
    try {
      if (innovationId) {
        const response = await update.mutateAsync({ id: innovationId, data: toDto(sent) });
        remember(response.data, sent);
        return innovationId;
      }
      const response = await create.mutateAsync({ data: toDto(sent) });
      const id = response.data.id;
      remember(response.data, sent);
      setInnovationId(id);
      onCreated?.(id);
      leavingOnPurpose.current = true;
      void Promise.resolve(navigate(`/innovations/${id}/edit`, { replace: true })).finally(
        () => (leavingOnPurpose.current = false),
      );
      return id;
    } catch (error) {
      const found = fieldErrorsFromProblem(error);
      setErrors(found);
      setActionError(error);
      focusField(firstErrorField(found));
      return null;
    }
  };

  const onSave = async () => {
    const id = await persist();
    if (id) {
      notifications.show({
        color: 'lc',
        message: isDraft ? t('saved.draft') : t('saved.published'),
      });
    }
  };

  /** For files: the innovation's id, saving a new one as a draft first (it needs a title for that). */
  const ensureInnovation = async (): Promise<string | null> => {
    if (innovationId) return innovationId;
    if (!values.title.trim()) {
      setErrors((current) => ({ ...current, title: 'titleForFiles' }));
      focusField('title');
      return null;
    }
    creating.current ??= persist().finally(() => (creating.current = null));
    return creating.current;
  };

  const onPublish = async () => {
    const found = validateForPublish(values);
    if (firstErrorField(found)) {
      setErrors(found);
      setActionError(null);
      focusField(firstErrorField(found));
      notifications.show({
        color: 'red',
        title: t('publish.incompleteTitle'),
        message: t('publish.incomplete'),
      });
      return;
    }
    const id = await persist();
    if (!id) return;
    try {
      await publish.mutateAsync({ id });
      void queryClient.invalidateQueries({ predicate: (query) => isInnovationKey(query.queryKey) });
      notifications.show({ color: 'lc', title: t('publish.doneTitle'), message: t('publish.done') });
      leavingOnPurpose.current = true;
      void navigate(`/innovations/${id}`);
    } catch (error) {
      const fromApi = fieldErrorsFromProblem(error);
      setErrors(fromApi);
      setActionError(error);
      focusField(firstErrorField(fromApi));
    }
  };

  const conflict = actionError instanceof ApiError && actionError.status === 409;
  // The field errors are next to their fields: the alert says what happened, in the reader's language.
  const fieldsFailed =
    actionError instanceof ApiError && firstErrorField(fieldErrorsFromProblem(actionError)) !== undefined;
  const licenseOptions = LICENSES.map((value) => ({ value, label: t(`license.${value}.name`) }));

  return (
    <div className={classes.form}>
      <Page
        title={innovationId ? t('titleEdit') : t('titleNew')}
        actions={
          <Group gap="xs">
            <Badge
              size="lg"
              variant="light"
              color={isDraft ? 'gray' : status === 'published' ? 'lc' : 'orange'}
            >
              {t(`status.${status}`)}
            </Badge>
            {innovationId && !isDraft ? (
              <Button
                variant="default"
                leftSection={<IconHistory size={20} aria-hidden />}
                onClick={() => setHistoryOpen(true)}
                data-testid="editor-history"
              >
                {t('history.open')}
              </Button>
            ) : null}
          </Group>
        }
      >
        {innovation?.moderationReason && status === 'hidden' ? (
          <Alert color="orange" title={t('hiddenTitle')}>
            {innovation.moderationReason}
          </Alert>
        ) : null}

        <Section title={t('sections.content')}>
          <Stack gap="lg">
            <Box id="editor-field-title" className={classes.section}>
              <TextInput
                label={t('fields.title')}
                description={t('fields.titleHint')}
                placeholder={t('fields.titlePlaceholder')}
                value={values.title}
                onChange={(event) => change({ title: event.currentTarget.value })}
                maxLength={LIMITS.title}
                error={errorOf('title')}
                withAsterisk
                size="lg"
                data-testid="editor-title"
              />
            </Box>
            <Box id="editor-field-summary" className={classes.section}>
              <Textarea
                label={t('fields.summary')}
                description={t('fields.summaryHint')}
                placeholder={t('fields.summaryPlaceholder')}
                value={values.summary}
                onChange={(event) => change({ summary: event.currentTarget.value })}
                maxLength={LIMITS.summary}
                autosize
                minRows={3}
                maxRows={10}
                error={errorOf('summary')}
                withAsterisk
                size="md"
                styles={{ input: { fontSize: 16 } }}
                data-testid="editor-summary"
              />
              <Text size="sm" c="dimmed" ta="right" mt={4}>
                {t('counter', {
                  count: formatNumber(values.summary.length, language),
                  max: formatNumber(LIMITS.summary, language),
                })}
              </Text>
            </Box>
            <Box id="editor-field-body" className={classes.section}>
              <MarkdownField
                label={t('fields.body')}
                description={t('fields.bodyHint')}
                value={values.body}
                onChange={(body) => change({ body })}
                error={errorOf('body')}
                maxLength={LIMITS.body}
                required
              />
            </Box>
          </Stack>
        </Section>

        <Section title={t('sections.taxonomy')} hint={t('sections.taxonomyHint')}>
          <TaxonomyFields values={values} onChange={change} taxonomy={taxonomy} errorOf={errorOf} />
        </Section>

        <Section title={t('sections.files')}>
          <AttachmentsPanel innovationId={innovationId} ensureInnovation={ensureInnovation} />
        </Section>

        <Section title={t('sections.context')} hint={t('sections.contextHint')}>
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" id="editor-field-context">
              <Select
                label={t('context.schoolSize')}
                placeholder={t('fields.pick')}
                data={[
                  { value: '', label: t('context.unspecified') },
                  ...SCHOOL_SIZES.map((value) => ({ value, label: t(`context.size.${value}`) })),
                ]}
                value={values.schoolSize ?? ''}
                onChange={(schoolSize) => change({ schoolSize: schoolSize || null })}
                allowDeselect={false}
                size="md"
              />
              <Select
                label={t('context.setting')}
                placeholder={t('fields.pick')}
                data={[
                  { value: '', label: t('context.unspecified') },
                  ...SETTINGS.map((value) => ({ value, label: t(`context.place.${value}`) })),
                ]}
                value={values.setting ?? ''}
                onChange={(setting) => change({ setting: setting || null })}
                allowDeselect={false}
                size="md"
              />
              <NumberInput
                label={t('context.classSize')}
                placeholder={t('context.classSizePlaceholder')}
                value={values.classSize ?? ''}
                onChange={(value) => change({ classSize: typeof value === 'number' ? value : null })}
                min={LIMITS.classSizeMin}
                max={LIMITS.classSizeMax}
                allowDecimal={false}
                allowNegative={false}
                error={errorOf('context')}
                size="md"
                inputMode="numeric"
                hideControls
              />
            </SimpleGrid>
            <LinksField values={values} onChange={change} error={errorOf('links')} />
          </Stack>
        </Section>

        <Section title={t('sections.license')}>
          <Box id="editor-field-license">
            <Select
              label={t('fields.license')}
              data={licenseOptions}
              value={values.license}
              onChange={(license) => license && change({ license: license as EditorValues['license'] })}
              allowDeselect={false}
              error={errorOf('license')}
              size="md"
              description={t(`license.${values.license}.description`)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid="editor-license"
            />
          </Box>
        </Section>

        {conflict ? (
          <Alert color="orange" variant="light" role="alert" title={t('conflict.title')}>
            <Text size="sm">{problemMessage(actionError, t('conflict.body'))}</Text>
            <Text size="sm" mt={4}>
              {t('conflict.body')}
            </Text>
            <Button mt="sm" variant="white" onClick={() => window.location.reload()}>
              {t('conflict.reload')}
            </Button>
          </Alert>
        ) : fieldsFailed ? (
          <Alert color="red" variant="light" role="alert" title={t('errors.title')}>
            {(actionError as ApiError).problem.detail ?? (actionError as ApiError).problem.title}{' '}
            {t('errors.seeFields')}
          </Alert>
        ) : (
          <ProblemAlert error={actionError} title={t('errors.title')} />
        )}

        <div className={classes.bar} data-testid="editor-bar">
          <Text
            size="xs"
            lh={1.3}
            c={dirty ? 'orange.9' : 'dimmed'}
            mb={{ base: 4, sm: 0 }}
            aria-live="polite"
          >
            {dirty ? t('bar.unsaved') : innovationId ? t('bar.saved') : t('bar.new')}
          </Text>
          <Group gap="sm" wrap="nowrap" justify="flex-end">
            <Button
              className={classes.barButton}
              variant={isDraft ? 'default' : 'filled'}
              leftSection={<IconDeviceFloppy size={20} aria-hidden />}
              onClick={() => void onSave()}
              loading={saving && !publish.isPending}
              disabled={busy}
              data-testid="editor-save"
            >
              {isDraft ? t('bar.saveDraft') : t('bar.saveChanges')}
            </Button>
            {isDraft ? (
              <Button
                className={classes.barButton}
                leftSection={<IconSend size={20} aria-hidden />}
                onClick={() => void onPublish()}
                loading={publish.isPending}
                disabled={busy}
                data-testid="editor-publish"
              >
                {t('bar.publish')}
              </Button>
            ) : innovationId ? (
              <Button
                component={Link}
                to={`/innovations/${innovationId}`}
                variant="default"
                leftSection={<IconExternalLink size={20} aria-hidden />}
              >
                {t('bar.viewShort')}
              </Button>
            ) : null}
          </Group>
        </div>

        {innovationId ? (
          <VersionHistory
            innovationId={innovationId}
            currentVersion={isDraft ? null : version}
            opened={historyOpen}
            onClose={() => setHistoryOpen(false)}
          />
        ) : null}
      </Page>
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('leave.title')}
        centered
        radius="lg"
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Stack gap="md">
          <Text>{t('leave.body')}</Text>
          <Group justify="flex-end" gap="sm" wrap="wrap-reverse">
            <Button variant="default" onClick={() => blocker.proceed?.()} data-testid="editor-leave">
              {t('leave.discard')}
            </Button>
            <Button onClick={() => blocker.reset?.()} data-testid="editor-stay">
              {t('leave.stay')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}

function LinksField({
  values,
  onChange,
  error,
}: {
  values: EditorValues;
  onChange: (patch: Partial<EditorValues>) => void;
  error?: string;
}) {
  const { t } = useTranslation('editor');
  const setLink = (index: number, patch: Partial<EditorValues['links'][number]>) =>
    onChange({ links: values.links.map((link, at) => (at === index ? { ...link, ...patch } : link)) });
  return (
    <Box id="editor-field-links">
      <Input.Label labelElement="div" size="md">
        {t('links.title')}
      </Input.Label>
      <Input.Description size="md" mb="xs">
        {t('links.hint')}
      </Input.Description>
      <Stack gap="sm">
        {values.links.map((link, index) => (
          <Paper key={index} withBorder p="sm" radius="md" bg="gray.0">
            <Group align="start" gap="xs" wrap="nowrap">
              <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
                <TextInput
                  label={t('links.url', { number: index + 1 })}
                  placeholder={t('links.urlPlaceholder')}
                  value={link.url}
                  onChange={(event) => setLink(index, { url: event.currentTarget.value })}
                  type="url"
                  inputMode="url"
                  leftSection={<IconLink size={18} aria-hidden />}
                  maxLength={2000}
                  size="md"
                />
                <TextInput
                  label={t('links.label')}
                  placeholder={t('links.labelPlaceholder')}
                  value={link.title}
                  onChange={(event) => setLink(index, { title: event.currentTarget.value })}
                  maxLength={200}
                  size="md"
                />
              </Stack>
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                onClick={() => onChange({ links: values.links.filter((_, at) => at !== index) })}
                aria-label={t('links.remove', { number: index + 1 })}
              >
                <IconTrash size={20} aria-hidden />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        {error ? (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
        {values.links.length < LIMITS.links ? (
          <Button
            variant="subtle"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => onChange({ links: [...values.links, { url: '', title: '' }] })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('links.add')}
          </Button>
        ) : null}
      </Stack>
    </Box>
  );
}
