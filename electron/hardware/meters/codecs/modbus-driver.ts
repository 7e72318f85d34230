/**
 * Modbus operations over an Exchange, driven by a register map (hardware.md §1.2–1.4).
 */
import { ProtocolError, type Exchange, type MeterReading } from '../meter-port';
import { UnsupportedOperationError, type PrepaidSettings, type RechargeOutcome, type RechargeRequest, type RelayAction } from './driver-types';
import { FC_READ_HOLDING, decodeReadReply, decodeWriteReply, encodeReadHolding, encodeWriteMultiple } from './modbus-rtu';
import { decodeBlock, fieldCount, type PrepaidParameterBlock, type RegisterMap } from './register-map';
import { checkedModbusReplyLength } from './checked-framing';

/** The purchase count does not follow on from the meter's (card rule of hardware.md §4.2 applied to remote recharge). */
export class PurchaseCountError extends Error {
  readonly code = 'purchase-count' as const;
  constructor(readonly meterCount: number, readonly requested: number) {
    super(`meter purchase count is ${meterCount}; a recharge must carry ${meterCount + 1}, not ${requested}`);
    this.name = 'PurchaseCountError';
  }
}

export async function readRegisters(exchange: Exchange, unit: number, start: number, count: number, functionCode = FC_READ_HOLDING): Promise<number[]> {
  const request = encodeReadHolding(unit, start, count, functionCode);
  return decodeReadReply(request, await exchange(request, checkedModbusReplyLength(request)));
}

async function writeRegisters(exchange: Exchange, unit: number, start: number, values: readonly number[], functionCode?: number): Promise<void> {
  const request = encodeWriteMultiple(unit, start, values, functionCode);
  decodeWriteReply(request, await exchange(request, checkedModbusReplyLength(request), { timeoutMs: 5_000 }));
}

/** Merges readings of several blocks: later non-null values win, flags and extras accumulate. */
export function mergeReadings(readings: readonly MeterReading[]): MeterReading {
  const pick = <K extends 'total' | 'remaining' | 'overdraft' | 'purchaseCount' | 'relay' | 'valve'>(key: K): MeterReading[K] =>
    readings.reduce<MeterReading[K]>((value, reading) => reading[key] ?? value, null as MeterReading[K]);
  return {
    total: pick('total'), remaining: pick('remaining'), overdraft: pick('overdraft'), purchaseCount: pick('purchaseCount'),
    relay: pick('relay'), valve: pick('valve'), flags: [...new Set(readings.flatMap((r) => r.flags))],
    extra: Object.assign({}, ...readings.map((r) => r.extra)) as Record<string, number>,
  };
}

export async function readModbusMeter(exchange: Exchange, unit: number, map: RegisterMap): Promise<MeterReading> {
  const readings: MeterReading[] = [];
  for (const name of map.readBlocks) {
    const block = map.blocks[name];
    if (!block) continue;
    readings.push(decodeBlock(map, block.start, await readRegisters(exchange, unit, block.start, block.count, block.functionCode)));
  }
  return mergeReadings(readings);
}

/** Reads just the registers spanning the remaining-amount and purchase-count fields. */
export async function readModbusPurchase(exchange: Exchange, unit: number, map: RegisterMap): Promise<{ remaining: number; purchaseCount: number }> {
  const fields = map.fields.filter((f) => f.role === 'remaining' || f.role === 'purchaseCount');
  if (fields.length !== 2) throw new ProtocolError('malformed', `map ${map.model} has no remaining / purchaseCount fields`);
  const start = Math.min(...fields.map((f) => f.register));
  const end = Math.max(...fields.map((f) => f.register + fieldCount(f)));
  const reading = decodeBlock(map, start, await readRegisters(exchange, unit, start, end - start));
  if (reading.remaining === null || reading.purchaseCount === null) throw new ProtocolError('malformed', 'purchase registers did not decode');
  return { remaining: reading.remaining, purchaseCount: reading.purchaseCount };
}

export async function controlModbusRelay(exchange: Exchange, unit: number, map: RegisterMap, action: RelayAction): Promise<void> {
  const relay = map.relay;
  if (!relay || (action !== 'trip' && action !== 'close')) {
    throw new UnsupportedOperationError(`${map.model} over Modbus has no '${action}' relay command`);
  }
  await writeRegisters(exchange, unit, relay.register, action === 'trip' ? relay.trip : relay.close);
}

