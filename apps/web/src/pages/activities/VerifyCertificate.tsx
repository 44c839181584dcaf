/**
 * /verify/certificate/:code, public: the page the QR on a certificate (เกียรติบัตร) opens. It says whether the
 * platform issued a certificate with that code and whether it still stands: valid (to whom, for which event, its
 * organiser and date, when issued, its number), revoked (and when), or unknown; a small form checks a typed code.
 */
import { Alert, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCertificatesControllerVerify } from '../../api/generated/activities/activities';
import { ApiError } from '../../api/http';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VerifyCodeForm } from '../../components/VerifyCodeForm';
import { formatDate } from '../../format/format';
import { formatRange, pick } from './eventParts';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

export default function VerifyCertificate() {
  const { t, i18n } = useTranslation('activities');
  const language = i18n.language;
  const { code = '' } = useParams();
  const query = useCertificatesControllerVerify(code, { query: { enabled: code.length > 0, retry: false } });
  const result = query.data?.data;
  const unknown =
    result?.status === 'unknown' ||
    (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400));

  return (
    <Page title={t('verify.title')} size="sm">
      {code && query.isLoading ? <PageLoader /> : null}
      {unknown ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconCircleX />}
          title={t('verify.unknown')}
          role="alert"
          data-testid="certificate-unknown"
        >
          {t('verify.unknownBody')}
        </Alert>
      ) : query.error ? (
        <ProblemAlert error={query.error} />
      ) : null}
      {result && result.status !== 'unknown' ? (
        <Card withBorder padding="md" data-testid="certificate-result">
          <Stack gap="sm">
            {result.status === 'valid' ? (
              <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={t('verify.valid')} />
            ) : (
              <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('verify.revoked')}>
                {result.revokedAt
                  ? t('verify.revokedOn', { date: formatDate(result.revokedAt, language) })
                  : null}
              </Alert>
            )}
            {result.holder ? <Field label={t('verify.holder')}>{result.holder}</Field> : null}
            {result.event ? (
              <>
                <Field label={t('verify.event')}>{result.event.title}</Field>
                <Field label={t('verify.organiser')}>{pick(result.event.organiser, language)}</Field>
                <Field label={t('verify.eventDate')}>
                  {formatRange(result.event.startsAt, result.event.endsAt, language)}
                </Field>
              </>
            ) : null}
            <SimpleGrid cols={2} spacing="xs">
              {result.issuedAt ? (
                <Field label={t('verify.issuedAt')}>{formatDate(result.issuedAt, language)}</Field>
              ) : null}
              {result.number ? <Field label={t('verify.number')}>{result.number}</Field> : null}
            </SimpleGrid>
            <Field label={t('verify.code')}>{code}</Field>
          </Stack>
        </Card>
      ) : null}
      <VerifyCodeForm
        key={code}
        initial={code}
        path="/verify/certificate"
        namespace="activities"
        maxLength={64}
      />
    </Page>
  );
}
