/** Who I am at a glance: name, e-mail and whether it is confirmed (with "send the link again"), my public page. */
import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconMailExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeControllerRequestVerificationEmail } from '../../../../api/generated/me/me';
import type { MeResponse } from '../../../../api/generated/model';
import { ProblemAlert } from '../../../../components/ProblemAlert';
import { MemberAvatar } from '../MemberAvatar';

export function AccountCard({ me }: { me: MeResponse }) {
  const { t } = useTranslation('member');
  const resend = useMeControllerRequestVerificationEmail();
  return (
    <Card withBorder radius="lg" padding="lg">
      <Stack gap="sm">
        <Group wrap="nowrap" gap="md">
          <MemberAvatar id={me.id} name={me.displayName} size={64} />
          <div style={{ minWidth: 0 }}>
            <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
              {me.displayName}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {me.email}
            </Text>
            <Anchor component={Link} to={`/members/${me.id}`} size="sm" fw={600}>
              {t('settings.account.viewPublic')}
            </Anchor>
          </div>
        </Group>
        {me.emailVerified ? (
          <Group gap={6}>
            <Badge
              color="green"
              variant="light"
              size="lg"
              leftSection={<IconCircleCheck size={16} aria-hidden />}
              data-testid="email-status"
            >
              {t('settings.account.verified')}
            </Badge>
          </Group>
        ) : (
          <Stack gap="xs" data-testid="email-status">
            <Group gap={6}>
              <Badge
                color="orange"
                variant="light"
                size="lg"
                leftSection={<IconMailExclamation size={16} aria-hidden />}
              >
                {t('settings.account.notVerified')}
              </Badge>
            </Group>
            <Text size="sm">{t('settings.account.notVerifiedBody', { email: me.email })}</Text>
            <div>
              <Button
                variant="light"
                loading={resend.isPending}
                onClick={() =>
                  resend.mutate(undefined, {
                    onSuccess: () =>
                      notifications.show({
                        color: 'green',
                        message: t('settings.account.sent', { email: me.email }),
                      }),
                  })
                }
                data-testid="verify-email-again"
              >
                {t('settings.account.sendAgain')}
              </Button>
            </div>
            <ProblemAlert error={resend.error} />
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
