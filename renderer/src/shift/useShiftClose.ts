import { useCallback, useState } from 'react';
import type { ShiftReport } from '../../../shared/contract/views';
import { fen } from '../../../shared/money';
import type { ApiClient } from '../api/client';
import { drawerCount, shortOver } from './denominations';
import type { CountTexts } from './denominations';

/**
 * Closing the shift: the drawer counted by denomination against the expected cash (float + the shift's
 * cash movements, from shifts.report), the difference shown live and recorded as it is — never forced.
 */
export function useShiftClose(client: ApiClient) {
  const [texts, setTexts] = useState<CountTexts>({});
  const [note, setNote] = useState('');
  const [before, setBefore] = useState<ShiftReport | null>(null);
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = drawerCount(texts);
  const expected = before ? fen(before.expectedCash) : null;
  const difference = count.ok && expected !== null ? shortOver(count.total, expected) : null;

  const start = useCallback(async (shiftId: number) => {
    setTexts({});
    setNote('');
    setReport(null);
    setError(null);
    const result = await client.call('shifts.report', { shiftId });
    setBefore(result.ok ? result.value : null);
    if (!result.ok) setError(result.error.message);
  }, [client]);

  const setPieces = useCallback((key: string, text: string) => setTexts((current) => ({ ...current, [key]: text })), []);

  const close = useCallback(async (): Promise<ShiftReport | null> => {
    if (!count.ok || busy) return null;
    setBusy(true);
    const result = await client.call('shifts.close', { counted: count.counted, note: note.trim() || null });
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    if (result.ok) setReport(result.value);
    return result.ok ? result.value : null;
  }, [client, count, note, busy]);

  const done = useCallback(() => {
    setReport(null);
    setBefore(null);
  }, []);

  return { texts, setPieces, note, setNote, before, expected, count, difference, start, close, report, done, error, busy };
}

export type ShiftCloseModel = ReturnType<typeof useShiftClose>;
