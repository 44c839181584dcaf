/**
 * /forgot-password: asks the API to e-mail a reset link. The answer is the same whether or not an account uses
 * the address (nobody learns who is a member), so the page says "if an account exists".
 */
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck, IconSend } from '@tabler/icons-react';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { authCall } from '../../api/http';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuthShell } from './guestParts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export default function ForgotPassword() {
  const { t } = useTranslation('guest');
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setFieldError(t('register.account.emailInvalid'));
      return;
    }
    setFieldError(undefined);
    setFailure(null);
    setPending(true);
    try {
      await authCall('password-reset', { email: address });
      setSentTo(address);
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <AuthShell
      title={t('forgot.title')}
      subtitle={sentTo ? undefined : t('forgot.subtitle')}
      footer={
        <Anchor component={Link} to="/login" fw={700}>
          {t('forgot.backToLogin')}
        </Anchor>
      }
    >
      {sentTo ? (
        <Stack gap="md" data-testid="forgot-sent">
          <Alert
            color="lc"
            variant="light"
            title={t('forgot.sentTitle')}
            icon={<IconMailCheck size={22} aria-hidden />}
            role="status"
          >
            {t('forgot.sent', { email: sentTo })}
          </Alert>
          <Text size="sm" c="dimmed">
            {t('forgot.spam')}
          </Text>
          <Button variant="default" onClick={() => setSentTo(null)}>
            {t('forgot.again')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <ProblemAlert error={failure} title={t('forgot.errorTitle')} />
            <TextInput
              label={t('forgot.email')}
              type="email"
              inputMode="email"
              autoComplete="email"
              placeholder={t('login.emailPlaceholder')}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fieldError}
            />
            <Button
              type="submit"
              fullWidth
              size="lg"
              loading={pending}
              leftSection={<IconSend size={20} aria-hidden />}
            >
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthShell>
  );
}
