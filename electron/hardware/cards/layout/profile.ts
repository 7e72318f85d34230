/**
 * Card layouts as versioned profiles: plain JSON-able data (field offsets, lengths, encodings), validated
 * before use like the register maps (meters/codecs/register-map.ts), so a vendor's layout is added without
 * code (issue 6 item 2).
 *
 * Profile format:
 *   id, version (1..255, written in the header), chip 'sle4442', source (where the layout comes from)
 *   header:  { offset, magic (ASCII, 1..8 chars) } — the version byte follows the magic
 *   fields:  { name, offset, length, encoding, values? (enum: name → byte), writer: 'counter' | 'meter' }
 *            encodings: u8 | u16be | u16le | u32be | u32le | i32be | bcd (2 digits a byte) | ascii (NUL-padded) | enum (1 byte)
 *   mac:     { offset, length (4..32), covers: ['header', field names…] } — truncated HMAC-SHA256 keyed by the
 *            hall's secret over the covered bytes in that order. It covers everything the counter writes and
 *            nothing the meter writes (the meter has no key), so a forged or altered purchase is detected.
 * Every profile must name the REQUIRED_FIELDS below with a fitting encoding. Offsets stay clear of bytes 0..31
 * (the SLE4442's protectable manufacturer area, hardware.md §4.1).
 */
import { PROTECTED_AREA_END, SLE4442_SIZE } from '../sle4442';

export type FieldEncoding = 'u8' | 'u16be' | 'u16le' | 'u32be' | 'u32le' | 'i32be' | 'bcd' | 'ascii' | 'enum';

export interface LayoutField {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  readonly encoding: FieldEncoding;
  /** enum only: value name → byte. */
  readonly values?: Readonly<Record<string, number>>;
  /** Who writes it: the counter (covered by the MAC) or the meter (the write-back area, not covered). */
  readonly writer: 'counter' | 'meter';
}

export interface CardProfile {
  readonly id: string;
  readonly version: number;
  readonly chip: 'sle4442';
  readonly source: string;
  readonly header: { readonly offset: number; readonly magic: string };
  readonly fields: readonly LayoutField[];
  readonly mac: { readonly offset: number; readonly length: number; readonly covers: readonly string[] };
}

type Kind = 'number' | 'digits' | 'text' | 'enum';
const KIND: Record<FieldEncoding, Kind> = {
  u8: 'number', u16be: 'number', u16le: 'number', u32be: 'number', u32le: 'number', i32be: 'number', bcd: 'digits', ascii: 'text', enum: 'enum',
};
export const FIXED_LENGTH: Partial<Record<FieldEncoding, number>> = { u8: 1, u16be: 2, u16le: 2, u32be: 4, u32le: 4, i32be: 4, enum: 1 };

/** The fields every profile has: [name, kind, writer, enum values it must offer]. */
type Requirement = readonly [name: string, kind: Kind, writer: 'counter' | 'meter', values?: readonly string[]];
export const REQUIRED_FIELDS: readonly Requirement[] = [
  ['cardType', 'enum', 'counter', ['user', 'check', 'setting']],
  ['hallCode', 'digits', 'counter'],
  ['meterNumber', 'digits', 'counter'],
  ['customerNumber', 'digits', 'counter'],
  ['cardNumber', 'number', 'counter'],
  ['purchaseMeasure', 'enum', 'counter', ['fen', 'units']],
  ['purchase', 'number', 'counter'],
  ['purchaseCount', 'number', 'counter'],
  ['remaining', 'number', 'meter'],
  ['totalEnergy', 'number', 'meter'],
  ['meterStatus', 'number', 'meter'],
  ['countLoaded', 'number', 'meter'],
];

export const kindOf = (encoding: FieldEncoding): Kind => KIND[encoding];
const isByte = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 255;

function fieldProblems(field: LayoutField, index: number): string[] {
  const where = `fields[${index}] '${String(field.name)}'`;
  const problems: string[] = [];
  if (typeof field.name !== 'string' || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(field.name)) problems.push(`${where}: name must be a word`);
  if (!(field.encoding in KIND)) return [...problems, `${where}: unknown encoding ${String(field.encoding)}`];
  const fixed = FIXED_LENGTH[field.encoding];
  if (fixed !== undefined && field.length !== fixed) problems.push(`${where}: ${field.encoding} is ${fixed} byte(s), not ${field.length}`);
  if (fixed === undefined && (!Number.isInteger(field.length) || field.length < 1 || field.length > 64)) problems.push(`${where}: length must be 1..64`);
  if (field.writer !== 'counter' && field.writer !== 'meter') problems.push(`${where}: writer must be counter or meter`);
  const values = Object.values(field.values ?? {});
  if (field.encoding === 'enum' && (values.length === 0 || !values.every(isByte) || new Set(values).size !== values.length)) {
    problems.push(`${where}: an enum needs distinct values 0..255`);
  }
  if (field.encoding !== 'enum' && field.values !== undefined) problems.push(`${where}: values are for enum fields only`);
  return problems;
}

