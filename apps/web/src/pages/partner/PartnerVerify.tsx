/**
 * /partner/verify — at the counter: type the voucher code a teacher shows, or scan its QR code with the phone's
 * camera, and see at once, big, whether it is accepted (now marked used) or refused and why. A code is accepted once;
 * shown again it is refused as already used.
 */
import { Alert, Anchor, Button, Code, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconCamera, IconCheck, IconSearch, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  getMarketplaceControllerPartnerRedemptionsQueryKey,
  getMarketplaceControllerStatsQueryKey,
  useMarketplaceControllerVerify,
} from '../../api/generated/marketplace/marketplace';
import type { VoucherVerificationResponse } from '../../api/generated/model';
import { ApiError } from '../../api/http';
import { Page } from '../../components/Page';
import { problemMessage, ProblemAlert } from '../../components/ProblemAlert';
import { readableAlertTitle } from './parts/alertStyles';
import { formatDateTime } from '../../format/format';
import { MemberName } from './parts/MemberName';
import { CameraProblem, QrScanner } from './parts/QrScanner';
import { usePerkTitle } from './parts/usePerkTitle';
import { usedAtOf, useVoucherRedemption } from './parts/voucherRedemption';

const CODE_MIN = 3;
const CODE_MAX = 100;

interface Outcome {
  status: 'accepted' | 'refused';
  code: string;
  answer?: VoucherVerificationResponse;
  /** A refusal the API explained in a problem (validation and the like). */
  detail?: string;
  at: Date;
}

function VerifyResult({ outcome, onNext }: { outcome: Outcome; onNext: () => void }) {
  const { t, i18n } = useTranslation('partner');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const accepted = outcome.status === 'accepted';
  const answer = outcome.answer;
  const redemption = useVoucherRedemption(answer?.redemptionId, answer?.perkTitle);
  const titleOf = usePerkTitle();
  const title =
    answer?.perkTitle && redemption.data
      ? titleOf(redemption.data.perk.id, answer.perkTitle)
      : answer?.perkTitle;
  const usedAt = accepted ? outcome.at.toISOString() : usedAtOf(redemption.data);
  const color = accepted ? 'green' : 'red';
  const reason = outcome.detail ?? (answer ? t(`verify.refused.${answer.result}`) : '');

  return (
    <Paper
      ref={ref}
      data-testid="verify-result"
      data-status={outcome.status}
      p="lg"
      radius="md"
      bg={`var(--mantine-color-${color}-light)`}
      style={{ border: `2px solid var(--mantine-color-${color}-8)` }}
    >
      <Stack align="center" ta="center" gap="sm">
        <ThemeIcon size={72} radius="xl" color={`${color}.8`} aria-hidden>
          {accepted ? <IconCheck size={48} stroke={3} /> : <IconX size={48} stroke={3} />}
        </ThemeIcon>
        <Title order={2} c={`${color}.9`}>
          {accepted ? t('verify.accepted.title') : t('verify.refused.title')}
        </Title>
        {accepted ? <Text fw={600}>{t('verify.accepted.body')}</Text> : <Text fw={600}>{reason}</Text>}
        {title ? (
          <Text size="lg" fw={700} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
        ) : null}
        {redemption.data ? (
          <Stack gap={0} align="center">
            <Text size="sm">{t('verify.member')}</Text>
            <MemberName id={redemption.data.memberId} dimmed={false} />
          </Stack>
        ) : null}
        {usedAt ? (
          <Text>
            {accepted
              ? t('verify.accepted.at', { date: formatDateTime(usedAt, i18n.language) })
              : t('verify.usedAt', { date: formatDateTime(usedAt, i18n.language) })}
          </Text>
        ) : null}
        <Code fz="lg" style={{ overflowWrap: 'anywhere' }}>
          {outcome.code}
        </Code>
        <Button variant="default" size="md" onClick={onNext}>
          {t('verify.next')}
        </Button>
      </Stack>
    </Paper>
  );
}

