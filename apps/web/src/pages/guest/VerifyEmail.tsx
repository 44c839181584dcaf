/**
 * /verify-email?token=…, the link of the confirmation e-mail: confirms the address once on opening and says how it
 * went. A used, expired or unknown link offers a new one (signed in) or sign-in first (guest).
 */
import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconMailForward } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { authControllerVerifyEmail } from '../../api/generated/auth/auth';
import { useMeControllerRequestVerificationEmail } from '../../api/generated/me/me';
import { ApiError } from '../../api/http';
import { useAuth } from '../../auth/AuthProvider';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuthShell, WARNING_STYLES } from './guestParts';

type Outcome = 'working' | 'done' | 'gone' | 'invalid' | 'failed';

export default function VerifyEmail() {
  const { t } = useTranslation('guest');
  const { status, me, reloadMe } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [outcome, setOutcome] = useState<Outcome>(token.length >= 20 ? 'working' : 'invalid');
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const sent = useRef<string | null>(null);
  const resend = useMeControllerRequestVerificationEmail();

  useEffect(() => {
    // A link works once: one request per token and attempt, also under StrictMode's double effects.
    const key = `${token}#${attempt}`;
    if (token.length < 20 || sent.current === key) return;
    sent.current = key;
    authControllerVerifyEmail({ token })
      .then(() => {
        setOutcome('done');
        void reloadMe();
      })
      .catch((error: unknown) => {
        setProblem(error);
        if (error instanceof ApiError && error.code === 'AUTH_EMAIL_ALREADY_VERIFIED') setOutcome('done');
        else if (error instanceof ApiError && error.status === 410) setOutcome('gone');
        else if (error instanceof ApiError && error.status === 400) setOutcome('invalid');
        else setOutcome('failed');
      });
  }, [token, attempt, reloadMe]);

  const member = status === 'member';
  const problemDetail = problem instanceof ApiError ? problem.problem.detail : undefined;

  const newLink = member ? (
    <Stack gap="sm">
      {resend.isSuccess ? (
        <Alert color="lc" variant="light" role="status">
          {t('verify.resent', { email: me?.email ?? '' })}
        </Alert>
      ) : (
        <Button
          fullWidth
          size="lg"
          loading={resend.isPending}
          onClick={() => resend.mutate()}
          leftSection={<IconMailForward size={20} aria-hidden />}
        >
          {t('verify.resend')}
        </Button>
      )}
      <ProblemAlert error={resend.error} />
    </Stack>
  ) : (
    <Button component={Link} to="/login?next=%2Fsettings" fullWidth size="lg">
      {t('verify.signInToResend')}
    </Button>
  );

  return (
    <AuthShell title={t('verify.title')}>
      <div data-testid="verify-email-result" data-outcome={outcome}>
        {outcome === 'working' ? (
          <Stack align="center" gap="sm" py="md" aria-busy="true">
            <Loader />
            <Text>{t('verify.working')}</Text>
          </Stack>
        ) : outcome === 'done' ? (
          <Stack gap="md">
            <Alert
              color="lc"
              variant="light"
              role="status"
              title={t('verify.doneTitle')}
              icon={<IconCircleCheck size={22} aria-hidden />}
            >
              {t('verify.done')}
            </Alert>
            <Button component={Link} to={member ? '/feed' : '/login?next=%2Ffeed'} fullWidth size="lg">
              {member ? t('verify.goFeed') : t('verify.login')}
            </Button>
          </Stack>
        ) : outcome === 'failed' ? (
          <Stack gap="md">
            <ProblemAlert error={problem} title={t('verify.failedTitle')} />
            <Button
              variant="default"
              fullWidth
              onClick={() => {
                setOutcome('working');
                setAttempt((value) => value + 1);
              }}
            >
              {t('verify.retry')}
            </Button>
          </Stack>
        ) : (
          <Stack gap="md">
            <Alert
              color="orange"
              variant="light"
              styles={WARNING_STYLES}
              title={outcome === 'gone' ? t('verify.goneTitle') : t('verify.invalidTitle')}
              icon={<IconAlertTriangle size={22} aria-hidden />}
            >
              {problemDetail ?? t('verify.missing')}
            </Alert>
            {newLink}
          </Stack>
        )}
      </div>
    </AuthShell>
  );
}
