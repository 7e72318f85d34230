import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportFileView, ExportProgressView } from '../../../shared/contract/report-views';
import { useApi } from '../api/ApiContext';
import type { Outcome } from '../api/client';

/** How often an export's progress is read while it runs. */
export const EXPORT_POLL_MS = 300;

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
 * A fresh job id for reports.exportProgress (8–64 letters, digits and dashes). getRandomValues, not randomUUID:
 * the latter exists only in secure contexts, and the desktop app's own protocol need not count as one.
 */
export function newJobId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return `export-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The bar's percent from the backend's view: its steps fill 5…95 %, the file's arrival the rest. */
export function exportPercent(view: ExportProgressView | null): number {
  return 5 + Math.round((view?.fraction ?? 0) * 90);
}

/**
 * An export with a real progress bar: the call names its job (jobId) and, while it runs, reports.exportProgress
 * is read for the steps the report has done (a year's months, the payment record's chunks), as the backups
 * panel reads backups.progress. A report that reports no steps stays at its start until the file arrives.
 */
export function useExport() {
  const client = useApi();
  const [percent, setPercent] = useState<number | null>(null);
  const [steps, setSteps] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<ExportFileView | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const finished = useRef(false);

  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => {
      void client.call('reports.exportProgress', { jobId }).then((r) => {
        if (!r.ok || finished.current || r.value.state !== 'running') return;
        setPercent(exportPercent(r.value));
        setSteps(r.value.total > 0 ? { done: r.value.done, total: r.value.total } : null);
      });
    }, EXPORT_POLL_MS);
    return () => clearInterval(timer);
  }, [jobId, client]);

  const run = useCallback(async (load: (jobId: string) => Promise<Outcome<ExportFileView>>) => {
    const id = newJobId();
    finished.current = false;
    setError(null);
    setSteps(null);
    setPercent(exportPercent(null));
    setJobId(id);
    const result = await load(id);
    finished.current = true;
    setJobId(null);
    if (!result.ok) {
      setPercent(null);
      return setError(result.error.message);
    }
    setPercent(100);
    setLast(result.value);
    saveFile(result.value);
  }, []);
  return { percent, steps, error, last, run };
}

export type ExportModel = ReturnType<typeof useExport>;
