/**
 * Pieces shared by the guest pages (sign-in, registration, password reset, e-mail confirmation): the centred card
 * they sit in, the password rules a member sees while typing, and the check of a `?next=` path.
 */
import {
  Anchor,
  Box,
  Container,
  List,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A warning alert's title in the text colour: orange on its light background is below AA contrast. */
export const WARNING_STYLES = { title: { color: 'var(--mantine-color-text)' } };

/** Where to go after signing in: only a path of this site (`/…`, never `//host` or `/\host`), else the feed. */
export function safeNext(value: string | null | undefined, fallback = '/feed'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if ([...value].some((char) => char.charCodeAt(0) < 0x20)) return fallback;
  return value;
}

export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.shortName')}`;
  }, [title, t]);
}

/** A guest page: the community's mark, a heading, a short line, then the form on a card and links under it. */
export function AuthShell({
  title,
  subtitle,
  children,
  footer,
  size = 460,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: number;
}) {
  const { t } = useTranslation('guest');
  useDocumentTitle(title);
  return (
    <Container size={size} px="sm" py={{ base: 'lg', sm: 48 }}>
      <Stack gap="lg">
        <Stack gap={6} align="center" ta="center">
          <Anchor component={Link} to="/" aria-label={t('auth.brand')} lh={0}>
            <img src="/icons/icon.svg" alt="" width={52} height={52} />
          </Anchor>
          <Title order={1} size="h2">
            {title}
          </Title>
          {subtitle ? (
            <Text c="dimmed" maw={380}>
              {subtitle}
            </Text>
          ) : null}
        </Stack>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 14, xs: 'xl' }}>
          {children}
        </Paper>
        {footer ? (
          <Box ta="center" fz="md">
            {footer}
          </Box>
        ) : null}
      </Stack>
    </Container>
  );
}

export interface PasswordCheck {
  length: boolean;
  notEmail: boolean;
}

/** The rules the API applies that can be checked while typing (the list of common passwords is the API's). */
export function checkPassword(password: string, email: string): PasswordCheck {
  const length = [...password].length;
  const lowered = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const name = address.split('@')[0] ?? '';
  return {
    length: length >= 8 && length <= 128,
    notEmail: password.length === 0 || (lowered !== address && (name === '' || lowered !== name)),
  };
}

export function passwordAcceptable(password: string, email: string): boolean {
  const check = checkPassword(password, email);
  return password.length > 0 && check.length && check.notEmail;
}

function Rule({ met, children }: { met: boolean; children: ReactNode }) {
  const { t } = useTranslation('guest');
  return (
    <List.Item
      icon={
        <ThemeIcon color={met ? 'lc' : 'gray'} variant="light" size={22} radius="xl">
          {met ? <IconCircleCheck size={16} aria-hidden /> : <IconCircleDashed size={16} aria-hidden />}
        </ThemeIcon>
      }
    >
      <Text span size="sm" c={met ? undefined : 'dimmed'}>
        {children}
      </Text>
      <VisuallyHidden>{` (${met ? t('password.ruleMet') : t('password.ruleUnmet')})`}</VisuallyHidden>
    </List.Item>
  );
}

/** The password rules, ticked as the member types. */
export function PasswordRules({ password, email }: { password: string; email?: string }) {
  const { t } = useTranslation('guest');
  const check = checkPassword(password, email ?? '');
  return (
    <Box data-testid="password-rules" aria-live="polite">
      <Text size="sm" fw={700} mb={4}>
        {t('password.rulesTitle')}
      </Text>
      <List spacing={6} center>
        <Rule met={check.length}>{t('password.ruleLength')}</Rule>
        {email !== undefined && (
          <Rule met={password.length > 0 && check.notEmail}>{t('password.ruleNotEmail')}</Rule>
        )}
        <List.Item
          icon={
            <ThemeIcon color="gray" variant="light" size={22} radius="xl">
              <IconCircleDashed size={16} aria-hidden />
            </ThemeIcon>
          }
        >
          <Text span size="sm" c="dimmed">
            {t('password.ruleCommon')}
          </Text>
        </List.Item>
      </List>
      <Text size="xs" c="dimmed" mt={6}>
        {t('password.tip')}
      </Text>
    </Box>
  );
}
