import { Button, Group, Paper, Rating, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconLogin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFeedbackControllerMyRating } from '../../../api/generated/feedback/feedback';
import type { InnovationWithAttachmentsResponse } from '../../../api/generated/model';
import { useAuth } from '../../../auth/AuthProvider';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatNumber } from '../../../format/format';
import { RatingForm } from './RatingForm';
import { useSignIn } from './useSignIn';

export function RatingSection({ innovation }: { innovation: InnovationWithAttachmentsResponse }) {
  const { t, i18n } = useTranslation('innovations');
  const { status, me } = useAuth();
  const signIn = useSignIn();
  const member = status === 'member';
  const own = me?.id === innovation.author.id;
  const published = innovation.status === 'published';
  const mine = useFeedbackControllerMyRating(innovation.id, {
    query: { enabled: member && !own && published },
  });
  const { average, count } = innovation.rating;
  const competencies = innovation.competencyProfile.map((c) => ({
    code: c.code,
    label: c.label ? (i18n.language === 'en' ? c.label.en : c.label.th) : c.code,
  }));

  return (
    <Paper withBorder radius="lg" p="md" id="rating" component="section" aria-labelledby="rating-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="rating-title">
          {t('rating.title')}
        </Title>
        <Group gap="md" wrap="nowrap" align="center">
          <Text fz={44} fw={700} lh={1} c={average != null ? undefined : 'dimmed'}>
            {average != null ? formatNumber(average, i18n.language) : '–'}
          </Text>
          <Stack gap={4}>
            <Rating value={average ?? 0} fractions={10} readOnly size="md" color="yellow.6" aria-hidden />
            <Text size="sm" c="dimmed">
              {count > 0
                ? t('rating.count', { count, formatted: formatNumber(count, i18n.language) })
                : t('rating.none')}
            </Text>
          </Stack>
        </Group>
        {!published ? null : own ? (
          <Text c="dimmed" size="sm">
            {t('rating.own')}
          </Text>
        ) : !member ? (
          <Button variant="light" h={44} leftSection={<IconLogin size={18} aria-hidden />} onClick={signIn}>
            {t('rating.signIn')}
          </Button>
        ) : mine.isLoading ? (
          <Skeleton h={200} />
        ) : mine.isError ? (
          <ProblemAlert error={mine.error} />
        ) : (
          <>
            <Title order={3} size="h4">
              {mine.data?.data ? t('rating.mine') : t('rating.yours')}
            </Title>
            <RatingForm
              key={mine.data?.data?.updatedAt ?? 'new'}
              innovationId={innovation.id}
              competencies={competencies}
              mine={mine.data?.data ?? null}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
