/**
 * Starts what `halldesk sim meters` serves: one bus on a PTY pair (or a given serial path), or G gateways on
 * consecutive loopback TCP ports, each a bus of N meters; faults applied to every bus. Returns a description
 * of what is served, line by line, and a close().
 */
import type { LineSettings, MeterProtocol } from '../meter-port';
import { scaledClock } from './clock';
import type { SimClock } from './clock';
import type { ElectricityModel } from './electricity-meter';
import { addressFor, buildBus } from './build';
import type { FaultSpec } from './faults';
import { servePty, serveSerial } from './pty';
import type { SimBus, SimMeterLike } from './sim-bus';
import { startGateway } from './tcp-gateway';
import type { GatewayMode } from './tcp-gateway';

export interface SimulatorOptions {
  readonly protocol: MeterProtocol;
  readonly meters: number;
  readonly firstAddress: number;
  readonly model: ElectricityModel;
  readonly line: LineSettings;
  readonly seed: string;
  readonly turnaroundMs: number;
  readonly chunkBytes?: number;
  readonly remaining?: number;
  readonly faults: readonly { address: string; fault: FaultSpec }[];
  /** Simulated time runs this many times faster than real time (default 1); ignored when `clock` is given. */
  readonly speed?: number;
  readonly clock?: SimClock;
  readonly target:
    | { readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly mode: GatewayMode; readonly gateways: number }
    | { readonly kind: 'pty'; readonly path: string }
    | { readonly kind: 'serial'; readonly path: string };
}

export interface RunningSimulator {
  readonly buses: readonly SimBus<SimMeterLike, unknown>[];
  readonly lines: readonly string[];
  close(): Promise<void>;
}

function formatLine(line: LineSettings): string {
  return `${line.baudRate} ${line.dataBits}${line.parity[0]!.toUpperCase()}${line.stopBits}`;
}

function makeBus(options: SimulatorOptions, clock: SimClock, index: number): SimBus<SimMeterLike, unknown> {
  const bus = buildBus({
    protocol: options.protocol, meters: options.meters, firstAddress: options.firstAddress, model: options.model, line: options.line,
    clock, seed: `${options.seed}:${index}`, turnaroundMs: options.turnaroundMs, chunkBytes: options.chunkBytes,
    electricity: options.remaining === undefined ? {} : { remaining: options.remaining },
  });
  for (const { address, fault } of options.faults) bus.setFault(address, fault);
  return bus;
}

function describeBuses(options: SimulatorOptions): string {
  const last = options.firstAddress + options.meters - 1;
  const kind = options.protocol === 'cjt188' ? 'water meters' : `${options.model} meters`;
  return `${options.meters} ${options.protocol} ${kind} per bus at ${addressFor(options.protocol, options.firstAddress)}..${addressFor(options.protocol, last)}, ` +
    `${formatLine(options.line)}, turnaround ${options.turnaroundMs} ms, seed ${options.seed}`;
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const clock = options.clock ?? scaledClock({ speed: options.speed ?? 1 });
  const closers: (() => Promise<void>)[] = [];
  const buses: SimBus<SimMeterLike, unknown>[] = [];
  const lines = [`meter simulator: ${describeBuses(options)}`];
  const target = options.target;
  try {
    if (target.kind === 'tcp') {
      for (let g = 0; g < target.gateways; g++) {
        const bus = makeBus(options, clock, g);
        const gw = await startGateway({ bus, mode: target.mode, host: target.host, port: target.port === 0 ? 0 : target.port + g });
        buses.push(bus);
        closers.push(gw.close);
        const how = target.mode === 'mbap' ? 'Modbus TCP (converting gateway): tcp' : 'transparent gateway, raw frames over TCP: rtu-tcp';
        lines.push(`  gateway ${g + 1}: ${gw.host}:${gw.port}  (${how}:${gw.host}:${gw.port})`);
      }
    } else {
      const bus = makeBus(options, clock, 0);
      buses.push(bus);
      if (target.kind === 'pty') {
        const pty = await servePty(bus, target.path);
        closers.push(pty.close);
        lines.push(`  serial: connect the master to ${pty.pair.clientPath}  (serial:${pty.pair.clientPath}@${options.line.baudRate}; the simulator holds ${pty.pair.simPath})`);
      } else {
        const server = await serveSerial(bus, target.path);
        closers.push(server.close);
        lines.push(`  serial: serving on ${target.path}`);
      }
    }
  } catch (error) {
    for (const close of closers) await close();
    throw error;
  }
  if (options.faults.length > 0) lines.push(`  faults: ${options.faults.map((f) => `${f.address}:${f.fault.kind}`).join(', ')}`);
  return { buses, lines, close: async () => { for (const close of closers) await close(); } };
}
