// @vitest-environment jsdom
import '../meters/testShims';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PrintJobView } from '../../../shared/contract/print-views';
import { PrintFailedBadge } from './PrintFailedBadge';
import { PrintingPage } from './PrintingPage';
import { FAILED, job, mountWith } from './testKit';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const JOBS: PrintJobView[] = [FAILED, job(8, { reprintNo: 1 }), job(7, { driver: 'dialog', target: '', state: 'sent' })];

function queueAnswers(jobs: () => PrintJobView[], retried: PrintJobView = { ...FAILED, state: 'printed', attempts: 3, error: null }) {
  return {
    'prints.queue': (input: unknown) => {
      const state = (input as { state?: string }).state;
      return { ok: true as const, value: jobs().filter((j) => !state || j.state === state) };
    },
    'prints.retry': () => ({ ok: true as const, value: retried }),
  };
}

describe('the print queue', () => {
  it('lists each job with its slip, receipt, copy number, printer, state, attempts, error and next try; retries a failed one', async () => {
    let jobs = JOBS;
    const { calls } = mountWith(<PrintingPage role="clerk" />, queueAnswers(() => jobs));
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(3));
    expect(screen.queryByTestId('printer-settings')).toBeNull();
    const failed = screen.getAllByTestId('job-row')[0]!;
    expect(failed.textContent).toContain('缴费单（三联）');
    expect(failed.textContent).toContain('R20261127-0007');
    expect(failed.textContent).toContain('原件');
    expect(failed.textContent).toContain('模拟打印机（测试用） sim1');
    expect(failed.textContent).toContain('失败');
    expect(failed.textContent).toContain('simulated printer is out of paper');
    expect(failed.textContent).toContain('2026-11-27 10:05');
    expect(screen.getAllByTestId('job-row')[1]!.textContent).toContain('补打 1');
    // Only the failed job can be retried: not a printed one, not one handed to the dialog.
    expect(screen.getAllByTestId('job-retry')).toHaveLength(1);
    jobs = [{ ...FAILED, state: 'printed', attempts: 3, error: null }, ...JOBS.slice(1)];
    await act(async () => { fireEvent.click(within(failed).getByTestId('job-retry')); });
    expect(calls.find((c) => c.method === 'prints.retry')?.input).toEqual({ jobId: 9 });
    await waitFor(() => expect(screen.getByTestId('queue-retried').textContent).toBe('任务 9：已打印'));
    expect(screen.queryAllByTestId('job-retry')).toHaveLength(0);
  });

  it('filters by state', async () => {
    const { calls } = mountWith(<PrintingPage role="supervisor" />, queueAnswers(() => JOBS));
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(3));
    const select = screen.getByTestId('queue-state');
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
    await act(async () => { fireEvent.click(await screen.findByTitle('失败')); });
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(1));
    expect(calls.filter((c) => c.method === 'prints.queue').at(-1)?.input).toEqual({ state: 'failed', limit: 200 });
  });

  it('refreshes itself every 5 s while shown', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = mountWith(<PrintingPage role="clerk" />, queueAnswers(() => JOBS));
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(3));
    const before = calls.filter((c) => c.method === 'prints.queue').length;
    await act(async () => { await vi.advanceTimersByTimeAsync(5_000); });
    expect(calls.filter((c) => c.method === 'prints.queue').length).toBe(before + 1);
  });

  it('shows an administrator the printer settings and no retry', async () => {
    mountWith(<PrintingPage role="admin" />, {
      ...queueAnswers(() => JOBS),
      'printers.settings': () => ({ ok: true, value: { dialog: false, kinds: { payment: null, recharge: null, customerList: null } } }),
      'printers.list': () => ({ ok: true, value: [] }),
    });
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(3));
    expect(await screen.findByTestId('printer-row-payment')).toBeTruthy();
    expect(screen.queryAllByTestId('job-retry')).toHaveLength(0);
  });
});

describe('the top-bar badge', () => {
  it('is hidden while nothing failed, shows the failed count and opens the queue', async () => {
    let jobs: PrintJobView[] = [job(1)];
    const onOpen = vi.fn();
    const { calls } = mountWith(<PrintFailedBadge onOpen={onOpen} pollMs={50} />, queueAnswers(() => jobs));
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    expect(calls[0]?.input).toEqual({ state: 'failed', limit: 500 });
    expect(screen.queryByTestId('print-failed-link')).toBeNull();
    jobs = [FAILED, { ...FAILED, jobId: 10 }];
    await waitFor(() => expect(screen.getByTestId('print-failed-link').textContent).toContain('打印失败 2'));
    fireEvent.click(screen.getByTestId('print-failed-link'));
    expect(onOpen).toHaveBeenCalledOnce();
  });
});
