/**
 * A year of counter sales, priced exactly as the sales service prices them: the tariff version in
 * force on the Beijing business date, units-to-date of the account's tier period, the meter's held
 * credit, remaining and cap go into quoteSale, and each sale's state carries into the next. Between
 * purchases a meter's remaining drops as if consumed (what the card read-back would show).
 */
import { DomainError } from '../domain/errors';
import { quoteSale } from '../domain/sales/quote';
import type { Quote, SaleRequest } from '../domain/sales/quote';
import { versionInForce } from '../domain/tariffs/tariff';
import type { TariffVersion } from '../domain/tariffs/tariff';
import { periodKey } from '../domain/time/business-time';
import { fen, units } from '../../shared/money';
import type { MeterProfile } from './hall';
import type { Prng } from './prng';
import type { DemoTariffRef } from './setup';

export interface SimMeter {
  readonly id: number;
  readonly accountId: number;
  readonly profile: MeterProfile;
  readonly tariff: DemoTariffRef;
  /** A usual purchase, in fen: the year's consumption at the first tier price over the purchases expected. */
  readonly usualFen: number;
  remaining: number;
  credit: number;
}

export interface SimSale {
  readonly meter: SimMeter;
  readonly at: Date;
  readonly date: string;
  readonly period: string;
  readonly version: TariffVersion;
  readonly request: SaleRequest;
  readonly tendered: number;
  readonly quote: Quote;
}

export function simMeter(id: number, accountId: number, profile: MeterProfile, tariff: DemoTariffRef, purchasesPerYear: number): SimMeter {
  const firstPrice = tariff.versions[0]!.tiers[0]!.price;
  const usualFen = Math.round((profile.annualUnits * firstPrice) / 10000 / Math.max(1, purchasesPerYear));
  return { id, accountId, profile, tariff, usualFen, remaining: 0, credit: 0 };
}

/** Cash handed over: the exact amount, or the next 10, 50 or 100 yuan note. */
function tenderFor(rng: Prng, payable: number): number {
  const step = rng.pick([0, 1000, 5000, 10000]);
  return step === 0 ? payable : Math.ceil(payable / step) * step;
}

export class SalesSimulator {
  /** Units bought per tier period: `${accountId}|${utility}|${periodKey}` → units (energy sales only). */
  readonly unitsToDate = new Map<string, number>();

  constructor(private readonly rng: Prng) {}

  private request(meter: SimMeter, version: TariffVersion): SaleRequest {
    const { rng } = this;
    const amount = Math.max(2000, Math.round((meter.usualFen * (0.6 + rng.next() * 0.8)) / 1000) * 1000);
    if (meter.profile.creditKind !== 'energy' || !rng.chance(0.2)) return { mode: 'money', amount: fen(amount) };
    const perUnit = version.tiers[0]!.price;
    return { mode: 'units', units: units(Math.max(1000, Math.round((amount * 10000) / perUnit / 1000) * 1000)) };
  }

  private quote(meter: SimMeter, version: TariffVersion, key: string, request: SaleRequest): Quote {
    return quoteSale({
      creditKind: meter.profile.creditKind, tiers: version.tiers, unitStep: meter.profile.unitStep,
      unitsToDate: units(this.unitsToDate.get(key) ?? 0), creditBefore: fen(meter.credit), meterRemaining: meter.remaining,
      meterOverdraft: 0, creditCap: meter.profile.creditCap,
    }, request);
  }

  /** One sale on `meter` at `at` (business date `date`), or null when the meter takes nothing now. */
  sell(meter: SimMeter, at: Date, date: string): SimSale | null {
    const version = versionInForce(meter.tariff.versions, date);
    if (!version) return null;
    const period = periodKey(version.period, date);
    const key = `${meter.accountId}|${meter.profile.utility}|${period}`;
    meter.remaining = Math.floor(meter.remaining * this.rng.next() * 0.3);
    let request = this.request(meter, version);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      try {
        const quote = this.quote(meter, version, key, request);
        return this.apply({ meter, at, date, period, version, request, tendered: tenderFor(this.rng, quote.payable), quote }, key);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Over the cap: the card read-back shows the meter nearly empty; too small: the customer pays more.
        if (error.code === 'credit-cap-exceeded') meter.remaining = 0;
        else if (error.code === 'amount-buys-nothing') request = { mode: 'money', amount: fen(20000) };
        else throw error;
      }
    }
    return null;
  }

  private apply(sale: SimSale, key: string): SimSale {
    const { meter, quote } = sale;
    meter.credit = quote.creditAfter;
    meter.remaining = quote.meterRemainingAfter;
    // Only energy sales move the tier, as in the sales service.
    if (meter.profile.creditKind === 'energy') this.unitsToDate.set(key, (this.unitsToDate.get(key) ?? 0) + quote.units);
    return sale;
  }
}
