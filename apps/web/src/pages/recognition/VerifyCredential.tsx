/**
 * `/verify/credential/:id`, public: fetches the signed Open Badges 3.0 credential of an award, asks the platform to
 * verify it (the same checks a wallet makes: shape, signature, issuer, revocation status, validity) and shows each
 * check in the reader's language, with the badge, its recipient and its issuer. A revoked badge says so first.
 */
import { Alert, Badge, Card, Group, Image, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleCheck, IconCircleX, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  credentialsControllerCredential,
  credentialsControllerVerify,
} from '../../api/generated/credentials/credentials';
import type { CredentialVerificationResponse } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format/format';
import { badgeImageSrc, failureOf } from './growth';

/** The parts of an OpenBadgeCredential this page shows (see docs/RECOGNITION.md "The credential"). */
export interface OpenBadgeCredential {
  name?: string;
  validFrom?: string;
  awardedDate?: string;
  issuer?: { name?: string; url?: string } | string;
  credentialSubject?: {
    name?: string;
    achievement?: { name?: string; description?: string; image?: { id?: string } | string };
  };
}

function imageOf(credential: OpenBadgeCredential): string | undefined {
  const image = credential.credentialSubject?.achievement?.image;
  return typeof image === 'string' ? image : image?.id;
}

export default function VerifyCredential() {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['growth', 'verify-credential', id, language],
    enabled: id.length > 0,
    retry: false,
    queryFn: async () => {
      const credential = (await credentialsControllerCredential(id)).data as OpenBadgeCredential & {
        [key: string]: unknown;
      };
      const verification: CredentialVerificationResponse = (await credentialsControllerVerify({ credential }))
        .data;
      return { credential, verification };
    },
  });
  const failure = failureOf(query.error);

  if (query.isLoading)
    return (
      <Page title={t('verify.credentialTitle')} size="sm">
        <PageLoader />
      </Page>
    );
  const result = query.data;
  const credential = result?.credential;
  const checks = result?.verification.checks ?? [];
  const revoked = checks.some((check) => check.check === 'status' && !check.ok);
  const issuer = typeof credential?.issuer === 'string' ? credential.issuer : credential?.issuer?.name;
  const image = credential ? imageOf(credential) : undefined;

  return (
    <Page title={t('verify.credentialTitle')} size="sm">
      {failure?.status === 404 || failure?.status === 400 ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconCircleX />}
          title={t('verify.notIssuedTitle')}
          role="alert"
        >
          {t('verify.credentialNotFound')}
        </Alert>
      ) : query.error ? (
        <ProblemAlert error={query.error} />
      ) : null}
      {credential && result ? (
        <Stack gap="md">
          {revoked ? (
            <Alert
              color="red"
              variant="filled"
              icon={<IconCircleX />}
              title={t('verify.revoked')}
              role="alert"
            />
          ) : result.verification.verified ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={t('verify.verified')} />
          ) : (
            <Alert
              color="red"
              variant="light"
              icon={<IconCircleX />}
              title={t('verify.notVerified')}
              role="alert"
            />
          )}
          <Card withBorder padding="md">
            <Group wrap="nowrap" align="flex-start" gap="md">
              {image ? <Image src={badgeImageSrc(image)} alt="" w={72} h={72} fit="contain" /> : null}
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Text size="sm" c="dimmed">
                  {t('verify.badge')}
                </Text>
                <Title order={2} size="h4">
                  {credential.credentialSubject?.achievement?.name ?? credential.name}
                </Title>
                {revoked ? (
                  <Badge color="red" variant="filled">
                    {t('badges.revoked')}
                  </Badge>
                ) : null}
              </Stack>
            </Group>
            <Stack gap="xs" mt="md">
              {credential.credentialSubject?.name ? (
                <div>
                  <Text size="sm" c="dimmed">
                    {t('verify.recipient')}
                  </Text>
                  <Text fw={600}>{credential.credentialSubject.name}</Text>
                </div>
              ) : null}
              {issuer ? (
                <div>
                  <Text size="sm" c="dimmed">
                    {t('verify.issuer')}
                  </Text>
                  <Text>{issuer}</Text>
                </div>
              ) : null}
              {(credential.awardedDate ?? credential.validFrom) ? (
                <div>
                  <Text size="sm" c="dimmed">
                    {t('verify.awardedAt')}
                  </Text>
                  <Text>{formatDateTime(credential.awardedDate ?? credential.validFrom, language)}</Text>
                </div>
              ) : null}
            </Stack>
          </Card>
          <Title order={2} size="h5">
            {t('verify.checks')}
          </Title>
          <List spacing="sm" listStyleType="none" data-testid="credential-checks">
            {checks.map((check) => (
              <List.Item
                key={check.check}
                icon={
                  <ThemeIcon color={check.ok ? 'teal' : 'red'} size={24} radius="xl">
                    {check.ok ? <IconCheck size={16} /> : <IconX size={16} />}
                  </ThemeIcon>
                }
              >
                <Text fw={600} size="sm">
                  {t(`verify.checkNames.${check.check}`, { defaultValue: check.check })}:{' '}
                  {check.ok ? t('verify.checkOk') : t('verify.checkFailed')}
                </Text>
                <Text size="sm">{language === 'en' ? check.en : check.th}</Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Page>
  );
}
