import { useEffect, useRef } from 'react';

/**
 * Calls `tick` now and every `intervalMs` while the page is visible (a hidden window or a minimised app
 * asks nothing), and again as soon as it becomes visible. Stops when the component unmounts.
 */
export function usePolling(tick: () => void, intervalMs: number, deps: readonly unknown[]): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';
    const run = () => {
      if (visible()) latest.current();
    };
    run();
    const timer = setInterval(run, intervalMs);
    document.addEventListener('visibilitychange', run);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
    // The caller names what restarts the polling (a new filter); `tick` itself is read through the ref.
  }, [intervalMs, ...deps]);
}