/**
 * [I] Remote recharge over Modbus (hardware.md §1.3, "Risk"): read the prepaid parameter block (FC03), add the
 * amount to SYJE (UINT32, 0.01 units [I]), set BuyTime to the new purchase count, zero the forced-control words as
 * the Acrel tool does (which probably releases forced control [I]) and write the block back with FC 0xAA.
 * MUST be confirmed on a bench meter and with Acrel before production use (§8).
 * A purchase count already equal to the requested one means the recharge was applied earlier: nothing is written.
 */
export async function rechargeModbus(exchange: Exchange, unit: number, map: RegisterMap, recharge: RechargeRequest): Promise<RechargeOutcome> {
  const prepaid = map.prepaid;
  if (!prepaid) {
    throw new UnsupportedOperationError(`${map.model} has no prepaid parameter block in its map`);
  }
  const block = await readRegisters(exchange, unit, prepaid.start, prepaid.count);
  const at = (register: number): number => register - prepaid.start;
  const meterCount = block[at(prepaid.purchaseCount)] ?? 0;
  const before = (block[at(prepaid.remaining)] ?? 0) * 0x10000 + (block[at(prepaid.remaining) + 1] ?? 0);
  if (meterCount === recharge.purchaseCount) return { applied: false, remainingBefore: before, remainingAfter: before };
  if (meterCount + 1 !== recharge.purchaseCount) throw new PurchaseCountError(meterCount, recharge.purchaseCount);
  const after = before + recharge.amount;
  if (after > 0xffffffff) throw new RangeError('remaining amount would overflow UINT32');
  block[at(prepaid.remaining)] = Math.floor(after / 0x10000);
  block[at(prepaid.remaining) + 1] = after % 0x10000;
  block[at(prepaid.purchaseCount)] = recharge.purchaseCount;
  block[at(prepaid.forcedControl)] = 0;
  block[at(prepaid.forcedControl) + 1] = 0;
  await writeRegisters(exchange, unit, prepaid.start, block, prepaid.writeFunctionCode);
  return { applied: true, remainingBefore: before, remainingAfter: after };
}

const TARIFF_ORDER = ['spike', 'peak', 'flat', 'valley'] as const;

function put32(block: number[], prepaid: PrepaidParameterBlock, register: number, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`value ${value} does not fit UINT32`);
  block[register - prepaid.start] = Math.floor(value / 0x10000);
  block[register - prepaid.start + 1] = value % 0x10000;
}

/** Registers the settings need, or the reason the map cannot take them. */
function settingsRegisters(map: RegisterMap, settings: PrepaidSettings): PrepaidParameterBlock {
  const prepaid = map.prepaid;
  if (!prepaid) throw new UnsupportedOperationError(`${map.model} has no prepaid parameter block in its map`);
  if (settings.prices && !prepaid.prices) throw new UnsupportedOperationError(`${map.model}'s map has no price registers`);
  if (settings.alarms && (prepaid.alarm1 === undefined || prepaid.alarm2 === undefined)) {
    throw new UnsupportedOperationError(`${map.model}'s map has no alarm-amount registers`);
  }
  return prepaid;
}

/**
 * [I] Prices and alarm amounts over Modbus (hardware.md §1.3): read the prepaid parameter block (FC03), change
 * only the price or alarm registers and write the whole block back with FC 0xAA. The purchase count and the
 * remaining amount go back as read, so the meter credits nothing (it takes a remaining amount only with count + 1),
 * and the forced-control words as read, so a tripped relay stays tripped. MUST be confirmed on a bench meter (§8).
 */
export async function writeModbusSettings(exchange: Exchange, unit: number, map: RegisterMap, settings: PrepaidSettings): Promise<void> {
  const prepaid = settingsRegisters(map, settings);
  const block = await readRegisters(exchange, unit, prepaid.start, prepaid.count);
  if (settings.prices && prepaid.prices) {
    for (const tariff of TARIFF_ORDER) put32(block, prepaid, prepaid.prices[tariff], settings.prices[tariff]);
  }
  if (settings.alarms && prepaid.alarm1 !== undefined && prepaid.alarm2 !== undefined) {
    put32(block, prepaid, prepaid.alarm1, settings.alarms.alarm1);
    put32(block, prepaid, prepaid.alarm2, settings.alarms.alarm2);
  }
  await writeRegisters(exchange, unit, prepaid.start, block, prepaid.writeFunctionCode);
}
