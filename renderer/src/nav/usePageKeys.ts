import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Role } from '../../../shared/vocabulary';
import { pageForKey } from './pages';
import type { PageName } from './pages';

/** Alt+1 … Alt+7 open the pages (capture phase, like the F-keys), whichever field has the focus. */
export function usePageKeys(role: Role, go: (page: PageName) => void): void {
  const latest = useRef(go);
  useLayoutEffect(() => {
    latest.current = go;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const page = pageForKey(event, role);
      if (!page) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current(page);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [role]);
}
