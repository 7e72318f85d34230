import { describe, expect, it } from 'vitest';
import { fen, units } from '../../../../shared/money';
import { blankMemory } from '../sim/sle4442-chip';
import { CardLayoutError, decodeCard, encodeCard, encodeWriteBack, findProfile, macValid } from './codec';
import type { CardContent } from './codec';
import { counterSpan, validateCardProfile } from './profile';
import type { CardProfile } from './profile';
import { HALLDESK_V1 } from './profiles';

const KEY = Buffer.from('hall-310101-secret-key-0123456789', 'utf8');
const OTHER_KEY = Buffer.from('another-hall-secret-key-987654321', 'utf8');
const CONTENT: CardContent = {
  cardType: 'user', hallCode: '31010100', meterNumber: '000012345678', customerNumber: '000000004711', cardNumber: 900001,
  purchase: { measure: 'fen', amount: fen(123_456) }, purchaseCount: 7,
};

function layoutError(work: () => unknown): CardLayoutError {
  try {
    work();
  } catch (error) {
    if (error instanceof CardLayoutError) return error;
    throw error;
  }
  throw new Error('expected a CardLayoutError');
}

describe('card layout profiles', () => {
  it('the built-in profile is valid and its counter span runs from the header to the MAC', () => {
    expect(validateCardProfile(HALLDESK_V1)).toEqual([]);
    expect(counterSpan(HALLDESK_V1)).toEqual({ address: 0x20, length: 0x30 });
  });

  it('rejects broken profiles with one sentence each', () => {
    const broken = (change: Partial<CardProfile>): string[] => validateCardProfile({ ...HALLDESK_V1, ...change });
    expect(broken({ version: 0 })).toContain('version must be 1..255');
    expect(broken({ header: { offset: 4, magic: 'HD' } })).toContain('header: must lie in 32..255');
    const fields = HALLDESK_V1.fields.map((f) => (f.name === 'purchase' ? { ...f, offset: 0x3e } : f));
    expect(broken({ fields }).join()).toMatch(/overlap/);
    expect(broken({ fields: HALLDESK_V1.fields.filter((f) => f.name !== 'purchaseCount') }).join()).toMatch(/'purchaseCount' is required/);
    expect(broken({ mac: { ...HALLDESK_V1.mac, covers: [...HALLDESK_V1.mac.covers, 'remaining'] } }).join()).toMatch(/written by the meter/);
    expect(broken({ mac: { ...HALLDESK_V1.mac, covers: HALLDESK_V1.mac.covers.filter((c) => c !== 'purchase') } }).join()).toMatch(/must include purchase/);
    const u16 = HALLDESK_V1.fields.map((f) => (f.name === 'cardNumber' ? { ...f, encoding: 'u16be' as const } : f));
    expect(broken({ fields: u16 }).join()).toMatch(/u16be is 2 byte/);
  });

  it('round-trips a card, keeps bytes outside the layout, and starts with an empty write-back area', () => {
    const base = blankMemory();
    const image = encodeCard(HALLDESK_V1, CONTENT, KEY, base);
    expect(image.subarray(0, 32)).toEqual(base.subarray(0, 32));
    expect(image.subarray(0x60)).toEqual(base.subarray(0x60));
    const decoded = decodeCard(image, KEY);
    expect(decoded).toMatchObject({ ...CONTENT, profileId: 'halldesk-v1', version: 1, macValid: true });
    const fresh = decodeCard(encodeCard(HALLDESK_V1, { ...CONTENT, purchase: { measure: 'units', amount: units(5000) } }, KEY), KEY);
    expect(fresh.writeBack).toEqual({ remaining: 0, totalEnergy: 0, meterStatus: 0, countLoaded: 0 });
    expect(fresh.purchase).toEqual({ measure: 'units', amount: 5000 });
  });

  it('the meter write-back does not break the MAC; any change to a covered byte does', () => {
    const image = encodeCard(HALLDESK_V1, CONTENT, KEY);
    const loaded = encodeWriteBack(HALLDESK_V1, image, { remaining: -250, totalEnergy: 987_654, meterStatus: 3, countLoaded: 7 });
    expect(decodeCard(loaded, KEY)).toMatchObject({ macValid: true, writeBack: { remaining: -250, totalEnergy: 987_654, meterStatus: 3, countLoaded: 7 } });
    const covered = [[0x20, 0x23], ...HALLDESK_V1.fields.filter((f) => f.writer === 'counter').map((f) => [f.offset, f.offset + f.length]), [0x48, 0x50]];
    for (const at of covered.flatMap(([from, to]) => Array.from({ length: to! - from! }, (_, i) => from! + i))) {
      const tampered = Uint8Array.from(image);
      tampered[at] = tampered[at]! ^ 0x01;
      const profile = findProfile(tampered);
      if (profile) expect(macValid(profile, tampered, KEY), `byte ${at}`).toBe(false);
    }
    expect(decodeCard(image, OTHER_KEY).macValid).toBe(false);
  });

  it('a forged purchase (amount raised, MAC kept) is detected', () => {
    const image = encodeCard(HALLDESK_V1, CONTENT, KEY);
    const forged = encodeCard(HALLDESK_V1, { ...CONTENT, purchase: { measure: 'fen', amount: fen(9_999_999) } }, OTHER_KEY, image);
    expect(decodeCard(forged, KEY).macValid).toBe(false);
  });

  it('unknown layout, bad values and short keys are clear errors', () => {
    expect(layoutError(() => decodeCard(blankMemory(), KEY)).code).toBe('unknown-layout');
    expect(layoutError(() => encodeCard(HALLDESK_V1, { ...CONTENT, meterNumber: '12345678901234' }, KEY)).message).toMatch(/meterNumber/);
    expect(layoutError(() => encodeCard(HALLDESK_V1, { ...CONTENT, purchaseCount: 70_000 }, KEY)).message).toMatch(/purchaseCount/);
    expect(layoutError(() => encodeCard(HALLDESK_V1, CONTENT, Buffer.from('short'))).message).toMatch(/at least 16 bytes/);
    expect(layoutError(() => decodeCard(new Uint8Array(10), KEY)).code).toBe('bad-image');
  });
});
