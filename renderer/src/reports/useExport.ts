import { useCallback, useRef, useState } from 'react';
import type { ExportFileView } from '../../../shared/contract/report-views';
import type { Outcome } from '../api/client';

/** Saves an exported file through a blob link (the desktop app's download handler names it). */
export function saveFile(file: ExportFileView): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * An export with a progress bar. One export is one backend call, so while it runs the bar creeps toward
 * 90 % (never claiming done) and jumps to 100 % when the file arrives; a chunked job (useChunked) reports
 * real steps instead.
 */
export function useExport() {
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<ExportFileView | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const run = useCallback(async (load: () => Promise<Outcome<ExportFileView>>) => {
    setError(null);
    setPercent(5);
    timer.current = setInterval(() => setPercent((p) => (p === null ? p : Math.min(90, p + Math.max(1, (90 - p) / 8)))), 250);
    const result = await load();
    if (timer.current) clearInterval(timer.current);
    if (!result.ok) {
      setPercent(null);
      return setError(result.error.message);
    }
    setPercent(100);
    setLast(result.value);
    saveFile(result.value);
  }, []);
  return { percent, error, last, run };
}

export type ExportModel = ReturnType<typeof useExport>;
