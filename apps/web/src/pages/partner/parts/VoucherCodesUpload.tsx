/**
 * Loading voucher codes into a pool_code perk from a CSV or text file: the file is read here first (how many codes,
 * which lines are wrong and why), then the good codes are sent as JSON; the API answers how many were new.
 */
import { Alert, Button, FileInput, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { marketplaceControllerAddCodes } from '../../../api/generated/marketplace/marketplace';
import type { VoucherCodesLoadedResponse } from '../../../api/generated/model';
import { readableAlertTitle } from './alertStyles';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatNumber } from '../../../format/format';
import { parseVoucherCodes, ParsedCodes } from './voucherCodes';

const SHOWN_ERRORS = 20;

function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

export function VoucherCodesUpload({
  perkId,
  availableCodes,
  onLoaded,
}: {
  perkId: string;
  availableCodes: number;
  onLoaded?: (result: VoucherCodesLoadedResponse) => void;
}) {
  const { t, i18n } = useTranslation('partner');
  const n = (value: number) => formatNumber(value, i18n.language);
  const [file, setFile] = useState<File | null>(null);
  const [parsed, setParsed] = useState<ParsedCodes | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const upload = useMutation({
    mutationFn: (codes: string[]) =>
      marketplaceControllerAddCodes(perkId, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ codes }),
      }),
    onSuccess: (response) => onLoaded?.(response.data),
  });
  const result = upload.data?.data;

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setParsed(null);
    setUnreadable(false);
    upload.reset();
    if (!chosen) return;
    try {
      setParsed(parseVoucherCodes(await readText(chosen)));
    } catch {
      setUnreadable(true);
    }
  };

  const errors = parsed?.errors ?? [];

  return (
    <Paper withBorder p="md" radius="md" component="section">
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('codes.title')}
        </Title>
        <Text>
          {t('codes.available', {
            count: result?.available ?? availableCodes,
            formatted: n(result?.available ?? availableCodes),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('codes.hint')}
        </Text>
        <FileInput
          label={t('codes.file')}
          placeholder={t('codes.choose')}
          accept=".csv,.txt,text/csv,text/plain"
          value={file}
          onChange={(chosen) => void choose(chosen)}
          leftSection={<IconFileUpload size={18} aria-hidden />}
          clearable
          size="md"
        />
        {unreadable ? (
          <Alert color="red" variant="light" role="alert">
            {t('codes.unreadable')}
          </Alert>
        ) : null}
        {parsed && !result ? (
          <Text data-testid="codes-preview">
            {t('codes.preview', { codes: n(parsed.codes.length), lines: n(parsed.lines) })}
          </Text>
        ) : null}
        {errors.length ? (
          <Alert
            color="yellow"
            variant="light"
            title={t('codes.errorsTitle', { count: errors.length, formatted: n(errors.length) })}
            data-testid="codes-errors"
            styles={readableAlertTitle}
          >
            <List size="sm" spacing={4}>
              {errors.slice(0, SHOWN_ERRORS).map((error) => (
                <List.Item key={error.line}>
                  {t(`codes.problem.${error.problem}`, {
                    line: error.line,
                    code: error.code.length > 40 ? `${error.code.slice(0, 40)}…` : error.code,
                    first: error.firstLine,
                  })}
                </List.Item>
              ))}
            </List>
            {errors.length > SHOWN_ERRORS ? (
              <Text size="sm" mt="xs">
                {t('codes.moreErrors', { count: errors.length - SHOWN_ERRORS })}
              </Text>
            ) : null}
          </Alert>
        ) : null}
        {parsed && !result ? (
          <Button
            leftSection={<IconUpload size={18} aria-hidden />}
            disabled={parsed.codes.length === 0}
            loading={upload.isPending}
            onClick={() => upload.mutate(parsed.codes)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('codes.upload', { count: parsed.codes.length, formatted: n(parsed.codes.length) })}
          </Button>
        ) : null}
        <ProblemAlert error={upload.error} />
        {result ? (
          <Alert
            color="green"
            variant="light"
            title={t('codes.done')}
            data-testid="codes-result"
            styles={readableAlertTitle}
            role="status"
          >
            <List size="sm" spacing={4}>
              <List.Item>
                {t('codes.result.added', { count: result.added, formatted: n(result.added) })}
              </List.Item>
              {result.skipped > 0 ? (
                <List.Item>
                  {t('codes.result.skipped', { count: result.skipped, formatted: n(result.skipped) })}
                </List.Item>
              ) : null}
              {errors.length > 0 ? (
                <List.Item>
                  {t('codes.result.notSent', { count: errors.length, formatted: n(errors.length) })}
                </List.Item>
              ) : null}
              <List.Item>
                {t('codes.result.available', { count: result.available, formatted: n(result.available) })}
              </List.Item>
            </List>
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
