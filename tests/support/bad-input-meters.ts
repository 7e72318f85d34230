/**
 * The bad-input matrix for the meter-communication and collection methods (issue 5): buses, a meter's comm
 * settings, sweeps, the reading board and a meter's readings. Spread into SPECS (and its kinds into KINDS) in
 * bad-input-table.ts; the state the cases refer to is built by buildMeterState (no simulator: no case here
 * reaches the wire, and a bus pointing at a closed loopback port is enough).
 */
import type { Fixture } from './backend';
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { meterContract } from '../../shared/contract/meter-methods';
import type { ContractInput } from '../../shared/contract/methods';

/** The state the meter cases refer to. */
export interface MeterFixture {
  readonly buses: {
    /** Active, tcp-raw to 127.0.0.1:1 (nothing listens), the energy meter on it (DL/T 645). */ readonly main: number;
    /** Deactivated, with the money meter on it. */ readonly off: number;
    /** Active, no meter. */ readonly empty: number;
  };
}

const NON_FINITE = [NaN, Infinity, -Infinity];

export const METER_KINDS = {
  busCode: () => ['', 'x', 'lower', 'HAS SPACE', 'B'.repeat(21), 'BUS#1', 12, null],
  baudRate: () => [0, -9600, 9601, 9600.5, 300, ...NON_FINITE, '9600', null],
  dataBits: () => [6, 9, 8.5, '8', null],
  stopBits: () => [0, 3, 1.5, '1', null],
  replyTimeout: () => [0, 49, 10_001, 100.5, ...NON_FINITE, '200', []],
  retries: () => [-1, 6, 1.5, NaN, '2', null],
  firmware: () => ['', 'has space', 'f'.repeat(21), 'v1#2', 12, []],
  intervalMinutes: () => [0, 4, 7, 1441, 2880, 15.5, ...NON_FINITE, '15', null],
  rereads: () => [-1, 6, 0.5, NaN, '1', null],
  rereadAfter: () => [-1, 241, 2.5, Infinity, '5', []],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: (fx: Parameters<MethodSpec['valid']>[0]) => unknown, language?: 'en'): Case =>
  ({ name, who, code, input, ...(language ? { language } : {}) });
const line = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
export const busInput = (o: Record<string, unknown> = {}): ContractInput<'buses.save'> => ({
  code: 'NEW-BUS', name: '新网关', kind: 'tcp-raw', endpoint: '127.0.0.1:4001', line: { ...line }, replyTimeoutMs: 300, retries: 1, active: true, ...o,
});

