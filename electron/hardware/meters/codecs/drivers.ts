/**
 * Protocol drivers: meter operations as request/reply sequences over an Exchange (meter-port.ts). No I/O of
 * their own: the bus (transport/) or a test's in-memory exchange carries the bytes.
 */
import { ProtocolError, type Exchange, type MeterProtocol, type MeterReading } from '../meter-port';
import { CJT188_COLD_WATER, decodeCjt188Metering, decodeCjt188Reply, encodeCjt188Read, encodeCjt188Valve } from './cjt188';
import {
  DLT645_DI, DLT645_N1, decodeDlt645ReadReply, decodeDlt645Reply, decodeDlt645Value, dlt645FrameLength,
  encodeDlt645BroadcastTime, encodeDlt645Control, encodeDlt645Read, encodeDlt645Write, type Dlt645Auth,
} from './dlt645';
import { numberToBcd } from './bcd';
import { checkedCjt188FrameLength, checkedDlt645FrameLength } from './checked-framing';
import { findRegisterMap } from './maps';
import { rechargeModbus, readModbusPurchase, readModbusMeter, controlModbusRelay, writeModbusSettings } from './modbus-driver';
import type { RegisterMap } from './register-map';
import { UnsupportedOperationError, type PrepaidSettings, type RechargeOutcome, type RechargeRequest, type RelayAction } from './driver-types';

export {
  UnsupportedOperationError, type AlarmAmounts, type PrepaidSettings, type RechargeOutcome, type RechargeRequest, type RelayAction, type TouPrices,
} from './driver-types';
export { controlSupport, type ControlSupportReason } from './control-support';
export { PurchaseCountError } from './modbus-driver';

export interface MeterTarget {
  readonly protocol: MeterProtocol;
  /** Modbus: unit 1..247; DL/T 645: 12 digits; CJ/T 188: 14 digits. */
  readonly address: string | number;
  readonly model?: string;
  readonly firmware?: string;
  /** A map from configuration (validated with validateRegisterMap) instead of the built-in one. */
  readonly map?: RegisterMap;
  /** CJ/T 188 meter type T (default 10H cold water). */
  readonly meterType?: number;
  /** DL/T 645 password and operator code for writes and control. */
  readonly auth?: Dlt645Auth;
}


export function mapFor(target: MeterTarget): RegisterMap {
  const map = target.map ?? (target.model ? findRegisterMap(target.model, target.firmware) : null);
  if (!map) throw new UnsupportedOperationError(`no register map for model '${target.model ?? '?'}' firmware '${target.firmware ?? '*'}'`);
  return map;
}

const text = (address: string | number): string => String(address);

/**
 * A reply naming another data identifier is a late answer to an earlier request (one that timed out and was
 * given up): it has been consumed now, so the request is sent again rather than failing the read.
 */
const STALE_REPLY_RETRIES = 2;

async function dlt645Read(exchange: Exchange, address: string, entry: { di: number; signed: boolean }): Promise<number> {
  const request = encodeDlt645Read(address, entry.di);
  for (let attempt = 0; ; attempt++) {
    try {
      return decodeDlt645Value(decodeDlt645ReadReply(request, await exchange(request, checkedDlt645FrameLength)), entry.signed);
    } catch (error) {
      const stale = error instanceof ProtocolError && error.code === 'unexpected-reply' && /another data identifier/.test(error.message);
      if (!stale || attempt >= STALE_REPLY_RETRIES) throw error;
    }
  }
}

/** Reads DIs one by one; a DI the meter has no data for (SERR bit 1) leaves its value null. */
async function dlt645ReadOptional(exchange: Exchange, address: string, entry: { di: number; signed: boolean }): Promise<number | null> {
  try {
    return await dlt645Read(exchange, address, entry);
  } catch (error) {
    const noData = error instanceof ProtocolError && error.code === 'exception' && ((error.detail['error'] as number) & 0x02) !== 0;
    if (noData) return null;
    throw error;
  }
}

