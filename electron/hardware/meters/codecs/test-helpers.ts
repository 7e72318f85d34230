/** Test helpers: hex fixtures and the "only ProtocolError" assertion used by the fuzz tests. */
import fc from 'fast-check';
import { ProtocolError } from '../meter-port';
import type { FrameLength } from '../meter-port';

export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** Runs `fn`; anything thrown other than a ProtocolError fails the property. */
export function onlyProtocolErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
  }
}

/** Expects `fn` to throw a ProtocolError with `code`; returns it. */
export function protocolError(fn: () => unknown, code: string): ProtocolError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolError && error.code === code) return error;
    throw new Error(`expected ProtocolError('${code}'), got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected ProtocolError('${code}'), nothing was thrown`);
}

/** A DDSY1352 poll block (0x0200 × 48) laid out per hardware.md §1.3. */
export function pollBlock(values: { total?: number; remaining?: number; purchaseCount?: number; status?: number } = {}): number[] {
  const regs = new Array<number>(48).fill(0);
  const u32 = (reg: number, v: number): void => { regs[reg - 0x200] = Math.floor(v / 0x10000); regs[reg - 0x200 + 1] = v % 0x10000; };
  regs[0] = 7; regs[1] = 2205; regs[4] = 512; regs[10] = 0xfffe;
  u32(0x0215, values.total ?? 1234567);
  u32(0x021f, values.remaining ?? 98765);
  regs[0x21] = values.purchaseCount ?? 3;
  regs[0x24] = values.status ?? 0x2028; // relay L1 closed, prepaid enabled, arrears
  return regs;
}

/** A copy of `bytes` with byte `at` (negative: from the end) XOR-ed with `mask`. */
export function flip(bytes: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const copy = bytes.slice();
  const index = at < 0 ? copy.length + at : at;
  copy[index] = (copy[index] ?? 0) ^ mask;
  return copy;
}

/** The fuzz property of a frame-length function: only ProtocolErrors, and never a length beyond the bytes seen. */
export function frameLengthIsSafe(frameLength: FrameLength, data: Uint8Array): void {
  onlyProtocolErrors(() => {
    const n = frameLength(data);
    if (n !== null && n > data.length) throw new Error(`frame length ${n} claims more than the ${data.length} bytes seen`);
  });
}

/** Fuzz input for a decoder: random bytes, or a valid frame with up to four bytes changed and cut anywhere. */
export function fuzzFrames(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const mutated = fc.tuple(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat(valid.length)).map(([edits, cut]) => {
    const frame = valid.slice(0, cut);
    for (const [at, value] of edits) if (at < frame.length) frame[at] = value;
    return frame;
  });
  return fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated);
}
