/**
 * The plan's evidence files (sign-in sheets, photos, the signed report): upload with a progress bar per file,
 * download, remove after a confirmation. PDF, JPEG or PNG of at most 10 MB, at most 20 a plan; the API judges the type
 * from the content and refuses the rest again.
 */
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDownload,
  IconFileTypePdf,
  IconPaperclip,
  IconPhoto,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadWithSession, fileSize, uploadWithSession } from '../../../../api/files';
import {
  activityPlansControllerGetResponse,
  getActivityPlansControllerGetQueryKey,
  useActivityPlansControllerRemoveEvidence,
} from '../../../../api/generated/cockpit/cockpit';
import type { ActivityEvidenceResponse, ActivityPlanResponse } from '../../../../api/generated/model';
import { ApiError } from '../../../../api/http';
import { ProblemAlert, problemMessage } from '../../../../components/ProblemAlert';
import { formatDateTime } from '../../../../format/format';

export const MAX_EVIDENCE_MB = 10;
export const MAX_EVIDENCE_FILES = 20;
const ACCEPTED = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

interface Upload {
  key: string;
  file: File;
  progress: number;
  error?: unknown;
}

let uploadCounter = 0;

function useBytes(): (size: number) => string {
  const { t, i18n } = useTranslation('plans');
  return (size) => {
    const { unit, value } = fileSize(size, i18n.language);
    return t(`evidence.size.${unit}`, { value });
  };
}

