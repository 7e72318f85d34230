/**
 * A card operation in progress elsewhere on the counter (发卡, 补卡, 清卡) holds the reader: the strip stops
 * polling cards.status meanwhile, so no status read opens a session on the card while it is being written
 * (pcsc.md: one session at a time; a read of a half-written card would only alarm the clerk).
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';

export type HoldReader = (busy: boolean) => void;

export const CardBusyContext = createContext<HoldReader>(() => undefined);

/** The counter's side: how many operations hold the reader now. */
export function useReaderHolds(): { held: boolean; hold: HoldReader } {
  const [holds, setHolds] = useState(0);
  const hold = useCallback<HoldReader>((busy) => setHolds((n) => Math.max(0, n + (busy ? 1 : -1))), []);
  return { held: holds > 0, hold };
}

/** An operation's side: holds the reader while `busy`. */
export function useHoldReader(busy: boolean): void {
  const hold = useContext(CardBusyContext);
  useEffect(() => {
    if (!busy) return;
    hold(true);
    return () => hold(false);
  }, [busy, hold]);
}
