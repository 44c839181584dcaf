/**
 * CSV and XLSX of what a section shows, from `GET /api/v1/cockpit/export?report=…&format=…` with the same query as
 * the section's read. The file needs the member's token, so it is fetched with the session and saved from a blob.
 */
import { Button, Group, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchWithSession, saveBlob } from '../../../api/files';
import { ProblemAlert } from '../../../components/ProblemAlert';

export type ExportReport = 'summary' | 'breakdown' | 'timeseries' | 'activity-plans' | 'indicator-18';
export type ExportFormat = 'csv' | 'xlsx';

export function exportUrl(
  report: ExportReport,
  format: ExportFormat,
  query: Record<string, string | number | null | undefined>,
): string {
  const params = new URLSearchParams({ report, format });
  for (const [key, value] of Object.entries(query))
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  return `/api/v1/cockpit/export?${params.toString()}`;
}

/** The file name the API gives (Content-Disposition, RFC 6266 with filename*), or one made of the query. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (disposition) {
    const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (star) {
      try {
        return decodeURIComponent(star[1]!.trim());
      } catch {
        // fall through to the plain name
      }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
    if (plain) return plain[1]!.trim();
  }
  return fallback;
}

export function ExportButtons({
  report,
  query,
  name,
  label,
  testId,
}: {
  report: ExportReport;
  query: Record<string, string | number | null | undefined>;
  /** What the file is of, for the buttons' accessible names ("Export the breakdown as CSV"). */
  name: string;
  /** A visible caption before the buttons, where no section title says what they download. */
  label?: string;
  testId?: string;
}) {
  const { t } = useTranslation('cockpit');
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      const response = await fetchWithSession(exportUrl(report, format, query));
      const fallback = `cockpit-${report}-${query.from ?? ''}-${query.to ?? ''}.${format}`;
      saveBlob(await response.blob(), fileNameOf(response.headers.get('content-disposition'), fallback));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Group gap="xs" wrap="nowrap" data-testid={testId}>
        {label ? (
          <Text size="sm" c="dimmed">
            {label}
          </Text>
        ) : null}
        {(['csv', 'xlsx'] as const).map((format) => (
          <Button
            key={format}
            variant="default"
            size="sm"
            h={44}
            leftSection={<IconDownload size={16} aria-hidden />}
            loading={busy === format}
            disabled={busy !== null && busy !== format}
            onClick={() => void download(format)}
            aria-label={t('export.label', { what: name, format: format.toUpperCase() })}
            data-testid={testId ? `${testId}-${format}` : undefined}
          >
            {format.toUpperCase()}
          </Button>
        ))}
      </Group>
      {error ? <ProblemAlert error={error} title={t('export.failed')} /> : null}
    </>
  );
}