export default function PartnerVerify() {
  const { t } = useTranslation('partner');
  const queryClient = useQueryClient();
  const verify = useMarketplaceControllerVerify();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [scanning, setScanning] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<CameraProblem | null>(null);

  const check = async (raw: string) => {
    const value = raw.trim();
    setFailure(null);
    if (value.length < CODE_MIN || value.length > CODE_MAX) {
      setFieldError(t('verify.errors.length', { min: CODE_MIN, max: CODE_MAX }));
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    setOutcome(null);
    try {
      let sent = value;
      let response = await verify.mutateAsync({ data: { code: sent } });
      // Generated codes are upper case and the check is exact: a code typed in lower case gets a second try (an
      // unknown answer changed nothing).
      if (response.data.result === 'unknown' && value !== value.toUpperCase()) {
        const upper = await verify.mutateAsync({ data: { code: value.toUpperCase() } });
        if (upper.data.result !== 'unknown') {
          response = upper;
          sent = value.toUpperCase();
        }
      }
      const accepted = response.data.result === 'valid';
      setOutcome({
        status: accepted ? 'accepted' : 'refused',
        code: sent,
        answer: response.data,
        at: new Date(),
      });
      if (accepted) {
        void queryClient.invalidateQueries({
          queryKey: getMarketplaceControllerPartnerRedemptionsQueryKey(),
        });
        void queryClient.invalidateQueries({ queryKey: getMarketplaceControllerStatsQueryKey() });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
        setOutcome({
          status: 'refused',
          code: value,
          detail: problemMessage(error, t('verify.refused.unknown')),
          at: new Date(),
        });
      } else setFailure(error);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void check(code);
  };

  const next = () => {
    setOutcome(null);
    setCode('');
    setFieldError(null);
    verify.reset();
    inputRef.current?.focus();
  };

  const scanned = (value: string) => {
    setScanning(false);
    setCode(value);
    void check(value);
  };

  return (
    <Page title={t('verify.title')} size="sm">
      <Anchor
        component={Link}
        to="/partner"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44 }}
      >
        <IconArrowLeft size={18} aria-hidden />
        {t('verify.back')}
      </Anchor>
      <div aria-live="polite">{outcome ? <VerifyResult outcome={outcome} onNext={next} /> : null}</div>
      <ProblemAlert error={failure} />
      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text c="dimmed">{t('verify.intro')}</Text>
            <TextInput
              ref={inputRef}
              label={t('verify.codeLabel')}
              value={code}
              onChange={(event) => {
                setCode(event.currentTarget.value);
                setFieldError(null);
              }}
              error={fieldError}
              size="xl"
              maxLength={CODE_MAX + 20}
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize="none"
              spellCheck={false}
              enterKeyHint="go"
              styles={{
                input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.04em' },
              }}
            />
            <Button
              type="submit"
              size="xl"
              fullWidth
              loading={verify.isPending}
              leftSection={<IconSearch size={24} aria-hidden />}
              data-testid="verify-submit"
            >
              {t('verify.submit')}
            </Button>
            {scanning ? (
              <QrScanner
                onCode={scanned}
                onProblem={(problem) => {
                  setScanning(false);
                  setCameraProblem(problem);
                  inputRef.current?.focus();
                }}
                onClose={() => setScanning(false)}
              />
            ) : (
              <Button
                variant="light"
                size="lg"
                fullWidth
                leftSection={<IconCamera size={24} aria-hidden />}
                onClick={() => {
                  setCameraProblem(null);
                  setScanning(true);
                }}
                data-testid="verify-scan"
              >
                {t('verify.scan')}
              </Button>
            )}
            {cameraProblem ? (
              <Alert
                color="yellow"
                variant="light"
                title={t('verify.camera.problemTitle')}
                styles={readableAlertTitle}
                role="alert"
              >
                {t(`verify.camera.${cameraProblem}`)}
              </Alert>
            ) : null}
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
