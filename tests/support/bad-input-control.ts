/**
 * The bad-input matrix for the control-job methods (issue 5 item 6). Spread into SPECS (and its kinds into KINDS)
 * in bad-input-table.ts; buildControlState makes the jobs the cases refer to: clerk1's draft (relay trip on the
 * energy meter, which is on the fixture's DL/T 645 bus), an approval clerk2 obtained for it, clerk1's own request
 * for it still undecided, and a done job (its one 'ok' attempt written directly: no meter listens on that bus).
 */
import type { Fixture } from './backend';
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { controlContract } from '../../shared/contract/control-methods';
import { approvedBySupervisor } from './approve';

export interface ControlFixture {
  readonly control: {
    /** clerk1's draft: relay trip on fx.meters.energy. */ readonly draft: number;
    /** Approved for the draft, but requested by clerk2. */ readonly othersApproval: number;
    /** clerk1's request for the draft, not decided. */ readonly pendingApproval: number;
    /** Submitted by clerk1 and done. */ readonly done: number;
  };
}

const NON_FINITE = [NaN, Infinity, -Infinity];

export const CONTROL_KINDS = {
  controlSelection: () => [null, [], 'area', {}, { by: 'bogus' }, { by: 'area' }, { by: 'area', area: '' }, { by: 'area', area: 'x'.repeat(41) },
    { by: 'building', area: '幸福小区' }, { by: 'meters', meterIds: [] }, { by: 'meters', area: '幸福小区' }],
  controlCommand: () => [null, [], 'relay_trip', {}, { action: 'bogus' }, { action: 'set_prices' },
    { action: 'set_prices', prices: { spike: -1, peak: 1, flat: 1, valley: 1 } }, { action: 'set_prices', prices: { spike: 1.5, peak: 1, flat: 1, valley: 1 } },
    { action: 'set_prices', prices: { spike: 1, peak: 1, flat: 1 } }, { action: 'set_alarms', alarm1: 100, alarm2: 200 },
    { action: 'set_alarms', alarm1: -1, alarm2: 0 }, { action: 'set_alarms', alarm1: 10.5, alarm2: 0 }, { action: 'valve_open', extra: 1 }],
  idList: () => [[], [0], [-1], [1.5], ['1'], [null], ...NON_FINITE.map((n) => [n]), null, 'x', Array.from({ length: 5_001 }, (_, i) => i + 1)],
  nullableInstant: () => ['', 'tomorrow', '2026-06-15', '2026-06-15 12:00', '2026-13-01T00:00:00Z', 20260615, [], true, {}],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: (fx: Parameters<MethodSpec['valid']>[0]) => unknown, language?: 'en'): Case =>
  ({ name, who, code, input, ...(language ? { language } : {}) });
const trip = { action: 'relay_trip' } as const;
const createInput = (meterId: number, o: Record<string, unknown> = {}) => ({
  selection: { by: 'meters', meterIds: [meterId] }, command: trip, effectiveAt: null, reason: '欠费停电', ...o,
});
/** START (2026-06-15T02:00Z) and after: the matrix's clock does not move past these. */
const PAST = '2026-06-15T01:00:00.000Z';
const TOO_FAR = '2026-08-01T00:00:00+08:00';

