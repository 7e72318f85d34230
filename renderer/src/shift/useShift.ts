import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftView } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';
import { parseCashInput } from '../money/input';

/** The clerk's open shift (shifts.current), and opening one with a counted float. */
export function useShift(client: ApiClient) {
  const { t } = useTranslation();
  const [shift, setShift] = useState<ShiftView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [floatText, setFloatText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stale = false;
    void client.call('shifts.current', {}).then((r) => {
      if (stale) return;
      setLoaded(true);
      if (r.ok) setShift(r.value);
      else setError(r.error.message);
    });
    return () => { stale = true; };
  }, [client]);

  const open = useCallback(async (): Promise<boolean> => {
    const float = parseCashInput(floatText);
    if (!float.ok) {
      setError(t(`input.${float.problem}.float`));
      return false;
    }
    setBusy(true);
    const result = await client.call('shifts.open', { float: float.value });
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    if (result.ok) {
      setShift(result.value);
      setFloatText('');
    }
    return result.ok;
  }, [client, floatText, t]);

  const closed = useCallback(() => setShift(null), []);

  return { shift, loaded, open, closed, floatText, setFloatText, error, busy };
}

export type ShiftModel = ReturnType<typeof useShift>;
