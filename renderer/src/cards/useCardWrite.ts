/**
 * Delivering a journaled card write (cards.write) and the way out when it does not finish (issue 6 item 4):
 * retry with the card reinserted (cards.write again, same write), or settle it against the card
 * (cards.reconcile: the card holds it → completed; it does not → voided, and a sale is reversed by the system).
 *
 *   idle ──start──► writing ──ok──► written
 *                      └─refused──► failed ──retry──► writing
 *                                     └────settle──► settling ──► settled (or back to failed with the refusal)
 */
import { useCallback, useRef, useState } from 'react';
import type { CardReconcileView, CardWriteView } from '../../../shared/contract/card-views';
import type { ApiClient } from '../api/client';

export type CardWritePhase =
  | { readonly phase: 'idle' }
  | { readonly phase: 'writing'; readonly writeId: number }
  | { readonly phase: 'written'; readonly write: CardWriteView }
  | { readonly phase: 'failed'; readonly writeId: number; readonly code: string | null; readonly message: string | null }
  | { readonly phase: 'settling'; readonly writeId: number }
  | { readonly phase: 'settled'; readonly result: CardReconcileView };

/** What the clerk must do after a settlement: nothing (the card has it) or give the money back (voided sales). */
export function settlementOutcome(result: CardReconcileView): 'completed' | 'refund' | 'voided' {
  if (result.reversedReceipts.length > 0) return 'refund';
  return result.voided.length > 0 ? 'voided' : 'completed';
}

export function useCardWrite(client: ApiClient, onSettled?: () => void) {
  const [state, setState] = useState<CardWritePhase>({ phase: 'idle' });
  const busy = useRef(false);

  const start = useCallback(async (writeId: number) => {
    if (busy.current) return;
    busy.current = true;
    setState({ phase: 'writing', writeId });
    const result = await client.call('cards.write', { writeId });
    busy.current = false;
    setState(result.ok ? { phase: 'written', write: result.value } : { phase: 'failed', writeId, code: result.error.code, message: result.error.message });
    if (result.ok) onSettled?.();
  }, [client, onSettled]);

  const settle = useCallback(async () => {
    if (busy.current || state.phase !== 'failed') return;
    const { writeId } = state;
    busy.current = true;
    setState({ phase: 'settling', writeId });
    const result = await client.call('cards.reconcile', {});
    busy.current = false;
    setState(result.ok ? { phase: 'settled', result: result.value } : { phase: 'failed', writeId, code: result.error.code, message: result.error.message });
    if (result.ok) onSettled?.();
  }, [client, state, onSettled]);

  const retry = useCallback(() => (state.phase === 'failed' ? start(state.writeId) : Promise.resolve()), [state, start]);

  /** An unfinished write found on the card in the reader (cards.status openWrites): the same prompt, unless one is shown already. */
  const adopt = useCallback((write: CardWriteView) => {
    setState((s) => (s.phase === 'idle' || s.phase === 'written' || s.phase === 'settled' ? { phase: 'failed', writeId: write.id, code: null, message: null } : s));
  }, []);

  const dismiss = useCallback(() => {
    if (!busy.current) setState({ phase: 'idle' });
  }, []);

  return { state, start, retry, settle, adopt, dismiss, busy: state.phase === 'writing' || state.phase === 'settling' };
}

export type CardWriteModel = ReturnType<typeof useCardWrite>;
