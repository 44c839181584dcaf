/**
 * One feed item as a post in a Facebook group: who, from which school, when, what happened, and for an innovation
 * a link preview (cover, title, summary) with its rating, adoptions and comments.
 */
import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Image,
  Skeleton,
  Spoiler,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import {
  IconBulb,
  IconCoin,
  IconGift,
  IconMessageCircle,
  IconRosette,
  IconSpeakerphone,
  IconStarFilled,
  IconTicket,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getAttachmentsControllerThumbnailUrl } from '../../../api/generated/attachments/attachments';
import { useInnovationsControllerGet } from '../../../api/generated/innovations/innovations';
import type { FeedItemResponse } from '../../../api/generated/model';
import { LevelBadge } from '../../../components/LevelBadge';
import { formatDateTime, formatNumber, formatRelative } from '../../../format/format';
import { MemberAvatar } from './MemberAvatar';
import { linkPath, notInFuture, pickText } from './text';
import classes from './member.module.css';

const SYSTEM_ICONS: Record<string, { icon: TablerIcon; color: string }> = {
  'perk.live': { icon: IconGift, color: 'orange' },
  'innovation.endorsed': { icon: IconRosette, color: 'yellow' },
  'points.changed': { icon: IconCoin, color: 'yellow' },
  'announcement.published': { icon: IconSpeakerphone, color: 'blue' },
};

/** The innovation's title as the item's text quotes it (“…”), shown until the innovation itself has loaded. */
export function quotedTitle(text: string): string | null {
  const match = /“([^”]+)”/.exec(text);
  return match ? match[1] : null;
}

function keyOf(kind: string): string {
  return kind.replace(/\./g, '_');
}

function InnovationPreview({ innovationId, fallbackTitle }: { innovationId: string; fallbackTitle: string }) {
  const { t, i18n } = useTranslation('member');
  const query = useInnovationsControllerGet(innovationId, {
    query: { staleTime: 5 * 60_000, retry: false },
  });
  const innovation = query.data?.data;
  const title = innovation?.title ?? fallbackTitle;
  const cover = innovation?.coverAttachmentId
    ? getAttachmentsControllerThumbnailUrl(innovation.id, innovation.coverAttachmentId)
    : null;
  return (
    <Stack gap="xs">
      <Anchor
        component={Link}
        to={`/innovations/${innovationId}`}
        className={classes.preview}
        underline="never"
      >
        <Group wrap="nowrap" gap={0} align="stretch">
          <div className={classes.thumb}>
            {cover ? <Image src={cover} alt="" loading="lazy" /> : <IconBulb size={36} aria-hidden />}
          </div>
          <Box p="sm" style={{ flex: 1, minWidth: 0 }}>
            <Text fw={700} c="lc.9" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Text>
            {innovation ? (
              <Text size="sm" c="gray.8" lineClamp={2} mt={4} style={{ overflowWrap: 'anywhere' }}>
                {innovation.summary}
              </Text>
            ) : query.isPending ? (
              <Stack gap={6} mt={8}>
                <Skeleton height={10} radius="xl" />
                <Skeleton height={10} width="70%" radius="xl" />
              </Stack>
            ) : null}
          </Box>
        </Group>
      </Anchor>
      {innovation &&
        (innovation.rating.average != null ||
          innovation.adoptionCount > 0 ||
          innovation.commentCount > 0) && (
          <Group gap="md" c="dimmed" wrap="wrap">
            {innovation.rating.average != null && (
              <Group gap={4} wrap="nowrap">
                <IconStarFilled size={16} color="var(--mantine-color-yellow-7)" aria-hidden />
                <Text size="sm" c="dimmed">
                  {t('feed.stats.rating', {
                    average: formatNumber(Math.round(innovation.rating.average * 10) / 10, i18n.language),
                    count: innovation.rating.count,
                  })}
                </Text>
              </Group>
            )}
            {innovation.adoptionCount > 0 && (
              <Group gap={4} wrap="nowrap">
                <IconUsers size={16} aria-hidden />
                <Text size="sm" c="dimmed">
                  {t('feed.stats.adoptions', { count: innovation.adoptionCount })}
                </Text>
              </Group>
            )}
            {innovation.commentCount > 0 && (
              <Group gap={4} wrap="nowrap">
                <IconMessageCircle size={16} aria-hidden />
                <Text size="sm" c="dimmed">
                  {t('feed.stats.comments', { count: innovation.commentCount })}
                </Text>
              </Group>
            )}
          </Group>
        )}
    </Stack>
  );
}

