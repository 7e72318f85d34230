/**
 * Control jobs through the contract against simulated meters over loopback TCP (issue 5 item 6): the preview of a
 * batch by area and building, the approval flow (no self-approval), the effective time, per-meter results, the retry
 * queue with its backoff and giving up after five failures, a person's retry, cancelling, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../support/backend';
import { approvedJob, buildControlHall, minutes, runDue } from '../support/control-kit';
import type { ControlHall } from '../support/control-kit';

let hall: ControlHall;
beforeAll(async () => { hall = await buildControlHall(); });
afterAll(async () => { await hall.close(); });

const trip = { action: 'relay_trip' } as const;
const later = (ms: number) => new Date(hall.fx.clock.now().getTime() + ms).toISOString();
const audits = (action: string) => hall.fx.sql.all<{ user_id: number | null; entity_id: string }>("select user_id, entity_id from audit_log where action = ? and entity = 'control_job' order by id", [action]);

describe('preview', () => {
  it('marks each meter of an area supported or why not; a building narrows it', async () => {
    const { fx, meters } = hall;
    const area = await fx.ok('controlJobs.preview', { selection: { by: 'area', area: '东区' }, command: trip }, fx.sessions.clerk2);
    const reasons = Object.fromEntries(area.meters.map((m) => [m.meterId, m.reason]));
    expect(reasons).toEqual({ [meters.m1]: null, [meters.m2]: null, [meters.m3]: null, [meters.d1]: null, [meters.w1]: 'wrong-utility', [meters.off]: 'no-bus' });
    expect({ supported: area.supported, unsupported: area.unsupported }).toEqual({ supported: 4, unsupported: 2 });
    const building = await fx.ok('controlJobs.preview', { selection: { by: 'building', area: '东区', building: '1' }, command: trip }, fx.sessions.clerk2);
    expect(building.meters.map((m) => [m.meterId, m.supported, m.busCode])).toEqual([[meters.m1, true, 'GW-MB'], [meters.m2, true, 'GW-MB']]);
    const keep = await fx.ok('controlJobs.preview', { selection: { by: 'meters', meterIds: [meters.m1, meters.d1] }, command: { action: 'keep_power' } }, fx.sessions.clerk2);
    expect(keep.meters.map((m) => m.reason)).toEqual(['unsupported-by-protocol', null]);
    const valve = await fx.ok('controlJobs.preview', { selection: { by: 'building', area: '东区', building: '2' }, command: { action: 'valve_close' } }, fx.sessions.clerk2);
    expect(valve.meters.filter((m) => m.supported).map((m) => m.meterId)).toEqual([meters.w1]);
  });
});

describe('a job from request to result', () => {
  it('needs another person\'s approval, waits for its effective time, then trips the meter', async () => {
    const { fx, meters } = hall;
    const input = { selection: { by: 'building', area: '东区', building: '2' }, command: trip, effectiveAt: later(minutes(10)), reason: '欠费停电' } as const;
    // A supervisor cannot approve their own job.
    const own = await fx.ok('controlJobs.create', input, fx.sessions.supervisor);
    const ownRequest = await fx.ok('approvals.request', { subject: { kind: 'control_job', jobId: own.id }, reason: '停电' }, fx.sessions.supervisor);
    expect(refusal(await fx.call('approvals.decide', { approvalId: ownRequest.id, decision: 'approve', note: null }, fx.sessions.supervisor)).code).toBe('approval-self');
    await fx.ok('controlJobs.cancel', { jobId: own.id, reason: '改由营业员申请' }, fx.sessions.supervisor);

    const draft = await fx.ok('controlJobs.create', input, fx.sessions.clerk1);
    expect(draft).toMatchObject({ state: 'draft', counts: { total: 1 } });
    const request = await fx.ok('approvals.request', { subject: { kind: 'control_job', jobId: draft.id }, reason: '停电' }, fx.sessions.clerk1);
    expect(refusal(await fx.call('approvals.decide', { approvalId: request.id, decision: 'approve', note: null }, fx.sessions.clerk1)).code).toBe('approval-not-supervisor');
    expect(refusal(await fx.call('controlJobs.submit', { jobId: draft.id, approvalId: request.id }, fx.sessions.clerk1)).code).toBe('approval-required');
    await fx.ok('approvals.decide', { approvalId: request.id, decision: 'approve', note: null }, fx.sessions.supervisor);
    const submitted = await fx.ok('controlJobs.submit', { jobId: draft.id, approvalId: request.id }, fx.sessions.clerk1);
    expect(submitted).toMatchObject({ state: 'scheduled', approvalId: request.id, approvedBy: fx.users.supervisor, approvedByName: 'SUPER1' });
    // The approval is spent and the job no longer a draft: no second approval request.
    expect(refusal(await fx.call('approvals.request', { subject: { kind: 'control_job', jobId: draft.id }, reason: 'x' }, fx.sessions.clerk1)).code).toBe('control-job-not-draft');

    expect((await runDue(fx)).sent).toBe(0);
    expect(hall.sim('3').state().relay).toBe('closed');
    fx.clock.advance(minutes(10));
    expect(await runDue(fx)).toMatchObject({ sent: 1, succeeded: 1, finishedJobs: [draft.id] });
    expect(hall.sim('3').state().relay).toBe('open');
    const done = await fx.ok('controlJobs.get', { jobId: draft.id }, fx.sessions.clerk2);
    expect(done).toMatchObject({ state: 'done', counts: { total: 1, succeeded: 1, failed: 0, pending: 0 }, finishedAt: fx.clock.now().toISOString() });
    expect(done.targets).toEqual([expect.objectContaining({ meterId: meters.m3, state: 'succeeded', attempts: 1, lastError: null })]);
    for (const action of ['control-job.create', 'control-job.submit', 'control-target.succeeded', 'control-job.finish']) {
      expect((await audits(action)).map((a) => a.entity_id)).toContain(String(draft.id));
    }
    expect((await audits('control-target.succeeded')).at(-1)!.user_id).toBeNull();
    expect(refusal(await fx.call('controlJobs.cancel', { jobId: draft.id, reason: '晚了' }, fx.sessions.supervisor)).code).toBe('control-job-not-cancellable');
  });
});

describe('the retry queue', () => {
  it('retries a meter that did not answer and succeeds once the fault is cleared', async () => {
    const { fx, meters, gateways } = hall;
    gateways.modbus.bus.setFault('2', { kind: 'no-reply' });
    const job = await approvedJob(fx, { selection: { by: 'meters', meterIds: [meters.m1, meters.m2] }, command: { action: 'relay_close' }, effectiveAt: null, reason: '恢复供电' });
    expect(await runDue(fx)).toMatchObject({ sent: 2, succeeded: 1, failed: 1 });
    const running = await fx.ok('controlJobs.get', { jobId: job.id }, fx.sessions.clerk1);
    const failing = running.targets.find((t) => t.meterId === meters.m2)!;
    expect(running.state).toBe('running');
    expect(failing).toMatchObject({ state: 'retrying', attempts: 1, nextAttemptAt: later(minutes(1)), lastError: { code: 'timeout' } });
    expect((await fx.ok('controlJobs.retryQueue', {}, fx.sessions.clerk2)).map((i) => [i.jobId, i.meterId, i.state])).toContainEqual([job.id, meters.m2, 'retrying']);
    expect((await runDue(fx)).sent).toBe(0);
    gateways.modbus.bus.clearFault('2');
    fx.clock.advance(minutes(1));
    expect(await runDue(fx)).toMatchObject({ sent: 1, succeeded: 1, finishedJobs: [job.id] });
    expect(await fx.ok('controlJobs.get', { jobId: job.id }, fx.sessions.clerk1)).toMatchObject({ state: 'done', counts: { succeeded: 2 } });
  });

  it('gives up after five failures (1, 5, 15, 60 minutes apart); a person\'s retry starts again', async () => {
    const { fx, meters, gateways } = hall;
    // An exception reply fails at once (a silent meter costs the write's 5 s timeout per attempt).
    gateways.modbus.bus.setFault('1', { kind: 'exception' });
    const job = await approvedJob(fx, { selection: { by: 'meters', meterIds: [meters.m1] }, command: trip, effectiveAt: null, reason: '欠费' });
    for (const wait of [0, 1, 5, 15, 60]) {
      fx.clock.advance(minutes(wait));
      expect((await runDue(fx)).failed).toBe(1);
    }
    const failed = await fx.ok('controlJobs.get', { jobId: job.id }, fx.sessions.clerk1);
    expect(failed).toMatchObject({ state: 'failed', counts: { failed: 1 } });
    expect(failed.targets[0]).toMatchObject({ state: 'failed', attempts: 5, nextAttemptAt: null, lastError: { code: 'exception' } });
    expect((await audits('control-target.failed')).map((a) => a.entity_id)).toContain(String(job.id));
    fx.clock.advance(minutes(120));
    expect((await runDue(fx)).sent).toBe(0);
    gateways.modbus.bus.clearFault('1');
    await fx.relogin('clerk1');
    expect(await fx.ok('controlJobs.retry', { jobId: job.id }, fx.sessions.clerk1)).toMatchObject({ state: 'running' });
    expect(await runDue(fx)).toMatchObject({ sent: 1, succeeded: 1 });
    expect(await fx.ok('controlJobs.get', { jobId: job.id }, fx.sessions.clerk1)).toMatchObject({ state: 'done', counts: { succeeded: 1 } });
    expect(hall.sim('1').state().relay).toBe('open');
    expect((await audits('control-job.retry')).map((a) => a.entity_id)).toContain(String(job.id));
  });
});

describe('cancelling', () => {
  it('a scheduled job never runs; only its requester or a supervisor may cancel it', async () => {
    const { fx, meters } = hall;
    await fx.relogin('clerk2');
    const job = await approvedJob(fx, { selection: { by: 'meters', meterIds: [meters.m2] }, command: trip, effectiveAt: later(minutes(30)), reason: '欠费' }, 'clerk2');
    expect(job.state).toBe('scheduled');
    await fx.relogin('clerk1');
    expect(refusal(await fx.call('controlJobs.cancel', { jobId: job.id, reason: '不是我的' }, fx.sessions.clerk1)).code).toBe('control-job-not-yours');
    const cancelled = await fx.ok('controlJobs.cancel', { jobId: job.id, reason: '客户已缴费' }, fx.sessions.clerk2);
    expect(cancelled).toMatchObject({ state: 'cancelled', counts: { cancelled: 1 } });
    fx.clock.advance(minutes(31));
    expect((await runDue(fx)).sent).toBe(0);
    expect(hall.sim('2').state().relay).toBe('closed');
    expect((await audits('control-job.cancel')).map((a) => a.entity_id)).toContain(String(job.id));
    expect((await fx.ok('controlJobs.list', { state: 'cancelled' }, fx.sessions.clerk2)).map((j) => j.id)).toContain(job.id);
  });
});
