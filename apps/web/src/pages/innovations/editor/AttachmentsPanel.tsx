/**
 * The cover image and the attachments of an innovation: upload with a progress bar per file, thumbnails of
 * images, remove (after a confirmation). Files need an innovation: a new one is saved as a draft first.
 */
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Center,
  FileButton,
  Group,
  Image,
  Loader,
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
  IconFile,
  IconFileText,
  IconFileTypeDoc,
  IconFileTypePdf,
  IconFileTypePpt,
  IconFileTypeXls,
  IconPaperclip,
  IconPhoto,
  IconPhotoPlus,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  attachmentsControllerListResponse,
  getAttachmentsControllerListQueryKey,
  useAttachmentsControllerList,
  useAttachmentsControllerRemove,
} from '../../../api/generated/attachments/attachments';
import type { InnovationAttachmentResponse } from '../../../api/generated/model';
import { fileSize, useSessionFile } from '../../../api/files';
import { ApiError } from '../../../api/http';
import { problemMessage, ProblemAlert } from '../../../components/ProblemAlert';
import {
  ACCEPTED_FILES,
  ACCEPTED_IMAGES,
  FileKind,
  kindOf,
  MAX_UPLOAD_MB,
  uploadAttachment,
  UploadPurpose,
} from './files';

interface Upload {
  key: string;
  file: File;
  purpose: UploadPurpose;
  progress: number;
  error?: unknown;
}

const KIND_ICONS: Record<FileKind, typeof IconFile> = {
  image: IconPhoto,
  pdf: IconFileTypePdf,
  word: IconFileTypeDoc,
  excel: IconFileTypeXls,
  powerpoint: IconFileTypePpt,
  document: IconFileText,
  file: IconFile,
};

let uploadCounter = 0;

function useBytes(): (size: number) => string {
  const { t, i18n } = useTranslation('editor');
  return (size) => {
    const { unit, value } = fileSize(size, i18n.language);
    return t(`size.${unit}`, { value });
  };
}

