/** Files the author attached: pictures as a grid of thumbnails, documents as a list to download. */
import { Anchor, Box, Button, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDownload,
  IconFile,
  IconFileTypeDoc,
  IconFileTypePdf,
  IconFileTypePpt,
  IconFileTypeXls,
  IconPhoto,
} from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InnovationAttachmentResponse } from '../../../api/generated/model';
import { problemMessage } from '../../../components/ProblemAlert';
import { downloadWithSession, fileSize, useSessionFile } from '../../../api/files';
import classes from './innovations.module.css';

function iconFor(contentType: string) {
  if (contentType === 'application/pdf') return { icon: IconFileTypePdf, color: 'red' };
  if (/word|opendocument\.text/.test(contentType)) return { icon: IconFileTypeDoc, color: 'blue' };
  if (/powerpoint|presentation/.test(contentType)) return { icon: IconFileTypePpt, color: 'orange' };
  if (/excel|spreadsheet/.test(contentType)) return { icon: IconFileTypeXls, color: 'green' };
  if (contentType.startsWith('image/')) return { icon: IconPhoto, color: 'grape' };
  return { icon: IconFile, color: 'gray' };
}

function fileUrl(file: InnovationAttachmentResponse): string {
  return file.url || `/api/v1/innovations/${file.innovationId}/attachments/${file.id}`;
}

function useDownload(withToken: boolean) {
  const { t } = useTranslation('innovations');
  return (file: InnovationAttachmentResponse) => (event: MouseEvent) => {
    if (!withToken) return;
    event.preventDefault();
    downloadWithSession(fileUrl(file), file.fileName).catch((error: unknown) =>
      notifications.show({ color: 'red', message: problemMessage(error, t('files.downloadFailed')) }),
    );
  };
}

function ImageTile({ file, withToken }: { file: InnovationAttachmentResponse; withToken: boolean }) {
  const { t, i18n } = useTranslation('innovations');
  const thumbnail =
    file.thumbnailUrl ?? `/api/v1/innovations/${file.innovationId}/attachments/${file.id}/thumbnail`;
  const src = useSessionFile(thumbnail, withToken).src ?? undefined;
  const download = useDownload(withToken);
  const size = fileSize(file.sizeBytes, i18n.language);
  return (
    <Stack gap={4}>
      <a
        href={fileUrl(file)}
        download={file.fileName}
        className={classes.thumb}
        onClick={download(file)}
        aria-label={t('files.downloadName', { name: file.fileName })}
      >
        {src ? (
          <img src={src} alt={file.fileName} loading="lazy" />
        ) : (
          <Box style={{ aspectRatio: '4 / 3' }} />
        )}
      </a>
      <Text size="xs" c="dimmed" truncate>
        {file.fileName} · {t(`files.${size.unit}`, { value: size.value })}
      </Text>
    </Stack>
  );
}

export function Attachments({
  attachments,
  withToken,
}: {
  attachments: InnovationAttachmentResponse[];
  withToken: boolean;
}) {
  const { t, i18n } = useTranslation('innovations');
  const download = useDownload(withToken);
  const files = attachments.filter((file) => file.purpose === 'attachment');
  if (files.length === 0) return null;
  const images = files.filter((file) => file.thumbnailUrl || file.contentType.startsWith('image/'));
  const documents = files.filter((file) => !images.includes(file));
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="files-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="files-title">
          {t('files.title', { count: files.length })}
        </Title>
        {images.length > 0 && (
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            {images.map((file) => (
              <ImageTile key={file.id} file={file} withToken={withToken} />
            ))}
          </SimpleGrid>
        )}
        {documents.length > 0 && (
          <Stack gap="xs">
            {documents.map((file) => {
              const kind = iconFor(file.contentType);
              const size = fileSize(file.sizeBytes, i18n.language);
              return (
                <Group key={file.id} gap="sm" wrap="nowrap" p="xs" bg="gray.0" style={{ borderRadius: 12 }}>
                  <ThemeIcon size={44} radius="md" variant="light" color={kind.color} aria-hidden>
                    <kind.icon size={26} />
                  </ThemeIcon>
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Anchor
                      href={fileUrl(file)}
                      download={file.fileName}
                      onClick={download(file)}
                      fw={600}
                      c="dark"
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {file.fileName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`files.${size.unit}`, { value: size.value })}
                    </Text>
                  </Box>
                  <Button
                    component="a"
                    href={fileUrl(file)}
                    download={file.fileName}
                    onClick={download(file)}
                    variant="light"
                    h={44}
                    px="sm"
                    aria-label={t('files.downloadName', { name: file.fileName })}
                  >
                    <IconDownload size={20} aria-hidden />
                  </Button>
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
