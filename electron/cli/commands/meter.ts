/**
 * `halldesk meter read|control`: talk to one meter directly, for installation and diagnosis at the counter
 * or on site. Output is the decoded values (or --json); a failure is one line naming the cause (timeout, CRC,
 * checksum, exception code…) with exit code 1; a bad argument exits 2.
 */
import { formatUnits, units } from '../../../shared/money';
import { ProtocolError } from '../../hardware/meters/meter-port';
import type { MeterProtocol, MeterReading } from '../../hardware/meters/meter-port';
import { controlRelay, controlValve, readMeter, UnsupportedOperationError, writeSettings } from '../../hardware/meters/codecs/drivers';
import type { MeterTarget } from '../../hardware/meters/codecs/drivers';
import { CONTROL_OPTIONS, CONTROL_USAGE, controlOpOf, describeOp } from './meter-control-args';
import { BusRegistry, parseVia } from '../../hardware/meters/transport/bus-registry';
import type { Exchange } from '../../hardware/meters/meter-port';
import { stringOption, UsageError } from '../args';
import type { Parsed } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';

const TARGET_USAGE = '--via serial:PATH@9600,8N1 | tcp:HOST:PORT | rtu-tcp:HOST:PORT --protocol modbus|dlt645|cjt188 [--model MODEL] [--firmware V] --address ADDR';
const TARGET_OPTIONS = {
  via: { type: 'string' }, protocol: { type: 'string' }, model: { type: 'string' }, firmware: { type: 'string' },
  address: { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' },
} as const;
const PROTOCOLS: readonly MeterProtocol[] = ['modbus', 'dlt645', 'cjt188'];

function required(parsed: Parsed, name: string): string {
  const value = stringOption(parsed, name);
  if (!value) throw new UsageError(`--${name} is required; usage: ${TARGET_USAGE}`);
  return value;
}

/** The meter the options name; the address is a Modbus unit (1–247) or the 12/14 digits of DL/T 645 / CJ/T 188. */
export function targetOf(parsed: Parsed): MeterTarget {
  const protocol = required(parsed, 'protocol') as MeterProtocol;
  if (!PROTOCOLS.includes(protocol)) throw new UsageError(`--protocol must be one of ${PROTOCOLS.join(', ')}, got "${protocol}"`);
  const address = required(parsed, 'address');
  if (protocol === 'modbus' && !/^\d{1,3}$/.test(address)) throw new UsageError(`--address for modbus is a unit number 1–247, got "${address}"`);
  if (protocol !== 'modbus' && !/^\d{1,14}$/.test(address)) throw new UsageError(`--address for ${protocol} is the meter's decimal address, got "${address}"`);
  const model = stringOption(parsed, 'model');
  if (protocol === 'modbus' && !model) throw new UsageError('--model is required for modbus (the register map is chosen by model)');
  return { protocol, address: protocol === 'modbus' ? Number(address) : address, model, firmware: stringOption(parsed, 'firmware') };
}

/** Opens the bus --via names, runs `work` on it, always closes; protocol failures become one line and exit 1. */
async function onBus(parsed: Parsed, work: (exchange: Exchange) => Promise<number>): Promise<number> {
  let config;
  try {
    config = parseVia(required(parsed, 'via'));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const timeout = stringOption(parsed, 'timeout');
  const registry = new BusRegistry([{ ...config, timeouts: timeout ? { replyTimeoutMs: Number(timeout) } : undefined }]);
  try {
    return await work(registry.get(config.id).exchange);
  } catch (error) {
    if (error instanceof ProtocolError) {
      console.error(`meter: ${error.code}: ${error.message}`);
      return 1;
    }
    if (error instanceof UnsupportedOperationError) {
      console.error(`meter: unsupported: ${error.message}`);
      return 1;
    }
    // A value the meter's format cannot carry (e.g. DL/T 645 alarm amounts are 4 BCD bytes): a bad argument.
    if (error instanceof RangeError) {
      console.error(`meter: out of range: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await registry.closeAll();
  }
}

export function formatReading(reading: MeterReading): string {
  const rows: [string, unknown][] = [
    // Totals are 0.01 kWh / m³ and the prepaid amounts 0.01 units (fen on money meters): shared/money formats both exactly.
    ['total', reading.total === null ? null : formatUnits(units(reading.total))],
    ['remaining', reading.remaining === null ? null : formatUnits(units(reading.remaining))],
    ['overdraft', reading.overdraft === null ? null : formatUnits(units(reading.overdraft))], ['purchase count', reading.purchaseCount],
    ['relay', reading.relay], ['valve', reading.valve], ['flags', reading.flags.join(' ') || '—'],
    ...Object.entries(reading.extra).map(([name, value]): [string, unknown] => [name, value]),
  ];
  return rows.filter(([, value]) => value !== null).map(([name, value]) => `${name.padEnd(16)} ${String(value)}`).join('\n');
}

const readCommand = defineCommand({
  summary: 'read one meter directly and print the decoded values',
  usage: `halldesk meter read ${TARGET_USAGE} [--timeout MS] [--json]`,
  options: TARGET_OPTIONS,
  async run(parsed) {
    const target = targetOf(parsed);
    return onBus(parsed, async (exchange) => {
      const reading = await readMeter(exchange, target);
      console.log(parsed.values.json ? JSON.stringify(reading) : formatReading(reading));
      return 0;
    });
  },
});

const controlCommand = defineCommand({
  summary: 'switch one meter\'s relay, keep-power or valve, or write its prices or alarm amounts, directly (installation and diagnosis)',
  usage: `halldesk meter control ${TARGET_USAGE} ${CONTROL_USAGE}`,
  options: { ...TARGET_OPTIONS, ...CONTROL_OPTIONS },
  async run(parsed) {
    const target = targetOf(parsed);
    const op = controlOpOf(parsed);
    return onBus(parsed, async (exchange) => {
      if (op.kind === 'relay') await controlRelay(exchange, target, op.action);
      else if (op.kind === 'valve') await controlValve(exchange, target, op.action);
      else await writeSettings(exchange, target, op.settings);
      console.log(describeOp(op));
      return 0;
    });
  },
});

export const meterCommands: Record<string, Command> = { 'meter read': readCommand, 'meter control': controlCommand };
