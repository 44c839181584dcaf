/** รายงานเนื้อหาไม่เหมาะสม: a reason and a note go to the moderators. */
import { Button, Modal, Select, Stack, Text, Textarea, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFlag } from '@tabler/icons-react';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeedbackControllerReport } from '../../../api/generated/feedback/feedback';
import { useAuth } from '../../../auth/AuthProvider';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useSignIn } from './useSignIn';

const REASONS = ['spam', 'inappropriate', 'copyright', 'misinformation', 'privacy', 'other'] as const;
type Reason = (typeof REASONS)[number];

export function ReportButton({ innovationId }: { innovationId: string }) {
  const { t } = useTranslation('innovations');
  const { status } = useAuth();
  const signIn = useSignIn();
  const [opened, dialog] = useDisclosure(false);
  const [reason, setReason] = useState<Reason | null>(null);
  const [note, setNote] = useState('');
  const report = useFeedbackControllerReport();
  const needsNote = reason === 'other';
  const ready = Boolean(reason) && (!needsNote || note.trim().length >= 3);

  const open = () => (status === 'member' ? dialog.open() : signIn());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason || !ready) return;
    const text = [t(`report.reasons.${reason}`), note.trim()].filter(Boolean).join(' — ').slice(0, 1000);
    try {
      const receipt = await report.mutateAsync({ id: innovationId, data: { reason: text } });
      notifications.show({
        color: 'teal',
        title: t('report.doneTitle'),
        message: receipt.data.autoHidden ? t('report.doneHidden') : t('report.done'),
      });
      setReason(null);
      setNote('');
      dialog.close();
    } catch {
      // shown by ProblemAlert
    }
  };

  return (
    <>
      <Button
        variant="subtle"
        color="gray"
        h={44}
        leftSection={<IconFlag size={18} aria-hidden />}
        onClick={open}
        data-testid="report-open"
      >
        {t('report.open')}
      </Button>
      <Modal
        opened={opened}
        onClose={dialog.close}
        title={t('report.title')}
        centered
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('report.intro')}
            </Text>
            <Select
              label={t('report.reason')}
              placeholder={t('report.reasonPlaceholder')}
              data={REASONS.map((value) => ({ value, label: t(`report.reasons.${value}`) }))}
              value={reason}
              onChange={(value) => setReason(value as Reason | null)}
              required
              size="md"
              comboboxProps={{ withinPortal: true }}
              data-autofocus
            />
            <Textarea
              label={t('report.note')}
              description={needsNote ? t('report.noteRequired') : t('report.noteHint')}
              autosize
              minRows={3}
              maxLength={900}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              required={needsNote}
              size="md"
            />
            <ProblemAlert error={report.error} />
            <Group justify="flex-end">
              <Button variant="default" h={44} onClick={dialog.close}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                type="submit"
                color="red"
                h={44}
                disabled={!ready}
                loading={report.isPending}
                data-testid="report-submit"
              >
                {t('report.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
