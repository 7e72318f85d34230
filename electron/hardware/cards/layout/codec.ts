/**
 * Encode and decode a 256-byte card image by its profile (profile.ts), and its MAC: truncated HMAC-SHA256
 * keyed by the hall's secret over the covered fields, so a forged or altered card is detected. The key and
 * the PSC come from the key store (../key-store.ts), never from a plain configuration file.
 *
 * Amounts: the purchase is integer fen or 0.01 units (the purchaseMeasure field says which; shared/money
 * brands them); the meter's remaining amount is in the same measure, signed (overdraft); total energy 0.01.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fen, units } from '../../../../shared/money';
import type { Fen, Units } from '../../../../shared/money';
import { SLE4442_SIZE } from '../sle4442';
import { BUILT_IN_PROFILES } from './profiles';
import { REQUIRED_FIELDS } from './profile';
import type { CardProfile, LayoutField } from './profile';

export type CardType = 'user' | 'check' | 'setting';
export type CardPurchase = { readonly measure: 'fen'; readonly amount: Fen } | { readonly measure: 'units'; readonly amount: Units };

/** What the counter writes. */
export interface CardContent {
  readonly cardType: CardType;
  readonly hallCode: string;
  readonly meterNumber: string;
  readonly customerNumber: string;
  readonly cardNumber: number;
  readonly purchase: CardPurchase;
  readonly purchaseCount: number;
}

/** What the meter writes back (remaining in the purchase's measure, signed; total energy in 0.01). */
export interface WriteBack {
  readonly remaining: number;
  readonly totalEnergy: number;
  readonly meterStatus: number;
  readonly countLoaded: number;
}

export interface DecodedCard extends CardContent {
  readonly profileId: string;
  readonly version: number;
  readonly writeBack: WriteBack;
  /** False: forged, altered, written with another hall's key, or half-written. */
  readonly macValid: boolean;
  /** Fields the profile has beyond the required ones. */
  readonly extra: Readonly<Record<string, number | string>>;
}

export type CardLayoutErrorCode = 'unknown-layout' | 'bad-value' | 'bad-image';

export class CardLayoutError extends Error {
  override name = 'CardLayoutError';
  constructor(readonly code: CardLayoutErrorCode, message: string) {
    super(message);
  }
}

const MIN_MAC_KEY = 16;

function checkImage(image: Uint8Array): void {
  if (image.length !== SLE4442_SIZE) throw new CardLayoutError('bad-image', `a card image is ${SLE4442_SIZE} bytes, got ${image.length}`);
}

function field(profile: CardProfile, name: string): LayoutField {
  const found = profile.fields.find((f) => f.name === name);
  if (!found) throw new CardLayoutError('bad-value', `profile ${profile.id} has no field '${name}'`);
  return found;
}

function readField(image: Uint8Array, f: LayoutField): number | string {
  const view = Buffer.from(image.buffer, image.byteOffset + f.offset, f.length);
  switch (f.encoding) {
    case 'u8': return view.readUInt8(0);
    case 'u16be': return view.readUInt16BE(0);
    case 'u16le': return view.readUInt16LE(0);
    case 'u32be': return view.readUInt32BE(0);
    case 'u32le': return view.readUInt32LE(0);
    case 'i32be': return view.readInt32BE(0);
    case 'bcd': return view.toString('hex');
    case 'ascii': return view.toString('latin1').replace(/\0+$/, '');
    case 'enum': {
      const name = Object.entries(f.values ?? {}).find(([, code]) => code === view[0])?.[0];
      if (name === undefined) throw new CardLayoutError('bad-value', `field '${f.name}' holds ${view[0]}, not one of its values`);
      return name;
    }
  }
}

const NUMBER_RANGE: Partial<Record<LayoutField['encoding'], [number, number]>> = {
  u8: [0, 0xff], u16be: [0, 0xffff], u16le: [0, 0xffff], u32be: [0, 0xffffffff], u32le: [0, 0xffffffff], i32be: [-0x80000000, 0x7fffffff],
};

function writeField(image: Uint8Array, f: LayoutField, value: number | string): void {
  const bad = (why: string): never => { throw new CardLayoutError('bad-value', `field '${f.name}': ${why}`); };
  const view = Buffer.from(image.buffer, image.byteOffset + f.offset, f.length);
  const range = NUMBER_RANGE[f.encoding];
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) bad(`${String(value)} is not a whole number ${range[0]}..${range[1]}`);
    const n = value as number;
    const writers = { u8: () => view.writeUInt8(n), u16be: () => view.writeUInt16BE(n), u16le: () => view.writeUInt16LE(n), u32be: () => view.writeUInt32BE(n), u32le: () => view.writeUInt32LE(n), i32be: () => view.writeInt32BE(n) };
    writers[f.encoding as keyof typeof writers]();
    return;
  }
  if (typeof value !== 'string') return bad('expects text');
  if (f.encoding === 'bcd') {
    if (!/^\d+$/.test(value) || value.length > f.length * 2) bad(`"${value}" is not up to ${f.length * 2} digits`);
    view.set(Buffer.from(value.padStart(f.length * 2, '0'), 'hex'));
  } else if (f.encoding === 'ascii') {
    if (!/^[\x20-\x7e]*$/.test(value) || value.length > f.length) bad(`"${value}" is not up to ${f.length} ASCII characters`);
    view.fill(0).write(value, 'latin1');
  } else {
    const code = f.values?.[value];
    if (code === undefined) bad(`"${value}" is not one of ${Object.keys(f.values ?? {}).join(', ')}`);
    view[0] = code!;
  }
}