export function EvidencePanel({ plan }: { plan: ActivityPlanResponse }) {
  const { t, i18n } = useTranslation('plans');
  const queryClient = useQueryClient();
  const bytes = useBytes();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [removing, setRemoving] = useState<ActivityEvidenceResponse | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const remove = useActivityPlansControllerRemoveEvidence();
  const reset = useRef<() => void>(null);
  const items = plan.evidence;
  const room = MAX_EVIDENCE_FILES - items.length - uploads.filter((upload) => !upload.error).length;

  const setEvidence = (change: (items: ActivityEvidenceResponse[]) => ActivityEvidenceResponse[]) =>
    queryClient.setQueryData<activityPlansControllerGetResponse>(
      getActivityPlansControllerGetQueryKey(plan.id),
      (old) => (old ? { ...old, data: { ...old.data, evidence: change(old.data.evidence) } } : old),
    );
  const patch = (key: string, change: Partial<Upload>) =>
    setUploads((current) =>
      current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)),
    );

  const run = async (upload: Upload) => {
    if (upload.file.size > MAX_EVIDENCE_MB * 1024 * 1024) {
      patch(upload.key, { error: new ApiError(413, { status: 413 }) });
      return;
    }
    try {
      const evidence = await uploadWithSession<ActivityEvidenceResponse>(
        `/api/v1/activity-plans/${plan.id}/evidence`,
        () => {
          const form = new FormData();
          form.append('file', upload.file, upload.file.name);
          return form;
        },
        (progress) => patch(upload.key, { progress }),
      );
      await queryClient.cancelQueries({ queryKey: getActivityPlansControllerGetQueryKey(plan.id) });
      setEvidence((current) => [...current.filter((item) => item.id !== evidence.id), evidence]);
      setUploads((current) => current.filter((item) => item.key !== upload.key));
    } catch (error) {
      patch(upload.key, { error, progress: 0 });
    }
  };

  const start = (files: File[]) => {
    const added = files
      .slice(0, Math.max(0, room))
      .map((file) => ({ key: `e${++uploadCounter}`, file, progress: 0 }));
    setUploads((current) => [...current, ...added]);
    void Promise.all(added.map(run));
  };

  const dismiss = (key: string) => setUploads((current) => current.filter((upload) => upload.key !== key));

  const confirmRemove = async () => {
    if (!removing) return;
    try {
      await remove.mutateAsync({ id: plan.id, evidenceId: removing.id });
      setEvidence((current) => current.filter((item) => item.id !== removing.id));
      notifications.show({ color: 'lc', message: t('evidence.removed', { name: removing.fileName }) });
      setRemoving(null);
    } catch {
      // shown in the dialog
    }
  };

  const download = async (evidence: ActivityEvidenceResponse) => {
    setDownloadError(null);
    try {
      await downloadWithSession(evidence.url, evidence.fileName);
    } catch (error) {
      setDownloadError(error);
    }
  };

  const uploadMessage = (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('common:error.offline');
      if (error.status === 413) return t('evidence.tooLarge', { max: MAX_EVIDENCE_MB });
      if (error.status === 415) return problemMessage(error, t('evidence.unsupported'));
    }
    return problemMessage(error, t('common:error.generic'));
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plan-evidence-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="plan-evidence-title">
          {t('evidence.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('evidence.limits', { max: MAX_EVIDENCE_MB, files: MAX_EVIDENCE_FILES })}
        </Text>
        <FileButton
          resetRef={reset}
          multiple
          accept={ACCEPTED}
          onChange={(files) => {
            reset.current?.();
            start(files);
          }}
          inputProps={{ 'aria-label': t('evidence.add'), 'data-testid': 'evidence-input' } as object}
        >
          {(props) => (
            <Button
              {...props}
              variant="light"
              leftSection={<IconPaperclip size={20} aria-hidden />}
              disabled={room <= 0}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('evidence.add')}
            </Button>
          )}
        </FileButton>
        {room <= 0 ? (
          <Text size="sm" c="orange.9">
            {t('evidence.full', { files: MAX_EVIDENCE_FILES })}
          </Text>
        ) : null}
        <Stack gap="xs" aria-live="polite">
          {uploads.map((upload) =>
            upload.error ? (
              <Alert
                key={upload.key}
                color="red"
                variant="light"
                role="alert"
                title={t('evidence.failed', { name: upload.file.name })}
                styles={{ title: { overflowWrap: 'anywhere' } }}
                data-testid="evidence-upload-error"
              >
                <Text size="sm">{uploadMessage(upload.error)}</Text>
                <Button
                  mt="xs"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconX size={18} aria-hidden />}
                  onClick={() => dismiss(upload.key)}
                >
                  {t('evidence.dismiss')}
                </Button>
              </Alert>
            ) : (
              <Paper key={upload.key} withBorder p="xs" radius="md" data-testid="evidence-upload">
                <Group justify="space-between" gap="xs" wrap="nowrap" mb={6}>
                  <Text size="sm" fw={700} truncate="end" style={{ minWidth: 0 }}>
                    {upload.file.name}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {upload.progress >= 1
                      ? t('evidence.checking')
                      : t('evidence.percent', { value: Math.round(upload.progress * 100) })}
                  </Text>
                </Group>
                <Progress
                  value={Math.round(upload.progress * 100)}
                  animated={upload.progress >= 1}
                  striped={upload.progress >= 1}
                  size="lg"
                  aria-label={t('evidence.progress', { name: upload.file.name })}
                />
              </Paper>
            ),
          )}
          <ProblemAlert error={downloadError} title={t('evidence.downloadFailed')} />
          {items.length === 0 && uploads.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('evidence.none')}
            </Text>
          ) : null}
          {items.map((evidence) => (
            <Paper key={evidence.id} withBorder p="xs" radius="md" data-testid="evidence-item">
              <Group gap="xs" wrap="nowrap">
                <ThemeIcon
                  size={40}
                  variant="light"
                  color={evidence.contentType === 'application/pdf' ? 'red' : 'lc'}
                  style={{ flexShrink: 0 }}
                >
                  {evidence.contentType === 'application/pdf' ? (
                    <IconFileTypePdf size={22} aria-hidden />
                  ) : (
                    <IconPhoto size={22} aria-hidden />
                  )}
                </ThemeIcon>
                <Box style={{ flex: 1, minWidth: 0 }}>
                  <Text fw={700} truncate="end" title={evidence.fileName}>
                    {evidence.fileName}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {bytes(evidence.sizeBytes)} · {formatDateTime(evidence.uploadedAt, i18n.language)}
                  </Text>
                </Box>
                <ActionIcon
                  variant="subtle"
                  onClick={() => void download(evidence)}
                  aria-label={t('evidence.download', { name: evidence.fileName })}
                >
                  <IconDownload size={22} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => setRemoving(evidence)}
                  aria-label={t('evidence.remove', { name: evidence.fileName })}
                >
                  <IconTrash size={22} aria-hidden />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Stack>
      </Stack>
      <Modal
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={t('evidence.removeTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <Stack>
          <Text style={{ overflowWrap: 'anywhere' }}>
            {t('evidence.removeBody', { name: removing?.fileName ?? '' })}
          </Text>
          <ProblemAlert error={remove.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common:actions.cancel')}
            </Button>
            <Button color="red.9" onClick={() => void confirmRemove()} loading={remove.isPending}>
              {t('evidence.removeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
