/**
 * The home page's "my level": the level a member holds, the next one, and how far they are on each of its criteria
 * ("2 จาก 3 — นวัตกรรมที่เผยแพร่"), each with a bar and a met/unmet mark. The criteria fold away so the feed stays
 * in sight; a link to /feed#level (a notification, a feed item) opens them and scrolls here.
 */
import {
  Box,
  Button,
  Card,
  Collapse,
  Group,
  Progress,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconChevronDown,
  IconChevronUp,
  IconCircleCheck,
  IconCircleDashed,
  IconStairs,
} from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useLevelsControllerMyLevel } from '../../api/generated/recognition/recognition';
import type { CriterionProgressResponse } from '../../api/generated/model';
import { LevelBadge } from '../../components/LevelBadge';
import { formatNumber } from '../../format/format';
import { pickText } from '../member/parts/text';

/** The anchor of this section: linkPath sends `level` links here. */
export const LEVEL_SECTION_ID = 'level';

function Criterion({ criterion }: { criterion: CriterionProgressResponse }) {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const text = pickText(criterion, language);
  // Past the mark, "5 of 3" reads oddly: a met criterion shows as full.
  const shown = Math.min(criterion.current, criterion.required);
  // Whole percents: a screen reader would otherwise read "47.099999".
  const percent =
    criterion.required > 0 ? Math.min(100, Math.round((criterion.current / criterion.required) * 100)) : 100;
  const line = t('progress.criterion', {
    current: formatNumber(shown, language),
    required: formatNumber(criterion.required, language),
    text,
  });
  return (
    <Box component="li" data-testid="level-criterion" data-met={criterion.met ? 'true' : 'false'}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <ThemeIcon
          size={24}
          radius="xl"
          variant={criterion.met ? 'filled' : 'light'}
          color={criterion.met ? 'lc' : 'gray'}
          aria-hidden
          style={{ flexShrink: 0, marginTop: 1 }}
        >
          {criterion.met ? <IconCircleCheck size={16} /> : <IconCircleDashed size={16} />}
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <VisuallyHidden>{criterion.met ? t('progress.met') : t('progress.unmet')}: </VisuallyHidden>
            {line}
          </Text>
          <Progress
            value={percent}
            size="md"
            radius="xl"
            color={criterion.met ? 'lc' : 'blue'}
            aria-label={t('progress.barLabel', { text })}
          />
        </Stack>
      </Group>
    </Box>
  );
}

export function LevelProgress() {
  const { t, i18n } = useTranslation('recognition');
  const language = i18n.language;
  const location = useLocation();
  const linked = location.hash === `#${LEVEL_SECTION_ID}`;
  const [open, setOpen] = useState(linked);
  const section = useRef<HTMLElement>(null);
  const listId = useId();
  const titleId = useId();
  const query = useLevelsControllerMyLevel({ query: { staleTime: 60_000 } });

  // Arriving by a link (or the hash changing while here): open the criteria and bring them into view.
  useEffect(() => {
    if (!linked) return;
    setOpen(true);
    section.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [linked, location.key]);

  if (query.isPending)
    return (
      <Card withBorder radius="lg" padding="md" aria-hidden>
        <Skeleton height={14} width="40%" radius="xl" />
        <Skeleton height={10} mt="md" radius="xl" />
      </Card>
    );
  // The feed is the page: a level that does not load leaves no error in the member's way.
  if (!query.data) return null;

  const { level, next } = query.data.data;
  const criteria = next?.criteria ?? [];
  const met = criteria.filter((criterion) => criterion.met).length;

  return (
    <Card
      withBorder
      radius="lg"
      padding="md"
      component="section"
      id={LEVEL_SECTION_ID}
      ref={section}
      aria-labelledby={titleId}
      data-testid="level-progress"
      style={{ scrollMarginTop: 72 }}
    >
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="center">
          <ThemeIcon size={44} radius="xl" variant="light" color="lc" aria-hidden style={{ flexShrink: 0 }}>
            <IconStairs size={24} />
          </ThemeIcon>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Title order={2} size="h5" id={titleId}>
              {t('progress.title')}
            </Title>
            <Group gap={6} wrap="wrap" align="center">
              <Text size="sm" c="dimmed">
                {t('progress.current')}
              </Text>
              {level.code === 'member' ? (
                <Text size="sm" fw={700}>
                  {pickText(level, language)}
                </Text>
              ) : (
                <LevelBadge level={level.code} size="md" />
              )}
            </Group>
          </Box>
        </Group>

        {next ? (
          <>
            <Box>
              <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                {t('progress.next', { level: pickText(next, language) })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('progress.summary', {
                  met: formatNumber(met, language),
                  total: formatNumber(criteria.length, language),
                })}
              </Text>
            </Box>
            <Progress
              value={criteria.length ? Math.round((met / criteria.length) * 100) : 0}
              size="lg"
              radius="xl"
              aria-label={t('progress.summaryBar', { level: pickText(next, language) })}
            />
            <Collapse expanded={open}>
              <Stack
                component="ul"
                id={listId}
                gap="md"
                m={0}
                p={0}
                pt="xs"
                style={{ listStyle: 'none' }}
                aria-label={t('progress.criteriaOf', { level: pickText(next, language) })}
              >
                {criteria.map((criterion) => (
                  <Criterion key={criterion.code} criterion={criterion} />
                ))}
              </Stack>
              <Text size="xs" c="dimmed" mt="sm">
                {t('progress.how')}
              </Text>
            </Collapse>
            <Button
              variant="subtle"
              h={44}
              onClick={() => setOpen((value) => !value)}
              aria-expanded={open}
              aria-controls={listId}
              rightSection={
                open ? <IconChevronUp size={18} aria-hidden /> : <IconChevronDown size={18} aria-hidden />
              }
              style={{ alignSelf: 'flex-start' }}
            >
              {open ? t('progress.hide') : t('progress.show')}
            </Button>
          </>
        ) : (
          <Text size="sm" data-testid="level-top">
            {t('progress.top')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
