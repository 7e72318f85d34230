import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentView } from '../../../shared/contract/money-views';
import type { Outcome } from '../api/client';
import { pdfBlobUrl } from '../sale/slip';

/** A printable PDF from the backend (registers, lists): opened in a new window, else previewed in the page. */
export function useDocument() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ url: string; title: string } | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);
  const open = useCallback(async (load: () => Promise<Outcome<DocumentView>>) => {
    setBusy(true);
    setError(null);
    const result = await load();
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const url = pdfBlobUrl(result.value.pdfBase64);
    urls.current.push(url);
    if (!window.open(url, '_blank')) setPreview({ url, title: result.value.fileName });
  }, []);
  return { busy, error, preview, open, close: () => setPreview(null) };
}

export type DocumentModel = ReturnType<typeof useDocument>;
