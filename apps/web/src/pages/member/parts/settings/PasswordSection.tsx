import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeControllerChangePassword } from '../../../../api/generated/me/me';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { Section } from './Section';

export function PasswordSection() {
  const { t } = useTranslation('member');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const change = useMeControllerChangePassword();

  const nextError = tried && next.length < 8 ? t('settings.password.tooShort') : null;
  const repeatError = tried && repeat !== next ? t('settings.password.mismatch') : null;
  const currentError = tried && current === '' ? t('settings.password.currentRequired') : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (current === '' || next.length < 8 || next.length > 128 || repeat !== next) return;
    try {
      await change.mutateAsync({ data: { currentPassword: current, newPassword: next } });
      setCurrent('');
      setNext('');
      setRepeat('');
      setTried(false);
      notifications.show({ color: 'green', message: t('settings.password.changed') });
    } catch {
      // shown by ProblemAlert
    }
  };

  return (
    <Section
      id="password"
      title={t('settings.password.title')}
      description={t('settings.password.description')}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <PasswordInput
            label={t('settings.password.current')}
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={currentError}
            autoComplete="current-password"
            required
          />
          <PasswordInput
            label={t('settings.password.new')}
            description={t('settings.password.newHint')}
            value={next}
            onChange={(event) => setNext(event.currentTarget.value)}
            error={nextError}
            autoComplete="new-password"
            maxLength={128}
            required
          />
          <PasswordInput
            label={t('settings.password.repeat')}
            value={repeat}
            onChange={(event) => setRepeat(event.currentTarget.value)}
            error={repeatError}
            autoComplete="new-password"
            required
          />
          <ProblemAlert error={change.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('settings.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
