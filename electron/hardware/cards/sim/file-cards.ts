/**
 * Demo mode's cards: a folder of card files, one JSON file per card; "insert" = choose a file. Every exchange
 * that reaches the chip is saved back at once (write to a temporary file, then rename), so a card pulled out
 * mid-write stays half-written on disk exactly as a real one would.
 *
 * File format (`<name>.card.json`):
 *   { "format": "halldesk-sim-card/1", "psc": "FFFFFF", "errorCounter": 7, "memory": "<256 bytes as hex>",
 *     "faults": ["slow:300"] }   — faults optional, applied at each insertion (faults.ts names)
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { hex, PSC_LENGTH, SLE4442_SIZE } from '../sle4442';
import { applyCardFault, parseCardFault } from './faults';
import { blankMemory, DEFAULT_PSC } from './sle4442-chip';
import type { ChipState } from './sle4442-chip';
import { SimulatedCardReaders, simCard } from './sim-readers';
import type { SimCard, SimulatedReadersOptions } from './sim-readers';

export const CARD_FILE_FORMAT = 'halldesk-sim-card/1';
export const CARD_FILE_SUFFIX = '.card.json';

interface CardFile {
  readonly format: string;
  readonly psc: string;
  readonly errorCounter: number;
  readonly memory: string;
  readonly faults?: readonly string[];
}

function bytesOf(text: unknown, length: number, what: string, path: string): Uint8Array {
  if (typeof text !== 'string' || !new RegExp(`^[0-9a-fA-F]{${length * 2}}$`).test(text)) {
    throw new Error(`${path}: ${what} must be ${length} bytes of hex`);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** Reads and checks a card file; a bad file is one clear error naming the file and the field. */
export function readCardFile(path: string): { state: ChipState; faults: string[] } {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<CardFile>;
  if (raw.format !== CARD_FILE_FORMAT) throw new Error(`${path}: not a card file (format must be "${CARD_FILE_FORMAT}")`);
  const errorCounter = raw.errorCounter;
  if (!Number.isInteger(errorCounter) || errorCounter! < 0 || errorCounter! > 7) throw new Error(`${path}: errorCounter must be 0..7`);
  const faults = raw.faults ?? [];
  for (const fault of faults) parseCardFault(fault);
  return {
    state: { psc: bytesOf(raw.psc, PSC_LENGTH, 'psc', path), errorCounter: errorCounter!, memory: bytesOf(raw.memory, SLE4442_SIZE, 'memory', path) },
    faults: [...faults],
  };
}

export function writeCardFile(path: string, state: ChipState, faults: readonly string[] = []): void {
  const file: CardFile = { format: CARD_FILE_FORMAT, psc: hex(state.psc), errorCounter: state.errorCounter, memory: hex(state.memory), ...(faults.length ? { faults } : {}) };
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(temporary, path);
}

/** A blank card file (default PSC FF FF FF unless given): demo mode's "new card from the box". */
export function createBlankCardFile(path: string, psc: Uint8Array = DEFAULT_PSC): void {
  writeCardFile(path, { memory: blankMemory(), psc, errorCounter: 7 });
}

const saved = new WeakMap<SimCard, { path: string; faults: string[] }>();

/** SimulatedCardReaders whose cards are files in `folder`. */
export class FileCardReaders extends SimulatedCardReaders {
  constructor(readonly folder: string, options: Omit<SimulatedReadersOptions, 'onExchange'> = {}) {
    super({
      ...options,
      onExchange: (_reader, card) => {
        const file = saved.get(card);
        if (file) writeCardFile(file.path, card.chip.state(), file.faults);
      },
    });
  }

  /** Card file names in the folder, sorted. */
  cardFiles(): string[] {
    return readdirSync(this.folder).filter((name) => name.endsWith(CARD_FILE_SUFFIX)).sort();
  }

  /** "Inserts" the card kept in `fileName` (a name inside the folder) into `reader`. */
  insertFile(reader: string, fileName: string): SimCard {
    const path = join(this.folder, basename(fileName));
    const { state, faults } = readCardFile(path);
    const card = simCard(state, basename(fileName));
    for (const fault of faults) applyCardFault(card.chip, card.line, parseCardFault(fault));
    saved.set(card, { path, faults });
    this.insert(reader, card);
    return card;
  }
}