export const METER_SPECS: Record<keyof typeof meterContract, MethodSpec> = {
  'buses.list': { who: 'clerk1', valid: () => ({}), fields: [] },
  'buses.save': {
    who: 'admin', valid: () => busInput(),
    fields: [['busId', 'id', 'optional'], ['code', 'busCode'], ['name', 'text60'], ['kind', 'enum'], ['endpoint', 'text200'], ['line', 'object'],
      ['line.baudRate', 'baudRate'], ['line.dataBits', 'dataBits'], ['line.parity', 'enum'], ['line.stopBits', 'stopBits'],
      ['replyTimeoutMs', 'replyTimeout'], ['retries', 'retries'], ['active', 'bool']],
    strict: ['line'],
    cases: [
      c('a code another bus has', 'admin', 'bus-code-taken', () => busInput({ code: 'BAD-MAIN' })),
      c('a code another bus has, updating', 'admin', 'bus-code-taken', (fx) => busInput({ busId: fx.buses.empty, code: 'BAD-MAIN' })),
      c('unknown bus', 'admin', 'not-found', () => busInput({ busId: U })),
      c('a serial bus with host:port', 'admin', 'bus-endpoint-invalid', () => busInput({ kind: 'serial', endpoint: '127.0.0.1:4001' })),
      c('a serial bus with a relative path', 'admin', 'bus-endpoint-invalid', () => busInput({ kind: 'serial', endpoint: 'ttyUSB0' })),
      c('a gateway with a device path', 'admin', 'bus-endpoint-invalid', () => busInput({ endpoint: '/dev/ttyUSB0' })),
      c('a gateway without a port', 'admin', 'bus-endpoint-invalid', () => busInput({ kind: 'modbus-tcp', endpoint: '192.168.1.20' })),
      c('a gateway on port 70000 (en)', 'admin', 'bus-endpoint-invalid', () => busInput({ endpoint: '192.168.1.20:70000' }), 'en'),
    ],
  },
  'buses.test': {
    who: 'supervisor', valid: (fx) => ({ busId: fx.buses.main, meterId: fx.meters.energy }), fields: [['busId', 'id'], ['meterId', 'id', 'optional']],
    cases: [
      c('unknown bus', 'admin', 'not-found', () => ({ busId: U })),
      c('a bus without meters', 'admin', 'bus-has-no-meters', (fx) => ({ busId: fx.buses.empty })),
      c('a meter on another bus', 'supervisor', 'meter-not-on-bus', (fx) => ({ busId: fx.buses.main, meterId: fx.meters.money })),
      c('a meter without comm settings (en)', 'supervisor', 'meter-not-on-bus', (fx) => ({ busId: fx.buses.main, meterId: fx.meters.water }), 'en'),
      c('unknown meter', 'supervisor', 'not-found', (fx) => ({ busId: fx.buses.main, meterId: U })),
    ],
  },
  'meters.setComm': {
    who: 'admin', valid: (fx) => ({ meterId: fx.meters.hall, busId: fx.buses.main, protocol: 'dlt645', firmware: null }),
    fields: [['meterId', 'id'], ['busId', 'nullableId'], ['protocol', 'enum'], ['firmware', 'firmware']],
    cases: [
      c('a bus without a protocol', 'admin', 'invalid-input', (fx) => ({ meterId: fx.meters.hall, busId: fx.buses.main, protocol: null, firmware: null })),
      c('a protocol without a bus', 'admin', 'invalid-input', (fx) => ({ meterId: fx.meters.hall, busId: null, protocol: 'dlt645', firmware: null })),
      c('unknown meter', 'admin', 'not-found', (fx) => ({ meterId: U, busId: fx.buses.main, protocol: 'dlt645', firmware: null })),
      c('unknown bus', 'admin', 'not-found', (fx) => ({ meterId: fx.meters.hall, busId: U, protocol: 'dlt645', firmware: null })),
      c('a removed meter', 'admin', 'meter-removed', (fx) => ({ meterId: fx.removedMeter, busId: fx.buses.main, protocol: 'dlt645', firmware: null })),
      c('Modbus on a 12-digit address', 'admin', 'meter-address-invalid', (fx) => ({ meterId: fx.meters.hall, busId: fx.buses.main, protocol: 'modbus', firmware: null })),
      c('Modbus for a model without a register map', 'admin', 'meter-no-register-map', (fx) => ({ meterId: fx.meters.water, busId: fx.buses.main, protocol: 'modbus', firmware: 'v9' })),
    ],
  },
  'readings.sweep': {
    who: 'supervisor', valid: (fx) => ({ busId: fx.buses.main }), fields: [['busId', 'id', 'optional']],
    cases: [
      c('unknown bus', 'supervisor', 'not-found', () => ({ busId: U })),
      c('a deactivated bus', 'admin', 'bus-inactive', (fx) => ({ busId: fx.buses.off })),
      c('a bus without meters (en)', 'admin', 'nothing-to-read', (fx) => ({ busId: fx.buses.empty }), 'en'),
    ],
  },
  'readings.board': { who: 'clerk2', valid: () => ({}), fields: [] },
  'readings.ofMeter': {
    who: 'clerk1', valid: (fx) => ({ meterId: fx.meters.energy, limit: 10 }), fields: [['meterId', 'id'], ['limit', 'limit500', 'optional']],
    cases: [c('unknown meter', 'clerk1', 'not-found', () => ({ meterId: U }))],
  },
  'collection.settings': { who: 'clerk1', valid: () => ({}), fields: [] },
  'collection.setSettings': {
    who: 'admin', valid: () => ({ intervalMinutes: 30, rereads: 2, rereadAfterMinutes: 10 }),
    fields: [['intervalMinutes', 'intervalMinutes'], ['rereads', 'rereads'], ['rereadAfterMinutes', 'rereadAfter']],
  },
};

/** Three buses and two meters on them, through the contract. */
export async function buildMeterState(fx: Fixture): Promise<MeterFixture> {
  const admin = fx.sessions.admin;
  const main = await fx.ok('buses.save', busInput({ code: 'BAD-MAIN', endpoint: '127.0.0.1:1' }), admin);
  const off = await fx.ok('buses.save', busInput({ code: 'BAD-OFF', active: false }), admin);
  const empty = await fx.ok('buses.save', busInput({ code: 'BAD-EMPTY' }), admin);
  await fx.ok('meters.setComm', { meterId: fx.meters.energy, busId: main.id, protocol: 'dlt645', firmware: null }, admin);
  await fx.ok('meters.setComm', { meterId: fx.meters.money, busId: off.id, protocol: 'dlt645', firmware: null }, admin);
  return { buses: { main: main.id, off: off.id, empty: empty.id } };
}
