/**
 * Live numbers: the worker sends `cockpit.changed` to the room of each scope whose numbers moved, and a member's
 * socket is only in the rooms of the scopes they administer, so any message means that something they may see
 * changed. The cockpit's reads are then refetched, at most once every `throttleMs` (the first at once, the last
 * of a burst at the end of the window).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useRealtime } from '../../../realtime/RealtimeProvider';

export const LIVE_THROTTLE_MS = 2_000;
const COCKPIT_READS = ['/api/v1/cockpit/summary', '/api/v1/cockpit/breakdown', '/api/v1/cockpit/timeseries'];

export function useLiveCockpit(throttleMs = LIVE_THROTTLE_MS): { lastChange: string | null } {
  const queryClient = useQueryClient();
  const [lastChange, setLastChange] = useState<string | null>(null);
  const state = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | null }>({
    last: 0,
    timer: null,
  });

  useEffect(
    () => () => {
      if (state.current.timer) clearTimeout(state.current.timer);
    },
    [],
  );

  useRealtime('cockpit.changed', (message) => {
    setLastChange(message.at);
    const refetch = () => {
      state.current.last = Date.now();
      state.current.timer = null;
      void queryClient.invalidateQueries({
        predicate: (query) =>
          typeof query.queryKey[0] === 'string' && COCKPIT_READS.includes(query.queryKey[0]),
      });
    };
    const wait = state.current.last + throttleMs - Date.now();
    if (wait <= 0 && !state.current.timer) refetch();
    else if (!state.current.timer) state.current.timer = setTimeout(refetch, Math.max(wait, 0));
  });

  return { lastChange };
}
