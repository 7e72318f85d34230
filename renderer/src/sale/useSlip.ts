import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { pdfBlobUrl } from './slip';

/**
 * The payment slip of a sale (slips.payment, A4 triplicate): opened as a PDF in a new window through a
 * blob: URL, or, where a new window is refused, in a preview inside the page. (The desktop app will print
 * through the system dialog.)
 */
export function useSlip(client: ApiClient) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ url: string; receiptNo: string } | null>(null);
  const urls = useRef<string[]>([]);

  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const print = useCallback(async (saleId: number) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await client.call('slips.payment', { saleId, form: 'a4' });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const url = pdfBlobUrl(result.value.pdfBase64);
    urls.current.push(url);
    const opened = window.open(url, '_blank');
    if (!opened) setPreview({ url, receiptNo: result.value.receiptNo });
  }, [client, busy]);

  const reset = useCallback(() => {
    setError(null);
    setPreview(null);
  }, []);

  return { busy, error, preview, print, closePreview: () => setPreview(null), reset };
}

export type SlipModel = ReturnType<typeof useSlip>;
