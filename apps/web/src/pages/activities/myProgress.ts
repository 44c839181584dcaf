/**
 * The signed-in member's progress in one event (`/me/events/:id`; none unless they hold a seat). Its key sits under
 * `/me/events`'s, so refreshing the member's events refreshes it too.
 */
import { useQuery } from '@tanstack/react-query';
import {
  eventsControllerMyEvent,
  getEventsControllerMineQueryKey,
} from '../../api/generated/activities/activities';
import type { EventProgressResponse } from '../../api/generated/model';

export function myProgressKey(eventId: string) {
  return [...getEventsControllerMineQueryKey(), 'event', eventId] as const;
}

export function useMyProgress(eventId: string, enabled: boolean) {
  return useQuery({
    queryKey: myProgressKey(eventId),
    enabled,
    queryFn: async ({ signal }): Promise<EventProgressResponse | null> =>
      (await eventsControllerMyEvent(eventId, { signal })).data.progress,
  });
}