function headerBytes(profile: CardProfile): Uint8Array {
  return Uint8Array.of(...Buffer.from(profile.header.magic, 'latin1'), profile.version);
}

/** The profile whose header (magic and version) the image carries, or null. */
export function findProfile(image: Uint8Array, profiles: readonly CardProfile[] = BUILT_IN_PROFILES): CardProfile | null {
  checkImage(image);
  return profiles.find((p) => {
    const header = headerBytes(p);
    return header.every((b, i) => image[p.header.offset + i] === b);
  }) ?? null;
}

export function computeMac(profile: CardProfile, image: Uint8Array, key: Uint8Array): Uint8Array {
  if (key.length < MIN_MAC_KEY) throw new CardLayoutError('bad-value', `the card MAC key must be at least ${MIN_MAC_KEY} bytes`);
  const hmac = createHmac('sha256', key);
  for (const name of profile.mac.covers) {
    if (name === 'header') hmac.update(image.subarray(profile.header.offset, profile.header.offset + profile.header.magic.length + 1));
    else { const f = field(profile, name); hmac.update(image.subarray(f.offset, f.offset + f.length)); }
  }
  return Uint8Array.from(hmac.digest().subarray(0, profile.mac.length));
}

export function macValid(profile: CardProfile, image: Uint8Array, key: Uint8Array): boolean {
  const stored = image.subarray(profile.mac.offset, profile.mac.offset + profile.mac.length);
  return timingSafeEqual(Buffer.from(stored), Buffer.from(computeMac(profile, image, key)));
}

function purchaseOf(measure: string, amount: number): CardPurchase {
  return measure === 'fen' ? { measure: 'fen', amount: fen(amount) } : { measure: 'units', amount: units(amount) };
}

const REQUIRED = new Set(REQUIRED_FIELDS.map(([name]) => name));

/** Decodes an image by the profile its header names; 'unknown-layout' when no profile matches. */
export function decodeCard(image: Uint8Array, macKey: Uint8Array, profiles: readonly CardProfile[] = BUILT_IN_PROFILES): DecodedCard {
  const profile = findProfile(image, profiles);
  if (!profile) throw new CardLayoutError('unknown-layout', 'the card does not carry a known layout header (blank, foreign or damaged card)');
  const get = (name: string): number | string => readField(image, field(profile, name));
  const num = (name: string): number => get(name) as number;
  const extra = Object.fromEntries(profile.fields.filter((f) => !REQUIRED.has(f.name)).map((f) => [f.name, readField(image, f)]));
  return {
    profileId: profile.id, version: profile.version,
    cardType: get('cardType') as CardType, hallCode: get('hallCode') as string, meterNumber: get('meterNumber') as string,
    customerNumber: get('customerNumber') as string, cardNumber: num('cardNumber'),
    purchase: purchaseOf(get('purchaseMeasure') as string, num('purchase')), purchaseCount: num('purchaseCount'),
    writeBack: { remaining: num('remaining'), totalEnergy: num('totalEnergy'), meterStatus: num('meterStatus'), countLoaded: num('countLoaded') },
    macValid: macValid(profile, image, macKey), extra,
  };
}

/**
 * The image with the counter's fields and a fresh MAC written over `base` (the card as read; default: zeros
 * in the layout, so a new card starts with an empty write-back area). Bytes outside the layout are kept.
 */
export function encodeCard(profile: CardProfile, content: CardContent, macKey: Uint8Array, base?: Uint8Array): Uint8Array {
  const image = base ? Uint8Array.from(base) : new Uint8Array(SLE4442_SIZE);
  checkImage(image);
  image.set(headerBytes(profile), profile.header.offset);
  const values: Record<string, number | string> = {
    cardType: content.cardType, hallCode: content.hallCode, meterNumber: content.meterNumber, customerNumber: content.customerNumber,
    cardNumber: content.cardNumber, purchaseMeasure: content.purchase.measure, purchase: content.purchase.amount, purchaseCount: content.purchaseCount,
  };
  for (const [name, value] of Object.entries(values)) writeField(image, field(profile, name), value);
  image.set(computeMac(profile, image, macKey), profile.mac.offset);
  return image;
}

/** The image with the meter's write-back area set (what a meter does; the MAC is not touched). */
export function encodeWriteBack(profile: CardProfile, image: Uint8Array, writeBack: WriteBack): Uint8Array {
  checkImage(image);
  const out = Uint8Array.from(image);
  for (const [name, value] of Object.entries(writeBack)) writeField(out, field(profile, name), value as number);
  return out;
}
