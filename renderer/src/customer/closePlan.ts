/**
 * 销户 (account close) arithmetic: what each active meter gives back. The held credit (meter.credit) is
 * refunded as it stands; the residual is what the clerk reads off the meter, typed in yuan (the backend
 * caps it per meter). All in integer fen; a blank residual means nothing left on the meter.
 */
import type { AccountView, MeterView } from '../../../shared/contract/views';
import { parseCashInput } from '../money/input';
import type { InputProblem } from '../money/input';

export interface Residual {
  readonly meterId: number;
  readonly refund: number;
}

export type ClosePlan =
  | { readonly ok: true; readonly held: number; readonly residuals: readonly Residual[]; readonly total: number }
  | { readonly ok: false; readonly meterId: number; readonly problem: Exclude<InputProblem, 'empty' | 'zero'> };

/** The meters the close removes (and refunds): the account's active ones. */
export function closableMeters(account: AccountView): MeterView[] {
  return account.meters.filter((meter) => meter.status === 'active');
}

/** A hall-kept meter's whole balance is held credit: nothing to read off it. */
export function takesResidual(meter: MeterView): boolean {
  return meter.creditKind !== 'hall';
}

/** Σ held credit of the meters. */
export function heldCredit(meters: readonly MeterView[]): number {
  return meters.reduce((sum, meter) => sum + meter.credit, 0);
}

/** A meter still owes what it lent (透支): the account cannot close until a sale recovers it. */
export function hasOverdraft(meters: readonly MeterView[]): boolean {
  return meters.some((meter) => meter.overdraft > 0);
}

/** One residual text → fen; blank is 0. */
function residualOf(text: string | undefined): { ok: true; value: number } | { ok: false; problem: 'format' | 'too-large' } {
  const parsed = parseCashInput(text ?? '');
  if (parsed.ok) return { ok: true, value: parsed.value };
  if (parsed.problem === 'empty' || parsed.problem === 'zero') return { ok: true, value: 0 };
  return { ok: false, problem: parsed.problem };
}

/**
 * The refund: Σ held credit + Σ residuals. Residuals of 0 are left out of the request (the backend
 * reads a missing meter as 0); the first unreadable text names its meter.
 */
export function closePlan(meters: readonly MeterView[], texts: Readonly<Record<number, string>>): ClosePlan {
  const residuals: Residual[] = [];
  for (const meter of meters) {
    if (!takesResidual(meter)) continue;
    const residual = residualOf(texts[meter.id]);
    if (!residual.ok) return { ok: false, meterId: meter.id, problem: residual.problem };
    if (residual.value > 0) residuals.push({ meterId: meter.id, refund: residual.value });
  }
  const held = heldCredit(meters);
  const total = residuals.reduce((sum, r) => sum + r.refund, held);
  return { ok: true, held, residuals, total };
}
