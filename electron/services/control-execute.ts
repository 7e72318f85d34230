/**
 * Sends one control command to one meter through the drivers (electron/hardware/meters/codecs/drivers.ts).
 * A relay trip or close over Modbus is confirmed by reading the relay state back: Acrel meters acknowledge the
 * FC10 write before the relay moves and the forced-control semantics are from a decompiled tool (hardware.md §1.4),
 * so a meter that does not then report the commanded state counts as a failure ('not-confirmed').
 */
import { controlRelay, controlValve, readMeter, writeSettings } from '../hardware/meters/codecs/drivers';
import type { MeterTarget } from '../hardware/meters/codecs/drivers';
import type { Exchange } from '../hardware/meters/meter-port';
import type { ControlCommand } from '../../shared/contract/control-methods';
import { errorOf } from './meter-comm-service';

/** A sent command the meter did not carry out as far as a read-back shows. */
export class NotConfirmedError extends Error {
  readonly code = 'not-confirmed' as const;
  constructor(message: string) {
    super(message);
    this.name = 'NotConfirmedError';
  }
}

/** DL/T 645 control commands carry a validity deadline (§2.3): an hour from the injected clock's now. */
const VALID_MS = 3_600_000;

async function confirmRelay(exchange: Exchange, target: MeterTarget, wanted: 'open' | 'closed'): Promise<void> {
  if (target.protocol !== 'modbus') return;
  const reading = await readMeter(exchange, target);
  if (reading.relay !== wanted) throw new NotConfirmedError(`relay reads ${reading.relay ?? 'unknown'} after the command, expected ${wanted}`);
}

export async function sendCommand(exchange: Exchange, target: MeterTarget, command: ControlCommand, now: Date): Promise<void> {
  const validUntil = new Date(now.getTime() + VALID_MS);
  switch (command.action) {
    case 'relay_trip':
      await controlRelay(exchange, target, 'trip', { validUntil });
      return confirmRelay(exchange, target, 'open');
    case 'relay_close':
      await controlRelay(exchange, target, 'close', { validUntil });
      return confirmRelay(exchange, target, 'closed');
    case 'keep_power': return controlRelay(exchange, target, 'keep-power', { validUntil });
    case 'keep_power_release': return controlRelay(exchange, target, 'keep-power-release', { validUntil });
    case 'valve_open': return controlValve(exchange, target, 'open');
    case 'valve_close': return controlValve(exchange, target, 'close');
    case 'set_prices': return writeSettings(exchange, target, { prices: command.prices });
    case 'set_alarms': return writeSettings(exchange, target, { alarms: { alarm1: command.alarm1, alarm2: command.alarm2 } });
  }
}

/** The code and message an attempt row records for a failure. */
export function attemptError(error: unknown): { code: string; message: string } {
  if (error instanceof NotConfirmedError) return { code: error.code, message: error.message };
  if (error instanceof RangeError) return { code: 'unsupported', message: error.message };
  return errorOf(error);
}
