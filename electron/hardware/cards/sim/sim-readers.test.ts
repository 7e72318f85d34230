import { describe, expect, it } from 'vitest';
import { isCardError, openForWriting, withCardSession } from '../card-port';
import type { CardEvent } from '../card-port';
import { SimulatedCardReaders, simCard } from './sim-readers';
import { failure } from '../../../../tests/support/failure';

const PSC = Uint8Array.of(0x12, 0x34, 0x56);
const READER = 'Simulated ACR38U 00 00';
const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

function setup(errorCounter = 7) {
  const readers = new SimulatedCardReaders();
  const card = simCard({ psc: PSC, errorCounter });
  readers.insert(READER, card);
  return { readers, card };
}

describe('simulated SLE4442 readers', () => {
  it('selects, presents the PSC, writes and reads back', async () => {
    const { readers, card } = setup();
    const session = await openForWriting(readers, undefined, PSC);
    expect(session.atr).toBe('3B04A2131091');
    await session.writeVerified(32, bytes(100));
    expect(await session.read(32, 100)).toEqual(bytes(100));
    expect(await session.readErrorCounter()).toBe(7);
    await session.close();
    expect(card.chip.memory.subarray(32, 132)).toEqual(bytes(100));
  });

  it('needs the PSC in every session: a new session starts locked for writes', async () => {
    const { readers } = setup();
    await withCardSession(readers, READER, async (s) => { await s.selectCard(); await s.presentPsc(PSC); });
    await withCardSession(readers, READER, async (s) => {
      await s.selectCard();
      await expect(s.write(32, bytes(4))).rejects.toThrow(/PSC presented/);
    });
  });

  it('wrong PSC: reported with the tries left and never retried', async () => {
    const { readers, card } = setup();
    readers.applyFault(READER, { kind: 'wrong-psc' });
    const session = await readers.openSession();
    await session.selectCard();
    const error = await failure(session.presentPsc(PSC));
    expect(isCardError(error, 'wrong-psc') && error.details.triesLeft).toBe(2);
    expect(isCardError(await failure(session.presentPsc(PSC)), 'wrong-psc')).toBe(true);
    expect(card.chip.counters.pscPresentations).toBe(1);
    expect(card.chip.errorCounter).toBe(3);
  });

  it('locked card: reported, readable, never presented to', async () => {
    const { readers, card } = setup();
    readers.applyFault(READER, { kind: 'locked' });
    const session = await readers.openSession();
    await session.selectCard();
    expect(isCardError(await failure(session.presentPsc(PSC)), 'locked')).toBe(true);
    expect(card.chip.counters.pscPresentations).toBe(0);
    expect((await session.read(0, 4)).length).toBe(4);
  });

  it('refuses to spend the last PSC try unless allowed', async () => {
    const { readers, card } = setup(0x01);
    const session = await readers.openSession();
    await session.selectCard();
    const error = await failure(session.presentPsc(PSC));
    expect(isCardError(error, 'locked') && error.details.triesLeft).toBe(1);
    expect(card.chip.counters.pscPresentations).toBe(0);
    expect(await session.presentPsc(PSC, { allowLastTry: true })).toEqual({ errorCounter: 7 });
  });

  it('card removed mid-write: the first bytes are on the card, the session reports card-removed', async () => {
    const { readers, card } = setup();
    const events: CardEvent[] = [];
    readers.watch((e) => events.push(e));
    readers.applyFault(READER, { kind: 'removed-mid-write', afterBytes: 40 });
    const session = await openForWriting(readers, READER, PSC);
    const before = card.chip.state().memory;
    expect(isCardError(await failure(session.write(32, bytes(100))), 'card-removed')).toBe(true);
    expect(card.chip.memory.subarray(32, 72)).toEqual(bytes(100).subarray(0, 40));
    expect(card.chip.memory.subarray(72, 132)).toEqual(before.subarray(72, 132));
    expect(isCardError(await failure(session.read(32, 4)), 'card-removed')).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['reader-added', 'card-inserted', 'card-removed']);
    expect(isCardError(await failure(readers.openSession(READER)), 'no-card')).toBe(true);
  });

  it('read-back mismatch: a byte silently not written is caught by writeVerified', async () => {
    const { readers } = setup();
    readers.applyFault(READER, { kind: 'readback-mismatch', address: 50 });
    const session = await openForWriting(readers, READER, PSC);
    const error = await failure(session.writeVerified(32, bytes(64)));
    expect(isCardError(error, 'verify-mismatch') && error.details.address).toBe(50);
  });

  it('slow card within the timeout works; a stuck card times out and the session is dead', async () => {
    const { readers } = setup();
    readers.applyFault(READER, { kind: 'slow', delayMs: 30 });
    await withCardSession(readers, READER, async (s) => { await s.selectCard(); }, { timeouts: { exchangeMs: 500 } });
    readers.applyFault(READER, { kind: 'stuck' });
    const session = await readers.openSession(READER, { timeouts: { exchangeMs: 150 } });
    const started = Date.now();
    expect(isCardError(await failure(session.selectCard()), 'timeout')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    readers.clearFaults(READER);
    expect(isCardError(await failure(session.readErrorCounter()), 'timeout')).toBe(true);
    await session.close();
    readers.remove(READER);
  });

  it('no reader, no card, reader name filter', async () => {
    const empty = new SimulatedCardReaders({ readers: [] });
    expect(isCardError(await failure(empty.openSession()), 'no-reader')).toBe(true);
    const filtered = new SimulatedCardReaders({ readers: ['Foo Reader 0', 'ACS ACR38U 00 00'], nameFilter: 'ACR38' });
    expect(await filtered.listReaders()).toEqual(['ACS ACR38U 00 00']);
    expect(isCardError(await failure(filtered.openSession('ACR38')), 'no-card')).toBe(true);
    expect(isCardError(await failure(filtered.openSession('Foo')), 'no-reader')).toBe(true);
  });
});
