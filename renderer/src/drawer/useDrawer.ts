import { useCallback, useEffect, useRef, useState } from 'react';
import type { DrawerView } from '../../../shared/contract/money-views';
import type { ApiClient } from '../api/client';

/**
 * The acting clerk's drawer (cash.drawer) while a shift is open; reloaded after every cash movement. At
 * the limit (or when a sale is refused with drawer-limit-reached) the cash drop dialog opens.
 */
export function useDrawer(client: ApiClient, shiftId: number | null) {
  const [drawer, setDrawer] = useState<DrawerView | null>(null);
  const [dropOpen, setDropOpen] = useState(false);
  const wasReached = useRef(false);
  const reload = useCallback(async () => {
    if (shiftId === null) return setDrawer(null);
    const result = await client.call('cash.drawer', {});
    const reached = result.ok && result.value.limitReached;
    // The drop dialog opens by itself when the drawer reaches its limit (once, not at every reload).
    if (reached && !wasReached.current) setDropOpen(true);
    wasReached.current = reached;
    setDrawer(result.ok ? result.value : null);
  }, [client, shiftId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const openDrop = useCallback(() => setDropOpen(true), []);
  const closeDrop = useCallback(() => setDropOpen(false), []);
  return { drawer, reload, dropOpen, openDrop, closeDrop };
}

export type DrawerModel = ReturnType<typeof useDrawer>;
