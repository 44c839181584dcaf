/** The members and learning areas I follow (their news fills my "following" feed): unfollow, or follow an area. */
import { Anchor, Button, Group, Select, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBook2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FollowResponse } from '../../../../api/generated/model';
import { ProblemAlert, problemMessage } from '../../../../components/ProblemAlert';
import { useFollows } from '../follows';
import { MemberAvatar } from '../MemberAvatar';
import { useTaxonomy } from '../taxonomy';
import { pickText } from '../text';
import classes from '../member.module.css';
import { Section } from './Section';

function targetName(follow: FollowResponse, language: string, erased: string): string {
  if ('displayName' in follow.target) return follow.target.displayName || erased;
  if ('label' in follow.target) return pickText(follow.target.label, language);
  return follow.targetId;
}

export function FollowsSection() {
  const { t, i18n } = useTranslation('member');
  const taxonomy = useTaxonomy(i18n.language);
  const { list, items, follow, unfollow } = useFollows();
  const [area, setArea] = useState<string | null>(null);
  const followedAreas = new Set(
    items.filter((item) => item.targetType === 'learningArea').map((item) => item.targetId),
  );
  const areaOptions = taxonomy.options('learningAreas').filter((option) => !followedAreas.has(option.value));

  const stop = (item: FollowResponse) =>
    unfollow.mutate(
      { id: item.id },
      {
        onSuccess: () =>
          notifications.show({
            message: t('settings.follows.unfollowed', {
              name: targetName(item, i18n.language, t('feed.erasedMember')),
            }),
          }),
        onError: (error) =>
          notifications.show({ color: 'red', message: problemMessage(error, t('common:error.generic')) }),
      },
    );

  const followArea = () => {
    if (!area) return;
    follow.mutate(
      { data: { targetType: 'learningArea', targetId: area } },
      { onSuccess: () => setArea(null) },
    );
  };

  return (
    <Section id="follows" title={t('settings.follows.title')} description={t('settings.follows.description')}>
      {list.isPending ? (
        <Stack gap="xs" aria-hidden>
          <Skeleton height={44} radius="md" />
          <Skeleton height={44} radius="md" />
        </Stack>
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('settings.follows.empty')}</Text>
      ) : (
        <Stack component="ul" gap="xs" className={classes.plain} data-testid="follows-list">
          {items.map((item) => {
            const name = targetName(item, i18n.language, t('feed.erasedMember'));
            return (
              <Group component="li" key={item.id} wrap="nowrap" justify="space-between" gap="sm">
                <Group wrap="nowrap" gap="sm" style={{ minWidth: 0 }}>
                  {item.targetType === 'member' ? (
                    <MemberAvatar id={item.targetId} name={name} size={40} />
                  ) : (
                    <ThemeIcon size={40} radius="xl" variant="light" aria-hidden>
                      <IconBook2 size={22} />
                    </ThemeIcon>
                  )}
                  <div style={{ minWidth: 0 }}>
                    {item.targetType === 'member' ? (
                      <Anchor
                        component={Link}
                        to={`/members/${item.targetId}`}
                        fw={600}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {name}
                      </Anchor>
                    ) : (
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {name}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {t(`settings.follows.kind.${item.targetType}`)}
                    </Text>
                  </div>
                </Group>
                <Button
                  variant="default"
                  size="sm"
                  h={44}
                  onClick={() => stop(item)}
                  loading={unfollow.isPending && unfollow.variables?.id === item.id}
                  aria-label={t('settings.follows.unfollowNamed', { name })}
                  style={{ flexShrink: 0 }}
                >
                  {t('settings.follows.unfollow')}
                </Button>
              </Group>
            );
          })}
        </Stack>
      )}
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Select
          style={{ flex: 1, minWidth: 0 }}
          label={t('settings.follows.addArea')}
          placeholder={t('settings.follows.pickArea')}
          data={areaOptions}
          value={area}
          onChange={setArea}
          searchable
          nothingFoundMessage={t('settings.nothingFound')}
        />
        <Button onClick={followArea} disabled={!area} loading={follow.isPending}>
          {t('settings.follows.follow')}
        </Button>
      </Group>
      <ProblemAlert error={follow.error} />
    </Section>
  );
}
