/**
 * Cards in contract tests: a backend on a simulated reader (the same ApduCardSession code as the PC/SC driver),
 * blank cards, the hall's MAC key, and a simulated card meter to insert a card into (issue 6 item 5).
 */
import { expect } from 'vitest';
import { SimulatedCardReaders, decodeCard, simCard } from '../../electron/hardware/cards';
import type { DecodedCard, SimCard } from '../../electron/hardware/cards';
import { insertCardImage } from '../../electron/hardware/meters/sim/card-meter';
import type { CardInsertResult } from '../../electron/hardware/meters/sim/card-meter';
import { ElectricityMeter } from '../../electron/hardware/meters/sim/electricity-meter';
import { ManualClock } from '../../electron/hardware/meters/sim/clock';
import { databaseKeyStore } from '../../electron/services/cards/card-keys';
import { verifyBooks } from '../../electron/db/verify';
import { buildBackend } from './backend';
import type { Fixture } from './backend';

export const READER = 'ACS ACR38U 00 00';

export interface CardKit {
  readonly fx: Fixture;
  readonly readers: SimulatedCardReaders;
  /** Puts a new blank card in the reader (taking out whatever was there) and answers it. */
  blank(): SimCard;
  /** Puts `card` (back) in the reader. */
  insert(card: SimCard): void;
  remove(): void;
  macKey(): Promise<Uint8Array>;
  decode(card: SimCard): Promise<DecodedCard>;
  /** A card meter of a new account (money or energy), its address all digits as a card layout needs. */
  cardMeter(kind: 'money' | 'energy'): Promise<{ meterId: number; address: string }>;
  /** Inserts the card into a simulated meter and writes the meter's write-back onto the card, as a real meter does. */
  intoMeter(card: SimCard, meter: ElectricityMeter): Promise<CardInsertResult>;
  simMeter(address: string, creditKind: 'money' | 'energy', purchaseCount?: number): ElectricityMeter;
  /** db verify passes and every ledger transaction sums to zero. */
  expectBooksWhole(): Promise<void>;
}

let addressSerial = 0;

export async function buildCardKit(at?: string): Promise<CardKit> {
  const readers = new SimulatedCardReaders({ readers: [READER] });
  const fx = await buildBackend({ cardReader: readers, cardsRequired: true, ...(at ? { at } : {}) });
  const macKey = async () => (await databaseKeyStore(fx.backend.database.db).secretsFor('')).macKey;
  const insert = (card: SimCard) => {
    readers.remove(READER);
    readers.insert(READER, card);
  };
  return {
    fx, readers, macKey, insert,
    blank: () => {
      const card = simCard({}, 'blank');
      insert(card);
      return card;
    },
    remove: () => { readers.remove(READER); },
    decode: async (card) => decodeCard(card.chip.state().memory, await macKey()),
    async cardMeter(kind) {
      const address = String(900_000_000 + ++addressSerial).padStart(12, '0');
      const account = await fx.openAccount([fx.newMeter(kind, { commAddress: address, cardNo: null })]);
      return { meterId: account.meters[0]!.id, address };
    },
    simMeter: (address, creditKind, purchaseCount = 0) => new ElectricityMeter({ address, clock: new ManualClock(), remaining: 0, purchaseCount, creditKind }),
    async intoMeter(card, meter) {
      const result = insertCardImage(meter, card.chip.state().memory, { macKey: await macKey() });
      card.chip.memory.set(result.image);
      return result;
    },
    async expectBooksWhole() {
      expect((await verifyBooks(fx.backend.database.db)).filter((c) => !c.ok)).toEqual([]);
      expect(await fx.sql.all('select txn_ref, sum(amount_fen) as s from ledger_entries group by txn_ref having sum(amount_fen) <> 0')).toEqual([]);
    },
  };
}
