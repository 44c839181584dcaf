/** My data (PDPA): download everything held about me as a JSON file, or erase my account. */
import { Button, Divider, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meControllerExport } from '../../../../api/generated/me/me';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { saveBlob } from '../../../../api/files';
import { BANGKOK } from '../../../../format/format';
import { EraseAccountModal } from '../EraseAccountModal';
import { Section } from './Section';

/** Saves `data` as a pretty-printed JSON file through a temporary link. */
export function downloadJson(data: unknown, filename: string): void {
  saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), filename);
}

export function PrivacySection({ onErased }: { onErased: () => void | Promise<void> }) {
  const { t } = useTranslation('member');
  const [eraseOpen, setEraseOpen] = useState(false);
  const exportData = useMutation({
    mutationFn: async () => (await meControllerExport()).data,
    onSuccess: (data) => {
      // The day in Thailand, as YYYY-MM-DD (en-CA writes dates that way).
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: BANGKOK }).format(new Date());
      downloadJson(data, `learning-community-my-data-${day}.json`);
      notifications.show({ color: 'green', message: t('settings.privacy.exported') });
    },
  });

  return (
    <Section id="privacy" title={t('settings.privacy.title')} description={t('settings.privacy.description')}>
      <Stack gap="xs">
        <Text fw={600}>{t('settings.privacy.exportTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('settings.privacy.exportBody')}
        </Text>
        <div>
          <Button
            variant="light"
            leftSection={<IconDownload size={18} aria-hidden />}
            onClick={() => exportData.mutate()}
            loading={exportData.isPending}
            data-testid="export-data"
          >
            {t('settings.privacy.export')}
          </Button>
        </div>
        <ProblemAlert error={exportData.error} />
      </Stack>
      <Divider />
      <Stack gap="xs">
        <Text fw={600} c="red.8">
          {t('settings.erase.title')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('settings.erase.body')}
        </Text>
        <div>
          <Button
            color="red"
            variant="outline"
            leftSection={<IconTrash size={18} aria-hidden />}
            onClick={() => setEraseOpen(true)}
            data-testid="erase-account"
          >
            {t('settings.erase.open')}
          </Button>
        </div>
      </Stack>
      <EraseAccountModal opened={eraseOpen} onClose={() => setEraseOpen(false)} onErased={onErased} />
    </Section>
  );
}
