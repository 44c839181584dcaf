/**
 * What an import did: the counts, and each line of the file that was refused with its reason. The same table shows
 * when the whole file was refused (422 IDENTITY_IMPORT_HAS_ERRORS, nothing imported) and when bad lines were skipped.
 */
import { Alert, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportProblemResponse, ImportReportResponse } from '../../../api/generated/model';
import { formatNumber } from '../../../format/format';

export type ImportOutcome =
  | { kind: 'done'; report: ImportReportResponse }
  | { kind: 'refused'; errors: ImportProblemResponse[]; detail?: string };

function Stat({ label, value }: { label: string; value: number }) {
  const { i18n } = useTranslation();
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {formatNumber(value, i18n.language)}
      </Text>
    </div>
  );
}

export function ImportErrorsTable({ errors }: { errors: ImportProblemResponse[] }) {
  const { t, i18n } = useTranslation('admin');
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return (
    <Table
      data-testid="import-errors"
      striped
      withTableBorder
      verticalSpacing="xs"
      layout="fixed"
      captionSide="top"
      style={{ wordBreak: 'break-word' }}
    >
      <Table.Caption ta="start">{t('imports.errorsCaption', { count: errors.length })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={64} scope="col">
            {t('imports.line')}
          </Table.Th>
          <Table.Th w="32%" scope="col">
            {t('imports.key')}
          </Table.Th>
          <Table.Th scope="col">{t('imports.reason')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((error, index) => (
          <Table.Tr key={`${error.line}-${index}`} data-line={error.line}>
            <Table.Td>{formatNumber(error.line, i18n.language)}</Table.Td>
            <Table.Td>{error.key ?? '–'}</Table.Td>
            <Table.Td>{error.reason}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation('admin');
  if (outcome.kind === 'refused') {
    return (
      <Stack gap="sm" data-testid="import-result">
        <Alert
          color="red"
          role="alert"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('imports.refusedTitle')}
        >
          {t('imports.refusedBody', { count: outcome.errors.length })}
        </Alert>
        {outcome.errors.length > 0 ? <ImportErrorsTable errors={outcome.errors} /> : null}
      </Stack>
    );
  }
  const { report } = outcome;
  return (
    <Stack gap="sm" data-testid="import-result">
      <Alert
        color={report.skipped > 0 ? 'yellow' : 'lc'}
        icon={report.skipped > 0 ? <IconAlertTriangle aria-hidden /> : <IconCircleCheck aria-hidden />}
        title={report.skipped > 0 ? t('imports.doneWithSkipped') : t('imports.done')}
        styles={report.skipped > 0 ? { title: { color: 'var(--mantine-color-dark-8)' } } : undefined}
      >
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Stat label={t('imports.received')} value={report.received} />
          <Stat label={t('imports.created')} value={report.created} />
          <Stat label={t('imports.updated')} value={report.updated} />
          <Stat label={t('imports.skipped')} value={report.skipped} />
        </SimpleGrid>
      </Alert>
      {report.errors.length > 0 ? (
        <>
          <Title order={3} size="h5">
            {t('imports.skippedLines')}
          </Title>
          <ImportErrorsTable errors={report.errors} />
        </>
      ) : null}
    </Stack>
  );
}
