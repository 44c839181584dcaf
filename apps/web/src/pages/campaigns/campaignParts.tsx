/**
 * Pieces the campaign pages share (issue 18 §6): the goal in words ("เผยแพร่นวัตกรรม 3 ชิ้น ในกลุ่มสาระ…"), the window in
 * Bangkok time (Buddhist Era in Thai), the scope / phase badges and the member's progress bar `count / target` with
 * "สำเร็จแล้ว / Completed" once the target is reached (counting goes on past it: 7 / 5).
 */
import { Anchor, Badge, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAward, IconCircleCheck, IconClock, IconGift } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignMemberProgressResponse, CampaignResponse } from '../../api/generated/model';
import { formatDate, formatDateTime, formatNumber } from '../../format/format';
import { AreaName } from '../admin/parts/pickers';

export function pickText(value: { th: string; en: string } | null | undefined, language: string): string {
  if (!value) return '';
  return language === 'en' && value.en ? value.en : value.th;
}

/** "Publish 3 innovations in Science and Technology" / "เผยแพร่นวัตกรรม 3 ชิ้น ในกลุ่มสาระวิทยาศาสตร์และเทคโนโลยี". */
export function useGoalText() {
  const { t, i18n } = useTranslation('campaigns');
  return (campaign: Pick<CampaignResponse, 'goal' | 'target' | 'learningArea'>) => {
    const count = campaign.target;
    const n = formatNumber(count, i18n.language);
    if (campaign.goal === 'publish_innovations' && campaign.learningArea)
      return t('goal.publish_innovations_in', {
        count,
        n,
        area: pickText(campaign.learningArea, i18n.language),
      });
    return t(`goal.${campaign.goal}`, { count, n });
  };
}

export function CampaignWindow({ campaign }: { campaign: Pick<CampaignResponse, 'startsAt' | 'endsAt'> }) {
  const { t, i18n } = useTranslation('campaigns');
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <IconClock size={18} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
      <Text size="sm" data-testid="campaign-window">
        {t('card.window', {
          start: formatDateTime(campaign.startsAt, i18n.language),
          end: formatDateTime(campaign.endsAt, i18n.language),
        })}{' '}
        <span style={{ whiteSpace: 'nowrap' }}>{t('card.bangkokTime')}</span>
      </Text>
    </Group>
  );
}

export function CampaignBadges({ campaign }: { campaign: CampaignResponse }) {
  const { t } = useTranslation('campaigns');
  const phaseColour = campaign.phase === 'running' ? 'teal' : campaign.phase === 'upcoming' ? 'blue' : 'gray';
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap">
        <Badge variant="light" color={phaseColour} size="lg" tt="none">
          {t(`phase.${campaign.phase}`)}
        </Badge>
        <Badge variant="outline" color="gray" size="lg" tt="none">
          {t(`scope.${campaign.scope}`)}
        </Badge>
      </Group>
      {campaign.scope === 'area' && campaign.areaId ? (
        <Text size="sm" c="gray.7" data-testid="campaign-area">
          <AreaName id={campaign.areaId} />
        </Text>
      ) : null}
    </Stack>
  );
}

export function CampaignProgress({ progress }: { progress: CampaignMemberProgressResponse }) {
  const { t, i18n } = useTranslation('campaigns');
  const language = i18n.language;
  const count = formatNumber(progress.count, language);
  const target = formatNumber(progress.target, language);
  const value = progress.completed ? 100 : Math.max(0, Math.min(100, progress.percent));
  return (
    <Stack gap={4} data-testid="campaign-progress">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t('card.progress')}
        </Text>
        <Text size="sm" fw={700} data-testid="campaign-count">
          {t('card.count', { count, target })}
        </Text>
      </Group>
      <Progress
        value={value}
        size="lg"
        radius="xl"
        color={progress.completed ? 'teal' : 'blue'}
        aria-label={t('card.progressLabel', { count, target })}
      />
      {progress.completed ? (
        <Group gap={6} wrap="wrap">
          <Badge
            color="teal"
            variant="filled"
            size="lg"
            tt="none"
            leftSection={<IconCircleCheck size={16} aria-hidden />}
          >
            {t('card.completed')}
          </Badge>
          {progress.completedAt ? (
            <Text size="xs" c="gray.7">
              {t('card.completedOn', { date: formatDate(progress.completedAt, language) })}
            </Text>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

/** Bonus per action and the badge, one line each with an icon. */
export function CampaignRewards({ campaign }: { campaign: CampaignResponse }) {
  const { t, i18n } = useTranslation('campaigns');
  const language = i18n.language;
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <IconGift size={18} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
        <Text size="sm" data-testid="campaign-bonus">
          {campaign.bonusPoints > 0
            ? t('card.bonus', { points: formatNumber(campaign.bonusPoints, language) })
            : t('card.noBonus')}
        </Text>
      </Group>
      {campaign.badge ? (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconAward size={18} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="sm" data-testid="campaign-badge">
            {t('card.badge', { name: pickText(campaign.badge, language) })}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}

export function CampaignCard({ campaign, linked = true }: { campaign: CampaignResponse; linked?: boolean }) {
  const { i18n } = useTranslation('campaigns');
  const goalText = useGoalText();
  const title = pickText(campaign.title, i18n.language);
  return (
    <Card withBorder padding="sm" radius="md" data-testid="campaign-card">
      <Stack gap={8}>
        <CampaignBadges campaign={campaign} />
        {linked ? (
          <Anchor
            component={Link}
            to={`/campaigns/${campaign.id}`}
            fw={700}
            size="lg"
            c="dark.8"
            style={{ overflowWrap: 'anywhere' }}
          >
            {title}
          </Anchor>
        ) : null}
        <Text fw={600} data-testid="campaign-goal">
          {goalText(campaign)}
        </Text>
        <CampaignWindow campaign={campaign} />
        <CampaignRewards campaign={campaign} />
        <CampaignProgress progress={campaign.me} />
      </Stack>
    </Card>
  );
}