async function readDlt645(exchange: Exchange, target: MeterTarget): Promise<MeterReading> {
  const address = text(target.address);
  const total = await dlt645Read(exchange, address, DLT645_DI.combinedActiveTotal);
  const forward = await dlt645ReadOptional(exchange, address, DLT645_DI.forwardActiveTotal);
  const remaining = await dlt645ReadOptional(exchange, address, DLT645_DI.remainingAmount);
  const overdraft = await dlt645ReadOptional(exchange, address, DLT645_DI.overdraftAmount);
  const purchaseCount = await dlt645ReadOptional(exchange, address, DLT645_DI.purchaseCount);
  const extra: Record<string, number> = forward === null ? {} : { forwardActiveTotal: forward / 100 };
  return { total, remaining, overdraft, purchaseCount, relay: null, valve: null, flags: [], extra };
}

async function readCjt188(exchange: Exchange, target: MeterTarget): Promise<MeterReading> {
  const request = encodeCjt188Read(target.meterType ?? CJT188_COLD_WATER, text(target.address));
  return decodeCjt188Metering(decodeCjt188Reply(request, await exchange(request, checkedCjt188FrameLength)).payload);
}

/** One reading: Modbus reads the map's readBlocks; DL/T 645 the DIs of hardware.md §2.2; CJ/T 188 901F. */
export async function readMeter(exchange: Exchange, target: MeterTarget): Promise<MeterReading> {
  switch (target.protocol) {
    case 'modbus': return readModbusMeter(exchange, Number(target.address), mapFor(target));
    case 'dlt645': return readDlt645(exchange, target);
    case 'cjt188': return readCjt188(exchange, target);
  }
}

export interface ControlOptions {
  /** DL/T 645: 'close' sends 1C direct close (default) or 1B close-allowed (the customer presses the button). */
  readonly closeMode?: 'direct' | 'allow';
  /** DL/T 645 command validity deadline (default: one hour from now). */
  readonly validUntil?: Date;
}

function dlt645N1(action: RelayAction, options: ControlOptions): number {
  switch (action) {
    case 'trip': return DLT645_N1.trip;
    case 'close': return options.closeMode === 'allow' ? DLT645_N1.closeAllowed : DLT645_N1.directClose;
    case 'keep-power': return DLT645_N1.keepPower;
    case 'keep-power-release': return DLT645_N1.keepPowerRelease;
  }
}

/** Relay control: Modbus FC10 at the map's relay register (§1.4); DL/T 645 control 1CH with N1 (§2.3). */
export async function controlRelay(exchange: Exchange, target: MeterTarget, action: RelayAction, options: ControlOptions = {}): Promise<void> {
  if (target.protocol === 'modbus') return controlModbusRelay(exchange, Number(target.address), mapFor(target), action);
  if (target.protocol === 'cjt188') throw new UnsupportedOperationError('CJ/T 188 water meters have a valve, not a relay');
  const validUntil = options.validUntil ?? new Date(Date.now() + 3_600_000);
  const request = encodeDlt645Control(text(target.address), dlt645N1(action, options), validUntil, target.auth);
  decodeDlt645Reply(request, await exchange(request, checkedDlt645FrameLength, { timeoutMs: 5_000 }));
}

/** Valve control: CJ/T 188 write A017, 55 open / 99 close (§3.1). */
export async function controlValve(exchange: Exchange, target: MeterTarget, action: 'open' | 'close'): Promise<void> {
  if (target.protocol !== 'cjt188') throw new UnsupportedOperationError(`${target.protocol} meters have no valve command`);
  const request = encodeCjt188Valve(target.meterType ?? CJT188_COLD_WATER, text(target.address), action);
  decodeCjt188Reply(request, await exchange(request, checkedCjt188FrameLength, { timeoutMs: 10_000 }));
}

export interface PurchaseState { readonly remaining: number; readonly purchaseCount: number }

