/**
 * /me/certificates: the member's certificates (เกียรติบัตร), newest first: the event, its date and the issue date
 * (Buddhist Era in Thai), the number, the PDF to download again any time (it needs the member's token, so it is
 * fetched and saved as a file), the public verification page, and a badge when one was revoked.
 */
import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  getCertificatesControllerPdfUrl,
  useCertificatesControllerMine,
} from '../../api/generated/activities/activities';
import type { CertificateMineResponse } from '../../api/generated/model';
import { downloadWithSession } from '../../api/files';
import { Page } from '../../components/Page';
import { EmptyState, PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format/format';
import { formatRange } from './eventParts';

/** The verification page inside this app (the API names it by its public address). */
export function verifyPath(certificate: Pick<CertificateMineResponse, 'code'>): string {
  return `/verify/certificate/${encodeURIComponent(certificate.code)}`;
}

function CertificateCard({ certificate }: { certificate: CertificateMineResponse }) {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      await downloadWithSession(
        getCertificatesControllerPdfUrl(certificate.id),
        `certificate-${certificate.number.replace(/[^\w-]+/g, '-')}.pdf`,
      );
    } catch {
      notifications.show({ color: 'red', message: t('certificates.downloadFailed') });
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Card withBorder padding="sm" radius="md" data-testid="certificate">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Anchor
            component={Link}
            to={`/events/${certificate.event.id}`}
            fw={700}
            c="dark.8"
            style={{ overflowWrap: 'anywhere' }}
          >
            {certificate.event.title}
          </Anchor>
          {certificate.revoked ? (
            <Badge color="red" variant="filled" style={{ textTransform: 'none', flexShrink: 0 }}>
              {t('certificates.revoked')}
            </Badge>
          ) : null}
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconCalendarEvent size={18} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm">{formatRange(certificate.event.startsAt, certificate.event.endsAt, language)}</Text>
        </Group>
        <Text size="sm" c="gray.7">
          {t('certificates.number')} {certificate.number} · {t('certificates.issuedAt')}{' '}
          {formatDate(certificate.issuedAt, language)}
        </Text>
        {certificate.revoked && certificate.revokedAt ? (
          <Text size="sm" c="red.8">
            {t('certificates.revokedOn', { date: formatDate(certificate.revokedAt, language) })}
          </Text>
        ) : null}
        <Group gap="xs" wrap="wrap">
          {!certificate.revoked ? (
            <Button
              h={44}
              leftSection={<IconDownload size={18} aria-hidden />}
              onClick={() => void download()}
              loading={downloading}
            >
              {t('certificates.download')}
            </Button>
          ) : null}
          <Button
            component={Link}
            to={verifyPath(certificate)}
            variant="light"
            h={44}
            leftSection={<IconShieldCheck size={18} aria-hidden />}
          >
            {t('certificates.verify')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export default function MyCertificates() {
  const { t } = useTranslation('activities');
  const query = useCertificatesControllerMine();
  const certificates = (query.data?.data ?? []).slice().sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  return (
    <Page title={t('certificates.title')} size="sm">
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <Stack gap="sm">
          <ProblemAlert error={query.error} title={t('certificates.loadError')} />
          <Button variant="default" onClick={() => void query.refetch()} style={{ alignSelf: 'flex-start' }}>
            {t('common:actions.retry')}
          </Button>
        </Stack>
      ) : certificates.length === 0 ? (
        <Stack gap={0} align="center">
          <EmptyState title={t('certificates.emptyTitle')}>{t('certificates.emptyBody')}</EmptyState>
          <Button component={Link} to="/events" radius="xl" h={44}>
            {t('nav.events')}
          </Button>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            {t('certificates.intro')}
          </Text>
          {certificates.map((certificate) => (
            <CertificateCard key={certificate.id} certificate={certificate} />
          ))}
        </Stack>
      )}
    </Page>
  );
}
