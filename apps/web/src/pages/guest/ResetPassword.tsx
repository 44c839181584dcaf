/**
 * /reset-password?token=…, the link of the reset e-mail: a new password twice. The API ends every session of the
 * member on success; a used or expired link (410) or an unknown one (400) says so and offers to ask again.
 */
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLock } from '@tabler/icons-react';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, authCall } from '../../api/http';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuthShell, passwordAcceptable, PasswordRules, WARNING_STYLES } from './guestParts';

type Outcome = 'form' | 'done' | 'gone' | 'invalid';

function LinkProblem({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation('guest');
  return (
    <Stack gap="md" data-testid="reset-link-problem">
      <Alert
        color="orange"
        variant="light"
        styles={WARNING_STYLES}
        title={title}
        icon={<IconAlertTriangle size={22} aria-hidden />}
      >
        {body}
      </Alert>
      <Button component={Link} to="/forgot-password" fullWidth size="lg">
        {t('reset.askAgain')}
      </Button>
    </Stack>
  );
}

export default function ResetPassword() {
  const { t } = useTranslation('guest');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(token.length >= 20 ? 'form' : 'invalid');
  const [problemText, setProblemText] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      password: passwordAcceptable(password, '') ? undefined : t('register.account.passwordInvalid'),
      confirm: confirm === password ? undefined : t('reset.mismatch'),
    };
    setErrors(next);
    if (next.password || next.confirm) return;
    setFailure(null);
    setPending(true);
    try {
      await authCall('password-reset/confirm', { token, password });
      setOutcome('done');
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) {
        setProblemText(error.problem.detail ?? null);
        setOutcome('gone');
      } else if (error instanceof ApiError && error.code === 'AUTH_PASSWORD_RESET_TOKEN_INVALID') {
        setOutcome('invalid');
      } else {
        setFailure(error);
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <AuthShell title={t('reset.title')} subtitle={outcome === 'form' ? t('reset.subtitle') : undefined}>
      {outcome === 'done' ? (
        <Stack gap="md" data-testid="reset-done">
          <Alert
            color="lc"
            variant="light"
            role="status"
            title={t('reset.doneTitle')}
            icon={<IconCircleCheck size={22} aria-hidden />}
          >
            {t('reset.done')}
          </Alert>
          <Button component={Link} to="/login" fullWidth size="lg">
            {t('reset.login')}
          </Button>
        </Stack>
      ) : outcome === 'gone' ? (
        <LinkProblem title={t('reset.goneTitle')} body={problemText ?? t('reset.gone')} />
      ) : outcome === 'invalid' ? (
        <LinkProblem title={t('reset.invalidTitle')} body={t('reset.missing')} />
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <ProblemAlert error={failure} title={t('reset.errorTitle')} />
            <PasswordInput
              label={t('reset.password')}
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
            />
            <PasswordRules password={password} />
            <PasswordInput
              label={t('reset.confirm')}
              autoComplete="new-password"
              value={confirm}
              onChange={(event) => setConfirm(event.currentTarget.value)}
              error={errors.confirm}
            />
            <Button
              type="submit"
              fullWidth
              size="lg"
              loading={pending}
              leftSection={<IconLock size={20} aria-hidden />}
            >
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthShell>
  );
}
