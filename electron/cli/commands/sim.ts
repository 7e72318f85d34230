/**
 * `halldesk sim meters`: a bus or gateways full of simulated meters (electron/hardware/meters/sim), served on
 * a socat PTY pair, a given serial path, or loopback TCP (transparent raw frames, or Modbus TCP with --mbap),
 * until Ctrl-C. Loopback only.
 */
import { parseLineSettings } from '../../hardware/meters/meter-port';
import type { MeterProtocol } from '../../hardware/meters/meter-port';
import { createInterface } from 'node:readline';
import { CONSOLE_HELP, runConsoleCommand } from '../../hardware/meters/sim/console';
import { parseFaultOption } from '../../hardware/meters/sim/faults';
import { startSimulator } from '../../hardware/meters/sim/serve';
import type { SimulatorOptions } from '../../hardware/meters/sim/serve';
import { UsageError, intOption, positionals, stringOption } from '../args';
import type { Parsed } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';

const USAGE = `halldesk sim meters (--tcp 127.0.0.1:PORT [--mbap] [--gateways G] | --pty PATH | --serial PATH)
    [--meters N] [--protocol modbus|dlt645|cjt188] [--model DDSY1352|DTSY1352] [--first-address A]
    [--baud 9600] [--format 8N1] [--turnaround MS] [--chunk BYTES] [--remaining FEN] [--speed X] [--seed S]
    [--fault ADDRESS:KIND[:PROBABILITY][:xCOUNT][:MSms]]...
  KIND: no-reply, lost-reply, bad-crc, wrong-address, exception, echo, truncated, slow-turnaround
  --pty PATH  creates a socat PTY pair: the master opens PATH, the simulator holds PATH.sim
  While it runs, stdin takes commands: fault, clear, faults, state, card, stats (see the list it prints).`;

const PROTOCOLS: readonly MeterProtocol[] = ['modbus', 'dlt645', 'cjt188'];

function choice<T extends string>(parsed: Parsed, name: string, allowed: readonly T[], fallback: T): T {
  const raw = stringOption(parsed, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function target(parsed: Parsed): SimulatorOptions['target'] {
  const tcp = stringOption(parsed, 'tcp');
  const pty = stringOption(parsed, 'pty');
  const serial = stringOption(parsed, 'serial');
  if ([tcp, pty, serial].filter((t) => t !== undefined).length !== 1) throw new UsageError('give exactly one of --tcp, --pty, --serial');
  const gateways = intOption(parsed, 'gateways', 1);
  if (gateways < 1) throw new UsageError('--gateways must be at least 1');
  if (!tcp) {
    if (gateways !== 1 || parsed.values.mbap) throw new UsageError('--gateways and --mbap need --tcp');
    return pty ? { kind: 'pty', path: pty } : { kind: 'serial', path: serial! };
  }
  const match = /^([^:]+):(\d{1,5})$/.exec(tcp);
  if (!match) throw new UsageError(`--tcp must be HOST:PORT, got "${tcp}"`);
  const host = match[1]!;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new UsageError(`the simulator serves loopback only (127.0.0.1), not "${host}"`);
  const port = Number(match[2]);
  if (port + gateways - 1 > 65_535) throw new UsageError('the gateway ports run past 65535');
  return { kind: 'tcp', host, port, mode: parsed.values.mbap ? 'mbap' : 'raw', gateways };
}

function faults(parsed: Parsed): SimulatorOptions['faults'] {
  const raw: unknown = parsed.values.fault;
  const list = raw === undefined ? [] : Array.isArray(raw) ? (raw as string[]) : [String(raw)];
  try {
    return list.map(parseFaultOption);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function simulatorOptions(parsed: Parsed): SimulatorOptions {
  const protocol = choice(parsed, 'protocol', PROTOCOLS, 'modbus');
  const line = parseLineSettings(`${stringOption(parsed, 'baud') ?? '9600'},${stringOption(parsed, 'format') ?? (protocol === 'modbus' ? '8N1' : '8E1')}`);
  if (!line) throw new UsageError('--baud must be a number and --format like 8N1 or 8E1');
  const speed = Number(stringOption(parsed, 'speed') ?? '1');
  if (!(speed > 0)) throw new UsageError('--speed must be a positive number');
  const chunk = intOption(parsed, 'chunk', 0);
  const remaining = stringOption(parsed, 'remaining') === undefined ? undefined : intOption(parsed, 'remaining', 0);
  return {
    protocol, line, meters: intOption(parsed, 'meters', 1), firstAddress: intOption(parsed, 'first-address', 1),
    model: choice(parsed, 'model', ['DDSY1352', 'DTSY1352'] as const, 'DDSY1352'), seed: stringOption(parsed, 'seed') ?? 'halldesk',
    turnaroundMs: intOption(parsed, 'turnaround', 20), ...(chunk > 0 ? { chunkBytes: chunk } : {}),
    ...(remaining === undefined ? {} : { remaining }), faults: faults(parsed), target: target(parsed),
    ...(speed !== 1 ? { speed } : {}),
  };
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

const metersCommand = defineCommand({
  summary: 'simulate meters on a PTY or behind loopback TCP gateways (until Ctrl-C)',
  usage: USAGE,
  options: {
    tcp: { type: 'string' }, mbap: { type: 'boolean' }, pty: { type: 'string' }, serial: { type: 'string' }, gateways: { type: 'string' },
    meters: { type: 'string' }, protocol: { type: 'string' }, model: { type: 'string' }, 'first-address': { type: 'string' },
    baud: { type: 'string' }, format: { type: 'string' }, turnaround: { type: 'string' }, chunk: { type: 'string' },
    remaining: { type: 'string' }, speed: { type: 'string' }, seed: { type: 'string' }, fault: { type: 'string', multiple: true },
  },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    const options = simulatorOptions(parsed);
    if (options.meters < 1) throw new UsageError('--meters must be at least 1');
    const simulator = await startSimulator(options);
    for (const line of simulator.lines) console.log(line);
    console.log(`${CONSOLE_HELP}\nCtrl-C to stop`);
    const input = createInterface({ input: process.stdin, terminal: false });
    input.on('line', (line) => { const answer = runConsoleCommand(simulator.buses, line); if (answer) console.log(answer); });
    await waitForSignal();
    input.close();
    await simulator.close();
    const requests = simulator.buses.reduce((n, bus) => n + bus.stats.requests, 0);
    console.log(`stopped after ${requests} requests`);
    return 0;
  },
});

export const simCommands: Record<string, Command> = {
  'sim meters': metersCommand,
};
