/** 发卡: writes the blank card in the reader as the meter's user card (cards.issue), with its progress. */
import { useCallback, useRef, useState } from 'react';
import type { CardView } from '../../../shared/contract/card-views';
import type { ApiClient } from '../api/client';

export type IssueState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'issuing' }
  | { readonly phase: 'issued'; readonly card: CardView }
  | { readonly phase: 'failed'; readonly code: string; readonly message: string };

export function useCardIssue(client: ApiClient, onIssued?: (card: CardView) => void) {
  const [state, setState] = useState<IssueState>({ phase: 'idle' });
  const busy = useRef(false);
  const issue = useCallback(async (meterId: number, kind: 'user' | 'check' = 'user'): Promise<CardView | null> => {
    if (busy.current) return null;
    busy.current = true;
    setState({ phase: 'issuing' });
    const result = await client.call('cards.issue', kind === 'user' ? { meterId } : { meterId, kind });
    busy.current = false;
    setState(result.ok ? { phase: 'issued', card: result.value } : { phase: 'failed', code: result.error.code, message: result.error.message });
    if (!result.ok) return null;
    onIssued?.(result.value);
    return result.value;
  }, [client, onIssued]);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, issue, reset, busy: state.phase === 'issuing' };
}

export type CardIssueModel = ReturnType<typeof useCardIssue>;
