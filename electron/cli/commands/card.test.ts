import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fen } from '../../../shared/money';
import { encodeCard } from '../../hardware/cards/layout/codec';
import { HALLDESK_V1 } from '../../hardware/cards/layout/profiles';
import { createBlankCardFile, readCardFile, writeCardFile } from '../../hardware/cards/sim/file-cards';
import { blankMemory } from '../../hardware/cards/sim/sle4442-chip';
import { main } from '../main';
import { buildBackend } from '../../../tests/support/backend';
import { DEMO_READER } from '../../main/card-reader';

const KEY_HEX = '00112233445566778899aabbccddeeff';
const KEY = Buffer.from(KEY_HEX, 'hex');

let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'halldesk-card-cli-'));
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => { out.push(String(line)); });
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => { err.push(String(line)); });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function issued(name: string, key = KEY): void {
  const image = encodeCard(HALLDESK_V1, {
    cardType: 'user', hallCode: '31010100', meterNumber: '000012345678', customerNumber: '4711', cardNumber: 900001,
    purchase: { measure: 'fen', amount: fen(12_345) }, purchaseCount: 3,
  }, key, blankMemory());
  writeCardFile(join(dir, name), { memory: image, psc: Uint8Array.of(0xff, 0xff, 0xff), errorCounter: 7 });
}

const read = (...args: string[]): Promise<number> => main(['card', 'read', '--cards', dir, ...args]);

describe('halldesk card read (demo-mode card files)', () => {
  it("checks the MAC with the hall's own key when run on its data folder", async () => {
    const fx = await buildBackend({ cardReader: 'files', cardsRequired: true });
    const account = await fx.openAccount([fx.newMeter('money', { commAddress: '000055550001', cardNo: null })]);
    fx.backend.cardFiles!.insertFile(DEMO_READER, 'blank-01.card.json');
    const card = await fx.ok('cards.issue', { meterId: account.meters[0]!.id }, fx.sessions.clerk1);
    await fx.backend.close();
    try {
      expect(await main(['card', 'read', '--data', fx.dataDir, '--cards', join(fx.dataDir, 'cards'), '--card', 'blank-01.card.json', '--json'])).toBe(0);
      expect(JSON.parse(out[0]!)).toMatchObject({ card: { cardNumber: Number(card.cardNo), macValid: true, purchaseCount: 0 } });
    } finally {
      rmSync(fx.dataDir, { recursive: true, force: true });
    }
  });

  it('prints the decoded card with the MAC checked, as text and JSON', async () => {
    issued('a.card.json');
    expect(await read('--card', 'a.card.json', '--mac-key', KEY_HEX)).toBe(0);
    expect(out.join('\n')).toMatch(/purchase\s+123\.45 yuan/);
    expect(out.join('\n')).toMatch(/MAC\s+ok/);
    out.length = 0;
    expect(await read('--card', 'a.card.json', '--json', '--mac-key', KEY_HEX)).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ reader: 'Demo card reader', card: { purchaseCount: 3, macValid: true, customerNumber: '000000004711' } });
  });

  it('--raw prints the 256 bytes as hex, no key needed', async () => {
    createBlankCardFile(join(dir, 'blank.card.json'));
    expect(await read('--card', 'blank.card.json', '--raw')).toBe(0);
    expect(out[0]).toBe(readCardFile(join(dir, 'blank.card.json')).state.memory.reduce((s, b) => s + b.toString(16).padStart(2, '0').toUpperCase(), ''));
  });

  it('one-line errors: unknown layout, bad MAC, missing key; exit codes 1 and 2', async () => {
    createBlankCardFile(join(dir, 'blank.card.json'));
    expect(await read('--card', 'blank.card.json', '--mac-key', KEY_HEX)).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^card: unknown-layout: /)]);
    issued('forged.card.json', Buffer.from('ffeeddccbbaa99887766554433221100', 'hex'));
    err.length = 0;
    expect(await read('--card', 'forged.card.json', '--mac-key', KEY_HEX)).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^card: bad-mac: /)]);
    const saved = process.env.HALLDESK_CARD_MAC_KEY;
    delete process.env.HALLDESK_CARD_MAC_KEY;
    err.length = 0;
    expect(await read('--card', 'forged.card.json')).toBe(2);
    expect(err[0]).toMatch(/--mac-key HEX or set HALLDESK_CARD_MAC_KEY/);
    if (saved !== undefined) process.env.HALLDESK_CARD_MAC_KEY = saved;
    expect(JSON.parse(readFileSync(join(dir, 'forged.card.json'), 'utf8'))).toMatchObject({ format: 'halldesk-sim-card/1' });
  });
});
