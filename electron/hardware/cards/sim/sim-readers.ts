/**
 * The in-memory card reader simulator: readers you add, cards (Sle4442Chip) you insert and remove, and the
 * named faults of faults.ts. It is a CardReaderPort, so services and tests use it exactly as the PC/SC driver;
 * sessions go through ApduCardSession, so the timeout and PSC rules are the real ones.
 *
 * Each session powers the card up afresh (the PSC is forgotten), as pcscd does with an idle card (pcsc.md §4).
 */
import { ApduCardSession } from '../apdu-session';
import type { ApduChannel } from '../apdu-session';
import { CardError, chooseReader } from '../card-port';
import type { CardEvent, CardReaderPort, CardSession, OpenSessionOptions } from '../card-port';
import { hex } from '../sle4442';
import { applyCardFault, cleanLine, clearCardFaults } from './faults';
import type { CardFault, LineFaults } from './faults';
import { Sle4442Chip } from './sle4442-chip';
import type { ChipState } from './sle4442-chip';

export interface SimCard {
  readonly chip: Sle4442Chip;
  readonly line: LineFaults;
  /** What demo mode shows for the card (its file name). */
  readonly label: string;
}

export function simCard(state: Partial<ChipState> = {}, label = 'card'): SimCard {
  return { chip: new Sle4442Chip(state), line: cleanLine(), label };
}

interface Slot {
  card: SimCard | null;
  /** Bumped on every insert and remove: a session belongs to one insertion. */
  generation: number;
  /** Transmits parked by a stuck card; released (as removed) when the card leaves. */
  parked: Array<(error: CardError) => void>;
}

export interface SimulatedReadersOptions {
  readonly readers?: readonly string[];
  /** Only readers whose name contains this are listed (as the PC/SC driver's filter). */
  readonly nameFilter?: string;
  /** Called after every exchange that reached a chip (the file simulator saves the card here). */
  readonly onExchange?: (reader: string, card: SimCard) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

export class SimulatedCardReaders implements CardReaderPort {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<(event: CardEvent) => void>();

  constructor(private readonly options: SimulatedReadersOptions = {}) {
    for (const name of options.readers ?? ['Simulated ACR38U 00 00']) this.addReader(name);
  }

  private emit(event: CardEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private slot(reader: string): Slot {
    const slot = this.slots.get(reader);
    if (!slot) throw new CardError('no-reader', `no reader named "${reader}"`);
    return slot;
  }

  private visible(name: string): boolean {
    return this.options.nameFilter === undefined || name.includes(this.options.nameFilter);
  }

  addReader(name: string): void {
    if (this.slots.has(name)) return;
    this.slots.set(name, { card: null, generation: 0, parked: [] });
    if (this.visible(name)) this.emit({ type: 'reader-added', reader: name });
  }

  removeReader(name: string): void {
    if (!this.slots.has(name)) return;
    this.remove(name);
    this.slots.delete(name);
    if (this.visible(name)) this.emit({ type: 'reader-removed', reader: name });
  }

  insert(reader: string, card: SimCard): void {
    const slot = this.slot(reader);
    if (slot.card) this.remove(reader);
    slot.card = card;
    slot.generation++;
    card.chip.powerCycle();
    if (this.visible(reader)) this.emit({ type: 'card-inserted', reader, atr: hex(card.chip.atr) });
  }

  /** Takes the card out; sessions on it fail with 'card-removed' from their next exchange on. */
  remove(reader: string): SimCard | null {
    const slot = this.slot(reader);
    const card = slot.card;
    if (!card) return null;
    slot.card = null;
    slot.generation++;
    for (const release of slot.parked.splice(0)) release(new CardError('card-removed', `the card was removed from "${reader}"`));
    if (this.visible(reader)) this.emit({ type: 'card-removed', reader });
    return card;
  }

  cardIn(reader: string): SimCard | null {
    return this.slot(reader).card;
  }

  applyFault(reader: string, fault: CardFault): void {
    const card = this.cardIn(reader);
    if (!card) throw new CardError('no-card', `no card in "${reader}"`);
    applyCardFault(card.chip, card.line, fault);
  }

  clearFaults(reader: string): void {
    const card = this.cardIn(reader);
    if (card) clearCardFaults(card.chip, card.line);
  }

  async listReaders(): Promise<string[]> {
    return [...this.slots.keys()].filter((name) => this.visible(name));
  }

  watch(listener: (event: CardEvent) => void): () => void {
    for (const [reader, slot] of this.slots) {
      if (!this.visible(reader)) continue;
      listener({ type: 'reader-added', reader });
      if (slot.card) listener({ type: 'card-inserted', reader, atr: hex(slot.card.chip.atr) });
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async openSession(reader?: string, options: OpenSessionOptions = {}): Promise<CardSession> {
    const name = chooseReader(await this.listReaders(), reader);
    const slot = this.slot(name);
    const card = slot.card;
    if (!card) throw new CardError('no-card', `no card in "${name}"`);
    card.chip.powerCycle();
    return new ApduCardSession(name, hex(card.chip.atr), this.channel(name, slot, card, slot.generation), options.timeouts);
  }

  private channel(reader: string, slot: Slot, card: SimCard, generation: number): ApduChannel {
    const gone = (): CardError => new CardError('card-removed', `the card was removed from "${reader}"`);
    return {
      transmit: async (apdu) => {
        if (slot.generation !== generation) throw gone();
        if (card.line.stuck) await new Promise<never>((_, reject) => slot.parked.push(reject));
        if (card.line.delayMs > 0) await sleep(card.line.delayMs);
        if (slot.generation !== generation) throw gone();
        const answer = card.chip.execute(apdu);
        this.options.onExchange?.(reader, card);
        if ('removed' in answer) {
          this.remove(reader);
          throw gone();
        }
        return answer.reply;
      },
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
