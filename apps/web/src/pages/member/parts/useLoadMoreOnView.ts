import { useEffect, useRef } from 'react';

/**
 * Infinite scroll: a sentinel element that calls `onView` when it comes near the screen. `version` (e.g. the number
 * of pages loaded) re-arms the observer, so a sentinel still in view after a page arrives asks for the next one.
 */
export function useLoadMoreOnView<T extends HTMLElement = HTMLDivElement>(
  enabled: boolean,
  onView: () => void,
  version: number,
) {
  const ref = useRef<T>(null);
  const latest = useRef(onView);
  latest.current = onView;
  useEffect(() => {
    const node = ref.current;
    if (!node || !enabled || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: '0px 0px 600px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [enabled, version]);
  return ref;
}
