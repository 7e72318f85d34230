/**
 * The hall's buses and gateways (meter_buses) and how each meter is reached: the BusRegistry the sweeps and
 * the "test communication" button use is built from the table and reconfigured whenever a bus is saved (a
 * replaced bus that was open is closed, so the next request opens it with the new settings).
 */
import { findRegisterMap } from '../hardware/meters/codecs/maps';
import { readMeter } from '../hardware/meters/codecs/drivers';
import { advisoryXactLock } from '../db/repositories/locks';
import type { MeterTarget } from '../hardware/meters/codecs/drivers';
import { ProtocolError } from '../hardware/meters/meter-port';
import type { Exchange, MeterProtocol, MeterReading } from '../hardware/meters/meter-port';
import { BusRegistry } from '../hardware/meters/transport/bus-registry';
import type { BusConfig, LinkFactory } from '../hardware/meters/transport/bus-registry';
import { appendAudit } from '../db/repositories/audit-repository';
import { findMeter } from '../db/repositories/meters-repository';
import {
  commMeters, findBus, findBusByCode, insertBus, listBuses, meterCountsByBus, setMeterComm, updateBus,
} from '../db/repositories/readings-repository';
import type { BusRow, CommMeterRow, NewBusRow } from '../db/repositories/readings-repository';
import { DomainError } from '../domain/errors';
import type { ContractInput } from '../../shared/contract/methods';
import type { BusKind, MeterProtocolCode } from '../../shared/contract/meter-methods';
import type { BusTestView, BusView, MeterCommView, ReadingValuesView } from '../../shared/contract/meter-views';
import { found, inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';

const SERIAL_PATH = /^(\/dev\/[A-Za-z0-9._/-]{1,100}|COM[1-9]\d{0,2}|\\\\\.\\COM[1-9]\d{0,2})$/;
const HOST_PORT = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]{1,253})):(\d{1,5})$/;

/** host and port of a gateway endpoint, or null when it is not host:port with a port 1..65535. */
export function parseHostPort(endpoint: string): { host: string; port: number } | null {
  const match = HOST_PORT.exec(endpoint);
  if (!match) return null;
  const port = Number(match[3]);
  return port >= 1 && port <= 65_535 ? { host: (match[1] ?? match[2])!, port } : null;
}

export function endpointFits(kind: BusKind, endpoint: string): boolean {
  return kind === 'serial' ? SERIAL_PATH.test(endpoint) : parseHostPort(endpoint) !== null;
}

/** The registry's configuration of a bus row (its id in the registry is the row id as text). */
export function busConfigOf(row: BusRow): BusConfig {
  const line = {
    baudRate: row.baud_rate, dataBits: row.data_bits === 7 ? 7 : 8, parity: row.parity as 'none' | 'even' | 'odd', stopBits: row.stop_bits === 2 ? 2 : 1,
  } as const;
  const timeouts = { retries: row.retries, ...(row.reply_timeout_ms !== null ? { replyTimeoutMs: row.reply_timeout_ms } : {}) };
  const id = String(row.id);
  if (row.kind === 'serial') return { id, kind: 'serial', path: row.endpoint, line, timeouts };
  const { host, port } = parseHostPort(row.endpoint) ?? { host: row.endpoint, port: 0 };
  return { id, kind: row.kind as 'tcp-raw' | 'modbus-tcp', host, port, line, timeouts };
}

/** Whether a meter's comm_address fits its protocol: a Modbus unit 1..247, 12 (DL/T 645) or 14 (CJ/T 188) digits at most. */
export function addressFits(protocol: MeterProtocolCode, address: string): boolean {
  if (protocol === 'modbus') return /^\d{1,3}$/.test(address) && Number(address) >= 1 && Number(address) <= 247;
  return new RegExp(`^\\d{1,${protocol === 'dlt645' ? 12 : 14}}$`).test(address);
}

