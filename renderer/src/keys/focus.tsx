/**
 * Where the next keystroke belongs. Components register their key inputs under a name; hooks and hotkeys
 * move the focus by name (after the next paint, so a field that is about to appear can be focused).
 */
import { createContext, useCallback, useContext, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';

export type FocusTarget =
  | 'search' | 'results' | 'meter' | 'amount' | 'tendered' | 'confirm' | 'next-sale'
  | 'float' | 'denomination' | 'close-note' | 'close-confirm' | 'report-done' | 'username' | 'password';

export interface FocusControl {
  register(name: FocusTarget): (element: HTMLElement | null) => void;
  focus(name: FocusTarget, select?: boolean): void;
  isFocused(name: FocusTarget): boolean;
}

const FocusContext = createContext<FocusControl | null>(null);

function focusNow(element: HTMLElement | undefined, select: boolean): void {
  if (!element || !element.isConnected) return;
  element.focus();
  if (select && element instanceof HTMLInputElement) element.select();
}

export function FocusProvider({ children }: { children: ReactNode }) {
  const elements = useRef(new Map<FocusTarget, HTMLElement>());
  const register = useCallback((name: FocusTarget) => (element: HTMLElement | null) => {
    if (element) elements.current.set(name, element);
    else elements.current.delete(name);
  }, []);
  const focus = useCallback((name: FocusTarget, select = false) => {
    focusNow(elements.current.get(name), select);
    setTimeout(() => {
      const element = elements.current.get(name);
      if (element !== document.activeElement) focusNow(element, select);
    }, 0);
  }, []);
  const isFocused = useCallback((name: FocusTarget) => {
    const element = elements.current.get(name);
    return !!element && element === document.activeElement;
  }, []);
  const value = useMemo(() => ({ register, focus, isFocused }), [register, focus, isFocused]);
  return <FocusContext.Provider value={value}>{children}</FocusContext.Provider>;
}

export function useFocus(): FocusControl {
  const control = useContext(FocusContext);
  if (!control) throw new Error('useFocus outside FocusProvider');
  return control;
}
