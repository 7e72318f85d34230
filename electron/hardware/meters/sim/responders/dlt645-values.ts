/**
 * The data identifiers a simulated DL/T 645-2007 prepaid meter answers (hardware.md §2.2): energy (total,
 * per tariff, blocks), voltage/current/power, the prepaid DIs, alarm and overdraft limits, prices, date, time
 * and run status word 3; and the ones it accepts in a write (14H). Values are BCD, low byte first.
 */
import { dateToBcd } from '../../codecs/bcd';
import { bcdToNumber } from '../../codecs/bcd';
import { encodeDlt645Value } from '../../codecs/dlt645-slave';
import type { ElectricityMeter, ElectricityState } from '../electricity-meter';
import { TARIFFS } from '../electricity-meter';

const concat = (parts: readonly Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));
const energy = (value: number) => encodeDlt645Value(value, 4);

function energyBlock(s: ElectricityState): Uint8Array {
  return concat([energy(s.totalEnergy), ...TARIFFS.map((t) => energy(s.tariffEnergy[t]))]);
}

/** Run status word 3 (DL/T 645-2007 Appendix A): bit4 relay open, bit6 relay commanded to trip, bit7 pre-trip alarm, bits 8–9 = 10 money prepaid. */
function statusWord3(meter: ElectricityMeter, s: ElectricityState): Uint8Array {
  let word = meter.creditKind === 'money' ? 0b10 << 8 : 0b01 << 8;
  if (s.relay === 'open') word |= 1 << 4;
  if (s.forced === 'trip') word |= 1 << 6;
  if (s.flags.includes('alarm1')) word |= 1 << 7;
  return Uint8Array.of(word & 0xff, word >>> 8);
}

function phases(meter: ElectricityMeter, value: Uint8Array, zero: Uint8Array): Uint8Array {
  return meter.model === 'DTSY1352' ? concat([value, value, value]) : concat([value, zero, zero]);
}

type Reader = (meter: ElectricityMeter, s: ElectricityState) => Uint8Array;

const READERS: ReadonlyMap<number, Reader> = new Map<number, Reader>([
  [0x00000000, (_, s) => encodeDlt645Value(s.totalEnergy, 4, true)],
  [0x00010000, (_, s) => energy(s.totalEnergy)],
  [0x0000ff00, (_, s) => energyBlock(s)],
  [0x0001ff00, (_, s) => energyBlock(s)],
  ...TARIFFS.flatMap((t, i): [number, Reader][] => [
    [0x00000100 + 0x100 * i, (_, s) => energy(s.tariffEnergy[t])],
    [0x00010100 + 0x100 * i, (_, s) => energy(s.tariffEnergy[t])],
    [0x04050101 + i, (m) => encodeDlt645Value(m.prices[t], 4)],
  ]),
  [0x02010100, (_, s) => encodeDlt645Value(s.voltage, 2)],
  [0x0201ff00, (m, s) => phases(m, encodeDlt645Value(s.voltage, 2), new Uint8Array(2))],
  [0x02020100, (_, s) => encodeDlt645Value(s.current * 10, 3)],
  [0x0202ff00, (m, s) => phases(m, encodeDlt645Value(s.current * 10, 3), new Uint8Array(3))],
  [0x02030000, (_, s) => encodeDlt645Value(Math.round(s.powerW * 10), 3)],
  [0x00900200, (_, s) => encodeDlt645Value(Math.max(0, s.remaining), 4)],
  [0x00900201, (_, s) => encodeDlt645Value(Math.max(0, -s.remaining), 4)],
  [0x03330201, (_, s) => encodeDlt645Value(s.purchaseCount, 2)],
  [0x04001001, (m) => encodeDlt645Value(m.alarm1, 4)],
  [0x04001002, (m) => encodeDlt645Value(m.alarm2, 4)],
  [0x04001003, (m) => encodeDlt645Value(m.overdraft, 4)],
  [0x04000101, (m) => dateToBcd(new Date(m.meterTime()), ['W', 'D', 'M', 'Y'])],
  [0x04000102, (m) => dateToBcd(new Date(m.meterTime()), ['s', 'm', 'h'])],
  [0x04000503, (m, s) => statusWord3(m, s)],
]);

/** The value bytes of `di`, or null when the meter has no such data (abnormal reply, "no data"). */
export function readValue(meter: ElectricityMeter, di: number): Uint8Array | null {
  const reader = READERS.get(di);
  return reader ? reader(meter, meter.state()) : null;
}

type Writer = (meter: ElectricityMeter, value: Uint8Array) => void;

const WRITERS: ReadonlyMap<number, { bytes: number; write: Writer }> = new Map([
  [0x04001001, { bytes: 4, write: (m: ElectricityMeter, v: Uint8Array) => { m.alarm1 = bcdToNumber(v); } }],
  [0x04001002, { bytes: 4, write: (m: ElectricityMeter, v: Uint8Array) => { m.alarm2 = bcdToNumber(v); } }],
  [0x04001003, { bytes: 4, write: (m: ElectricityMeter, v: Uint8Array) => { m.overdraft = bcdToNumber(v); } }],
  ...TARIFFS.map((t, i): [number, { bytes: number; write: Writer }] => [
    0x04050101 + i, { bytes: 4, write: (m, v) => { m.prices[t] = bcdToNumber(v); } },
  ]),
]);

/** Applies a write; false when the DI is not writable or the value has the wrong length or is not BCD. */
export function writeValue(meter: ElectricityMeter, di: number, value: Uint8Array): boolean {
  const writer = WRITERS.get(di);
  if (!writer || value.length !== writer.bytes) return false;
  try {
    writer.write(meter, value);
    return true;
  } catch {
    return false;
  }
}
