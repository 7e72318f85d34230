// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { ExportFileView, ExportProgressView } from '../../../shared/contract/report-views';
import { ServicesProvider, useApi } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { fakeClient, Providers } from '../test/harness';
import { ExportBar } from './ExportBar';
import { useExport } from './useExport';

afterEach(cleanup);
beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:x');
  URL.revokeObjectURL = vi.fn();
  HTMLAnchorElement.prototype.click = vi.fn();
});

const file: ExportFileView = { fileName: 'tiers-2026.xlsx', mime: 'application/x', base64: Buffer.from('PK').toString('base64'), bytes: 2, rows: 24 };

function Harness() {
  const api = useApi();
  const model = useExport();
  return <ExportBar model={model} onExport={(format) => void model.run((jobId) => api.call('reports.export', { report: 'tiers', params: { period: '2026' }, format, jobId }))} />;
}

it("shows the backend's steps of the running export as the bar (reports.exportProgress by job id), then 100 %", async () => {
  let finish: () => void = () => undefined;
  const progress: ExportProgressView = { state: 'running', done: 6, total: 12, fraction: 0.5 };
  const { client, calls } = fakeClient({
    'reports.export': () => new Promise((resolve) => { finish = () => resolve({ ok: true, value: file }); }),
    'reports.exportProgress': () => ({ ok: true, value: progress }),
  });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><Harness /></Providers></ServicesProvider>);
  fireEvent.click(screen.getByTestId('export-xlsx'));
  await waitFor(() => expect(screen.getByTestId('export-progress').getAttribute('data-percent')).toBe('50'), { timeout: 3000 });
  expect(screen.getByTestId('export-steps').textContent).toBe('第 6/12 步');
  const jobId = (calls.find((c) => c.method === 'reports.export')?.input as { jobId: string }).jobId;
  expect(calls.filter((c) => c.method === 'reports.exportProgress').every((c) => (c.input as { jobId: string }).jobId === jobId)).toBe(true);
  finish();
  await waitFor(() => expect(screen.getByTestId('export-progress').getAttribute('data-percent')).toBe('100'));
  expect(screen.getByTestId('export-done').textContent).toContain('tiers-2026.xlsx');
});
