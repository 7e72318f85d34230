/**
 * The Modbus register image of a simulated Acrel DDSY1352 / DTSY1352 (hardware.md §1.2–1.4): the metering
 * block at 0000H, the parameter area 0037H–0061H (CT/PT, clock, meter number, the prepaid parameter block
 * 0046H×28 with forced control at 0057H) and the prepaid poll block 0200H×48. Registers outside these blocks
 * do not exist (exception 02). UINT32 values are high word first; the remaining amount is UINT32, so a
 * negative remaining (overdraft) reads as 0 with the arrears bit set [I: the real meter's encoding is not
 * documented].
 */
import { addressToBytes } from '../../codecs/bcd';
import type { ElectricityMeter } from '../electricity-meter';
import { TARIFFS } from '../electricity-meter';

export const MODBUS_BLOCKS: readonly (readonly [number, number])[] = [[0x0000, 0x0010], [0x0037, 0x0061], [0x0200, 0x022f]];
export const PARAM_BLOCK = { start: 0x0046, count: 28 } as const;
export const POLL_BLOCK = { start: 0x0200, count: 48 } as const;
export const FORCED_CONTROL_REGISTER = 0x0057;

/** 7 = DDSY1352, 5 = DTSY1352 (the debug tool's model codes). */
const MODEL_CODE = { DDSY1352: 7, DTSY1352: 5 } as const;

export function registerExists(register: number): boolean {
  return MODBUS_BLOCKS.some(([first, last]) => register >= first && register <= last);
}

type Image = Map<number, number>;

function put32(image: Image, register: number, value: number): void {
  const unsigned = value >>> 0;
  image.set(register, unsigned >>> 16);
  image.set(register + 1, unsigned & 0xffff);
}

const int16 = (value: number): number => Math.max(-32768, Math.min(32767, Math.round(value))) & 0xffff;

function putClock(image: Image, register: number, epochMs: number): void {
  const t = new Date(epochMs + 8 * 3_600_000);
  image.set(register, ((t.getUTCFullYear() % 100) << 8) | (t.getUTCMonth() + 1));
  image.set(register + 1, (t.getUTCDate() << 8) | t.getUTCDay());
  image.set(register + 2, (t.getUTCHours() << 8) | t.getUTCMinutes());
  image.set(register + 3, t.getUTCSeconds() << 8);
}

/** Meter number: 6 BCD bytes, most significant first, two per register [I: byte order]. */
function putMeterNumber(image: Image, register: number, address: string): void {
  const bytes = addressToBytes(address.padStart(12, '0').slice(-12), 6).reverse();
  for (let i = 0; i < 3; i++) image.set(register + i, ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
}

function putPhases(image: Image, meter: ElectricityMeter, start: number, value: number): void {
  const three = meter.model === 'DTSY1352';
  for (let phase = 0; phase < 3; phase++) image.set(start + phase, phase === 0 || three ? value : 0);
}

function metering(image: Image, meter: ElectricityMeter): void {
  const s = meter.state();
  put32(image, 0x0000, s.totalEnergy);
  TARIFFS.forEach((tariff, i) => put32(image, 0x0002 + 2 * i, s.tariffEnergy[tariff]));
  image.set(0x000b, s.voltage);
  image.set(0x000c, s.current);
  image.set(0x000d, int16(s.powerW));
  image.set(0x000f, Math.round(s.powerW / 0.95));
  image.set(0x0010, 950);
}

function parameters(image: Image, meter: ElectricityMeter): void {
  const s = meter.state();
  image.set(0x0037, 1);
  image.set(0x0038, 1);
  putClock(image, 0x003c, meter.meterTime());
  putMeterNumber(image, 0x0043, meter.address);
  put32(image, 0x0046, meter.alarm1);
  put32(image, 0x0048, meter.alarm2);
  put32(image, 0x004a, meter.overdraft);
  image.set(0x004e, s.purchaseCount);
  put32(image, 0x004f, Math.max(0, s.remaining));
  image.set(0x0055, 1 << 8);
  image.set(0x0057, s.forced === 'none' ? 0 : 1);
  image.set(0x0058, s.forced === 'trip' ? 1 : 0);
  TARIFFS.forEach((tariff, i) => put32(image, 0x0059 + 2 * i, meter.prices[tariff]));
  image.set(0x0061, Math.min(0xffff, meter.maxPowerW));
}

function poll(image: Image, meter: ElectricityMeter): void {
  const s = meter.state();
  image.set(0x0200, MODEL_CODE[meter.model]);
  putPhases(image, meter, 0x0201, s.voltage);
  putPhases(image, meter, 0x0204, meter.model === 'DTSY1352' ? Math.round(s.current / 3) : s.current);
  putPhases(image, meter, 0x0207, int16(meter.model === 'DTSY1352' ? s.powerW / 3 : s.powerW));
  image.set(0x020a, int16(s.powerW));
  putPhases(image, meter, 0x020f, 950);
  image.set(0x0212, 950);
  image.set(0x0213, 1);
  image.set(0x0214, 1);
  put32(image, 0x0215, s.totalEnergy);
  TARIFFS.forEach((tariff, i) => put32(image, 0x0217 + 2 * i, s.tariffEnergy[tariff]));
  put32(image, 0x021f, Math.max(0, s.remaining));
  image.set(0x0221, s.purchaseCount);
  image.set(0x0224, s.statusWord);
  putClock(image, 0x0228, meter.meterTime());
}

/** The value of every existing register (absent ones in the blocks read as 0). */
export function registerImage(meter: ElectricityMeter): ReadonlyMap<number, number> {
  const image: Image = new Map();
  metering(image, meter);
  parameters(image, meter);
  poll(image, meter);
  return image;
}
