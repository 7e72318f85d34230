/**
 * Modbus register maps as data, keyed by model and firmware (hardware.md §1.2–1.4, pitfall §7.9: maps differ
 * by model and firmware, so nothing about a model lives in code).
 *
 * Map format (plain JSON-able data; see maps/acrel.ts for the built-in maps):
 *   model, firmware ('*' = any), verified (false until checked against a document or bench meter), source
 *   blocks:  { [name]: { start, count (1..125), functionCode? 3 | 4 } }; readBlocks: the blocks a reading polls
 *   fields:  { name, register, type: uint16 | int16 | uint32 | int32 | bcd, count? (bcd only, 1..4 registers),
 *             scale? (physical units per raw count, default 1), wordOrder? 'high-first' (default) | 'low-first',
 *             role? total | remaining | overdraft | purchaseCount (fills MeterReading; total/remaining/overdraft
 *             are converted to hundredths), bits? { flagName: bitIndex } (a status word: set bits become flags) }
 *   relay?:  { register, trip: [words], close: [words] (written with FC10), closedFlag: the flag meaning "closed" }
 *   prepaid?: { start, count, writeFunctionCode, remaining, purchaseCount, forcedControl, alarm1?, alarm2?,
 *             prices? { spike, peak, flat, valley } } (registers) [I]
 */
import type { MeterReading } from '../meter-port';

export type RegisterType = 'uint16' | 'int16' | 'uint32' | 'int32' | 'bcd';
export type ReadingRole = 'total' | 'remaining' | 'overdraft' | 'purchaseCount';

export interface RegisterField {
  readonly name: string;
  readonly register: number;
  readonly type: RegisterType;
  readonly count?: number;
  readonly scale?: number;
  readonly wordOrder?: 'high-first' | 'low-first';
  readonly role?: ReadingRole;
  readonly bits?: Readonly<Record<string, number>>;
}
export interface RegisterBlock { readonly start: number; readonly count: number; readonly functionCode?: 3 | 4 }
export interface RelayControl { readonly register: number; readonly trip: readonly number[]; readonly close: readonly number[]; readonly closedFlag: string }
export interface PrepaidParameterBlock {
  readonly start: number;
  readonly count: number;
  readonly writeFunctionCode: number;
  /** First register of the UINT32 remaining amount inside the block. */
  readonly remaining: number;
  readonly purchaseCount: number;
  /** First of the two forced-control registers inside the block (hardware.md §1.3–1.4). */
  readonly forcedControl: number;
  /** First registers of the UINT32 alarm amounts BJ1 / BJ2 inside the block (fen [I], hardware.md §1.3). */
  readonly alarm1?: number;
  readonly alarm2?: number;
  /** First registers of the UINT32 unit prices inside the block (1/10000 yuan [I], hardware.md §1.3). */
  readonly prices?: { readonly spike: number; readonly peak: number; readonly flat: number; readonly valley: number };
}
export interface RegisterMap {
  readonly model: string;
  readonly firmware: string;
  readonly verified: boolean;
  readonly source: string;
  readonly blocks: Readonly<Record<string, RegisterBlock>>;
  readonly readBlocks: readonly string[];
  readonly fields: readonly RegisterField[];
  readonly relay?: RelayControl;
  readonly prepaid?: PrepaidParameterBlock;
}

/** Registers a field occupies. */
export function fieldCount(field: RegisterField): number {
  if (field.type === 'bcd') return field.count ?? 1;
  return field.type === 'uint32' || field.type === 'int32' ? 2 : 1;
}

const isWord = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0xffff;

function fieldProblems(field: RegisterField, index: number): string[] {
  const where = `fields[${index}] '${field.name}'`;
  const problems: string[] = [];
  if (typeof field.name !== 'string' || field.name === '') problems.push(`${where}: name is required`);
  if (!isWord(field.register)) problems.push(`${where}: register must be 0..0xFFFF`);
  if (!['uint16', 'int16', 'uint32', 'int32', 'bcd'].includes(field.type)) problems.push(`${where}: unknown type ${field.type}`);
  if (field.count !== undefined && (field.type !== 'bcd' || !Number.isInteger(field.count) || field.count < 1 || field.count > 4)) {
    problems.push(`${where}: count is for bcd fields only, 1..4`);
  }
  if (field.scale !== undefined && !(Number.isFinite(field.scale) && field.scale > 0)) problems.push(`${where}: scale must be > 0`);
  if (field.wordOrder !== undefined && field.wordOrder !== 'high-first' && field.wordOrder !== 'low-first') problems.push(`${where}: bad wordOrder`);
  for (const [flag, bit] of Object.entries(field.bits ?? {})) {
    if (!Number.isInteger(bit) || bit < 0 || bit > 15 || field.type !== 'uint16') problems.push(`${where}: bit ${flag} must be 0..15 of a uint16`);
  }
  return problems;
}

