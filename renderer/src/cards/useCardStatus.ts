/**
 * The reader and the card in it (cards.status), polled about every 1.5 s while the counter is on screen
 * and the window visible; never two calls at once, and paused while a write holds the card (an answer
 * started before a pause is dropped, so a stale "open write" never raises the recovery prompt).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CardStatusView } from '../../../shared/contract/card-views';
import type { ApiClient } from '../api/client';

export const CARD_POLL_MS = 1500;

function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

export function useCardStatus(client: ApiClient, active: boolean, paused = false, onStatus?: (status: CardStatusView) => void) {
  const [status, setStatus] = useState<CardStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const inFlight = useRef(false);
  const listener = useRef(onStatus);
  listener.current = onStatus;
  const visible = useDocumentVisible();
  const running = active && visible && !paused;

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const asked = generation.current;
    const result = await client.call('cards.status', {});
    inFlight.current = false;
    if (asked !== generation.current) return;
    setError(result.ok ? null : result.error.message);
    if (!result.ok) return;
    setStatus(result.value);
    listener.current?.(result.value);
  }, [client]);

  useEffect(() => {
    generation.current++;
    if (!running) return;
    void refresh();
    const timer = setInterval(() => void refresh(), CARD_POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  return { status, error, refresh };
}

export type CardStatusModel = ReturnType<typeof useCardStatus>;
