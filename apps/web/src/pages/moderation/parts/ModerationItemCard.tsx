import { Anchor, Badge, Blockquote, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconEyeOff, IconFlag, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMembersControllerProfile } from '../../../api/generated/members/members';
import type { ModerationQueueItemResponse } from '../../../api/generated/model';
import { formatNumber, formatRelative } from '../../../format/format';
import type { ModerationAction } from './ModerationActionModal';

const REPORTS_SHOWN = 3;
const AUTO_HIDDEN = /^รอการตรวจสอบ: มีสมาชิกรายงาน (\d+) คน/;

/** The reason an innovation is hidden; the API's automatic one is written in both languages, so we say it in ours. */
export function useHiddenReason(reason: string | null): string | null {
  const { t } = useTranslation('moderation');
  if (!reason) return null;
  const auto = AUTO_HIDDEN.exec(reason);
  return auto ? t('autoHidden', { count: Number(auto[1]) }) : reason;
}

function AuthorName({ id }: { id: string }) {
  const { t } = useTranslation('moderation');
  const author = useMembersControllerProfile(id, { query: { staleTime: 5 * 60_000 } });
  const name = author.data?.data.displayName;
  if (!name) return null;
  return (
    <Text size="sm" c="dimmed">
      {t('author', { name })}
    </Text>
  );
}

export function ModerationItemCard({
  item,
  onAction,
}: {
  item: ModerationQueueItemResponse;
  onAction: (action: ModerationAction) => void;
}) {
  const { t, i18n } = useTranslation('moderation');
  const lang = i18n.language;
  const [allReports, setAllReports] = useState(false);
  const hiddenReason = useHiddenReason(item.moderationReason);
  const reports = allReports ? item.reports : item.reports.slice(0, REPORTS_SHOWN);
  const headingId = `moderation-item-${item.id}`;

  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="article"
      aria-labelledby={headingId}
      data-testid="moderation-item"
      data-status={item.status}
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <Badge
            color={item.status === 'hidden' ? 'gray' : 'lc'}
            variant={item.status === 'hidden' ? 'filled' : 'light'}
            leftSection={
              item.status === 'hidden' ? (
                <IconEyeOff size={14} aria-hidden />
              ) : (
                <IconEye size={14} aria-hidden />
              )
            }
            data-testid="moderation-status"
          >
            {t(`status.${item.status}`)}
          </Badge>
          <Badge
            color={item.openReports > 0 ? 'red' : 'gray'}
            variant="light"
            leftSection={<IconFlag size={14} aria-hidden />}
          >
            {item.openReports > 0
              ? t('reports', { count: item.openReports, formatted: formatNumber(item.openReports, lang) })
              : t('noOpenReports')}
          </Badge>
        </Group>

        <div>
          <Title order={2} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            <Anchor component={Link} to={`/innovations/${item.id}`} inherit>
              {item.title}
            </Anchor>
          </Title>
          <AuthorName id={item.authorId} />
          <Text size="sm" c="dimmed">
            {item.lastReportedAt
              ? t('lastReported', { when: formatRelative(item.lastReportedAt, lang) })
              : t('updated', { when: formatRelative(item.updatedAt, lang) })}
          </Text>
        </div>

        {hiddenReason ? (
          <Blockquote color="gray" p="sm" radius="md" iconSize={0}>
            <Text size="sm" fw={700}>
              {t('hiddenBecause')}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {hiddenReason}
            </Text>
          </Blockquote>
        ) : null}

        {item.reports.length > 0 ? (
          <Stack gap="xs">
            <Title order={3} size="h6">
              {t('reportsHeading')}
            </Title>
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {reports.map((report, index) => (
                <Card component="li" key={`${report.at}-${index}`} bg="gray.0" padding="sm" radius="md">
                  <Text size="xs" c="dimmed">
                    {t('reportedAt', { when: formatRelative(report.at, lang) })}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                    {report.reason}
                  </Text>
                </Card>
              ))}
            </Stack>
            {item.reports.length > REPORTS_SHOWN ? (
              <Button
                variant="subtle"
                onClick={() => setAllReports((value) => !value)}
                aria-expanded={allReports}
              >
                {allReports
                  ? t('showFewerReports')
                  : t('showAllReports', {
                      count: item.reports.length,
                      formatted: formatNumber(item.reports.length, lang),
                    })}
              </Button>
            ) : null}
          </Stack>
        ) : null}

        <Group
          gap="sm"
          justify="flex-end"
          wrap="wrap"
          role="group"
          aria-label={t('actionsFor', { title: item.title })}
        >
          {item.status === 'published' ? (
            <Button
              h={44}
              flex={{ base: 1, sm: 'none' }}
              variant="light"
              leftSection={<IconEyeOff size={18} aria-hidden />}
              onClick={() => onAction('hide')}
              data-testid="moderation-hide"
            >
              {t('actions.hide')}
            </Button>
          ) : (
            <Button
              h={44}
              flex={{ base: 1, sm: 'none' }}
              variant="light"
              leftSection={<IconEye size={18} aria-hidden />}
              onClick={() => onAction('restore')}
              data-testid="moderation-restore"
            >
              {t('actions.restore')}
            </Button>
          )}
          <Button
            h={44}
            flex={{ base: 1, sm: 'none' }}
            variant="outline"
            color="red.9"
            leftSection={<IconTrash size={18} aria-hidden />}
            onClick={() => onAction('remove')}
            data-testid="moderation-remove"
          >
            {t('actions.remove')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
