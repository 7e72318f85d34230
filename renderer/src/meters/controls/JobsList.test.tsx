// @vitest-environment jsdom
import '../testShims';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesProvider } from '../../api/ApiContext';
import type { AppServices } from '../../api/ApiContext';
import type { Outcome } from '../../api/client';
import { ApprovalContext } from '../../approval/useApprovalDialog';
import { fakeClient, Providers } from '../../test/harness';
import { ControlsPanel } from './ControlsPanel';
import { jobDetail, jobView, target } from './fixtures';

afterEach(cleanup);

const ok = <T,>(value: T): Outcome<T> => ({ ok: true, value });
const JOBS = [
  jobView(12, { state: 'failed', approvedByName: '张班长', counts: { total: 2, succeeded: 1, failed: 1, pending: 0, cancelled: 0 } }),
  jobView(11, { state: 'scheduled', automatic: true, requestedBy: null, requestedByName: null, effectiveAt: '2026-10-10T00:30:00.000Z' }),
];
const FAILED = target(8, { state: 'failed', attempts: 3, doneAt: null, lastError: { code: 'timeout', message: '表计无应答', at: '2026-10-09T02:03:00.000Z' } });

function mount() {
  const { client, calls } = fakeClient({
    'controlJobs.list': (input) => ok((input as { state?: string }).state ? JOBS.filter((j) => j.state === (input as { state: string }).state) : JOBS),
    'controlJobs.retryQueue': () => ok([{ ...FAILED, jobId: 12, action: 'relay_trip' }]),
    'controlJobs.get': (input) => ok((input as { jobId: number }).jobId === 12
      ? jobDetail(12, [target(7), FAILED], JOBS[0])
      : jobDetail(11, [target(7, { state: 'pending', doneAt: null, attempts: 0 })], JOBS[1])),
    'controlJobs.retry': () => ok(jobView(12, { state: 'running' })),
    'controlJobs.cancel': () => ok(jobView(11, { state: 'cancelled' })),
  });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(
    <ServicesProvider services={services}><Providers>
      <ApprovalContext.Provider value={() => Promise.resolve(null)}><ControlsPanel role="supervisor" boardMeters={[]} /></ApprovalContext.Provider>
    </Providers></ServicesProvider>,
  );
  return calls;
}

describe('the control jobs list', () => {
  it('lists jobs with their state and the automatic flag; a job shows its result per meter; retry failed', async () => {
    const calls = mount();
    fireEvent.click(screen.getByTestId('controls-jobs'));
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(2));
    expect(screen.getAllByTestId('job-row').map((r) => [r.getAttribute('data-state'), r.getAttribute('data-automatic')]))
      .toEqual([['failed', 'false'], ['scheduled', 'true']]);
    expect(screen.getByTestId('job-automatic').textContent).toBe('自动');

    await act(async () => { fireEvent.click(screen.getAllByTestId('job-open')[0]!); });
    const detail = await screen.findByTestId('job-detail');
    await waitFor(() => expect(within(detail).getAllByTestId('job-target')).toHaveLength(2));
    expect(within(detail).getAllByTestId('job-target').map((r) => r.getAttribute('data-state'))).toEqual(['succeeded', 'failed']);
    expect(within(detail).getByTestId('job-target-error').textContent).toContain('timeout · 表计无应答');
    await act(async () => { fireEvent.click(within(detail).getByTestId('job-retry')); });
    expect(calls.find((c) => c.method === 'controlJobs.retry')?.input).toEqual({ jobId: 12, meterIds: [8] });
  });

  it('filters by state, and the retry queue lists the failed targets', async () => {
    const calls = mount();
    fireEvent.click(screen.getByTestId('controls-jobs'));
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(2));
    const select = screen.getByTestId('jobs-state');
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
    await act(async () => { fireEvent.click(await screen.findByTitle('有失败')); });
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(1));
    // The list refreshes itself while a job runs, so count only what changed: unfiltered first, filtered last.
    const lists = calls.filter((c) => c.method === 'controlJobs.list').map((c) => c.input);
    expect(lists[0]).toEqual({ limit: 200 });
    expect(lists.at(-1)).toEqual({ state: 'failed', limit: 200 });
    fireEvent.click(screen.getByTestId('controls-retry'));
    await waitFor(() => expect(screen.getAllByTestId('retry-item')).toHaveLength(1));
    expect(screen.getByTestId('retry-item').getAttribute('data-state')).toBe('failed');
  });

  it('cancelling asks for a reason first', async () => {
    const calls = mount();
    fireEvent.click(screen.getByTestId('controls-jobs'));
    await waitFor(() => expect(screen.getAllByTestId('job-row')).toHaveLength(2));
    await act(async () => { fireEvent.click(screen.getAllByTestId('job-open')[1]!); });
    const detail = await screen.findByTestId('job-detail');
    await waitFor(() => expect(within(detail).getByTestId('job-cancel')).toBeTruthy());
    await act(async () => { fireEvent.click(within(detail).getByTestId('job-cancel')); });
    expect(within(detail).getByTestId('job-error').textContent).toBe('请填写事由');
    fireEvent.change(within(detail).getByTestId('job-cancel-reason'), { target: { value: '客户已缴费' } });
    await act(async () => { fireEvent.click(within(detail).getByTestId('job-cancel')); });
    expect(calls.find((c) => c.method === 'controlJobs.cancel')?.input).toEqual({ jobId: 11, reason: '客户已缴费' });
  });
});
