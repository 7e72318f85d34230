/**
 * Export progress (issue 7 item 7) through the contract: an export named by a jobId is seen running with the
 * report's own steps (a year's tier summary goes month by month), then done; an unknown job is 'unknown'.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import type { ExportProgressView } from '../../shared/contract/report-views';
import { ExportJobs } from '../../electron/services/export-progress';

let fx: Fixture;
beforeAll(async () => { fx = await buildBackend(); });
afterAll(async () => { await fx.close(); });

it('a running export reports its steps under its job id, then done', async () => {
  const jobId = 'export-test-0001';
  const seen: ExportProgressView[] = [];
  let finished = false;
  const exporting = fx.ok('reports.export', { report: 'tiers', params: { period: '2026' }, format: 'xlsx', jobId }, fx.sessions.supervisor)
    .finally(() => { finished = true; });
  while (!finished) {
    seen.push(await fx.ok('reports.exportProgress', { jobId }, fx.sessions.supervisor));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const file = await exporting;
  expect(file.fileName).toMatch(/\.xlsx$/);
  expect(seen.some((v) => v.state === 'running')).toBe(true);
  expect(await fx.ok('reports.exportProgress', { jobId }, fx.sessions.supervisor)).toMatchObject({ state: 'done', fraction: 1 });
  expect(await fx.ok('reports.exportProgress', { jobId: 'export-never-started' }, fx.sessions.supervisor)).toMatchObject({ state: 'unknown' });
});

it('steps map to a fraction, a failure is failed, finished jobs are forgotten after a minute', async () => {
  const jobs = new ExportJobs(fx.clock);
  let release: () => void = () => undefined;
  const running = jobs.track('job-aaaa-1', async (progress) => {
    progress?.(3, 12);
    await new Promise<void>((resolve) => { release = resolve; });
    return 'file';
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(jobs.view('job-aaaa-1')).toEqual({ state: 'running', done: 3, total: 12, fraction: 0.25 });
  release();
  expect(await running).toBe('file');
  await expect(jobs.track('job-bbbb-2', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(jobs.view('job-bbbb-2').state).toBe('failed');
  fx.clock.advance(61_000);
  await jobs.track('job-cccc-3', async () => 'x');
  expect(jobs.view('job-aaaa-1').state).toBe('unknown');
});