/** Remaining amount (fen) and purchase count, for verifying a recharge. */
export async function readPurchase(exchange: Exchange, target: MeterTarget): Promise<PurchaseState> {
  if (target.protocol === 'modbus') return readModbusPurchase(exchange, Number(target.address), mapFor(target));
  if (target.protocol === 'cjt188') throw new UnsupportedOperationError('CJ/T 188 purchase state is not implemented (§3.1 8105 unverified)');
  const address = text(target.address);
  return {
    remaining: await dlt645Read(exchange, address, DLT645_DI.remainingAmount),
    purchaseCount: await dlt645Read(exchange, address, DLT645_DI.purchaseCount),
  };
}

/**
 * Remote recharge. Modbus: FC 0xAA over the prepaid parameter block — [I] hardware.md §1.3, to be confirmed on a
 * bench meter. DL/T 645: the reference gives no recharge DI usable without the utility's ESAM (§2.3), so
 * 'unsupported'; CJ/T 188: unsupported.
 */
export async function writeRecharge(exchange: Exchange, target: MeterTarget, recharge: RechargeRequest): Promise<RechargeOutcome> {
  if (!Number.isSafeInteger(recharge.amount) || recharge.amount <= 0) throw new RangeError('recharge amount must be a positive number of fen');
  if (target.protocol === 'modbus') return rechargeModbus(exchange, Number(target.address), mapFor(target), recharge);
  throw new UnsupportedOperationError(`remote recharge is not supported over ${target.protocol} (hardware.md §2.3: needs the ESAM)`);
}

/** DL/T 645 broadcast time (08H to 99…99): no reply. */
export async function broadcastTime(exchange: Exchange, time: Date): Promise<void> {
  await exchange(encodeDlt645BroadcastTime(time), dlt645FrameLength, { expectReply: false });
}

/**
 * DL/T 645-2007 settings written with 14H (hardware.md §2.2–2.3): tariff 1–4 unit prices 04050101–04
 * (XXXX.XXXX, 4 bytes; tariff 1..4 = spike, peak, flat, valley) and alarm amounts 1/2 04001001/04001002
 * (XXXXXX.XX, 4 bytes). The values are integers in the format's last decimal: 1/10000 yuan and fen.
 */
export const DLT645_SETTING_DI = {
  prices: { spike: 0x04050101, peak: 0x04050102, flat: 0x04050103, valley: 0x04050104 },
  alarm1: 0x04001001, alarm2: 0x04001002,
} as const;

async function dlt645Write(exchange: Exchange, target: MeterTarget, di: number, value: number): Promise<void> {
  const request = encodeDlt645Write(text(target.address), di, numberToBcd(value, 4), target.auth);
  decodeDlt645Reply(request, await exchange(request, checkedDlt645FrameLength, { timeoutMs: 5_000 }));
}

/**
 * Prices and alarm amounts. Modbus: read-modify-write of the prepaid parameter block with FC 0xAA [I] (§1.3);
 * DL/T 645: one 14H write per identifier; CJ/T 188: unsupported (A010 prices unverified, §3.1).
 */
export async function writeSettings(exchange: Exchange, target: MeterTarget, settings: PrepaidSettings): Promise<void> {
  if (target.protocol === 'modbus') return writeModbusSettings(exchange, Number(target.address), mapFor(target), settings);
  if (target.protocol === 'cjt188') throw new UnsupportedOperationError('CJ/T 188 price writes (A010) are not verified (hardware.md §3.1)');
  if (settings.prices) {
    for (const tariff of ['spike', 'peak', 'flat', 'valley'] as const) {
      await dlt645Write(exchange, target, DLT645_SETTING_DI.prices[tariff], settings.prices[tariff]);
    }
  }
  if (settings.alarms) {
    await dlt645Write(exchange, target, DLT645_SETTING_DI.alarm1, settings.alarms.alarm1);
    await dlt645Write(exchange, target, DLT645_SETTING_DI.alarm2, settings.alarms.alarm2);
  }
}
