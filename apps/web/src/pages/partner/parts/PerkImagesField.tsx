/**
 * The pictures of a perk: upload one from the phone (with a progress bar; it is added to the list when the API has
 * kept it) or paste an https link. Uploaded pictures show as thumbnails; links as a field with a small preview.
 */
import {
  ActionIcon,
  Alert,
  Button,
  CloseButton,
  FileButton,
  Group,
  Image,
  Paper,
  Progress,
  Text,
  TextInput,
} from '@mantine/core';
import { IconLink, IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMAGES } from './perkForm';
import {
  ACCEPTED_PERK_IMAGES,
  isPerkImage,
  isUploadedImage,
  MAX_PERK_IMAGE_MB,
  refusedBeforeUpload,
  uploadErrorKey,
  uploadPerkImage,
} from './perkImages';

interface Upload {
  name: string;
  progress: number;
  /** The i18n key (under editor.upload) of what went wrong. */
  error?: string;
}

export function PerkImagesField({
  images,
  imageErrors,
  onChange,
  onUploadingChange,
}: {
  images: string[];
  /** Index → the i18n key (under editor.errors) of what is wrong with that picture. */
  imageErrors?: Record<number, string>;
  /** Changes the list from its latest value (an upload may end after other edits). */
  onChange: (change: (images: string[]) => string[]) => void;
  onUploadingChange?: (uploading: boolean) => void;
}) {
  const { t } = useTranslation('partner');
  const [upload, setUpload] = useState<Upload | null>(null);
  const resetFile = useRef<() => void>(null);
  const mounted = useRef(true);
  const uploading = Boolean(upload && !upload.error);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const start = async (file: File) => {
    const refused = refusedBeforeUpload(file);
    if (refused) {
      setUpload({ name: file.name, progress: 0, error: refused });
      return;
    }
    setUpload({ name: file.name, progress: 0 });
    onUploadingChange?.(true);
    try {
      const image = await uploadPerkImage(file, (progress) => {
        if (mounted.current) setUpload((current) => current && { ...current, progress });
      });
      onChange((current) => [...current, image.url]);
      if (mounted.current) setUpload(null);
    } catch (error) {
      if (mounted.current) setUpload({ name: file.name, progress: 0, error: uploadErrorKey(error) });
    } finally {
      // In the same render as the new picture: the form can be saved with it at once.
      onUploadingChange?.(false);
    }
  };

  const remove = (index: number) => onChange((current) => current.filter((_, at) => at !== index));
  const percent = Math.round((upload?.progress ?? 0) * 100);
  const full = images.length >= MAX_IMAGES;

  return (
    <>
      {images.map((image, index) =>
        isUploadedImage(image) ? (
          <Group key={index} gap="sm" wrap="nowrap" data-testid="perk-image-uploaded">
            <Image
              src={image.trim()}
              // Named by the text beside it.
              alt=""
              w={72}
              h={72}
              radius="sm"
              fit="cover"
              style={{ flexShrink: 0 }}
            />
            <Text style={{ flex: 1, minWidth: 0 }}>{t('editor.uploadedImage', { n: index + 1 })}</Text>
            <ActionIcon
              variant="subtle"
              color="red.9"
              size="xl"
              aria-label={t('editor.removeImage', { n: index + 1 })}
              onClick={() => remove(index)}
            >
              <IconTrash size={20} aria-hidden />
            </ActionIcon>
          </Group>
        ) : (
          <Group key={index} align="flex-start" gap="sm" wrap="nowrap">
            {image && !imageErrors?.[index] && isPerkImage(image) ? (
              <Image src={image} alt="" w={56} h={56} radius="sm" fit="cover" style={{ flexShrink: 0 }} />
            ) : null}
            <TextInput
              type="url"
              inputMode="url"
              label={t('editor.fields.imageUrl', { n: index + 1 })}
              placeholder="https://"
              value={image}
              onChange={(event) => {
                const value = event.currentTarget.value;
                onChange((current) => current.map((item, at) => (at === index ? value : item)));
              }}
              error={imageErrors?.[index] ? t(`editor.errors.${imageErrors[index]}`) : undefined}
              style={{ flex: 1, minWidth: 0 }}
            />
            <ActionIcon
              variant="subtle"
              color="red.9"
              mt={28}
              aria-label={t('editor.removeImage', { n: index + 1 })}
              onClick={() => remove(index)}
            >
              <IconTrash size={20} aria-hidden />
            </ActionIcon>
          </Group>
        ),
      )}

      {upload && !upload.error ? (
        <Paper withBorder p="xs" radius="md" data-testid="perk-image-upload">
          <Group justify="space-between" gap="xs" wrap="nowrap" mb={6}>
            <Text size="sm" fw={700} truncate="end" style={{ minWidth: 0 }}>
              {upload.name}
            </Text>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {upload.progress >= 1
                ? t('editor.upload.checking')
                : t('editor.upload.percent', { value: percent })}
            </Text>
          </Group>
          <Progress
            value={upload.progress >= 1 ? 100 : percent}
            animated={upload.progress >= 1}
            striped={upload.progress >= 1}
            size="lg"
            aria-label={t('editor.upload.progress', { name: upload.name })}
          />
        </Paper>
      ) : null}
      {upload?.error ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('editor.upload.failedTitle', { name: upload.name })}
          data-testid="perk-image-upload-error"
          styles={{ title: { overflowWrap: 'anywhere' } }}
          withCloseButton={false}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm">{t(`editor.upload.${upload.error}`, { max: MAX_PERK_IMAGE_MB })}</Text>
            <CloseButton aria-label={t('editor.upload.dismiss')} onClick={() => setUpload(null)} />
          </Group>
        </Alert>
      ) : null}

      {full ? null : (
        <Group gap="sm" wrap="wrap">
          <FileButton
            resetRef={resetFile}
            accept={ACCEPTED_PERK_IMAGES}
            onChange={(file) => {
              resetFile.current?.();
              if (file) void start(file);
            }}
            inputProps={
              { 'aria-label': t('editor.upload.choose'), 'data-testid': 'perk-image-input' } as object
            }
          >
            {(props) => (
              <Button
                {...props}
                variant="light"
                leftSection={<IconPhotoUp size={18} aria-hidden />}
                disabled={uploading}
              >
                {t('editor.upload.choose')}
              </Button>
            )}
          </FileButton>
          <Button
            variant="subtle"
            leftSection={<IconLink size={18} aria-hidden />}
            onClick={() => onChange((current) => [...current, ''])}
          >
            {t('editor.addImage')}
          </Button>
        </Group>
      )}
    </>
  );
}
