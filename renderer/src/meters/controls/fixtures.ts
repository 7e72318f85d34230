/** Test data of the control-job views, every field filled, overridden per test. */
import type { ControlJobDetailView, ControlJobView, ControlPreviewMeterView, ControlTargetView } from '../../../../shared/contract/control-views';

export function previewMeter(meterId: number, over: Partial<ControlPreviewMeterView> = {}): ControlPreviewMeterView {
  return {
    meterId, meterNo: `32010000000${meterId}`, accountId: 1, customerName: '王秀英', area: '东区', building: '3', utility: 'electricity',
    protocol: 'dlt645', busCode: 'GW-1', supported: true, reason: null, ...over,
  };
}

export function jobView(id: number, over: Partial<ControlJobView> = {}): ControlJobView {
  return {
    id, action: 'relay_trip', command: { action: 'relay_trip' }, selection: { by: 'meters', meterIds: [7] }, reason: '欠费停电', state: 'draft',
    automatic: false, requestedBy: 2, requestedByName: '李收费', approvalId: null, approvedBy: null, approvedByName: null,
    createdAt: '2026-10-09T02:00:00.000Z', effectiveAt: null, submittedAt: null, finishedAt: null,
    counts: { total: 1, succeeded: 0, failed: 0, pending: 1, cancelled: 0 }, ...over,
  };
}

export function target(meterId: number, over: Partial<ControlTargetView> = {}): ControlTargetView {
  return {
    meterId, meterNo: `32010000000${meterId}`, customerName: '王秀英', state: 'succeeded', attempts: 1, nextAttemptAt: null, lastError: null,
    doneAt: '2026-10-09T02:01:00.000Z', ...over,
  };
}

export function jobDetail(id: number, targets: readonly ControlTargetView[], over: Partial<ControlJobView> = {}): ControlJobDetailView {
  return { ...jobView(id, over), targets };
}
