/** Why the sale cannot be confirmed yet, first reason first (and so which field to send the clerk to). */
import type { Tender } from '../money/input';
import type { ParsedRequest } from './request';
import type { SubmitPhase } from './useSaleSubmit';

export type Blocker = 'busy' | 'done' | 'offline' | 'no-shift' | 'no-meter' | 'amount' | 'quote-pending' | 'quote' | 'tender' | 'voucher' | 'cash-refused' | null;

export interface BlockerInput {
  readonly phase: SubmitPhase;
  readonly shiftOpen: boolean;
  readonly meterId: number | null;
  readonly parsed: ParsedRequest;
  readonly quotePending: boolean;
  readonly quoteOk: boolean;
  readonly tender: Tender | null;
  /** Paying by voucher with none chosen, or cash where only a voucher is accepted. */
  readonly payment?: 'voucher' | 'cash-refused' | null;
  /** The shared database server cannot be reached: no sale, not even a retry, until it is back (issue 8). */
  readonly offline?: boolean;
}

export function saleBlocker(s: BlockerInput): Blocker {
  if (s.phase === 'sending') return 'busy';
  if (s.phase === 'done') return 'done';
  if (s.offline) return 'offline';
  if (!s.shiftOpen) return 'no-shift';
  if (s.meterId === null) return 'no-meter';
  if (!s.parsed.ok) return 'amount';
  if (s.quotePending) return 'quote-pending';
  if (!s.quoteOk) return 'quote';
  if (s.payment) return s.payment;
  if (!s.tender?.ok) return 'tender';
  return null;
}