function blockProblems(map: RegisterMap): string[] {
  const problems: string[] = [];
  for (const [name, block] of Object.entries(map.blocks ?? {})) {
    if (!isWord(block.start) || !Number.isInteger(block.count) || block.count < 1 || block.count > 125 || block.start + block.count > 0x10000) {
      problems.push(`blocks.${name}: start 0..0xFFFF and count 1..125 required`);
    }
  }
  for (const name of map.readBlocks ?? []) if (!map.blocks?.[name]) problems.push(`readBlocks: no block '${name}'`);
  return problems;
}

function overlapProblems(fields: readonly RegisterField[]): string[] {
  const owner = new Map<number, string>();
  const problems: string[] = [];
  for (const field of fields) {
    for (let r = field.register; r < field.register + fieldCount(field); r++) {
      const other = owner.get(r);
      if (other !== undefined) problems.push(`fields '${other}' and '${field.name}' overlap at ${r}`);
      owner.set(r, field.name);
    }
  }
  const roles = fields.map((f) => f.role).filter((r) => r !== undefined);
  if (new Set(roles).size !== roles.length) problems.push('a role is given to two fields');
  return problems;
}

/** Problems with a map (empty = valid). Use on maps loaded from configuration before trusting them. */
export function validateRegisterMap(map: RegisterMap): string[] {
  if (typeof map !== 'object' || map === null) return ['a map must be an object'];
  const problems: string[] = [];
  if (typeof map.model !== 'string' || map.model === '') problems.push('model is required');
  if (typeof map.firmware !== 'string' || map.firmware === '') problems.push('firmware is required (or "*")');
  if (typeof map.verified !== 'boolean') problems.push('verified must be true or false');
  if (!Array.isArray(map.fields)) return [...problems, 'fields must be an array'];
  problems.push(...blockProblems(map), ...map.fields.flatMap(fieldProblems), ...overlapProblems(map.fields));
  if (map.relay && (!isWord(map.relay.register) || ![...map.relay.trip, ...map.relay.close].every(isWord))) problems.push('relay: bad register or words');
  return problems;
}

function rawValue(field: RegisterField, words: readonly number[]): number {
  const [a = 0, b = 0] = field.wordOrder === 'low-first' ? [words[1], words[0]] : words;
  switch (field.type) {
    case 'uint16': return a;
    case 'int16': return a >= 0x8000 ? a - 0x10000 : a;
    case 'uint32': return a * 0x10000 + b;
    case 'int32': return (a >= 0x8000 ? a - 0x10000 : a) * 0x10000 + b;
    case 'bcd': return bcdWords(field.wordOrder === 'low-first' ? [...words].reverse() : words);
  }
}

/** BCD words, most significant first; an invalid nibble gives NaN (the field is then left out). */
function bcdWords(words: readonly number[]): number {
  let value = 0;
  for (const word of words) {
    for (let shift = 12; shift >= 0; shift -= 4) {
      const digit = (word >>> shift) & 0xf;
      if (digit > 9) return Number.NaN;
      value = value * 10 + digit;
    }
  }
  return value;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Decodes the fields that lie wholly inside registers[firstRegister, firstRegister + registers.length) into a
 * MeterReading; fields outside the window are left null / absent.
 */
export function decodeBlock(map: RegisterMap, firstRegister: number, registers: readonly number[]): MeterReading {
  const core: Record<ReadingRole, number | null> = { total: null, remaining: null, overdraft: null, purchaseCount: null };
  const flags: string[] = [];
  const extra: Record<string, number> = {};
  for (const field of map.fields) {
    const offset = field.register - firstRegister;
    if (offset < 0 || offset + fieldCount(field) > registers.length) continue;
    const raw = rawValue(field, registers.slice(offset, offset + fieldCount(field)));
    if (Number.isNaN(raw)) continue;
    for (const [flag, bit] of Object.entries(field.bits ?? {})) if ((raw >>> bit) & 1) flags.push(flag);
    if (field.role === 'purchaseCount') core.purchaseCount = raw;
    else if (field.role) core[field.role] = Math.round(raw * (field.scale ?? 1) * 100);
    else extra[field.name] = round(raw * (field.scale ?? 1), 6);
  }
  const relay = relayState(map, firstRegister, registers.length, flags);
  return { ...core, relay, valve: null, flags, extra };
}

function relayState(map: RegisterMap, first: number, length: number, flags: readonly string[]): 'closed' | 'open' | null {
  const closedFlag = map.relay?.closedFlag;
  if (!closedFlag) return null;
  const field = map.fields.find((f) => f.bits && closedFlag in f.bits);
  if (!field || field.register < first || field.register >= first + length) return null;
  return flags.includes(closedFlag) ? 'closed' : 'open';
}
