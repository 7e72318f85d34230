/**
 * Named card faults for the simulators and the vpcd virtual card (issue 6 item 1). Chip faults change the
 * chip (sle4442-chip.ts); slow and stuck change the line between the reader and the card.
 *
 *   removed-mid-write:N   the card leaves the reader after N more bytes are written (one shot)
 *   wrong-psc             every PSC is refused (the error counter runs down as on a real card)
 *   locked                error counter 0: readable, never writable
 *   readback-mismatch:A   a write to address A is acknowledged but not done
 *   slow:MS               every answer comes MS ms late
 *   stuck                 the card stops answering (until the fault is cleared or the card is removed)
 */
import type { Sle4442Chip } from './sle4442-chip';

export type CardFault =
  | { readonly kind: 'removed-mid-write'; readonly afterBytes: number }
  | { readonly kind: 'wrong-psc' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'readback-mismatch'; readonly address: number }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'stuck' };

export const CARD_FAULT_KINDS = ['removed-mid-write', 'wrong-psc', 'locked', 'readback-mismatch', 'slow', 'stuck'] as const;

/** The line between reader and card: what slow and stuck change. */
export interface LineFaults {
  delayMs: number;
  stuck: boolean;
}

export const cleanLine = (): LineFaults => ({ delayMs: 0, stuck: false });

/** Applies a fault to a chip and its line. */
export function applyCardFault(chip: Sle4442Chip, line: LineFaults, fault: CardFault): void {
  switch (fault.kind) {
    case 'removed-mid-write': chip.faults.removeAfterBytes = fault.afterBytes; break;
    case 'wrong-psc': chip.faults.refusePsc = true; break;
    case 'locked': chip.errorCounter = 0; break;
    case 'readback-mismatch': chip.faults.ignoredAddresses.add(fault.address); break;
    case 'slow': line.delayMs = fault.delayMs; break;
    case 'stuck': line.stuck = true; break;
  }
}

/** Clears every fault that can be cleared (a locked card stays locked, as a real one does). */
export function clearCardFaults(chip: Sle4442Chip, line: LineFaults): void {
  chip.faults.removeAfterBytes = null;
  chip.faults.refusePsc = false;
  chip.faults.ignoredAddresses.clear();
  line.delayMs = 0;
  line.stuck = false;
}

const whole = (text: string | undefined, what: string, max: number): number => {
  if (text === undefined || !/^\d{1,6}$/.test(text) || Number(text) > max) throw new Error(`${what} must be a whole number 0..${max}, got "${text ?? ''}"`);
  return Number(text);
};

/** "removed-mid-write:10", "readback-mismatch:40", "slow:300", "wrong-psc", "locked", "stuck". */
export function parseCardFault(text: string): CardFault {
  const [kind, argument] = text.split(':');
  switch (kind) {
    case 'removed-mid-write': return { kind, afterBytes: whole(argument, 'removed-mid-write:BYTES', 256) };
    case 'readback-mismatch': return { kind, address: whole(argument, 'readback-mismatch:ADDRESS', 255) };
    case 'slow': return { kind, delayMs: whole(argument, 'slow:MS', 600_000) };
    case 'wrong-psc': case 'locked': case 'stuck':
      if (argument !== undefined) throw new Error(`${kind} takes no argument`);
      return { kind };
    default: throw new Error(`unknown card fault "${kind ?? ''}"; one of ${CARD_FAULT_KINDS.join(', ')}`);
  }
}
