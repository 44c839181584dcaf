/**
 * Levels (OBEC admins): what each level above "member" asks, from the catalogue of criteria the platform can count
 * (GET /admin/recognition/levels). Each level is edited and saved on its own (PUT replaces the named level's
 * criteria whole, audited). The form refuses what the API would (no criterion, a number outside 1–1,000,000); what
 * the API still refuses is shown with the level and criterion it is about, and that row is marked.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CriterionDefinitionResponse,
  LevelCriterionInputDtoCode,
  LevelCriteriaInputDtoCode,
  LevelWithCriteriaResponse,
} from '../../../api/generated/model';
import {
  getLevelsControllerCriteriaQueryKey,
  useLevelsControllerCriteria,
  useLevelsControllerUpdateCriteria,
} from '../../../api/generated/recognition/recognition';
import { ApiError } from '../../../api/http';
import { LevelBadge } from '../../../components/LevelBadge';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatNumber } from '../../../format/format';
import { pickText } from '../../member/parts/text';
import { QueryGate } from './shared';

/** The API's bounds on a criterion's required number (LevelCriterionInputDto). */
export const REQUIRED_MIN = 1;
export const REQUIRED_MAX = 1_000_000;
/** At most this many criteria per level (LevelCriteriaInputDto). */
export const CRITERIA_MAX = 10;

interface DraftCriterion {
  code: string;
  required: number | '';
}

/** What went wrong with a save, said for a person: the API's own text, and the level and criterion it names. */
export interface SaveProblem {
  message: string;
  criterion: string | null;
}

const LEVEL_PROBLEMS = new Set([
  'RECOGNITION_LEVEL_UNKNOWN',
  'RECOGNITION_CRITERION_UNKNOWN',
  'RECOGNITION_CRITERIA_INVALID',
  'VALIDATION_FAILED',
]);

/**
 * The criterion a 400 is about. RECOGNITION_* answers carry it in `detail` ("practitioner.points_earned", or the
 * unknown code alone); VALIDATION_FAILED names the field ("levels.0.criteria.2.required") of what was sent.
 */
export function problemCriterion(error: ApiError, sent: DraftCriterion[]): string | null {
  if (error.code === 'VALIDATION_FAILED') {
    const field = error.problem.errors?.find((item) => item.field)?.field ?? '';
    const match = /criteria\.(\d+)/.exec(field);
    return match ? (sent[Number(match[1])]?.code ?? null) : null;
  }
  const detail = error.problem.detail ?? '';
  const code = detail.includes('.') ? detail.split('.').pop() : detail;
  return code && sent.some((item) => item.code === code) ? code : null;
}

