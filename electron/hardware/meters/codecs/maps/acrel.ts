/**
 * Built-in register maps for Acrel prepaid meters (hardware.md §1.2–1.4, §1.6). Numbers come from the official
 * DDSY1352 manual (§1.2) and the decompiled Acrel debug tool (§1.3–1.4): verify on a bench meter before release
 * (pitfall §7.9). Units of the prepaid amounts are not documented; 0.01 (fen) is [I] (§1.3).
 */
import type { RegisterField, RegisterMap } from '../register-map';

/**
 * Official DDSY1352 metering registers at 0000H (§1.2). 000AH (password) is deliberately not exposed. The poll
 * block repeats the energies (0x0215…), which carry the 'total' role; these keep their own names.
 */
const METERING_FIELDS: readonly RegisterField[] = [
  { name: 'meteringTotal', register: 0x0000, type: 'uint32', scale: 0.01 },
  { name: 'meteringSpike', register: 0x0002, type: 'uint32', scale: 0.01 },
  { name: 'meteringPeak', register: 0x0004, type: 'uint32', scale: 0.01 },
  { name: 'meteringFlat', register: 0x0006, type: 'uint32', scale: 0.01 },
  { name: 'meteringValley', register: 0x0008, type: 'uint32', scale: 0.01 },
  { name: 'voltage', register: 0x000b, type: 'uint16', scale: 0.1 },
  { name: 'current', register: 0x000c, type: 'uint16', scale: 0.01 },
  { name: 'activePower', register: 0x000d, type: 'int16', scale: 0.001 },
  { name: 'apparentPower', register: 0x000f, type: 'uint16', scale: 0.001 },
  { name: 'powerFactor', register: 0x0010, type: 'int16', scale: 0.001 },
];

const phases = (prefix: string, first: number, type: 'uint16' | 'int16', scale: number, names: readonly string[]): RegisterField[] =>
  names.map((suffix, i) => ({ name: `${prefix}${suffix}`, register: first + i, type, scale }));

/** The debug tool's poll block, FC03 0x0200 × 48 (§1.3); register = 0x0200 + (byteIndex − 3) / 2. */
const POLL_FIELDS: readonly RegisterField[] = [
  { name: 'modelCode', register: 0x0200, type: 'uint16' },
  ...phases('u', 0x0201, 'uint16', 0.1, ['a', 'b', 'c']),
  ...phases('i', 0x0204, 'uint16', 0.01, ['a', 'b', 'c']),
  ...phases('p', 0x0207, 'int16', 0.001, ['a', 'b', 'c', 't']),
  ...phases('q', 0x020b, 'int16', 0.001, ['a', 'b', 'c', 't']),
  ...phases('pf', 0x020f, 'int16', 0.001, ['a', 'b', 'c', 't']),
  { name: 'ptRatio', register: 0x0213, type: 'uint16' },
  { name: 'ctRatio', register: 0x0214, type: 'uint16' },
  { name: 'totalEnergy', register: 0x0215, type: 'uint32', scale: 0.01, role: 'total' },
  { name: 'spikeEnergy', register: 0x0217, type: 'uint32', scale: 0.01 },
  { name: 'peakEnergy', register: 0x0219, type: 'uint32', scale: 0.01 },
  { name: 'flatEnergy', register: 0x021b, type: 'uint32', scale: 0.01 },
  { name: 'valleyEnergy', register: 0x021d, type: 'uint32', scale: 0.01 },
  { name: 'remaining', register: 0x021f, type: 'uint32', scale: 0.01, role: 'remaining' },
  { name: 'purchaseCount', register: 0x0221, type: 'uint16', role: 'purchaseCount' },
  { name: 'loadControlTrips', register: 0x0222, type: 'uint16' },
  { name: 'allowedCount', register: 0x0223, type: 'uint16' },
  {
    // Status word 0x0224 (§1.3): high byte bit0 fault, bits5..7 relay L1..L3 closed; low byte bit3 prepaid
    // control enabled, bit4 over-limit, bit5 arrears, bit6 ALM1, bit7 ALM2.
    name: 'status', register: 0x0224, type: 'uint16',
    bits: { 'prepaid-enabled': 3, 'over-limit': 4, arrears: 5, alarm1: 6, alarm2: 7, fault: 8, 'relay-l1': 13, 'relay-l2': 14, 'relay-l3': 15 },
  },
  { name: 'controlStatus', register: 0x0225, type: 'uint16' },
  { name: 'baseEnergy', register: 0x0226, type: 'uint32', scale: 0.01 },
  { name: 'subType', register: 0x022f, type: 'uint16' },
];

const POLL_BLOCK = { start: 0x0200, count: 48, functionCode: 3 } as const;

/** Relay: FC10 at 0x0057 × 2, {00 01 00 01} forced trip, {00 01 00 00} forced close (§1.4, two sources). */
const RELAY = { register: 0x0057, trip: [0x0001, 0x0001], close: [0x0001, 0x0000], closedFlag: 'relay-l1' } as const;

/**
 * Prepaid parameter block, read FC03 0x0046 × 28, written with FC 0xAA in the same layout (§1.3): SYJE at
 * 0x004F–0050, BuyTime at 0x004E, forced control 0x0057–0058 inside it. [I] top-up semantics unconfirmed.
 * Alarm amounts BJ1 0x0046 / BJ2 0x0048 and the unit prices spike/peak/flat/valley 0x0059/5B/5D/5F are UINT32;
 * their units are not documented: fen for the amounts and 1/10000 yuan for the prices are [I] (§1.3).
 */
const PREPAID = {
  start: 0x0046, count: 28, writeFunctionCode: 0xaa, remaining: 0x004f, purchaseCount: 0x004e, forcedControl: 0x0057,
  alarm1: 0x0046, alarm2: 0x0048, prices: { spike: 0x0059, peak: 0x005b, flat: 0x005d, valley: 0x005f },
} as const;

export const DDSY1352: RegisterMap = {
  model: 'DDSY1352', firmware: '*', verified: true,
  source: 'hardware.md §1.2 (official manual, 0000H) and §1.3–1.4 (malikdoksoz/ddsy-decmp; jerryxiaosa/ems4j)',
  blocks: { metering: { start: 0x0000, count: 0x11, functionCode: 3 }, poll: POLL_BLOCK },
  readBlocks: ['poll'],
  fields: [...METERING_FIELDS, ...POLL_FIELDS],
  relay: RELAY, prepaid: PREPAID,
};

/** DTSY1352: the same poll block (model code 5) and control (§1.3–1.4); its tariff-plan registers differ (§1.4). */
export const DTSY1352: RegisterMap = {
  model: 'DTSY1352', firmware: '*', verified: true,
  source: 'hardware.md §1.3–1.4 (malikdoksoz/ddsy-decmp; jerryxiaosa/ems4j)',
  blocks: { poll: POLL_BLOCK }, readBlocks: ['poll'], fields: POLL_FIELDS, relay: RELAY, prepaid: PREPAID,
};

/** ADF300L: no public map (§1.6); the debug tool recognises ADF300 (model code 10). Per-circuit addressing unknown. */
export const ADF300L: RegisterMap = {
  model: 'ADF300L', firmware: '*', verified: false,
  source: 'hardware.md §1.6: assumed to share the DDSY/DTSY poll block; ask Acrel for the protocol document',
  blocks: { poll: POLL_BLOCK }, readBlocks: ['poll'], fields: POLL_FIELDS, relay: RELAY,
};

export const ACREL_MAPS: readonly RegisterMap[] = [DDSY1352, DTSY1352, ADF300L];
