import { useQueryClient } from '@tanstack/react-query';
import {
  getCommunityControllerListQueryKey,
  useCommunityControllerFollow,
  useCommunityControllerList,
  useCommunityControllerUnfollow,
} from '../../../api/generated/community/community';
import type { FollowResponse } from '../../../api/generated/model';
import { feedQueryKey } from './feedCache';

/** Who and what I follow, and following / unfollowing that keeps the list and the "following" feed fresh. */
export function useFollows(enabled = true) {
  const queryClient = useQueryClient();
  const list = useCommunityControllerList({ query: { staleTime: 60_000, enabled } });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: getCommunityControllerListQueryKey() });
    void queryClient.invalidateQueries({ queryKey: feedQueryKey('following') });
  };
  const follow = useCommunityControllerFollow({ mutation: { onSuccess: refresh } });
  const unfollow = useCommunityControllerUnfollow({ mutation: { onSuccess: refresh } });
  const find = (targetType: FollowResponse['targetType'], targetId: string) =>
    list.data?.data.items.find((item) => item.targetType === targetType && item.targetId === targetId);
  return { list, follow, unfollow, find, items: list.data?.data.items ?? [] };
}
