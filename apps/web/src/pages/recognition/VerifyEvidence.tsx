/**
 * `/verify/evidence/:code`, public: the page the QR code on an evidence PDF opens. It says whether the platform
 * issued the document with that code, of whom, for which fiscal year, when, the totals it showed and the SHA-256 of
 * the file as issued (so a changed copy can be told from the original); a small form checks a typed code.
 */
import { Alert, Card, Code, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useEvidenceControllerVerify } from '../../api/generated/recognition/recognition';
import type { EvidenceTotalsResponse } from '../../api/generated/model';
import { Page } from '../../components/Page';
import { PageLoader } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VerifyCodeForm } from '../../components/VerifyCodeForm';
import { formatDateTime, formatNumber } from '../../format/format';
import { failureOf, pick } from './growth';

const TOTALS: (keyof EvidenceTotalsResponse)[] = [
  'innovationsPublished',
  'adoptions',
  'adoptingSchools',
  'endorsements',
  'feedbackGiven',
  'pointsEarned',
  'badges',
];

export default function VerifyEvidence() {
  const { t, i18n } = useTranslation('growth');
  const language = i18n.language;
  const { code = '' } = useParams();
  const query = useEvidenceControllerVerify(code, { query: { enabled: code.length > 0, retry: false } });
  const failure = failureOf(query.error);
  const evidence = query.data?.data;

  return (
    <Page title={t('verify.evidenceTitle')} size="sm">
      {code && query.isLoading ? <PageLoader /> : null}
      {failure?.status === 404 || (failure?.status === 400 && code) ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconCircleX />}
          title={t('verify.notIssuedTitle')}
          role="alert"
        >
          {t('verify.notIssued')}
        </Alert>
      ) : query.error ? (
        <ProblemAlert error={query.error} />
      ) : null}
      {evidence ? (
        <Card withBorder padding="md" data-testid="evidence-result">
          <Stack gap="sm">
            {evidence.valid ? (
              <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={t('verify.issuedBy')} />
            ) : (
              <Alert color="red" variant="light" icon={<IconCircleX />} title={t('verify.invalid')} />
            )}
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('verify.code')}
              </Text>
              <Text fw={600} ff="monospace">
                {evidence.code}
              </Text>
            </Stack>
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('verify.of')}
              </Text>
              <Text fw={600}>{evidence.member.displayName}</Text>
              {evidence.member.school ? <Text size="sm">{evidence.member.school}</Text> : null}
            </Stack>
            <SimpleGrid cols={2} spacing="xs">
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('verify.fiscalYear')}
                </Text>
                {/* the API's name already says "ปีงบประมาณ 2570": the label above is not repeated */}
                <Text>{pick(evidence.fiscalYear, language).replace(/^(ปีงบประมาณ|Fiscal year)\s*/i, '')}</Text>
              </Stack>
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('verify.issuedAt')}
                </Text>
                <Text>{formatDateTime(evidence.issuedAt, language)}</Text>
              </Stack>
            </SimpleGrid>
            <Title order={2} size="h5">
              {t('verify.totals')}
            </Title>
            <SimpleGrid cols={2} spacing="xs">
              {TOTALS.map((key) => (
                <Card key={key} withBorder padding="xs">
                  <Text size="xs" c="dimmed">
                    {t(`totals.${key}`)}
                  </Text>
                  <Text fw={700}>{formatNumber(evidence.totals[key], language)}</Text>
                </Card>
              ))}
            </SimpleGrid>
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('verify.sha256')}
              </Text>
              <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {evidence.sha256}
              </Code>
              <Text size="xs" c="dimmed">
                {t('verify.sha256Hint')}
              </Text>
            </Stack>
          </Stack>
        </Card>
      ) : null}
      <VerifyCodeForm key={code} initial={code} path="/verify/evidence" namespace="growth" maxLength={32} />
    </Page>
  );
}
