/**
 * An SLE4442 behind an ACR38, as a state machine answering the pseudo-APDUs of sle4442.ts. One model serves
 * the in-memory simulator, the file cards of demo mode and the vpcd virtual card, so they all behave alike.
 *
 * Chip facts (hardware.md §4.1): 256 bytes; reads are free; writes are silently ignored until the PSC is
 * accepted; each presentation spends one error-counter bit first and a right PSC restores 07; at 00 the card
 * is locked. My choices, not ACR38 facts (pcsc.md §2): 6985 before the card type is selected, 6D00 for an
 * unknown instruction, a 4-byte FF B1 answer.
 *
 * Chip-level faults (the transport-level ones — slow, stuck — are in faults.ts):
 *   removed-mid-write after N bytes, wrong PSC (refuses any PSC), locked, read-back mismatch (a byte silently
 *   not written).
 */
import { FULL_ERROR_COUNTER, PSC_LENGTH, SLE4442_ATR, SLE4442_SIZE } from '../sle4442';

export interface ChipState {
  readonly memory: Uint8Array;
  readonly psc: Uint8Array;
  readonly errorCounter: number;
}

export interface ChipFaults {
  /** The next writes stop after this many bytes in all, then the card leaves the reader (one shot). */
  removeAfterBytes: number | null;
  /** Any PSC is refused (as if the card had another one). */
  refusePsc: boolean;
  /** Writes to these addresses are acknowledged but not done (read-back mismatch). */
  readonly ignoredAddresses: Set<number>;
}

export type ChipAnswer = { readonly reply: Uint8Array } | { readonly removed: true };

const sw = (code: number): Uint8Array => Uint8Array.of(code >> 8, code & 0xff);
const withSw = (data: Uint8Array, code = 0x9000): Uint8Array => Uint8Array.of(...data, code >> 8, code & 0xff);

/** A blank card: the manufacturer's ATR bytes at 0..3, the rest FF (erased EEPROM). */
export function blankMemory(): Uint8Array {
  const memory = new Uint8Array(SLE4442_SIZE).fill(0xff);
  memory.set(SLE4442_ATR.subarray(2), 0);
  return memory;
}

export const DEFAULT_PSC = Uint8Array.of(0xff, 0xff, 0xff);

export class Sle4442Chip {
  readonly memory: Uint8Array;
  psc: Uint8Array;
  errorCounter: number;
  readonly faults: ChipFaults = { removeAfterBytes: null, refusePsc: false, ignoredAddresses: new Set() };
  private selected = false;
  private unlocked = false;
  /** Exchanges answered, and write APDUs seen (tests assert the driver never retries a PSC). */
  readonly counters = { apdus: 0, pscPresentations: 0, writes: 0 };

  constructor(state: Partial<ChipState> = {}) {
    this.memory = state.memory ? Uint8Array.from(state.memory) : blankMemory();
    if (this.memory.length !== SLE4442_SIZE) throw new RangeError(`an SLE4442 holds ${SLE4442_SIZE} bytes, got ${this.memory.length}`);
    this.psc = Uint8Array.from(state.psc ?? DEFAULT_PSC);
    if (this.psc.length !== PSC_LENGTH) throw new RangeError(`an SLE4442 PSC is ${PSC_LENGTH} bytes`);
    this.errorCounter = state.errorCounter ?? FULL_ERROR_COUNTER;
  }

  get atr(): Uint8Array {
    return SLE4442_ATR;
  }

  state(): ChipState {
    return { memory: Uint8Array.from(this.memory), psc: Uint8Array.from(this.psc), errorCounter: this.errorCounter };
  }

  /** Power on, off or reset: the PSC must be presented again and the card type selected again. */
  powerCycle(): void {
    this.selected = false;
    this.unlocked = false;
  }

  execute(apdu: Uint8Array): ChipAnswer {
    this.counters.apdus++;
    if (apdu.length < 5 || apdu[0] !== 0xff) return { reply: sw(0x6e00) };
    const ins = apdu[1]!;
    if (ins === 0xa4) return this.select(apdu);
    if (!this.selected) return { reply: sw(0x6985) };
    switch (ins) {
      case 0xb0: return { reply: this.read(apdu[3]!, apdu[4]! === 0 ? SLE4442_SIZE : apdu[4]!) };
      case 0xd0: return this.write(apdu[3]!, apdu.subarray(5, 5 + apdu[4]!));
      case 0x20: return { reply: this.present(apdu.subarray(5, 5 + PSC_LENGTH)) };
      case 0xb1: return { reply: withSw(Uint8Array.of(this.errorCounter, ...(this.unlocked ? this.psc : [0, 0, 0]))) };
      default: return { reply: sw(0x6d00) };
    }
  }

  private select(apdu: Uint8Array): ChipAnswer {
    const ok = apdu.length === 6 && apdu[4] === 0x01 && apdu[5] === 0x06;
    if (ok) this.selected = true;
    return { reply: sw(ok ? 0x9000 : 0x6a81) };
  }

  private read(address: number, length: number): Uint8Array {
    if (address + length > SLE4442_SIZE) return sw(0x6a82);
    return withSw(this.memory.subarray(address, address + length));
  }

  private write(address: number, data: Uint8Array): ChipAnswer {
    this.counters.writes++;
    if (address + data.length > SLE4442_SIZE) return { reply: sw(0x6a82) };
    // A locked or not-yet-unlocked chip ignores writes and the reader still says 9000 (pcsc.md §2).
    if (!this.unlocked) return { reply: sw(0x9000) };
    const limit = this.faults.removeAfterBytes;
    const count = limit === null ? data.length : Math.min(limit, data.length);
    for (let i = 0; i < count; i++) {
      if (!this.faults.ignoredAddresses.has(address + i)) this.memory[address + i] = data[i]!;
    }
    if (limit !== null) {
      if (limit <= data.length) {
        this.faults.removeAfterBytes = null;
        this.powerCycle();
        return { removed: true };
      }
      this.faults.removeAfterBytes = limit - data.length;
    }
    return { reply: sw(0x9000) };
  }

  private present(candidate: Uint8Array): Uint8Array {
    this.counters.pscPresentations++;
    if (this.errorCounter === 0) return Uint8Array.of(0x90, 0x00);
    // The chip spends a try before comparing, so pulling the card mid-check cannot give free tries.
    // 07 → 03 → 01 → 00, as the card in pcsc.md §2 counts down.
    this.errorCounter &= ~(1 << (31 - Math.clz32(this.errorCounter)));
    const right = !this.faults.refusePsc && candidate.length === PSC_LENGTH && candidate.every((b, i) => b === this.psc[i]);
    if (right) {
      this.errorCounter = FULL_ERROR_COUNTER;
      this.unlocked = true;
    }
    return Uint8Array.of(0x90, this.errorCounter);
  }
}