export const CONTROL_SPECS: Record<keyof typeof controlContract, MethodSpec> = {
  'controlJobs.preview': {
    who: 'clerk2', valid: (fx) => ({ selection: { by: 'meters', meterIds: [fx.meters.energy] }, command: trip }),
    fields: [['selection', 'controlSelection'], ['selection.meterIds', 'idList'], ['command', 'controlCommand'], ['command.action', 'enum']],
    strict: ['selection', 'command'],
    cases: [c('an unknown meter', 'clerk1', 'not-found', () => ({ selection: { by: 'meters', meterIds: [U] }, command: trip }))],
  },
  'controlJobs.create': {
    who: 'clerk1', valid: (fx) => createInput(fx.meters.energy),
    fields: [['selection', 'controlSelection'], ['selection.meterIds', 'idList'], ['command', 'controlCommand'], ['command.action', 'enum'],
      ['effectiveAt', 'nullableInstant'], ['reason', 'text200']],
    strict: ['selection', 'command'],
    cases: [
      c('an unknown meter', 'clerk1', 'not-found', () => createInput(U)),
      c('no supported meter (the water meter is on no bus)', 'clerk1', 'control-no-supported-meter', (fx) => createInput(fx.meters.water)),
      c('a valve on an electricity meter (en)', 'supervisor', 'control-no-supported-meter', (fx) => createInput(fx.meters.energy, { command: { action: 'valve_close' } }), 'en'),
      c('an area with no meter', 'clerk1', 'control-no-supported-meter', () => createInput(U, { selection: { by: 'area', area: '无此小区' } })),
      c('an effective time in the past', 'clerk1', 'control-effective-past', (fx) => createInput(fx.meters.energy, { effectiveAt: PAST })),
      c('an effective time more than 31 days ahead', 'clerk1', 'control-effective-too-far', (fx) => createInput(fx.meters.energy, { effectiveAt: TOO_FAR })),
    ],
  },
  'controlJobs.submit': {
    who: 'clerk1', valid: (fx) => ({ jobId: fx.control.draft, approvalId: fx.control.pendingApproval }), fields: [['jobId', 'id'], ['approvalId', 'id']],
    cases: [
      c('an unknown job', 'clerk1', 'not-found', (fx) => ({ jobId: U, approvalId: fx.control.pendingApproval })),
      c('an unknown approval', 'clerk1', 'not-found', (fx) => ({ jobId: fx.control.draft, approvalId: U })),
      c('someone else\'s approval', 'clerk1', 'approval-mismatch', (fx) => ({ jobId: fx.control.draft, approvalId: fx.control.othersApproval })),
      c('an approval not yet given', 'clerk1', 'approval-required', (fx) => ({ jobId: fx.control.draft, approvalId: fx.control.pendingApproval })),
      c('another approval subject', 'clerk1', 'approval-mismatch', (fx) => ({ jobId: fx.control.draft, approvalId: fx.approvals.reverse })),
      c('someone else\'s job', 'clerk2', 'control-job-not-yours', (fx) => ({ jobId: fx.control.draft, approvalId: fx.control.othersApproval })),
      c('a job already done (en)', 'clerk1', 'control-job-not-draft', (fx) => ({ jobId: fx.control.done, approvalId: fx.control.pendingApproval }), 'en'),
    ],
  },
  'controlJobs.cancel': {
    who: 'clerk1', valid: (fx) => ({ jobId: fx.control.draft, reason: '取消' }), fields: [['jobId', 'id'], ['reason', 'text200']],
    cases: [
      c('an unknown job', 'supervisor', 'not-found', () => ({ jobId: U, reason: '取消' })),
      c('a done job', 'supervisor', 'control-job-not-cancellable', (fx) => ({ jobId: fx.control.done, reason: '取消' })),
      c('someone else\'s job, as a clerk', 'clerk2', 'control-job-not-yours', (fx) => ({ jobId: fx.control.draft, reason: '取消' })),
    ],
  },
  'controlJobs.retry': {
    who: 'clerk1', valid: (fx) => ({ jobId: fx.control.done, meterIds: [fx.meters.energy] }), fields: [['jobId', 'id'], ['meterIds', 'idList', 'optional']],
    cases: [
      c('an unknown job', 'clerk1', 'not-found', () => ({ jobId: U })),
      c('a job without failed meters', 'clerk1', 'control-nothing-to-retry', (fx) => ({ jobId: fx.control.done })),
      c('a draft (en)', 'supervisor', 'control-nothing-to-retry', (fx) => ({ jobId: fx.control.draft }), 'en'),
    ],
  },
  'controlJobs.list': {
    who: 'clerk2', valid: () => ({ state: 'draft', automatic: false, limit: 10 }),
    fields: [['state', 'enum', 'optional'], ['automatic', 'bool', 'optional'], ['limit', 'limit500', 'optional']],
  },
  'controlJobs.get': {
    who: 'clerk2', valid: (fx) => ({ jobId: fx.control.draft }), fields: [['jobId', 'id']],
    cases: [c('an unknown job', 'admin', 'not-found', () => ({ jobId: U }))],
  },
  'controlJobs.retryQueue': { who: 'admin', valid: () => ({}), fields: [] },
};

/** The jobs and approvals of ControlFixture, through the contract (and one attempt row written directly). */
export async function buildControlState(fx: Fixture): Promise<ControlFixture> {
  const { clerk1, clerk2 } = fx.sessions;
  const input = createInput(fx.meters.energy) as Parameters<typeof fx.ok<'controlJobs.create'>>[1];
  const draft = await fx.ok('controlJobs.create', input, clerk1);
  const othersApproval = await approvedBySupervisor(fx, { kind: 'control_job', jobId: draft.id }, clerk2);
  const pending = await fx.ok('approvals.request', { subject: { kind: 'control_job', jobId: draft.id }, reason: '停电' }, clerk1);
  const done = await fx.ok('controlJobs.create', input, clerk1);
  const approval = await approvedBySupervisor(fx, { kind: 'control_job', jobId: done.id }, clerk1);
  await fx.ok('controlJobs.submit', { jobId: done.id, approvalId: approval }, clerk1);
  const target = await fx.sql.one<{ id: number }>('select id from control_job_targets where job_id = ?', [done.id]);
  await fx.sql.run("insert into control_target_attempts (target_id, attempt, at, outcome) values (?, 1, '2026-06-15T02:00:00.000Z', 'ok')", [target.id]);
  return { control: { draft: draft.id, othersApproval, pendingApproval: pending.id, done: done.id } };
}
