import { ActionIcon, Box, Group, Paper, Text, ThemeIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCoin,
  IconMessageCircle,
  IconRosette,
  IconStarFilled,
  IconTicket,
  IconUsers,
  IconBell,
  IconConfetti,
  type TablerIcon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationResponse } from '../../../api/generated/model';
import { formatDateTime, formatRelative } from '../../../format/format';
import { linkPath, notInFuture, pickText } from './text';
import classes from './member.module.css';

const ICONS: Record<string, { icon: TablerIcon; color: string }> = {
  'rating.received': { icon: IconStarFilled, color: 'yellow' },
  'comment.received': { icon: IconMessageCircle, color: 'blue' },
  'adoption.reported': { icon: IconUsers, color: 'lc' },
  'innovation.endorsed': { icon: IconRosette, color: 'orange' },
  'content.moderated': { icon: IconAlertTriangle, color: 'red' },
  'points.changed': { icon: IconCoin, color: 'yellow' },
  'redemption.updated': { icon: IconTicket, color: 'grape' },
  'level.reached': { icon: IconConfetti, color: 'yellow' },
};

/** One notification: an icon for its type, what happened, when; unread ones tinted with a dot. */
export function NotificationItem({
  item,
  fresh,
  now,
  onOpen,
  onMarkRead,
  marking,
}: {
  item: NotificationResponse;
  fresh: boolean;
  now?: Date;
  onOpen: (item: NotificationResponse) => void;
  onMarkRead: (item: NotificationResponse) => void;
  marking: boolean;
}) {
  const { t, i18n } = useTranslation('member');
  const language = i18n.language;
  // `now` ticks every minute (a re-render); the time itself is read now.
  const current = new Date(Math.max(now?.getTime() ?? 0, Date.now()));
  const path = linkPath(item.link);
  const look = ICONS[item.type] ?? { icon: IconBell, color: 'lc' };
  const Icon = look.icon;
  const unread = !item.read;
  const content = (
    <Group wrap="nowrap" align="flex-start" gap="sm">
      <ThemeIcon size={44} radius="xl" variant="light" color={look.color} aria-hidden>
        <Icon size={22} />
      </ThemeIcon>
      <Box style={{ flex: 1, minWidth: 0 }}>
        {unread && <VisuallyHidden>{t('notifications.unreadMark')}</VisuallyHidden>}
        <Text fw={unread ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
          {pickText(item.title, language)}
        </Text>
        <Text size="sm" c="gray.8" style={{ overflowWrap: 'anywhere' }} lineClamp={3}>
          {pickText(item.body, language)}
        </Text>
        <Text size="sm" c={unread ? 'lc.9' : 'dimmed'} fw={unread ? 700 : 400} mt={2}>
          <time dateTime={item.createdAt} title={formatDateTime(item.createdAt, language)}>
            {formatRelative(notInFuture(item.createdAt, current), language, current)}
          </time>
        </Text>
      </Box>
    </Group>
  );
  return (
    <Paper
      component="li"
      radius="md"
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
      className={`${classes.card} ${unread ? classes.unread : ''} ${fresh ? classes.fresh : ''}`}
    >
      <Group wrap="nowrap" gap={0} align="center">
        {path ? (
          <Link to={path} className={classes.notification} onClick={() => onOpen(item)}>
            {content}
          </Link>
        ) : (
          <Box
            component="button"
            type="button"
            className={classes.notification}
            onClick={() => onOpen(item)}
            style={{
              border: 0,
              background: 'transparent',
              textAlign: 'start',
              font: 'inherit',
              cursor: 'pointer',
            }}
          >
            {content}
          </Box>
        )}
        {unread ? (
          <Tooltip label={t('notifications.markRead')}>
            <ActionIcon
              variant="subtle"
              radius="xl"
              mr={4}
              aria-label={t('notifications.markReadOne', { title: pickText(item.title, language) })}
              onClick={() => onMarkRead(item)}
              disabled={marking}
            >
              <span className={classes.dot} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
    </Paper>
  );
}
