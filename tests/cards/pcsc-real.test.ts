/**
 * The real PC/SC driver through the real pcscd 1.9.9 and Debian's vpcd, with the TypeScript virtual SLE4442
 * card (pcsc.md). Every APDU costs ~44 ms here (pcsc.md §4), so the tests keep the exchanges few.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fen } from '../../shared/money';
import { main } from '../../electron/cli/main';
import { encodeCard } from '../../electron/hardware/cards/layout/codec';
import { counterSpan } from '../../electron/hardware/cards/layout/profile';
import { HALLDESK_V1 } from '../../electron/hardware/cards/layout/profiles';
import { isCardError, openForWriting, withCardSession } from '../../electron/hardware/cards/card-port';
import { VirtualCardChild } from '../../electron/hardware/cards/vpcd/card-child';
import { cardReady, startPcscStack, TEST_PSC, until } from './pcsc-stack';
import type { PcscStack } from './pcsc-stack';
import { failure } from '../support/failure';

let stack: PcscStack;
const memory = VirtualCardChild.memoryOf;
const data = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) & 0xff);

beforeAll(async () => {
  stack = await startPcscStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('PC/SC driver through pcscd + vpcd', () => {
  it('lists the vpcd readers through the name filter and reports the insertion', async () => {
    const readers = await stack.port.listReaders();
    expect(readers).toContain(stack.pcscd.readerName);
    expect(readers.every((r) => r.includes('ACR38'))).toBe(true);
    await until('card-inserted event', () => stack.events.some((e) => e.type === 'card-inserted' && e.reader === stack.pcscd.readerName) || null);
    expect(stack.events.find((e) => e.type === 'card-inserted')).toMatchObject({ atr: '3B04A2131091' });
  });

  it('selects, presents the PSC, writes and reads back; the next session needs the PSC again', async () => {
    const session = await openForWriting(stack.port, 'ACR38U 00 00', TEST_PSC);
    await session.writeVerified(40, data(64, 1));
    await session.close();
    expect(memory(await stack.card.state()).subarray(40, 104)).toEqual(data(64, 1));
    await withCardSession(stack.port, stack.pcscd.readerName, async (s) => {
      await s.selectCard();
      expect(await s.read(40, 64)).toEqual(data(64, 1));
      expect((await s.read(0, 256)).length).toBe(256);
      await expect(s.write(40, data(4, 9))).rejects.toThrow(/PSC presented/);
    });
  });

  it('a wrong PSC is reported with the tries left and not retried; a locked card is never presented to', async () => {
    const before = (await stack.card.applyFault({ kind: 'wrong-psc' })).counters.pscPresentations;
    await withCardSession(stack.port, undefined, async (s) => {
      await s.selectCard();
      const error = await failure(s.presentPsc(TEST_PSC));
      expect(isCardError(error, 'wrong-psc') && error.details.triesLeft).toBe(2);
      expect(isCardError(await failure(s.presentPsc(TEST_PSC)), 'wrong-psc')).toBe(true);
    });
    expect((await stack.card.state()).counters.pscPresentations - before).toBe(1);
    await stack.card.clearFaults();
    await stack.card.set({ errorCounter: 0 });
    const locked = await failure(openForWriting(stack.port, undefined, TEST_PSC));
    expect(isCardError(locked, 'locked')).toBe(true);
    expect((await stack.card.state()).counters.pscPresentations - before).toBe(1);
    await stack.card.set({ errorCounter: 7 });
  });

  it('a byte silently not written is a verify-mismatch', async () => {
    await stack.card.applyFault({ kind: 'readback-mismatch', address: 70 });
    const session = await openForWriting(stack.port, undefined, TEST_PSC);
    const error = await failure(session.writeVerified(64, data(16, 3)));
    await session.close();
    await stack.card.clearFaults();
    expect(isCardError(error, 'verify-mismatch') && error.details.address).toBe(70);
  });

  it('a card pulled mid-write: card-removed, the first bytes written, events, and it works once reinserted', async () => {
    const reader = stack.pcscd.readerName;
    const old = memory(await stack.card.applyFault({ kind: 'removed-mid-write', afterBytes: 40 }));
    const session = await openForWriting(stack.port, reader, TEST_PSC);
    expect(isCardError(await failure(session.write(128, data(96, 5))), 'card-removed')).toBe(true);
    await session.close();
    const after = memory(await stack.card.state());
    expect(after.subarray(128, 168)).toEqual(data(96, 5).subarray(0, 40));
    expect(after.subarray(168, 224)).toEqual(old.subarray(168, 224));
    await until('card-removed event', () => stack.events.some((e) => e.type === 'card-removed') || null);
    expect(isCardError(await failure(stack.port.openSession(reader)), 'no-card')).toBe(true);
    await stack.card.insert();
    await cardReady(stack.port, reader);
    const again = await openForWriting(stack.port, reader, TEST_PSC);
    await again.writeVerified(128, data(96, 5));
    await again.close();
    expect(stack.events.filter((e) => e.type === 'card-inserted').length).toBeGreaterThanOrEqual(2);
  });

  it('a stuck card times out without blocking the event loop', async () => {
    const reader = stack.pcscd.readerName;
    const session = await stack.port.openSession(reader, { timeouts: { exchangeMs: 600 } });
    await session.selectCard();
    await stack.card.applyFault({ kind: 'stuck' });
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 50);
    const started = Date.now();
    const error = await failure(session.readErrorCounter());
    clearInterval(ticker);
    expect(isCardError(error, 'timeout')).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ticks).toBeGreaterThanOrEqual(4);
    await session.close();
    await stack.card.remove();
    await stack.card.clearFaults();
    await stack.card.insert();
    await cardReady(stack.port, reader);
    await withCardSession(stack.port, reader, async (s) => { await s.selectCard(); expect(await s.readErrorCounter()).toBe(7); });
  });
});

const MAC_KEY_HEX = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const BIN = fileURLToPath(new URL('../../electron/cli/bin.mjs', import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => { out.push(String(line)); });
  const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => { err.push(String(line)); });
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('halldesk card … through pcscd', () => {
  it('card readers, card read (decoded with the MAC, --raw) of a card issued through the driver', async () => {
    const current = memory(await stack.card.state());
    const image = encodeCard(HALLDESK_V1, {
      cardType: 'user', hallCode: '31010100', meterNumber: '000012345678', customerNumber: '000000004711', cardNumber: 900002,
      purchase: { measure: 'fen', amount: fen(20_000) }, purchaseCount: 1,
    }, Buffer.from(MAC_KEY_HEX, 'hex'), current);
    const span = counterSpan(HALLDESK_V1);
    const session = await openForWriting(stack.port, stack.pcscd.readerName, TEST_PSC);
    await session.writeVerified(span.address, image.subarray(span.address, span.address + span.length));
    await session.close();
    const readers = await cli('card', 'readers', '--filter', 'ACR38');
    expect(readers).toMatchObject({ code: 0 });
    expect(readers.out.split('\n')).toContain(stack.pcscd.readerName);
    const decoded = await cli('card', 'read', '--reader', 'ACR38U 00 00', '--json', '--mac-key', MAC_KEY_HEX);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.out)).toMatchObject({ atr: '3B04A2131091', card: { cardNumber: 900002, purchaseCount: 1, macValid: true } });
    const raw = await cli('card', 'read', '--reader', 'ACR38U 00 00', '--raw');
    expect(raw.out).toHaveLength(512);
    const bad = await cli('card', 'read', '--reader', 'ACR38U 00 00', '--mac-key', MAC_KEY_HEX.replace('0f', 'ff'));
    expect(bad).toMatchObject({ code: 1, err: expect.stringMatching(/^card: bad-mac: /) });
    const missing = await cli('card', 'read', '--reader', 'NoSuchReader', '--raw');
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/^card: no-reader: /) });
  });

  it('`halldesk sim card` puts a virtual card in the second vpcd slot; an empty reader is "no-card"', async () => {
    const second = stack.pcscd.readerName.replace(/00 00$/, '00 01');
    const empty = await cli('card', 'read', '--reader', second, '--raw');
    expect(empty).toMatchObject({ code: 1, err: expect.stringMatching(/^card: no-card: /) });
    const child = spawn(process.execPath, [BIN, 'sim', 'card', '--port', String(stack.pcscd.port + 1), '--psc', 'A1B2C3'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      await until('the sim card in the reader', () => (out.includes('in the reader') ? true : null), 15_000);
      await cardReady(stack.port, second);
      const raw = await cli('card', 'read', '--reader', second, '--raw');
      expect(raw.code).toBe(0);
      expect(raw.out.slice(0, 8)).toBe('A2131091');
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 30_000);
});
