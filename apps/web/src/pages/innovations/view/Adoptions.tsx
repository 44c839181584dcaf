/**
 * "ฉันนำไปใช้แล้ว": a teacher tells how they used the innovation in their own class (grade, class size, date, what
 * happened), optionally with evidence; and the reports of others, newest first.
 */
import {
  Alert,
  Anchor,
  Avatar,
  Badge,
  Box,
  Button,
  FileInput,
  Group,
  NumberInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Skeleton,
  Spoiler,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendar, IconCircleCheck, IconLogin, IconPaperclip, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  feedbackControllerAdoptions,
  getFeedbackControllerAdoptionsQueryKey,
  useFeedbackControllerAdopt,
} from '../../../api/generated/feedback/feedback';
import { getInnovationsControllerGetQueryKey } from '../../../api/generated/innovations/innovations';
import type {
  InnovationAdoptionListItemResponse,
  InnovationWithAttachmentsResponse,
} from '../../../api/generated/model';
import { uploadWithProgress } from '../../../api/http';
import { useAuth } from '../../../auth/AuthProvider';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { BANGKOK, formatDate, formatNumber } from '../../../format/format';
import { initialOf } from './initial';
import classes from './innovations.module.css';
import type { Taxonomy } from './taxonomy';
import { useSignIn } from './useSignIn';

const EVIDENCE_TYPES = 'image/*,application/pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.odt,.odp,.ods';

function todayInBangkok(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BANGKOK }).format(new Date());
}

interface Errors {
  gradeLevel?: string;
  classSize?: string;
  usedOn?: string;
}

