/** Follow the author: their new work then shows in my feed. */
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserCheck, IconUserPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  getCommunityControllerListQueryKey,
  useCommunityControllerFollow,
  useCommunityControllerList,
  useCommunityControllerUnfollow,
} from '../../../api/generated/community/community';
import { useAuth } from '../../../auth/AuthProvider';
import { problemMessage } from '../../../components/ProblemAlert';
import { useSignIn } from './useSignIn';

export function FollowButton({ memberId, name }: { memberId: string; name: string }) {
  const { t } = useTranslation('innovations');
  const { status, me } = useAuth();
  const signIn = useSignIn();
  const queryClient = useQueryClient();
  const member = status === 'member';
  const follows = useCommunityControllerList({ query: { enabled: member, staleTime: 60_000 } });
  const follow = useCommunityControllerFollow();
  const unfollow = useCommunityControllerUnfollow();
  if (me?.id === memberId) return null;
  const existing = follows.data?.data.items.find(
    (item) => item.targetType === 'member' && item.targetId === memberId,
  );
  const pending = follow.isPending || unfollow.isPending;

  const toggle = async () => {
    if (!member) {
      signIn();
      return;
    }
    try {
      if (existing) {
        await unfollow.mutateAsync({ id: existing.id });
        notifications.show({ message: t('follow.stopped', { name }) });
      } else {
        await follow.mutateAsync({ data: { targetType: 'member', targetId: memberId } });
        notifications.show({ color: 'teal', message: t('follow.started', { name }) });
      }
      await queryClient.invalidateQueries({ queryKey: getCommunityControllerListQueryKey() });
    } catch (error) {
      notifications.show({ color: 'red', message: problemMessage(error, t('common:error.generic')) });
    }
  };

  return (
    <Button
      h={44}
      radius="xl"
      style={{ flexShrink: 0 }}
      size="sm"
      variant={existing ? 'light' : 'filled'}
      leftSection={
        existing ? <IconUserCheck size={18} aria-hidden /> : <IconUserPlus size={18} aria-hidden />
      }
      loading={pending || (member && follows.isLoading)}
      onClick={() => void toggle()}
      data-testid="follow-author"
    >
      {existing ? t('follow.following') : t('follow.follow')}
    </Button>
  );
}
