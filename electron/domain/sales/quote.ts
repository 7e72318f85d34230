import { fen, units, subFen, maxFen, addFen, ZERO_FEN, ZERO_UNITS } from '../../../shared/money';
import type { Fen, Units } from '../../../shared/money';
import { priceUnits, unitsForMoney, currentTier } from '../tariffs/tariff';
import type { TariffTier, TierSegment } from '../tariffs/tariff';
import type { CreditKind } from '../../../shared/vocabulary';
import { DomainError } from '../errors';

/** What the customer asks for: an amount of money, or a number of units (0.01 kWh / m³). */
export type SaleRequest = { readonly mode: 'money'; readonly amount: Fen } | { readonly mode: 'units'; readonly units: Units };

/** Everything a quote depends on, read before the sale. */
export interface QuoteContext {
  readonly creditKind: CreditKind;
  readonly tiers: readonly TariffTier[];
  readonly unitStep: number;
  /** Units bought so far in the tier period (year or month). */
  readonly unitsToDate: Units;
  /** Money the hall holds for this meter: remainders of earlier sales (rule R2), or the whole balance of a hall-kept meter. */
  readonly creditBefore: Fen;
  /** Last known remaining on the meter: units for energy meters, fen for money meters. */
  readonly meterRemaining: number;
  /** What the meter has lent (透支), in the same unit as meterRemaining; the meter takes it back first. */
  readonly meterOverdraft: number;
  /** 囤积上限, in the meter's unit; null when the meter has none. */
  readonly creditCap: number | null;
}

export interface Quote {
  readonly creditKind: CreditKind;
  /** Money the customer pays now. */
  readonly payable: Fen;
  /** Revenue recognised by this sale (energy: the units' charge; money: all of it; hall: nothing yet). */
  readonly charge: Fen;
  /** Units written to the meter (energy), or the estimate the money buys at today's tiers (money). */
  readonly units: Units;
  readonly unitsAreEstimate: boolean;
  readonly segments: readonly TierSegment[];
  readonly tierBefore: number;
  readonly creditBefore: Fen;
  readonly creditAfter: Fen;
  /** What is written to the card or meter: units (energy) or fen (money); 0 for hall-kept meters. */
  readonly creditedToMeter: number;
  readonly overdraftRecovered: number;
  readonly meterRemainingAfter: number;
}

function energyQuote(ctx: QuoteContext, request: SaleRequest) {
  if (request.mode === 'money') {
    const available = addFen(request.amount, ctx.creditBefore);
    const priced = unitsForMoney(ctx.tiers, ctx.unitsToDate, available, ctx.unitStep);
    return { payable: request.amount, priced, creditAfter: subFen(available, priced.charge) };
  }
  if (request.units % ctx.unitStep !== 0) throw new DomainError('units-not-on-step', { step: ctx.unitStep });
  const priced = priceUnits(ctx.tiers, ctx.unitsToDate, request.units);
  const payable = maxFen(ZERO_FEN, subFen(priced.charge, ctx.creditBefore));
  return { payable, priced, creditAfter: subFen(addFen(ctx.creditBefore, payable), priced.charge) };
}

function moneyQuote(ctx: QuoteContext, request: SaleRequest) {
  const payable = request.mode === 'money' ? request.amount : priceUnits(ctx.tiers, ctx.unitsToDate, request.units).charge;
  const estimate = unitsForMoney(ctx.tiers, ctx.unitsToDate, payable, 1);
  return { payable, priced: { ...estimate, charge: payable }, creditAfter: ctx.creditBefore };
}

function hallQuote(ctx: QuoteContext, request: SaleRequest) {
  if (request.mode !== 'money') throw new DomainError('hall-meter-sells-money-only');
  const priced = { units: ZERO_UNITS, segments: [] as TierSegment[], charge: ZERO_FEN };
  return { payable: request.amount, priced, creditAfter: addFen(ctx.creditBefore, request.amount) };
}

const QUOTERS = { energy: energyQuote, money: moneyQuote, hall: hallQuote } as const;

/**
 * Prices a sale without writing anything. Throws DomainError for requests the meter would reject:
 * nothing to credit, or a credit past the meter's cap (囤积上限) — refused before anything is written.
 */
export function quoteSale(ctx: QuoteContext, request: SaleRequest): Quote {
  const { payable, priced, creditAfter } = QUOTERS[ctx.creditKind](ctx, request);
  const creditedToMeter = ctx.creditKind === 'energy' ? priced.units : ctx.creditKind === 'money' ? payable : 0;
  // A sale must put something on the meter (or, for a hall-kept meter, into its balance): money too
  // small for one unit step is refused at the counter rather than silently parked as credit.
  if (ctx.creditKind === 'hall' ? payable <= 0 : creditedToMeter <= 0) throw new DomainError('amount-buys-nothing');
  const overdraftRecovered = Math.min(ctx.meterOverdraft, creditedToMeter);
  const meterRemainingAfter = ctx.meterRemaining + creditedToMeter - overdraftRecovered;
  if (ctx.creditCap !== null && ctx.creditKind !== 'hall' && meterRemainingAfter > ctx.creditCap) {
    throw new DomainError('credit-cap-exceeded', { cap: ctx.creditCap, remaining: ctx.meterRemaining });
  }
  return {
    creditKind: ctx.creditKind,
    payable: fen(payable),
    charge: ctx.creditKind === 'hall' ? ZERO_FEN : priced.charge,
    units: units(priced.units),
    unitsAreEstimate: ctx.creditKind === 'money',
    segments: priced.segments,
    tierBefore: currentTier(ctx.tiers, ctx.unitsToDate),
    creditBefore: ctx.creditBefore,
    creditAfter,
    creditedToMeter,
    overdraftRecovered,
    meterRemainingAfter,
  };
}
