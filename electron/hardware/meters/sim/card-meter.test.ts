import { describe, expect, it } from 'vitest';
import { fen, units } from '../../../../shared/money';
import { decodeCard, encodeCard } from '../../cards/layout/codec';
import type { CardContent } from '../../cards/layout/codec';
import { HALLDESK_V1 } from '../../cards/layout/profiles';
import { insertCardImage } from './card-meter';
import { ManualClock } from './clock';
import { ElectricityMeter } from './electricity-meter';

const KEY = Buffer.from('hall-31010100-card-mac-key-000001', 'utf8');
const ADDRESS = '000012345678';

function meter(purchaseCount = 4, remaining = 1000): ElectricityMeter {
  return new ElectricityMeter({ address: ADDRESS, clock: new ManualClock(), remaining, purchaseCount });
}

function card(purchaseCount: number, amount = 5000, change: Partial<CardContent> = {}): Uint8Array {
  return encodeCard(HALLDESK_V1, {
    cardType: 'user', hallCode: '31010100', meterNumber: ADDRESS, customerNumber: '000000004711', cardNumber: 900001,
    purchase: { measure: 'fen', amount: fen(amount) }, purchaseCount, ...change,
  }, KEY);
}

describe('card meters in the simulator', () => {
  it('card with count + 1: the balance rises exactly once; inserted again: nothing, only the write-back', () => {
    const m = meter();
    const first = insertCardImage(m, card(5), { macKey: KEY });
    expect(first).toMatchObject({ outcome: 'credited', remaining: 6000, purchaseCount: 5 });
    const written = decodeCard(first.image, KEY);
    expect(written.macValid).toBe(true);
    expect(written.writeBack).toMatchObject({ remaining: 6000, countLoaded: 5, totalEnergy: m.state().totalEnergy });
    const again = insertCardImage(m, first.image, { macKey: KEY });
    expect(again).toMatchObject({ outcome: 'already-loaded', remaining: 6000, purchaseCount: 5 });
    expect(m.state().remaining).toBe(6000);
  });

  it('a check card collects the meter\'s data and credits nothing', () => {
    const m = meter(4, 1000);
    const result = insertCardImage(m, card(0, 0, { cardType: 'check' }), { macKey: KEY });
    expect(result).toMatchObject({ outcome: 'checked', remaining: 1000, purchaseCount: 4 });
    expect(decodeCard(result.image, KEY).writeBack).toMatchObject({ remaining: 1000, countLoaded: 4 });
    expect(m.state().remaining).toBe(1000);
  });

  it('a gap of two or more is an error and the card is left as it was', () => {
    const m = meter();
    const image = card(6);
    const result = insertCardImage(m, image, { macKey: KEY });
    expect(result).toMatchObject({ outcome: 'count-gap', remaining: 1000, purchaseCount: 4 });
    expect(result.image).toEqual(image);
  });

  it('a stale card is written back with the meter\'s state and credits nothing', () => {
    const m = meter();
    const result = insertCardImage(m, card(3));
    expect(result.outcome).toBe('stale-card');
    expect(decodeCard(result.image, KEY).writeBack.countLoaded).toBe(4);
  });

  it('refuses forged cards, other meters\' cards, check cards and the wrong measure', () => {
    const m = meter();
    const forged = card(5);
    forged[0x3c + 1] = 0x7f;
    expect(insertCardImage(m, forged, { macKey: KEY }).outcome).toBe('bad-mac');
    expect(insertCardImage(m, card(5, 5000, { meterNumber: '000099999999' })).outcome).toBe('wrong-meter');
    expect(insertCardImage(m, card(5, 5000, { cardType: 'setting' })).outcome).toBe('not-a-user-card');
    expect(insertCardImage(m, card(5, 5000, { purchase: { measure: 'units', amount: units(100) } })).outcome).toBe('wrong-measure');
    expect(insertCardImage(m, new Uint8Array(256)).outcome).toBe('unknown-layout');
    expect(m.state().remaining).toBe(1000);
  });
});