/** [start, end, owner] of every byte range the profile uses. */
function ranges(profile: CardProfile): [number, number, string][] {
  return [
    [profile.header.offset, profile.header.offset + profile.header.magic.length + 1, 'header'],
    ...profile.fields.map((f): [number, number, string] => [f.offset, f.offset + f.length, f.name]),
    [profile.mac.offset, profile.mac.offset + profile.mac.length, 'mac'],
  ];
}

function placementProblems(profile: CardProfile): string[] {
  const problems: string[] = [];
  const sorted = ranges(profile).sort((a, b) => a[0] - b[0]);
  for (const [start, end, owner] of sorted) {
    if (!Number.isInteger(start) || start < PROTECTED_AREA_END || end > SLE4442_SIZE) problems.push(`${owner}: must lie in ${PROTECTED_AREA_END}..${SLE4442_SIZE - 1}`);
  }
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]![0] < sorted[i - 1]![1]) problems.push(`${sorted[i - 1]![2]} and ${sorted[i]![2]} overlap at ${sorted[i]![0]}`);
  }
  return problems;
}

function requiredProblems(profile: CardProfile): string[] {
  const problems: string[] = [];
  for (const [name, kind, writer, values] of REQUIRED_FIELDS) {
    const field = profile.fields.find((f) => f.name === name);
    if (!field) { problems.push(`field '${name}' is required`); continue; }
    if (field.encoding in KIND && KIND[field.encoding] !== kind) problems.push(`field '${name}' must be a ${kind} field`);
    if (field.writer !== writer) problems.push(`field '${name}' is written by the ${writer}`);
    for (const value of values ?? []) if (field.values?.[value] === undefined) problems.push(`field '${name}' needs the value '${value}'`);
  }
  const names = profile.fields.map((f) => f.name);
  if (new Set(names).size !== names.length) problems.push('a field name is used twice');
  return problems;
}

function macProblems(profile: CardProfile): string[] {
  const { mac } = profile;
  const problems: string[] = [];
  if (!Number.isInteger(mac.length) || mac.length < 4 || mac.length > 32) problems.push('mac.length must be 4..32 bytes');
  const byName = new Map(profile.fields.map((f) => [f.name, f]));
  for (const name of mac.covers) {
    if (name !== 'header' && !byName.has(name)) problems.push(`mac.covers: no field '${name}'`);
    if (byName.get(name)?.writer === 'meter') problems.push(`mac.covers: '${name}' is written by the meter, which has no key`);
  }
  const missing = ['header', ...profile.fields.filter((f) => f.writer === 'counter').map((f) => f.name)].filter((n) => !mac.covers.includes(n));
  if (missing.length > 0) problems.push(`mac.covers must include ${missing.join(', ')}`);
  return problems;
}

/** Problems with a profile (empty = valid). Use on profiles loaded from configuration before trusting them. */
export function validateCardProfile(profile: CardProfile): string[] {
  if (typeof profile !== 'object' || profile === null) return ['a profile must be an object'];
  const problems: string[] = [];
  if (typeof profile.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(profile.id)) problems.push('id must be lower-case words joined by -');
  if (!isByte(profile.version) || profile.version === 0) problems.push('version must be 1..255');
  if (profile.chip !== 'sle4442') problems.push('chip must be sle4442');
  if (typeof profile.header?.magic !== 'string' || !/^[\x20-\x7e]{1,8}$/.test(profile.header.magic)) return [...problems, 'header.magic must be 1..8 ASCII characters'];
  if (!Array.isArray(profile.fields) || typeof profile.mac !== 'object' || !Array.isArray(profile.mac?.covers)) return [...problems, 'fields and mac.covers must be arrays'];
  const fields = profile.fields.flatMap(fieldProblems);
  if (fields.length > 0) return [...problems, ...fields];
  return [...problems, ...placementProblems(profile), ...requiredProblems(profile), ...macProblems(profile)];
}

/** The byte span the counter writes (header to MAC, all counter fields): what a sale writes and verifies. */
export function counterSpan(profile: CardProfile): { address: number; length: number } {
  const owned = ranges(profile).filter(([, , owner]) => owner === 'header' || owner === 'mac' || profile.fields.find((f) => f.name === owner)?.writer === 'counter');
  const start = Math.min(...owned.map(([s]) => s));
  const end = Math.max(...owned.map(([, e]) => e));
  return { address: start, length: end - start };
}
