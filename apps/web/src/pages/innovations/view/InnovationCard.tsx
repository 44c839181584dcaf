import { Avatar, Card, Group, Highlight, Mark, Stack, Text } from '@mantine/core';
import { IconMessageCircle, IconStarFilled, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InnovationListItemResponse } from '../../../api/generated/model';
import { LevelBadge } from '../../../components/LevelBadge';
import { formatNumber, formatRelative } from '../../../format/format';
import { Cover } from './Cover';
import { initialOf } from './initial';
import classes from './innovations.module.css';
import { containsTerm, parseSnippet } from './search';
import type { Taxonomy } from './taxonomy';

/** What a search found, as a short text: the summary, or the API's extract when the match is only in the body. */
export function MatchText({
  item,
  terms,
}: {
  item: Pick<InnovationListItemResponse, 'title' | 'summary' | 'snippet'>;
  terms: string[];
}) {
  const matchOutsideText =
    item.snippet &&
    terms.length > 0 &&
    !containsTerm(item.title, terms) &&
    !containsTerm(item.summary, terms);
  if (matchOutsideText && item.snippet) {
    return (
      <Text size="sm" c="dimmed" lineClamp={3} data-testid="innovation-snippet">
        {parseSnippet(item.snippet).map((part, index) =>
          part.mark ? (
            <Mark key={index} color="yellow">
              {part.text}
            </Mark>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </Text>
    );
  }
  return (
    <Highlight highlight={terms} size="sm" c="dimmed" lineClamp={3} color="yellow">
      {item.summary}
    </Highlight>
  );
}

export function InnovationCard({
  item,
  terms,
  taxonomy,
}: {
  item: InnovationListItemResponse;
  terms: string[];
  taxonomy: Taxonomy;
}) {
  const { t, i18n } = useTranslation('innovations');
  const language = i18n.language;
  const area = item.learningAreas[0];
  const bannerLabels = [
    ...(area ? [taxonomy.label('learningAreas', area)] : []),
    ...(item.gradeLevels.length ? [item.gradeLevels.map(taxonomy.gradeShort).join(', ')] : []),
  ];
  return (
    <Card
      withBorder
      radius="lg"
      padding={0}
      className={classes.card}
      data-testid="innovation-card"
      component="article"
    >
      <Cover
        innovationId={item.id}
        coverAttachmentId={item.coverAttachmentId}
        learningArea={area}
        labels={bannerLabels}
        height={104}
      />
      <Stack gap={8} p="md" style={{ flex: 1 }}>
        <Link to={`/innovations/${item.id}`} className={classes.cardLink}>
          <Highlight
            component="h2"
            highlight={terms}
            fw={700}
            size="lg"
            lh={1.4}
            m={0}
            lineClamp={3}
            color="yellow"
          >
            {item.title}
          </Highlight>
        </Link>
        <MatchText item={item} terms={terms} />
        <Group gap={8} wrap="nowrap" mt="auto" pt={4}>
          <Avatar size={32} radius="xl" color="lc" aria-hidden>
            {initialOf(item.author.displayName)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Group gap={4} wrap="nowrap">
              <Text size="sm" fw={600} truncate>
                {item.author.displayName}
              </Text>
              <LevelBadge level={item.author.level} compact />
            </Group>
            <Text size="xs" c="dimmed" truncate>
              {[item.school?.name, formatRelative(item.publishedAt ?? item.createdAt, language)]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </div>
        </Group>
        <Group gap="md" wrap="wrap" aria-label={t('card.stats')} role="group">
          <Group gap={4} wrap="nowrap">
            <IconStarFilled size={16} color="var(--mantine-color-yellow-7)" aria-hidden />
            {item.rating.average != null && item.rating.count > 0 ? (
              <>
                <Text size="sm" fw={600}>
                  {formatNumber(item.rating.average, language)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('card.ratings', {
                    count: item.rating.count,
                    formatted: formatNumber(item.rating.count, language),
                  })}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('card.noRatings')}
              </Text>
            )}
          </Group>
          <Group gap={4} wrap="nowrap">
            <IconUsers size={16} aria-hidden />
            <Text size="sm" c="dimmed">
              {t('card.adoptions', {
                count: item.adoptionCount,
                formatted: formatNumber(item.adoptionCount, language),
              })}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <IconMessageCircle size={16} aria-hidden />
            <Text size="sm" c="dimmed">
              {t('card.comments', {
                count: item.commentCount,
                formatted: formatNumber(item.commentCount, language),
              })}
            </Text>
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
