/**
 * /login: e-mail and password (labels อีเมล / รหัสผ่าน, button เข้าสู่ระบบ by contract). After signing in the member
 * goes to `?next=` when it is a path of this site, else to the feed. The API's own message is shown on failure
 * (wrong password, too many attempts, …).
 */
import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconLogin2 } from '@tabler/icons-react';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AuthShell, safeNext } from './guestParts';

export default function Login() {
  const { t } = useTranslation('guest');
  const { signIn, status } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  // Signed in (now, or already when the page opened): on to where the member was going.
  useEffect(() => {
    if (status === 'member') navigate(next, { replace: true });
  }, [status, next, navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = {
      email: email.trim() ? undefined : t('login.emailRequired'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setErrors(missing);
    if (missing.email || missing.password) return;
    setFailure(null);
    setPending(true);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      setFailure(error);
      setPending(false);
    }
  }

  const registerLink = `/register${next !== '/feed' ? `?next=${encodeURIComponent(next)}` : ''}`;
  return (
    <AuthShell
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      footer={
        <Text>
          {t('login.noAccount')}{' '}
          <Anchor component={Link} to={registerLink} fw={700}>
            {t('login.register')}
          </Anchor>
        </Text>
      }
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <ProblemAlert error={failure} title={t('login.errorTitle')} />
          <TextInput
            label={t('login.email')}
            type="email"
            inputMode="email"
            autoComplete="username"
            placeholder={t('login.emailPlaceholder')}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
          />
          <Anchor component={Link} to="/forgot-password" size="sm" ta="right" py={6}>
            {t('login.forgot')}
          </Anchor>
          <Button
            type="submit"
            fullWidth
            size="lg"
            loading={pending}
            leftSection={<IconLogin2 size={20} aria-hidden />}
          >
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
