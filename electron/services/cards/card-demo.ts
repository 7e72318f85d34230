/**
 * The card-file simulator's controls for browser mode and demos: which card files exist, which one is "in"
 * the simulated reader, inserting another or none, adding a blank card. Only where the backend runs on card
 * files (electron/main/card-reader.ts); elsewhere every call is refused with card-demo-only.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CARD_FILE_SUFFIX, createBlankCardFile } from '../../hardware/cards';
import type { FileCardReaders } from '../../hardware/cards';
import { DomainError } from '../../domain/errors';
import type { CardDemoView } from '../../../shared/contract/card-views';

export function createCardDemo(files: FileCardReaders | null, reader: string) {
  const need = (): FileCardReaders => {
    if (!files) throw new DomainError('card-demo-only');
    return files;
  };
  const view = (): CardDemoView => {
    const f = need();
    const inReader = f.cardIn(reader)?.label ?? null;
    return { reader, files: f.cardFiles().map((name) => ({ name, inReader: name === inReader })) };
  };
  return {
    files: async (): Promise<CardDemoView> => view(),
    async insert(file: string | null): Promise<CardDemoView> {
      const f = need();
      if (file === null) f.remove(reader);
      else {
        if (!f.cardFiles().includes(file)) throw new DomainError('not-found', { what: file });
        f.insertFile(reader, file);
      }
      return view();
    },
    async newBlank(): Promise<CardDemoView> {
      const f = need();
      const name = `blank-${String(f.cardFiles().length + 1).padStart(2, '0')}-${randomUUID().slice(0, 8)}${CARD_FILE_SUFFIX}`;
      createBlankCardFile(join(f.folder, name));
      return view();
    },
  };
}
