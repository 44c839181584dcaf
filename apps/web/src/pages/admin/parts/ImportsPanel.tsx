/**
 * Schools and educational service areas from CSV files: the file goes to the API as a `text/csv` body. By default a
 * file with any bad line is refused whole; "skip bad lines" imports the rest. Either way the bad lines are listed.
 */
import {
  Button,
  Checkbox,
  Code,
  FileInput,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getAdminControllerImportAreasUrl,
  getAdminControllerImportSchoolsUrl,
} from '../../../api/generated/admin/admin';
import type { ImportProblemResponse, ImportReportResponse } from '../../../api/generated/model';
import { ApiError, apiFetch } from '../../../api/http';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ImportOutcome, ImportResult } from './ImportResult';

export type ImportKind = 'schools' | 'areas';

const COLUMNS: Record<ImportKind, string> = {
  schools: 'code,name_th,name_en,area_code,province_code,local_org_code,local_org_name_th',
  areas: 'code,level,name_th,name_en,province_th,area_no',
};

/** The lines a refused file names (the API's problem+json carries them in `errors`). */
export function refusedLines(error: unknown): ImportProblemResponse[] | null {
  if (!(error instanceof ApiError) || error.code !== 'IDENTITY_IMPORT_HAS_ERRORS') return null;
  const list = (error.problem.errors ?? []) as unknown[];
  return list
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({
      line: Number(item.line),
      key: typeof item.key === 'string' ? item.key : undefined,
      reason: String(item.reason ?? item.message ?? ''),
    }));
}

async function importCsv(kind: ImportKind, file: File, skipInvalid: boolean): Promise<ImportReportResponse> {
  const params = skipInvalid ? { skipInvalid: 'true' } : undefined;
  const url =
    kind === 'schools'
      ? getAdminControllerImportSchoolsUrl(params)
      : getAdminControllerImportAreasUrl(params);
  const response = await apiFetch<{ data: ImportReportResponse }>(url, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: await file.text(),
  });
  return response.data;
}

export function ImportsPanel() {
  const { t } = useTranslation('admin');
  const [kind, setKind] = useState<ImportKind>('schools');
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [touched, setTouched] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const mutation = useMutation({
    mutationFn: (input: { kind: ImportKind; file: File; skipInvalid: boolean }) =>
      importCsv(input.kind, input.file, input.skipInvalid),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!file) return;
    setOutcome(null);
    try {
      const report = await mutation.mutateAsync({ kind, file, skipInvalid });
      setOutcome({ kind: 'done', report });
    } catch (error) {
      const lines = refusedLines(error);
      if (lines) setOutcome({ kind: 'refused', errors: lines });
    }
  };

  const otherError = mutation.error && !refusedLines(mutation.error) ? mutation.error : null;

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('imports.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('imports.intro')}
        </Text>
      </div>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md" maw={720}>
          <SegmentedControl
            value={kind}
            onChange={(value) => {
              setKind(value as ImportKind);
              setOutcome(null);
              mutation.reset();
            }}
            data={[
              { value: 'schools', label: t('imports.kinds.schools') },
              { value: 'areas', label: t('imports.kinds.areas') },
            ]}
            aria-label={t('imports.kindLabel')}
            fullWidth
            size="md"
          />
          <Stack gap={4}>
            <Text size="sm">{t(`imports.columns.${kind}`)}</Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {COLUMNS[kind]}
            </Code>
          </Stack>
          <FileInput
            label={t('imports.file')}
            description={t('imports.fileHint')}
            placeholder={t('imports.filePlaceholder')}
            accept=".csv,text/csv"
            required
            clearable
            value={file}
            onChange={(value) => {
              setFile(value);
              setOutcome(null);
              mutation.reset();
            }}
            leftSection={<IconFileTypeCsv size={18} aria-hidden />}
            error={touched && !file ? t('imports.fileRequired') : null}
            size="md"
            data-testid="import-file"
          />
          <Checkbox
            label={t('imports.skipInvalid')}
            description={t('imports.skipInvalidHint')}
            checked={skipInvalid}
            onChange={(event) => setSkipInvalid(event.currentTarget.checked)}
            size="md"
          />
          <Group justify="flex-end">
            <Button
              h={44}
              type="submit"
              leftSection={<IconUpload size={18} aria-hidden />}
              loading={mutation.isPending}
              data-testid="import-submit"
            >
              {t('imports.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ProblemAlert error={otherError} />
      {outcome ? <ImportResult outcome={outcome} /> : null}
    </Stack>
  );
}
