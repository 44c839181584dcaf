/**
 * The points ledger is a hash chain sealed in Ed25519-signed blocks. Here: its latest signed head, and a check that
 * recomputes the whole chain and every block and names the first place it no longer matches.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  DataList,
  Group,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  useLedgerChainControllerHead,
  useLedgerChainControllerVerify,
} from '../../../api/generated/ledger/ledger';
import type { LedgerVerificationResponse } from '../../../api/generated/model';
import { ApiError } from '../../../api/http';
import { EmptyState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../../format/format';
import { QueryGate } from './shared';

function HexValue({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation('admin');
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <Code style={{ wordBreak: 'break-all', whiteSpace: 'normal', flex: 1 }}>{value}</Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('ledger.copied') : t('ledger.copy')} withArrow>
                <ActionIcon
                  variant="subtle"
                  onClick={copy}
                  aria-label={t('ledger.copyNamed', { name: label })}
                  color={copied ? 'lc' : 'gray'}
                >
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function VerifyResult({ result }: { result: LedgerVerificationResponse }) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const counts = {
    checked: formatNumber(result.checked, lang),
    blocks: formatNumber(result.blocks, lang),
    unchained: formatNumber(result.unchained, lang),
    ms: formatNumber(result.durationMs, lang),
  };
  if (result.ok) {
    return (
      <Alert
        color="lc"
        icon={<IconShieldCheck aria-hidden />}
        title={t('ledger.okTitle')}
        data-testid="ledger-verify-result"
        data-ok="true"
      >
        <Text size="sm">{t('ledger.okBody', counts)}</Text>
        {result.unchained > 0 ? <Text size="sm">{t('ledger.unchained', counts)}</Text> : null}
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      role="alert"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('ledger.brokenTitle')}
      data-testid="ledger-verify-result"
      data-ok="false"
    >
      <Text size="sm">
        {result.firstBadSeq != null
          ? t('ledger.brokenAt', { seq: formatNumber(result.firstBadSeq, lang) })
          : t('ledger.brokenSomewhere')}
      </Text>
      {result.problem ? <Text size="sm">{t(`ledger.problems.${result.problem}`)}</Text> : null}
      <Text size="sm" mt="xs">
        {t('ledger.brokenCounts', counts)}
      </Text>
    </Alert>
  );
}

export function LedgerPanel() {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const head = useLedgerChainControllerHead({ query: { staleTime: 10_000 } });
  const verify = useLedgerChainControllerVerify();
  const noHead = head.error instanceof ApiError && head.error.status === 404;
  const value = head.data?.data;

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('ledger.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('ledger.intro')}
        </Text>
      </div>

      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('ledger.headTitle')}
          </Title>
          {noHead ? (
            <EmptyState title={t('ledger.noHead')}>{t('ledger.noHeadBody')}</EmptyState>
          ) : (
            <QueryGate query={head} errorTitle={t('loadError')}>
              {value ? (
                <DataList orientation="vertical" gap="sm" data-testid="ledger-head">
                  <DataList.Item>
                    <DataList.ItemLabel>{t('ledger.seq')}</DataList.ItemLabel>
                    <DataList.ItemValue>
                      <Text fw={700} size="lg">
                        {formatNumber(value.seq, lang)}
                      </Text>
                    </DataList.ItemValue>
                  </DataList.Item>
                  <DataList.Item>
                    <DataList.ItemLabel>{t('ledger.block')}</DataList.ItemLabel>
                    <DataList.ItemValue>
                      {t('ledger.blockValue', {
                        no: formatNumber(value.blockNo, lang),
                        first: formatNumber(value.firstSeq, lang),
                        last: formatNumber(value.seq, lang),
                      })}
                    </DataList.ItemValue>
                  </DataList.Item>
                  <DataList.Item>
                    <DataList.ItemLabel>{t('ledger.signedAt')}</DataList.ItemLabel>
                    <DataList.ItemValue>{formatDateTime(value.sealedAt, lang)}</DataList.ItemValue>
                  </DataList.Item>
                  <HexValue label={t('ledger.hash')} value={value.hash} />
                  <HexValue label={t('ledger.signature')} value={value.signature} />
                  <HexValue label={t('ledger.publicKey')} value={value.publicKey} />
                </DataList>
              ) : null}
            </QueryGate>
          )}
        </Stack>
      </Card>

      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('ledger.verifyTitle')}
          </Title>
          <Text size="sm">{t('ledger.verifyIntro')}</Text>
          <Group>
            <Button
              h={44}
              leftSection={<IconShieldCheck size={18} aria-hidden />}
              onClick={() => verify.mutate(undefined, { onSuccess: () => void head.refetch() })}
              loading={verify.isPending}
              data-testid="ledger-verify"
            >
              {t('ledger.verify')}
            </Button>
          </Group>
          <div aria-live="polite">
            {verify.data && !verify.isPending ? <VerifyResult result={verify.data.data} /> : null}
          </div>
          <ProblemAlert error={verify.error} />
        </Stack>
      </Card>
    </Stack>
  );
}