function AdoptionForm({
  innovation,
  taxonomy,
}: {
  innovation: InnovationWithAttachmentsResponse;
  taxonomy: Taxonomy;
}) {
  const { t, i18n } = useTranslation('innovations');
  const english = i18n.language === 'en';
  const queryClient = useQueryClient();
  const today = todayInBangkok();
  const [gradeLevel, setGradeLevel] = useState<string | null>(
    innovation.gradeLevels.length === 1 ? (innovation.gradeLevels[0] ?? null) : null,
  );
  const [classSize, setClassSize] = useState<number | string>('');
  const [usedOn, setUsedOn] = useState(today);
  const [notes, setNotes] = useState('');
  const [evidence, setEvidence] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  /** A report saved whose evidence did not arrive: the next submit only sends the file again. */
  const [retryEvidenceFor, setRetryEvidenceFor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const adopt = useFeedbackControllerAdopt();

  const gradeOptions = useMemo(() => {
    const all = taxonomy.data?.gradeLevels ?? [];
    const own = new Set(innovation.gradeLevels);
    // The innovation's own grades first, then every other grade.
    return [...all.filter((g) => own.has(g.code)), ...all.filter((g) => !own.has(g.code))].map((g) => ({
      value: g.code,
      label: english ? g.en : g.th,
    }));
  }, [taxonomy.data, innovation.gradeLevels, english]);

  const validate = (): Errors => {
    const next: Errors = {};
    if (!gradeLevel) next.gradeLevel = t('adoption.errors.grade');
    const size = typeof classSize === 'number' ? classSize : Number.NaN;
    if (!Number.isInteger(size) || size < 1 || size > 200) next.classSize = t('adoption.errors.classSize');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(usedOn) || usedOn > today) next.usedOn = t('adoption.errors.usedOn');
    return next;
  };

  const create = async (): Promise<string | null> => {
    try {
      const response = await adopt.mutateAsync({
        id: innovation.id,
        data: {
          gradeLevel: gradeLevel!,
          classSize: Number(classSize),
          usedOn,
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        },
      });
      return response.data.id;
    } catch {
      return null; // shown by ProblemAlert
    }
  };

  /** Sends the evidence file; false when it did not arrive (the report itself is saved). */
  const upload = async (adoptionId: string, file: File): Promise<boolean> => {
    const form = new FormData();
    form.append('file', file);
    setProgress(0);
    try {
      await uploadWithProgress(
        `/api/v1/innovations/${innovation.id}/adoptions/${adoptionId}/evidence`,
        form,
        setProgress,
      );
      return true;
    } catch (error) {
      setUploadError(error);
      return false;
    } finally {
      setProgress(null);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = retryEvidenceFor ? {} : validate();
    setErrors(found);
    setUploadError(null);
    if (Object.keys(found).length) return;
    const adoptionId = retryEvidenceFor ?? (await create());
    if (!adoptionId) return;
    const uploaded = evidence ? await upload(adoptionId, evidence) : true;
    setRetryEvidenceFor(uploaded ? null : adoptionId);
    notifications.show({
      color: uploaded ? 'teal' : 'yellow',
      title: t('adoption.thanksTitle'),
      message: uploaded ? t('adoption.thanks') : t('adoption.savedWithoutEvidence'),
    });
    if (uploaded) {
      setNotes('');
      setClassSize('');
      setEvidence(null);
      setDone(true);
    }
    void queryClient.invalidateQueries({ queryKey: getFeedbackControllerAdoptionsQueryKey(innovation.id) });
    void queryClient.invalidateQueries({ queryKey: getInnovationsControllerGetQueryKey(innovation.id) });
  };

  if (done) {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={20} />}
        title={t('adoption.thanksTitle')}
      >
        {t('adoption.doneHint')}
      </Alert>
    );
  }

  return (
    <Box component="form" onSubmit={submit} noValidate data-testid="adoption-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('adoption.grade')}
            placeholder={t('adoption.gradePlaceholder')}
            data={gradeOptions}
            value={gradeLevel}
            onChange={setGradeLevel}
            error={errors.gradeLevel}
            required
            size="md"
            comboboxProps={{ withinPortal: true }}
          />
          <NumberInput
            label={t('adoption.classSize')}
            placeholder={t('adoption.classSizePlaceholder')}
            min={1}
            max={200}
            allowDecimal={false}
            allowNegative={false}
            value={classSize}
            onChange={setClassSize}
            error={errors.classSize}
            required
            size="md"
            inputMode="numeric"
          />
        </SimpleGrid>
        <TextInput
          type="date"
          label={t('adoption.usedOn')}
          description={
            /^\d{4}-\d{2}-\d{2}$/.test(usedOn)
              ? formatDate(`${usedOn}T12:00:00+07:00`, i18n.language)
              : undefined
          }
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          max={today}
          value={usedOn}
          onChange={(event) => setUsedOn(event.currentTarget.value)}
          error={errors.usedOn}
          required
          size="md"
        />
        <Textarea
          label={t('adoption.notes')}
          description={t('adoption.notesHint')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          size="md"
        />
        <FileInput
          label={t('adoption.evidence')}
          description={t('adoption.evidenceHint')}
          placeholder={t('adoption.evidencePlaceholder')}
          accept={EVIDENCE_TYPES}
          value={evidence}
          onChange={setEvidence}
          clearable
          size="md"
          leftSection={<IconPaperclip size={18} aria-hidden />}
          clearButtonProps={{ 'aria-label': t('adoption.evidenceClear') }}
        />
        {progress != null && (
          <Progress value={progress * 100} aria-label={t('adoption.uploading')} animated />
        )}
        <ProblemAlert error={adopt.error} />
        <ProblemAlert error={uploadError} title={t('adoption.uploadFailed')} />
        <Group>
          <Button
            type="submit"
            h={44}
            loading={adopt.isPending || progress != null}
            data-testid="adoption-submit"
          >
            {retryEvidenceFor ? t('adoption.retryEvidence') : t('adoption.submit')}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

function AdoptionItem({
  innovationId,
  item,
  taxonomy,
}: {
  innovationId: string;
  item: InnovationAdoptionListItemResponse;
  taxonomy: Taxonomy;
}) {
  const { t, i18n } = useTranslation('innovations');
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" data-testid="adoption">
      <Avatar size={40} radius="xl" color="teal" aria-hidden>
        {initialOf(item.reporter.displayName)}
      </Avatar>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <div>
          <Anchor component={Link} to={`/members/${item.reporter.id}`} fw={700} c="dark">
            {item.reporter.displayName}
          </Anchor>
          {item.school && (
            <Text size="sm" c="dimmed">
              {item.school.name}
            </Text>
          )}
        </div>
        <Group gap={6} wrap="wrap">
          <Badge variant="light" color="lc" radius="sm" tt="none" size="lg">
            {taxonomy.gradeShort(item.gradeLevel)}
          </Badge>
          <Badge
            variant="light"
            color="gray"
            radius="sm"
            tt="none"
            size="lg"
            leftSection={<IconUsers size={14} aria-hidden />}
          >
            {t('adoption.students', {
              count: item.classSize,
              formatted: formatNumber(item.classSize, i18n.language),
            })}
          </Badge>
          <Badge
            variant="light"
            color="gray"
            radius="sm"
            tt="none"
            size="lg"
            leftSection={<IconCalendar size={14} aria-hidden />}
          >
            {formatDate(`${item.usedOn}T12:00:00+07:00`, i18n.language)}
          </Badge>
        </Group>
        {item.notes && (
          <Spoiler maxHeight={78} showLabel={t('adoption.readMore')} hideLabel={t('adoption.readLess')}>
            <Text className={classes.pre}>{item.notes}</Text>
          </Spoiler>
        )}
        {item.evidenceAttachmentId && (
          <Anchor
            href={`/api/v1/innovations/${innovationId}/attachments/${item.evidenceAttachmentId}`}
            download
            size="sm"
          >
            <Group gap={4} component="span" wrap="nowrap">
              <IconPaperclip size={16} aria-hidden />
              {t('adoption.evidenceLink')}
            </Group>
          </Anchor>
        )}
      </Stack>
    </Group>
  );
}

export function Adoptions({
  innovation,
  taxonomy,
}: {
  innovation: InnovationWithAttachmentsResponse;
  taxonomy: Taxonomy;
}) {
  const { t, i18n } = useTranslation('innovations');
  const { status, me } = useAuth();
  const signIn = useSignIn();
  const member = status === 'member';
  const own = me?.id === innovation.author.id;
  const published = innovation.status === 'published';
  const adoptions = useInfiniteQuery({
    queryKey: [...getFeedbackControllerAdoptionsQueryKey(innovation.id), 'infinite'],
    queryFn: async ({ pageParam, signal }) =>
      (
        await feedbackControllerAdoptions(innovation.id, pageParam ? { cursor: pageParam } : undefined, {
          signal,
        })
      ).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = adoptions.data?.pages.flatMap((page) => page.items) ?? [];
  const myLast = me ? items.find((item) => item.reporter.id === me.id) : undefined;

  return (
    <Paper withBorder radius="lg" p="md" id="adoptions" component="section" aria-labelledby="adoptions-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="adoptions-title">
            {t('adoption.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('adoption.subtitle', { count: innovation.adoptionCount })}
          </Text>
        </div>
        {!published ? null : own ? null : member ? (
          <Paper radius="md" p="md" bg="lc.0">
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t('adoption.formTitle')}
              </Title>
              <Text size="sm">{t('adoption.formHint')}</Text>
              {myLast && (
                <Text size="sm" c="dimmed">
                  {t('adoption.reportedBefore', { date: formatDate(myLast.createdAt, i18n.language) })}
                </Text>
              )}
              <AdoptionForm innovation={innovation} taxonomy={taxonomy} />
            </Stack>
          </Paper>
        ) : (
          <Button variant="light" h={44} leftSection={<IconLogin size={18} aria-hidden />} onClick={signIn}>
            {t('adoption.signIn')}
          </Button>
        )}
        {adoptions.isLoading ? (
          <Skeleton h={80} radius="md" />
        ) : adoptions.isError ? (
          <ProblemAlert error={adoptions.error} />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t('adoption.empty')}</Text>
        ) : (
          <Stack gap="lg">
            {items.map((item) => (
              <AdoptionItem key={item.id} innovationId={innovation.id} item={item} taxonomy={taxonomy} />
            ))}
          </Stack>
        )}
        {adoptions.hasNextPage && (
          <Button
            variant="subtle"
            h={44}
            loading={adoptions.isFetchingNextPage}
            onClick={() => void adoptions.fetchNextPage()}
          >
            {t('adoption.loadMore')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
