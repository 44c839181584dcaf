import { useCallback, useEffect, useRef, useState } from 'react';

/** Ids of items that just arrived live, each highlighted for a few seconds. */
export function useFreshIds(durationMs = 8000) {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);
  const mark = useCallback(
    (id: string) => {
      setFresh((old) => new Set(old).add(id));
      clearTimeout(timers.current.get(id));
      timers.current.set(
        id,
        setTimeout(() => {
          timers.current.delete(id);
          setFresh((old) => {
            const next = new Set(old);
            next.delete(id);
            return next;
          });
        }, durationMs),
      );
    },
    [durationMs],
  );
  return { fresh, mark };
}
