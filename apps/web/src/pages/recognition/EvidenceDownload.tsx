/**
 * "Download evidence (PDF)": the member's work of a chosen fiscal year as the signed, QR-coded PDF of
 * `GET /api/v1/me/evidence?fiscalYear=`. The file needs the session, so it is fetched with the token and saved.
 */
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchWithSession, saveBlob } from '../../api/files';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fileNameOf } from '../cockpit/parts/ExportButtons';
import { fiscalYearOf } from './growth';

export function EvidenceDownload({ initialYear }: { initialYear?: number }) {
  const { t } = useTranslation('growth');
  const current = fiscalYearOf();
  const [year, setYear] = useState(initialYear ?? current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const years = [current, current - 1, current - 2];
  if (!years.includes(year)) years.unshift(year);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetchWithSession(`/api/v1/me/evidence?fiscalYear=${year}`);
      saveBlob(
        await response.blob(),
        fileNameOf(response.headers.get('content-disposition'), `evidence-${year}.pdf`),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" data-testid="evidence-download">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('evidence.fiscalYear')}
          value={String(year)}
          onChange={(event) => setYear(Number(event.currentTarget.value))}
          data={years.map((value) => ({
            value: String(value),
            label: t('evidence.fiscalYearOption', { year: value }),
          }))}
        />
        <Button
          h={44}
          variant="light"
          leftSection={<IconFileTypePdf size={18} aria-hidden />}
          loading={busy}
          onClick={() => void download()}
        >
          {t('evidence.download')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('evidence.hint')}
      </Text>
      {error ? <ProblemAlert error={error} title={t('evidence.failed')} /> : null}
    </Stack>
  );
}
