/** Test helpers of the printing screens: views and a mount with a fake client (not a test file itself). */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { PrintJobView } from '../../../shared/contract/print-views';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { fakeClient, Providers } from '../test/harness';

export function job(jobId: number, over: Partial<PrintJobView> = {}): PrintJobView {
  return {
    jobId, kind: 'payment', form: 'a4', saleId: 7, receiptNo: 'R20261127-0007', reprintNo: 0, driver: 'simulator', target: 'sim1',
    state: 'printed', attempts: 1, error: null, nextAttemptAt: null, createdAt: '2026-11-27T02:00:00.000Z', updatedAt: '2026-11-27T02:00:01.000Z', ...over,
  };
}

export const FAILED = job(9, {
  state: 'failed', attempts: 2, error: { code: 'paper-out', message: 'simulated printer is out of paper' }, nextAttemptAt: '2026-11-27T02:05:00.000Z',
});

export function mountWith(node: ReactNode, answers: Parameters<typeof fakeClient>[0]) {
  const { client, calls } = fakeClient(answers);
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  const view = render(<ServicesProvider services={services}><Providers>{node}</Providers></ServicesProvider>);
  return { calls, client, view };
}
