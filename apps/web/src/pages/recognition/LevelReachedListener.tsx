/**
 * The moment a member reaches a level (the API's `level.reached` message to their room), on whatever page they are:
 * their profile is read again (the badge in the menu and beside their name), their level progress is refetched,
 * and a toast congratulates them with a way to see what the next level asks.
 */
import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconConfetti } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getMembersControllerProfileQueryKey } from '../../api/generated/members/members';
import { getLevelsControllerMyLevelQueryKey } from '../../api/generated/recognition/recognition';
import { useAuth } from '../../auth/AuthProvider';
import { useRealtime } from '../../realtime/RealtimeProvider';
import { pickText } from '../member/parts/text';
import { LEVEL_SECTION_ID } from './LevelProgress';

export function LevelReachedListener() {
  const { t, i18n } = useTranslation('recognition');
  const { me, reloadMe } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useRealtime('level.reached', ({ level }) => {
    void reloadMe();
    void queryClient.invalidateQueries({ queryKey: getLevelsControllerMyLevelQueryKey() });
    if (me) void queryClient.invalidateQueries({ queryKey: getMembersControllerProfileQueryKey(me.id) });
    const name = pickText(level, i18n.language);
    const id = `level-reached-${level.code}`;
    notifications.show({
      id,
      color: 'yellow',
      icon: <IconConfetti size={20} aria-hidden />,
      title: t('reached.title', { level: name }),
      autoClose: 10_000,
      // The toasts live outside the router: the link navigates with the listener's own navigate.
      message: (
        <Stack gap={4} align="flex-start">
          <Text size="sm">{t('reached.body', { level: name })}</Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            fw={700}
            mih={44}
            onClick={() => {
              notifications.hide(id);
              navigate(`/feed#${LEVEL_SECTION_ID}`);
            }}
          >
            {t('reached.action')}
          </Anchor>
        </Stack>
      ),
    });
  });
  return null;
}
