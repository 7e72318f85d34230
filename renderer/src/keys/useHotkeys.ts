import { useEffect, useLayoutEffect, useRef } from 'react';

export const HOTKEYS = ['F2', 'F3', 'F4', 'F6', 'F7', 'F8', 'F9', 'F10', 'Escape'] as const;
export type Hotkey = (typeof HOTKEYS)[number];
/** Keys the counter screen owns, by KeyboardEvent.key. */
export type HotkeyMap = Partial<Record<Hotkey, (event: KeyboardEvent) => void>>;

function isHotkey(key: string): key is Hotkey {
  return (HOTKEYS as readonly string[]).includes(key);
}

/**
 * Global F-keys (and Esc) on the window, in the capture phase so they work whichever field has the
 * focus and before the browser's own meaning of the key (F3 find, F10 menu bar). The latest handlers are
 * always used without re-subscribing.
 */
export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const latest = useRef(map);
  useLayoutEffect(() => {
    latest.current = map;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing || !isHotkey(event.key)) return;
      // Keys typed inside a dialog (approval, cash drop, settlement…) belong to the dialog: Esc closes it.
      if (event.target instanceof Element && event.target.closest('.ant-modal')) return;
      const handler = latest.current[event.key];
      if (!handler) return;
      event.preventDefault();
      event.stopPropagation();
      handler(event);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