export function AttachmentsPanel({
  innovationId,
  ensureInnovation,
}: {
  innovationId: string | null;
  /** The innovation's id, saving a new one as a draft first; null when it cannot be saved yet. */
  ensureInnovation: () => Promise<string | null>;
}) {
  const { t } = useTranslation('editor');
  const queryClient = useQueryClient();
  const list = useAttachmentsControllerList(innovationId ?? '', {
    query: { enabled: innovationId !== null },
  });
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [removing, setRemoving] = useState<InnovationAttachmentResponse | null>(null);
  const remove = useAttachmentsControllerRemove();
  const resetFiles = useRef<() => void>(null);
  const resetCover = useRef<() => void>(null);

  const items = list.data?.data.items ?? [];
  const cover = items.find((item) => item.purpose === 'cover') ?? null;
  const attachments = items.filter((item) => item.purpose === 'attachment');
  const coverUpload = uploads.find((upload) => upload.purpose === 'cover');

  const patchUpload = (key: string, patch: Partial<Upload>) =>
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload)));

  const setItems = (
    id: string,
    change: (items: InnovationAttachmentResponse[]) => InnovationAttachmentResponse[],
  ) =>
    queryClient.setQueryData<attachmentsControllerListResponse>(
      getAttachmentsControllerListQueryKey(id),
      (old) =>
        old
          ? { ...old, data: { ...old.data, items: change(old.data.items) } }
          : { data: { items: change([]), nextCursor: null }, status: 200, headers: new Headers() },
    );

  const run = async (id: string, upload: Upload) => {
    try {
      const attachment = await uploadAttachment(id, upload.file, upload.purpose, (progress) =>
        patchUpload(upload.key, { progress }),
      );
      // A list request sent before the upload ended would answer without the file: drop it, then add the file.
      const key = getAttachmentsControllerListQueryKey(id);
      await queryClient.cancelQueries({ queryKey: key });
      setItems(id, (current) => [
        // A new cover replaces the old one.
        ...current.filter((item) => !(attachment.purpose === 'cover' && item.purpose === 'cover')),
        attachment,
      ]);
      setUploads((current) => current.filter((item) => item.key !== upload.key));
    } catch (error) {
      patchUpload(upload.key, { error, progress: 0 });
    }
  };

  const start = async (files: File[], purpose: UploadPurpose) => {
    if (files.length === 0) return;
    const id = await ensureInnovation();
    if (!id) return;
    const added = files.map((file) => ({ key: `u${++uploadCounter}`, file, purpose, progress: 0 }));
    setUploads((current) => [
      ...current.filter((item) => !(purpose === 'cover' && item.purpose === 'cover' && item.error)),
      ...added,
    ]);
    await Promise.all(added.map((upload) => run(id, upload)));
  };

  const retry = (upload: Upload) => {
    if (!innovationId) return;
    patchUpload(upload.key, { error: undefined, progress: 0 });
    void run(innovationId, { ...upload, error: undefined });
  };
  const dismiss = (key: string) => setUploads((current) => current.filter((item) => item.key !== key));

  const confirmRemove = async () => {
    if (!removing || !innovationId) return;
    try {
      await remove.mutateAsync({ id: innovationId, attachmentId: removing.id });
      setItems(innovationId, (current) => current.filter((item) => item.id !== removing.id));
      setRemoving(null);
      notifications.show({ color: 'lc', message: t('files.removed', { name: removing.fileName }) });
    } catch {
      // shown in the dialog
    }
  };

  const uploadMessage = (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('common:error.offline');
      if (error.status === 413) return t('files.tooLarge', { max: MAX_UPLOAD_MB });
      if (error.status === 415) return problemMessage(error, t('files.unsupported'));
    }
    return problemMessage(error, t('common:error.generic'));
  };

  return (
    <Stack gap="lg">
      <Box id="editor-field-cover">
        <Title order={3} size="h5" mb={4}>
          {t('cover.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('cover.hint')}
        </Text>
        {cover ? (
          <CoverPreview cover={cover} onRemove={() => setRemoving(cover)} />
        ) : coverUpload && !coverUpload.error ? null : (
          <Center
            h={120}
            bg="gray.1"
            style={{
              borderRadius: 'var(--mantine-radius-md)',
              border: '1px dashed var(--mantine-color-gray-5)',
            }}
          >
            <Group gap="xs" c="dimmed">
              <IconPhoto size={28} aria-hidden />
              <Text c="dimmed">{t('cover.none')}</Text>
            </Group>
          </Center>
        )}
        {coverUpload ? (
          <UploadRow upload={coverUpload} message={uploadMessage} onRetry={retry} onDismiss={dismiss} />
        ) : null}
        <FileButton
          resetRef={resetCover}
          accept={ACCEPTED_IMAGES}
          onChange={(file) => {
            resetCover.current?.();
            if (file) void start([file], 'cover');
          }}
          inputProps={{ 'aria-label': t('cover.choose'), 'data-testid': 'editor-cover-input' } as object}
        >
          {(props) => (
            <Button
              {...props}
              mt="sm"
              variant="light"
              leftSection={<IconPhotoPlus size={20} aria-hidden />}
              disabled={Boolean(coverUpload && !coverUpload.error)}
            >
              {cover ? t('cover.change') : t('cover.choose')}
            </Button>
          )}
        </FileButton>
      </Box>

      <Box id="editor-field-files">
        <Title order={3} size="h5" mb={4}>
          {t('files.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('files.limits', { max: MAX_UPLOAD_MB })}
        </Text>
        <FileButton
          resetRef={resetFiles}
          multiple
          accept={ACCEPTED_FILES}
          onChange={(files) => {
            resetFiles.current?.();
            void start(files, 'attachment');
          }}
          inputProps={{ 'aria-label': t('files.add'), 'data-testid': 'editor-file-input' } as object}
        >
          {(props) => (
            <Button {...props} variant="light" leftSection={<IconPaperclip size={20} aria-hidden />}>
              {t('files.add')}
            </Button>
          )}
        </FileButton>
        {innovationId === null ? (
          <Text size="sm" c="dimmed" mt={6}>
            {t('files.savedFirst')}
          </Text>
        ) : null}

        <Stack gap="xs" mt="sm" aria-live="polite">
          {uploads
            .filter((upload) => upload.purpose === 'attachment')
            .map((upload) => (
              <UploadRow
                key={upload.key}
                upload={upload}
                message={uploadMessage}
                onRetry={retry}
                onDismiss={dismiss}
              />
            ))}
          {list.isError ? <ProblemAlert error={list.error} /> : null}
          {list.isLoading && innovationId ? (
            <Center py="sm">
              <Loader size="sm" aria-label={t('common:loading')} />
            </Center>
          ) : null}
          {attachments.map((attachment) => (
            <AttachmentRow
              key={attachment.id}
              attachment={attachment}
              onRemove={() => setRemoving(attachment)}
            />
          ))}
          {innovationId && list.isSuccess && attachments.length === 0 && uploads.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('files.none')}
            </Text>
          ) : null}
        </Stack>
      </Box>

      <Modal
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={removing?.purpose === 'cover' ? t('files.removeCoverTitle') : t('files.removeTitle')}
        centered
      >
        <Stack>
          <Text style={{ overflowWrap: 'anywhere' }}>
            {t('files.removeBody', { name: removing?.fileName ?? '' })}
          </Text>
          <ProblemAlert error={remove.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common:actions.cancel')}
            </Button>
            <Button color="red" onClick={() => void confirmRemove()} loading={remove.isPending}>
              {t('files.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function CoverPreview({ cover, onRemove }: { cover: InnovationAttachmentResponse; onRemove: () => void }) {
  const { t } = useTranslation('editor');
  const image = useSessionFile(cover.thumbnailUrl);
  return (
    <Paper withBorder radius="md" pos="relative" style={{ overflow: 'hidden' }} data-testid="editor-cover">
      {image.src ? (
        <Image src={image.src} alt={t('cover.alt')} h={180} fit="cover" />
      ) : (
        <Center h={180} bg="gray.1">
          {image.failed ? (
            <IconPhoto size={40} aria-hidden />
          ) : (
            <Loader size="sm" aria-label={t('common:loading')} />
          )}
        </Center>
      )}
      <ActionIcon
        pos="absolute"
        top={8}
        right={8}
        color="red"
        variant="white"
        radius="xl"
        onClick={onRemove}
        aria-label={t('cover.remove')}
      >
        <IconTrash size={20} aria-hidden />
      </ActionIcon>
    </Paper>
  );
}

function Thumbnail({ attachment }: { attachment: InnovationAttachmentResponse }) {
  const { t } = useTranslation('editor');
  const kind = kindOf(attachment.contentType);
  const image = useSessionFile(kind === 'image' ? attachment.thumbnailUrl : null);
  const Icon = KIND_ICONS[kind];
  if (image.src) {
    return (
      <Image
        src={image.src}
        alt={t('files.thumbnailAlt', { name: attachment.fileName })}
        w={56}
        h={56}
        radius="sm"
        fit="cover"
        style={{ flexShrink: 0 }}
      />
    );
  }
  return (
    <ThemeIcon
      size={56}
      variant="light"
      color={kind === 'pdf' ? 'red' : 'lc'}
      radius="sm"
      style={{ flexShrink: 0 }}
    >
      <Icon size={28} aria-hidden />
    </ThemeIcon>
  );
}

function AttachmentRow({
  attachment,
  onRemove,
}: {
  attachment: InnovationAttachmentResponse;
  onRemove: () => void;
}) {
  const { t } = useTranslation('editor');
  const bytes = useBytes();
  return (
    <Paper withBorder p="xs" radius="md" data-testid="editor-attachment">
      <Group gap="sm" wrap="nowrap">
        <Thumbnail attachment={attachment} />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text fw={700} truncate="end" title={attachment.fileName}>
            {attachment.fileName}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`type.${kindOf(attachment.contentType)}`)} · {bytes(attachment.sizeBytes)}
          </Text>
        </Box>
        <ActionIcon
          variant="subtle"
          color="red"
          onClick={onRemove}
          aria-label={t('files.removeNamed', { name: attachment.fileName })}
        >
          <IconTrash size={22} aria-hidden />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/** Worth sending again: the network, a timeout, a busy server; not a file the API refused for what it is. */
function retriable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 408 || error.status >= 500;
}

function UploadRow({
  upload,
  message,
  onRetry,
  onDismiss,
}: {
  upload: Upload;
  message: (error: unknown) => string;
  onRetry: (upload: Upload) => void;
  onDismiss: (key: string) => void;
}) {
  const { t } = useTranslation('editor');
  const bytes = useBytes();
  if (upload.error) {
    return (
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={t('files.failed', { name: upload.file.name })}
        data-testid="editor-upload-error"
        mt="xs"
        styles={{ title: { overflowWrap: 'anywhere' } }}
      >
        <Text size="sm">{message(upload.error)}</Text>
        <Group gap="xs" mt="xs">
          {retriable(upload.error) ? (
            <Button size="compact-md" h={44} variant="white" onClick={() => onRetry(upload)}>
              {t('common:actions.retry')}
            </Button>
          ) : null}
          <Button
            size="compact-md"
            h={44}
            variant="subtle"
            color="gray"
            leftSection={<IconX size={18} aria-hidden />}
            onClick={() => onDismiss(upload.key)}
          >
            {t('files.dismiss')}
          </Button>
        </Group>
      </Alert>
    );
  }
  const percent = Math.round(upload.progress * 100);
  const checking = upload.progress >= 1;
  return (
    <Paper withBorder p="xs" radius="md" mt="xs" data-testid="editor-upload">
      <Group justify="space-between" gap="xs" wrap="nowrap" mb={6}>
        <Text size="sm" fw={700} truncate="end" style={{ minWidth: 0 }}>
          {upload.file.name}
        </Text>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {checking ? t('files.checking') : t('files.percent', { value: percent })} ·{' '}
          {bytes(upload.file.size)}
        </Text>
      </Group>
      <Progress
        value={checking ? 100 : percent}
        animated={checking}
        striped={checking}
        size="lg"
        aria-label={t('files.progress', { name: upload.file.name })}
      />
    </Paper>
  );
}
