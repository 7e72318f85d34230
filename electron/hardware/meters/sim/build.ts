/**
 * Builds simulated buses the way the CLI and the tests want them: N meters of one protocol on consecutive
 * addresses, each with its own seeded load, all on one clock.
 */
import type { LineSettings, MeterProtocol } from '../meter-port';
import type { SimClock } from './clock';
import { ElectricityMeter } from './electricity-meter';
import type { ElectricityMeterOptions, ElectricityModel } from './electricity-meter';
import { dlt645Responder } from './responders/dlt645';
import { cjt188Responder } from './responders/cjt188';
import { modbusResponder } from './responders/modbus';
import { SimBus } from './sim-bus';
import type { SimMeterLike } from './sim-bus';
import { WaterMeter } from './water-meter';

export interface BusSpec {
  readonly protocol: MeterProtocol;
  readonly meters: number;
  readonly firstAddress?: number;
  readonly model?: ElectricityModel;
  readonly line: LineSettings;
  readonly clock: SimClock;
  readonly seed?: string | number;
  readonly turnaroundMs?: number;
  readonly chunkBytes?: number;
  /** Extra options for every electricity meter (remaining, prices…). */
  readonly electricity?: Partial<Omit<ElectricityMeterOptions, 'address' | 'clock'>>;
}

/** The address of the i-th meter in the protocol's canonical form. */
export function addressFor(protocol: MeterProtocol, n: number): string {
  if (protocol === 'modbus') return String(n);
  return String(n).padStart(protocol === 'dlt645' ? 12 : 14, '0');
}

export function buildBus(spec: BusSpec): SimBus<SimMeterLike, unknown> {
  const first = spec.firstAddress ?? 1;
  if (spec.protocol === 'modbus' && (first < 1 || first + spec.meters - 1 > 247)) throw new Error('Modbus addresses run 1..247');
  const seed = spec.seed ?? 'halldesk';
  const common = { line: spec.line, seed, turnaroundMs: spec.turnaroundMs, chunkBytes: spec.chunkBytes };
  const addresses = Array.from({ length: spec.meters }, (_, i) => addressFor(spec.protocol, first + i));
  if (spec.protocol === 'cjt188') {
    const meters = addresses.map((address) => new WaterMeter({ address, clock: spec.clock, seed: `${seed}:${address}` }));
    return new SimBus<SimMeterLike, unknown>({ ...common, responder: cjt188Responder, meters });
  }
  const meters = addresses.map((address) => new ElectricityMeter({
    ...spec.electricity, address, clock: spec.clock, model: spec.model ?? 'DDSY1352', seed: `${seed}:${address}`,
  }));
  const responder = spec.protocol === 'modbus' ? modbusResponder : dlt645Responder;
  return new SimBus<SimMeterLike, unknown>({ ...common, responder, meters });
}