/** The school line needs the innovation (the feed item does not carry it): shared cache with the preview. */
function AuthorSchool({ innovationId }: { innovationId: string }) {
  const query = useInnovationsControllerGet(innovationId, {
    query: { staleTime: 5 * 60_000, retry: false },
  });
  const school = query.data?.data.school?.name;
  return school ? <>{`${school} · `}</> : null;
}

export function FeedCard({
  item,
  fresh = false,
  now,
}: {
  item: FeedItemResponse;
  fresh?: boolean;
  now?: Date;
}) {
  const { t, i18n } = useTranslation('member');
  const language = i18n.language;
  // `now` ticks every minute (a re-render); the time itself is read now.
  const current = new Date(Math.max(now?.getTime() ?? 0, Date.now()));
  const title = pickText(item.title, language);
  const body = pickText(item.body, language);
  const key = keyOf(item.kind);
  const actorName = item.actor ? item.actor.displayName || t('feed.erasedMember') : null;
  const verb = t(`feed.verb.${key}`, { defaultValue: '' });
  const system =
    SYSTEM_ICONS[item.kind] ??
    (item.kind.startsWith('redemption.')
      ? { icon: IconTicket, color: 'grape' }
      : { icon: IconBulb, color: 'lc' });
  const SystemIcon = system.icon;
  const path = linkPath(item.link);
  const isAnnouncement = item.kind === 'announcement.published';
  const innovationId = item.innovationId;
  const showBody = !(item.kind === 'innovation.published' && innovationId);

  return (
    <Card
      component="article"
      withBorder
      radius="lg"
      padding="md"
      data-testid="feed-item"
      data-kind={item.kind}
      className={`${classes.card} ${fresh ? classes.fresh : ''}`}
    >
      <Stack gap="sm">
        <Group wrap="nowrap" align="flex-start" gap="sm">
          {item.actor ? (
            <Anchor component={Link} to={`/members/${item.actor.id}`} aria-hidden tabIndex={-1}>
              <MemberAvatar id={item.actor.id} name={actorName} size={44} />
            </Anchor>
          ) : (
            <ThemeIcon size={44} radius="xl" color={system.color} variant="light" aria-hidden>
              <SystemIcon size={24} />
            </ThemeIcon>
          )}
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Text lh={1.4} style={{ overflowWrap: 'anywhere' }}>
              {item.actor ? (
                <>
                  <Anchor component={Link} to={`/members/${item.actor.id}`} fw={700} c="dark.8">
                    {actorName}
                  </Anchor>
                  {item.actor.level !== 'member' && (
                    <>
                      {' '}
                      <LevelBadge level={item.actor.level} compact />
                    </>
                  )}{' '}
                  {verb || title}
                </>
              ) : (
                <Text span fw={700}>
                  {title}
                </Text>
              )}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {item.kind === 'innovation.published' && innovationId ? (
                <AuthorSchool innovationId={innovationId} />
              ) : null}
              <time dateTime={item.createdAt} title={formatDateTime(item.createdAt, language)}>
                {formatRelative(notInFuture(item.createdAt, current), language, current)}
              </time>
            </Text>
          </Box>
          {fresh && (
            <Badge color="red" variant="filled" radius="sm" style={{ flexShrink: 0 }}>
              {t('feed.new')}
            </Badge>
          )}
        </Group>

        {isAnnouncement ? (
          <Stack gap={4}>
            <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Text>
            <Spoiler maxHeight={120} showLabel={t('feed.readMore')} hideLabel={t('feed.readLess')}>
              <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{body}</Text>
            </Spoiler>
          </Stack>
        ) : showBody ? (
          <Text style={{ overflowWrap: 'anywhere' }}>{body}</Text>
        ) : null}

        {innovationId ? (
          <InnovationPreview innovationId={innovationId} fallbackTitle={quotedTitle(body) ?? body} />
        ) : path && item.link ? (
          <Group>
            <Button component={Link} to={path} variant="light" radius="xl">
              {t(`feed.open.${item.link.type}`)}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