export function targetOf(meter: Pick<CommMeterRow, 'protocol' | 'comm_address' | 'model' | 'firmware'>): MeterTarget {
  const protocol = meter.protocol as MeterProtocol;
  return {
    protocol, address: protocol === 'modbus' ? Number(meter.comm_address) : meter.comm_address, model: meter.model,
    ...(meter.firmware ? { firmware: meter.firmware } : {}),
  };
}

export function readingValues(reading: MeterReading): ReadingValuesView {
  return {
    total: reading.total, remaining: reading.remaining, overdraft: reading.overdraft, purchaseCount: reading.purchaseCount,
    relay: reading.relay, valve: reading.valve, flags: [...reading.flags],
  };
}

export function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof ProtocolError) return { code: error.code, message: error.message };
  if (error instanceof Error && error.name === 'UnsupportedOperationError') return { code: 'unsupported', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function busView(row: BusRow, meters: number): BusView {
  return {
    id: Number(row.id), code: row.code, name: row.name, kind: row.kind as BusKind, endpoint: row.endpoint,
    line: { baudRate: row.baud_rate, dataBits: row.data_bits === 7 ? 7 : 8, parity: row.parity as 'none' | 'even' | 'odd', stopBits: row.stop_bits === 2 ? 2 : 1 },
    replyTimeoutMs: row.reply_timeout_ms, retries: row.retries, active: row.active === 1, meters,
  };
}

export interface MeterCommOptions {
  /** How a bus reaches its port or socket (tests may substitute one). */
  readonly linkFactory?: LinkFactory;
  /** Called after a bus is saved (the composition root starts the schedule when the first bus appears). */
  readonly onBusesChanged?: () => void;
}

export function createMeterCommService(deps: ServiceDeps, options: MeterCommOptions = {}) {
  const registry = new BusRegistry([], options.linkFactory);
  let loaded: Promise<void> | null = null;
  /** Loads every bus row into the registry once; saves keep it current afterwards. */
  const ensureLoaded = (): Promise<void> => {
    loaded ??= listBuses(deps.db).then(async (rows) => { for (const row of rows) await registry.configure(busConfigOf(row)); });
    return loaded;
  };

  async function list(): Promise<BusView[]> {
    const counts = await meterCountsByBus(deps.db);
    return (await listBuses(deps.db)).map((row) => busView(row, counts.get(Number(row.id)) ?? 0));
  }

  async function save(actor: Actor, input: ContractInput<'buses.save'>): Promise<BusView> {
    if (!endpointFits(input.kind, input.endpoint)) throw new DomainError('bus-endpoint-invalid', { kind: input.kind, endpoint: input.endpoint });
    const values: NewBusRow = {
      code: input.code, name: input.name, kind: input.kind, endpoint: input.endpoint, baud_rate: input.line.baudRate, data_bits: input.line.dataBits,
      parity: input.line.parity, stop_bits: input.line.stopBits, reply_timeout_ms: input.replyTimeoutMs, retries: input.retries, active: input.active ? 1 : 0,
    };
    await ensureLoaded();
    const saved = await inTransaction(deps, async (trx) => {
      await advisoryXactLock(trx, `bus-code:${input.code}`); // checked free, then taken
      const sameCode = await findBusByCode(trx, input.code);
      if (sameCode && Number(sameCode.id) !== input.busId) throw new DomainError('bus-code-taken', { code: input.code });
      let before: BusRow | undefined;
      let id: number;
      if (input.busId === undefined) {
        id = await insertBus(trx, values, nowIso(deps));
      } else {
        before = found(await findBus(trx, input.busId), 'bus');
        id = input.busId;
        await updateBus(trx, id, values);
      }
      const after = found(await findBus(trx, id), 'bus');
      await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: before ? 'buses.update' : 'buses.create', entity: 'meter_bus', entityId: id, before, after });
      const counts = await meterCountsByBus(trx);
      return { row: after, meters: counts.get(id) ?? 0 };
    });
    await registry.configure(busConfigOf(saved.row));
    options.onBusesChanged?.();
    return busView(saved.row, saved.meters);
  }

  async function test(input: ContractInput<'buses.test'>): Promise<BusTestView> {
    const bus = found(await findBus(deps.db, input.busId), 'bus');
    const onBus = await commMeters(deps.db, { busId: Number(bus.id) });
    let meter: CommMeterRow | undefined;
    if (input.meterId !== undefined) {
      meter = onBus.find((m) => m.id === input.meterId);
      if (!meter) {
        const row = found(await findMeter(deps.db, input.meterId), 'meter');
        throw new DomainError('meter-not-on-bus', { meterNo: row.meter_no, code: bus.code });
      }
    } else {
      meter = onBus[0];
      if (!meter) throw new DomainError('bus-has-no-meters', { code: bus.code });
    }
    await ensureLoaded();
    const started = performance.now();
    try {
      const reading = await readMeter(registry.get(String(bus.id)).exchange, targetOf(meter));
      return { busId: Number(bus.id), meterId: meter.id, ok: true, errorCode: null, errorMessage: null, ms: Math.round(performance.now() - started), reading: readingValues(reading) };
    } catch (error) {
      const { code, message } = errorOf(error);
      return { busId: Number(bus.id), meterId: meter.id, ok: false, errorCode: code, errorMessage: message, ms: Math.round(performance.now() - started), reading: null };
    }
  }

  /** How a remote recharge reaches one meter: its bus's exchange and the driver target (remote-recharge-service's port). */
  async function linkOfMeter(meterId: number): Promise<{ exchange: Exchange; target: MeterTarget }> {
    const [meter] = await commMeters(deps.db, { meterIds: [meterId] });
    if (!meter) throw new Error(`meter ${meterId} is on no bus`);
    await ensureLoaded();
    return { exchange: registry.get(String(meter.bus_id)).exchange, target: targetOf(meter) };
  }

  async function setComm(actor: Actor, input: ContractInput<'meters.setComm'>): Promise<MeterCommView> {
    return inTransaction(deps, async (trx) => {
      const meter = found(await findMeter(trx, input.meterId), 'meter');
      if (meter.status !== 'active') throw new DomainError('meter-removed', { meterNo: meter.meter_no });
      if (input.busId !== null) found(await findBus(trx, input.busId), 'bus');
      if (input.protocol === 'modbus' && !findRegisterMap(meter.model, input.firmware ?? undefined)) {
        throw new DomainError('meter-no-register-map', { model: meter.model, firmware: input.firmware ?? '*' });
      }
      if (input.protocol !== null && !addressFits(input.protocol, meter.comm_address)) {
        throw new DomainError('meter-address-invalid', { meterNo: meter.meter_no, address: meter.comm_address, protocol: input.protocol });
      }
      const comm = { bus_id: input.busId, protocol: input.protocol, firmware: input.firmware };
      await setMeterComm(trx, meter.id, comm);
      await appendAudit(trx, {
        at: nowIso(deps), userId: actor.userId, action: 'meters.set-comm', entity: 'meter', entityId: meter.id,
        before: { bus_id: meter.bus_id, protocol: meter.protocol, firmware: meter.firmware }, after: comm,
      });
      return {
        meterId: meter.id, meterNo: meter.meter_no, model: meter.model, address: meter.comm_address,
        busId: input.busId, protocol: input.protocol, firmware: input.firmware,
      };
    });
  }

  return {
    registry, ensureLoaded, list, save, test, setComm, linkOfMeter,
    /** Whether any active bus exists (the schedule starts only then). */
    async hasActiveBuses(): Promise<boolean> {
      return (await listBuses(deps.db)).some((b) => b.active === 1);
    },
    close: () => registry.closeAll(),
  };
}

export type MeterCommService = ReturnType<typeof createMeterCommService>;
