import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCardError, openForWriting } from '../card-port';
import { createBlankCardFile, FileCardReaders, readCardFile, writeCardFile } from './file-cards';
import { blankMemory } from './sle4442-chip';

const PSC = Uint8Array.of(0xa1, 0xb2, 0xc3);
const READER = 'Demo reader';
let dir: string;

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'halldesk-cards-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('file cards (demo mode)', () => {
  it('a card is a file: inserting it and writing saves the file at once', async () => {
    createBlankCardFile(join(dir, 'meter-1.card.json'), PSC);
    createBlankCardFile(join(dir, 'meter-2.card.json'), PSC);
    const readers = new FileCardReaders(dir, { readers: [READER] });
    expect(readers.cardFiles()).toEqual(['meter-1.card.json', 'meter-2.card.json']);
    readers.insertFile(READER, 'meter-2.card.json');
    const session = await openForWriting(readers, READER, PSC);
    await session.writeVerified(0x20, Uint8Array.of(1, 2, 3, 4));
    await session.close();
    expect(readCardFile(join(dir, 'meter-2.card.json')).state.memory.subarray(0x20, 0x24)).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(readCardFile(join(dir, 'meter-1.card.json')).state.memory).toEqual(blankMemory());
  });

  it('a card pulled mid-write stays half-written on disk; faults can live in the file', async () => {
    const path = join(dir, 'pulled.card.json');
    writeCardFile(path, { memory: blankMemory(), psc: PSC, errorCounter: 7 }, ['removed-mid-write:10']);
    const readers = new FileCardReaders(dir, { readers: [READER] });
    readers.insertFile(READER, 'pulled.card.json');
    const session = await openForWriting(readers, READER, PSC);
    await expect(session.write(0x40, new Uint8Array(64).fill(0x55))).rejects.toSatisfy((e: unknown) => isCardError(e, 'card-removed'));
    const memory = readCardFile(path).state.memory;
    expect(memory.subarray(0x40, 0x4a)).toEqual(new Uint8Array(10).fill(0x55));
    expect(memory[0x4a]).toBe(0xff);
  });

  it('a wrong PSC spends a try in the file too; a broken file is one clear error', async () => {
    createBlankCardFile(join(dir, 'c.card.json'), PSC);
    const readers = new FileCardReaders(dir, { readers: [READER] });
    readers.insertFile(READER, 'c.card.json');
    await expect(openForWriting(readers, READER, Uint8Array.of(0, 0, 0))).rejects.toSatisfy((e: unknown) => isCardError(e, 'wrong-psc'));
    expect(readCardFile(join(dir, 'c.card.json')).state.errorCounter).toBe(3);
    writeFileSync(join(dir, 'bad.card.json'), JSON.stringify({ format: 'halldesk-sim-card/1', psc: 'FFFFFF', errorCounter: 7, memory: 'ab' }));
    expect(() => readers.insertFile(READER, 'bad.card.json')).toThrow(/memory must be 256 bytes of hex/);
  });
});
