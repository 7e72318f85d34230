/**
 * Which card reader this workstation uses (issue 6): the real PC/SC driver in the desktop app, the card-file
 * simulator in browser mode and demos (cards are files in <data>/cards; "inserting" one is choosing a file), or
 * a port a test hands in. The PC/SC port is created on first use, so a machine without the binding or
 * without pcscd still starts and card operations answer card-reader-not-available.
 */
import { existsSync, readdirSync } from 'node:fs';
import { makeFolder } from '../services/make-folder';
import { join } from 'node:path';
import { CARD_FILE_SUFFIX, FileCardReaders, PcscCardPort, createBlankCardFile } from '../hardware/cards';
import type { CardReaderPort } from '../hardware/cards';

export type CardReaderChoice = CardReaderPort | 'pcsc' | 'files';

export const DEMO_READER = 'HallDesk 模拟读卡器';
const DEMO_BLANK_CARDS = 5;

export interface CardReaderHandle {
  readonly source: () => CardReaderPort | null;
  /** The card-file simulator when that is the choice (the demo card strip drives it), else null. */
  readonly files: FileCardReaders | null;
  close(): Promise<void>;
}

/** A data folder's card files: created with a few blank cards the first time. */
export function demoCardFolder(dataDir: string): string {
  const folder = join(dataDir, 'cards');
  makeFolder(folder);
  if (!readdirSync(folder).some((name) => name.endsWith(CARD_FILE_SUFFIX))) {
    for (let i = 1; i <= DEMO_BLANK_CARDS; i++) createBlankCardFile(join(folder, `blank-${String(i).padStart(2, '0')}${CARD_FILE_SUFFIX}`));
  }
  return folder;
}

export function openCardReader(choice: CardReaderChoice | undefined, dataDir: string, log: (error: unknown) => void): CardReaderHandle {
  if (choice === undefined) return { source: () => null, files: null, close: async () => undefined };
  if (choice === 'files') {
    const files = new FileCardReaders(demoCardFolder(dataDir), { readers: [DEMO_READER] });
    return { source: () => files, files, close: () => files.close() };
  }
  if (choice !== 'pcsc') return { source: () => choice, files: null, close: () => choice.close() };
  let port: PcscCardPort | null | undefined;
  return {
    source: () => {
      if (port === undefined) {
        try {
          port = new PcscCardPort();
        } catch (error) {
          log(error);
          port = null;
        }
      }
      return port;
    },
    files: null,
    close: async () => { if (port) await port.close(); },
  };
}

export const cardFileExists = (folder: string, name: string): boolean => existsSync(join(folder, name));