function LevelEditor({
  level,
  catalogue,
}: {
  level: LevelWithCriteriaResponse;
  catalogue: CriterionDefinitionResponse[];
}) {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const queryClient = useQueryClient();
  const update = useLevelsControllerUpdateCriteria();
  const saved = useMemo<DraftCriterion[]>(
    () => level.criteria.map((criterion) => ({ code: criterion.code, required: criterion.required })),
    [level.criteria],
  );
  const [draft, setDraft] = useState<DraftCriterion[]>(saved);
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState<DraftCriterion[]>([]);
  const levelName = pickText(level, language);
  const definition = (code: string) => catalogue.find((item) => item.code === code);
  const criterionName = (code: string) => {
    const found = definition(code);
    return found ? pickText(found, language) : code;
  };

  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const rowProblem = (item: DraftCriterion) =>
    item.required === '' ||
    !Number.isInteger(item.required) ||
    item.required < REQUIRED_MIN ||
    item.required > REQUIRED_MAX
      ? t('admin.levels.requiredRange', {
          min: formatNumber(REQUIRED_MIN, language),
          max: formatNumber(REQUIRED_MAX, language),
        })
      : null;
  const emptyProblem = draft.length === 0 ? t('admin.levels.atLeastOne') : null;
  const invalid = Boolean(emptyProblem) || draft.some((item) => rowProblem(item));

  const apiProblem: SaveProblem | null = useMemo(() => {
    const error = update.error;
    if (!(error instanceof ApiError) || !error.code || !LEVEL_PROBLEMS.has(error.code)) return null;
    const criterion = problemCriterion(error, sent);
    return {
      // The API's title is in the reader's language (Accept-Language); its detail is only the codes.
      message: error.problem.title ?? '',
      criterion,
    };
  }, [update.error, sent]);

  const available = catalogue.filter((item) => !draft.some((chosen) => chosen.code === item.code));

  const change = (code: string, required: number | '') =>
    setDraft((previous) => previous.map((item) => (item.code === code ? { ...item, required } : item)));
  const remove = (code: string) => setDraft((previous) => previous.filter((item) => item.code !== code));
  const add = (code: string | null) => {
    if (!code) return;
    setDraft((previous) => [...previous, { code, required: 1 }]);
  };
  const discard = () => {
    setDraft(saved);
    setTouched(false);
    update.reset();
  };

  const save = async () => {
    setTouched(true);
    if (invalid) return;
    const body = draft.map((item) => ({
      code: item.code as LevelCriterionInputDtoCode,
      required: item.required as number,
    }));
    setSent(draft);
    try {
      const response = await update.mutateAsync({
        data: { levels: [{ code: level.code as LevelCriteriaInputDtoCode, criteria: body }] },
      });
      queryClient.setQueryData(getLevelsControllerCriteriaQueryKey(), response);
    } catch {
      return; // shown below the criteria
    }
    setTouched(false);
    notifications.show({ color: 'lc', message: t('admin.levels.saved', { level: levelName }) });
  };

  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-label={levelName}
      data-testid="level-editor"
      data-level={level.code}
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <LevelBadge level={level.code} compact />
          <Title order={3} size="h4">
            {levelName}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('admin.levels.asks', { count: draft.length })}
        </Text>

        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {draft.map((item) => {
            const name = criterionName(item.code);
            const unit = definition(item.code);
            const marked = apiProblem?.criterion === item.code;
            const label = unit
              ? t('admin.levels.requiredIn', { unit: language === 'en' ? unit.unitEn : unit.unitTh })
              : t('admin.levels.required');
            return (
              <Paper
                component="li"
                key={item.code}
                withBorder
                radius="md"
                p="sm"
                data-testid="level-criterion-row"
                data-code={item.code}
                style={marked ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
              >
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text fw={600} size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                    {name}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label={t('admin.levels.remove', { criterion: name, level: levelName })}
                    onClick={() => remove(item.code)}
                    disabled={update.isPending}
                    style={{ flexShrink: 0 }}
                  >
                    <IconTrash size={20} aria-hidden />
                  </ActionIcon>
                </Group>
                <NumberInput
                  mt={4}
                  label={label}
                  // The visible label first (what a voice user says), then which criterion it is.
                  aria-label={`${label} — ${name}`}
                  min={REQUIRED_MIN}
                  max={REQUIRED_MAX}
                  allowDecimal={false}
                  allowNegative={false}
                  // Said, not silently corrected: a 0 typed stays 0 and the field tells the range.
                  clampBehavior="none"
                  thousandSeparator=","
                  hideControls
                  inputMode="numeric"
                  size="md"
                  w={200}
                  styles={{ input: { minHeight: 44 } }}
                  value={item.required}
                  onChange={(value) =>
                    change(item.code, value === '' ? '' : typeof value === 'number' ? value : Number(value))
                  }
                  error={
                    touched && rowProblem(item)
                      ? rowProblem(item)
                      : marked
                        ? t('admin.levels.rowRefused')
                        : null
                  }
                />
              </Paper>
            );
          })}
        </Stack>
        {touched && emptyProblem ? (
          <Text size="sm" c="red.9" role="alert">
            {emptyProblem}
          </Text>
        ) : null}

        {available.length > 0 && draft.length < CRITERIA_MAX ? (
          <Select
            label={t('admin.levels.add')}
            placeholder={t('admin.levels.addPlaceholder')}
            data={available.map((item) => ({ value: item.code, label: pickText(item, language) }))}
            value={null}
            onChange={add}
            disabled={update.isPending}
            size="md"
            styles={{ input: { minHeight: 44 } }}
            comboboxProps={{ withinPortal: true }}
            data-testid="level-add-criterion"
          />
        ) : null}

        {apiProblem ? (
          <Alert color="red" role="alert" variant="light" title={t('admin.levels.saveFailed')}>
            <Text size="sm">{apiProblem.message}</Text>
            {apiProblem.criterion ? (
              <Text size="sm" fw={700} mt={4}>
                {t('admin.levels.problemAt', {
                  level: levelName,
                  criterion: criterionName(apiProblem.criterion),
                })}
              </Text>
            ) : null}
          </Alert>
        ) : (
          <ProblemAlert error={update.error} title={t('admin.levels.saveFailed')} />
        )}

        {dirty ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Button h={44} variant="default" onClick={discard} disabled={update.isPending}>
              {t('admin.levels.discard')}
            </Button>
            <Button
              h={44}
              onClick={() => void save()}
              loading={update.isPending}
              data-testid="level-save"
              aria-label={t('admin.levels.saveNamed', { level: levelName })}
            >
              {t('admin.levels.save')}
            </Button>
          </SimpleGrid>
        ) : (
          <Text size="xs" c="dimmed">
            {t('admin.levels.unchanged')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function LevelsPanel() {
  const { t } = useTranslation('recognition');
  const view = useLevelsControllerCriteria({ query: { staleTime: 30_000 } });
  const data = view.data?.data;
  // Everyone is a member from registration: that level asks nothing and is not edited.
  const levels = (data?.levels ?? []).filter((level) => level.code !== 'member');
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('admin.levels.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('admin.levels.intro')}
        </Text>
      </div>
      <QueryGate query={view} errorTitle={t('admin:loadError')}>
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          {levels.map((level) => (
            <LevelEditor
              // A save (or another admin's) replaces the level: the editor starts again from what is stored.
              key={`${level.code}:${JSON.stringify(level.criteria)}`}
              level={level}
              catalogue={data?.criteria ?? []}
            />
          ))}
        </SimpleGrid>
      </QueryGate>
    </Stack>
  );
}
