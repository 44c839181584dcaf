/**
 * Erasing the account (PDPA): a clear warning, a box to tick, and the current password (the API asks for it). The
 * button stays disabled until both are given.
 */
import { Alert, Button, Checkbox, Group, List, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeControllerErase } from '../../../api/generated/me/me';
import { ProblemAlert } from '../../../components/ProblemAlert';

export function EraseAccountModal({
  opened,
  onClose,
  onErased,
}: {
  opened: boolean;
  onClose: () => void;
  onErased: () => void | Promise<void>;
}) {
  const { t } = useTranslation('member');
  const [understood, setUnderstood] = useState(false);
  const [password, setPassword] = useState('');
  const erase = useMeControllerErase();
  const ready = understood && password.length > 0;

  const close = () => {
    if (erase.isPending) return;
    setUnderstood(false);
    setPassword('');
    erase.reset();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    try {
      await erase.mutateAsync({ data: { password } });
      await onErased();
    } catch {
      // shown by ProblemAlert
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('settings.erase.modalTitle')}
      centered
      size="md"
      radius="lg"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('settings.erase.warningTitle')}
          >
            <List size="sm" spacing={4}>
              <List.Item>{t('settings.erase.consequence1')}</List.Item>
              <List.Item>{t('settings.erase.consequence2')}</List.Item>
              <List.Item>{t('settings.erase.consequence3')}</List.Item>
              <List.Item>{t('settings.erase.consequence4')}</List.Item>
            </List>
          </Alert>
          <Text size="sm">{t('settings.erase.exportFirst')}</Text>
          <Checkbox
            size="md"
            label={t('settings.erase.understand')}
            checked={understood}
            onChange={(event) => setUnderstood(event.currentTarget.checked)}
          />
          <PasswordInput
            label={t('settings.erase.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            required
          />
          <ProblemAlert error={erase.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={erase.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              type="submit"
              color="red"
              disabled={!ready}
              loading={erase.isPending}
              data-testid="erase-account-confirm"
            >
              {t('settings.erase.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
