/**
 * The rubric: an overall score and four criteria, each 1–5 stars, all required; the innovation's competencies may
 * be judged too (optional). A member's earlier rating fills the form and can be changed.
 */
import { Box, Button, Divider, Group, Rating, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getFeedbackControllerMyRatingQueryKey,
  useFeedbackControllerRate,
} from '../../../api/generated/feedback/feedback';
import { getInnovationsControllerGetQueryKey } from '../../../api/generated/innovations/innovations';
import type { FeedbackControllerMyRating200 } from '../../../api/generated/model';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../format/format';

export const CRITERIA = ['clarity', 'effect', 'adoptability', 'competencyFit'] as const;
type Criterion = (typeof CRITERIA)[number];
type Field = 'overall' | Criterion;
const FIELDS: Field[] = ['overall', ...CRITERIA];

function StarsRow({
  name,
  label,
  description,
  value,
  onChange,
  size = 36,
}: {
  name: string;
  label: string;
  description?: string;
  value: number;
  onChange: (value: number) => void;
  size?: number;
}) {
  const { t } = useTranslation('innovations');
  const labelId = useId();
  return (
    <Stack gap={4}>
      <div>
        <Text fw={700} id={labelId}>
          {label}
        </Text>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </div>
      <Group gap="sm" wrap="nowrap" role="radiogroup" aria-labelledby={labelId}>
        <Rating
          name={name}
          value={value}
          onChange={onChange}
          size={size}
          color="yellow.6"
          getSymbolLabel={(stars) => t('rating.stars', { count: stars })}
        />
        <Text size="sm" c={value ? undefined : 'dimmed'} aria-hidden>
          {value ? t(`rating.levels.${value}`) : t('rating.notYet')}
        </Text>
      </Group>
    </Stack>
  );
}

export function RatingForm({
  innovationId,
  competencies,
  mine,
  onSaved,
}: {
  innovationId: string;
  competencies: { code: string; label: string }[];
  /** My earlier rating, or null. */
  mine: FeedbackControllerMyRating200 | null | undefined;
  onSaved?: () => void;
}) {
  const { t, i18n } = useTranslation('innovations');
  const queryClient = useQueryClient();
  const [scores, setScores] = useState<Record<Field, number>>(() => ({
    overall: mine?.overall ?? 0,
    clarity: mine?.criteria.clarity ?? 0,
    effect: mine?.criteria.effect ?? 0,
    adoptability: mine?.criteria.adoptability ?? 0,
    competencyFit: mine?.criteria.competencyFit ?? 0,
  }));
  const [judgements, setJudgements] = useState<Record<string, number>>(() => {
    const known = new Set(competencies.map((c) => c.code));
    return Object.fromEntries(Object.entries(mine?.competencies ?? {}).filter(([code]) => known.has(code)));
  });
  const rate = useFeedbackControllerRate();
  const missing = FIELDS.filter((field) => !scores[field]).length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (missing > 0) return;
    const judged = Object.fromEntries(Object.entries(judgements).filter(([, value]) => value > 0));
    try {
      await rate.mutateAsync({
        id: innovationId,
        data: {
          overall: scores.overall,
          criteria: {
            clarity: scores.clarity,
            effect: scores.effect,
            adoptability: scores.adoptability,
            competencyFit: scores.competencyFit,
          },
          ...(Object.keys(judged).length ? { competencies: judged } : {}),
        },
      });
      notifications.show({ color: 'teal', title: t('rating.savedTitle'), message: t('rating.saved') });
      void queryClient.invalidateQueries({ queryKey: getInnovationsControllerGetQueryKey(innovationId) });
      void queryClient.invalidateQueries({ queryKey: getFeedbackControllerMyRatingQueryKey(innovationId) });
      onSaved?.();
    } catch {
      // shown by ProblemAlert
    }
  };

  return (
    <Box component="form" onSubmit={submit} data-testid="rating-form" noValidate>
      <Stack gap="md">
        {mine && (
          <Text size="sm" c="dimmed">
            {t('rating.mineSince', { date: formatDateTime(mine.updatedAt, i18n.language) })}
          </Text>
        )}
        <StarsRow
          name="overall"
          label={t('rating.overall')}
          description={t('rating.overallHint')}
          value={scores.overall}
          onChange={(value) => setScores((s) => ({ ...s, overall: value }))}
          size={40}
        />
        <Divider />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          {CRITERIA.map((criterion) => (
            <StarsRow
              key={criterion}
              name={criterion}
              label={t(`rating.criteria.${criterion}`)}
              description={t(`rating.criteriaHint.${criterion}`)}
              value={scores[criterion]}
              onChange={(value) => setScores((s) => ({ ...s, [criterion]: value }))}
            />
          ))}
        </SimpleGrid>
        {competencies.length > 0 && (
          <>
            <Divider />
            <div>
              <Title order={3} size="h5">
                {t('rating.competencies')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('rating.competenciesHint')}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
              {competencies.map((competency) => (
                <StarsRow
                  key={competency.code}
                  name={`competency-${competency.code}`}
                  label={competency.label}
                  value={judgements[competency.code] ?? 0}
                  onChange={(value) => setJudgements((j) => ({ ...j, [competency.code]: value }))}
                  size={32}
                />
              ))}
            </SimpleGrid>
          </>
        )}
        <ProblemAlert error={rate.error} />
        <Group gap="sm" wrap="wrap">
          <Button
            type="submit"
            h={44}
            disabled={missing > 0}
            loading={rate.isPending}
            data-testid="rating-submit"
          >
            {mine ? t('rating.update') : t('rating.submit')}
          </Button>
          {missing > 0 && (
            <Text size="sm" c="dimmed">
              {t('rating.missing', { count: missing })}
            </Text>
          )}
        </Group>
      </Stack>
    </Box>
  );
}
