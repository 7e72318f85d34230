/**
 * The hall the control-job tests run against: three simulated gateways over loopback TCP (Modbus DDSY1352 ×3,
 * DL/T 645 ×1, CJ/T 188 water ×1) configured through the contract, and accounts in area 东区 buildings 1 and 2,
 * plus one meter the hall does not talk to. The runner is driven with runDue() and the fixture's fake clock.
 */
import { buildBackend } from './backend';
import type { Fixture, NewMeter } from './backend';
import { approvedBySupervisor } from './approve';
import { ManualClock, buildBus, startGateway } from '../../electron/hardware/meters/sim';
import type { ElectricityMeter, SimGateway, WaterMeter } from '../../electron/hardware/meters/sim';
import { parseLineSettings } from '../../electron/hardware/meters/meter-port';
import type { ContractInput } from '../../shared/contract/methods';
import type { ControlJobDetailView } from '../../shared/contract/control-views';

const LINE = parseLineSettings('115200,8N1')!;

export interface ControlHall {
  readonly fx: Fixture;
  readonly gateways: { readonly modbus: SimGateway; readonly dlt645: SimGateway; readonly water: SimGateway };
  /** Meter ids: m1..m3 Modbus (m1, m2 building 1; m3 building 2), d1 DL/T 645 (building 3), w1 water and off (no bus) in building 2. */
  readonly meters: { readonly m1: number; readonly m2: number; readonly m3: number; readonly d1: number; readonly w1: number; readonly off: number };
  sim(address: '1' | '2' | '3'): ElectricityMeter;
  dlt(): ElectricityMeter;
  water(): WaterMeter;
  close(): Promise<void>;
}

async function openAt(fx: Fixture, building: string, room: string, meters: NewMeter[]): Promise<number[]> {
  const account = await fx.ok('accounts.open', {
    customer: { name: `用户${room}`, phone: null, category: 'residential' }, premises: { area: '东区', building, unit: '1', room },
    category: 'residential', meters,
  }, fx.sessions.clerk1);
  return account.meters.map((m) => m.id);
}

async function gatewayBus(fx: Fixture, code: string, gateway: SimGateway): Promise<number> {
  const bus = await fx.ok('buses.save', {
    code, name: code, kind: 'tcp-raw', endpoint: `127.0.0.1:${gateway.port}`, line: { ...LINE }, replyTimeoutMs: 200, retries: 0, active: true,
  }, fx.sessions.admin);
  return bus.id;
}

export async function buildControlHall(): Promise<ControlHall> {
  const fx = await buildBackend();
  const clock = new ManualClock(fx.clock.now().getTime());
  const modbus = await startGateway({ bus: buildBus({ protocol: 'modbus', meters: 3, line: LINE, clock, electricity: { remaining: 50_000 } }), mode: 'raw' });
  const dlt645 = await startGateway({ bus: buildBus({ protocol: 'dlt645', meters: 1, line: LINE, clock, electricity: { remaining: 50_000 } }), mode: 'raw' });
  const water = await startGateway({ bus: buildBus({ protocol: 'cjt188', meters: 1, line: LINE, clock }), mode: 'raw' });
  const m = (commAddress: string) => fx.newMeter('money', { commAddress, model: 'DDSY1352' });
  const [m1] = await openAt(fx, '1', '101', [m('1')]);
  const [m2] = await openAt(fx, '1', '102', [m('2')]);
  const [m3, w1] = await openAt(fx, '2', '201', [m('3'), fx.newMeter('water', { commAddress: '00000000000001' })]);
  const [off] = await openAt(fx, '2', '202', [m('000000000099')]);
  const [d1] = await openAt(fx, '3', '301', [fx.newMeter('money', { commAddress: '000000000001', model: 'DTSY1352' })]);
  const buses = { modbus: await gatewayBus(fx, 'GW-MB', modbus), dlt645: await gatewayBus(fx, 'GW-DLT', dlt645), water: await gatewayBus(fx, 'GW-W', water) };
  const setComm = (meterId: number, busId: number, protocol: 'modbus' | 'dlt645' | 'cjt188') =>
    fx.ok('meters.setComm', { meterId, busId, protocol, firmware: null }, fx.sessions.admin);
  for (const id of [m1!, m2!, m3!]) await setComm(id, buses.modbus, 'modbus');
  await setComm(d1!, buses.dlt645, 'dlt645');
  await setComm(w1!, buses.water, 'cjt188');
  return {
    fx, gateways: { modbus, dlt645, water }, meters: { m1: m1!, m2: m2!, m3: m3!, d1: d1!, w1: w1!, off: off! },
    sim: (address) => modbus.bus.meter(address) as ElectricityMeter,
    dlt: () => dlt645.bus.meter('000000000001') as ElectricityMeter,
    water: () => water.bus.meter('00000000000001') as WaterMeter,
    async close() {
      await fx.close();
      await Promise.all([modbus.close(), dlt645.close(), water.close()]);
    },
  };
}

/** Creates a job as `who`, has super1 approve it, submits it: answers the submitted job. */
export async function approvedJob(fx: Fixture, input: ContractInput<'controlJobs.create'>, who: 'clerk1' | 'clerk2' = 'clerk1'): Promise<ControlJobDetailView> {
  const job = await fx.ok('controlJobs.create', input, fx.sessions[who]);
  const approvalId = await approvedBySupervisor(fx, { kind: 'control_job', jobId: job.id }, fx.sessions[who]);
  await fx.ok('controlJobs.submit', { jobId: job.id, approvalId }, fx.sessions[who]);
  return fx.ok('controlJobs.get', { jobId: job.id }, fx.sessions[who]);
}

export const runDue = (fx: Fixture) => fx.backend.services.controlJobs.runner.runDue();
export const minutes = (n: number) => n * 60_000;
