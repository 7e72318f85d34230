/**
 * A simulated prepaid electricity meter (Acrel DDSY1352 single-phase / DTSY1352 three-phase): energy that
 * advances with a load profile, a remaining amount that falls with it at the time-of-use price (money meters)
 * or by the energy itself (energy meters), purchases under the purchase-count rule, the relay (forced control,
 * keep-power, auto-trip below zero) and the status word of hardware.md §1.3.
 * Time comes only from the injected clock: every read first brings the state up to clock.now().
 */
import type { SimClock } from './clock';
import { integrate, loadProfile } from './load-profile';
import type { LoadProfile } from './load-profile';
import { noiseAt, hashSeed } from './noise';
import { judgePurchase } from './purchase';
import type { PurchaseResult } from './purchase';

export type ElectricityModel = 'DDSY1352' | 'DTSY1352';
export type Tariff = 'spike' | 'peak' | 'flat' | 'valley';
export type ForcedControl = 'none' | 'trip' | 'close';
export const TARIFFS: readonly Tariff[] = ['spike', 'peak', 'flat', 'valley'];

export interface ElectricityMeterOptions {
  /** Decimal digits: the Modbus unit id ("1") or the DL/T 645 address ("000000000001"). */
  readonly address: string;
  readonly clock: SimClock;
  readonly model?: ElectricityModel;
  readonly seed?: string | number;
  /** Peak of the daily curve, W (default 3000). */
  readonly peakPowerW?: number;
  /** Money meters count fen; energy meters count 0.01 kWh (default money). */
  readonly creditKind?: 'money' | 'energy';
  /** Unit prices in 0.0001 yuan/kWh (DL/T 645 XXXX.XXXX); default 0.5883 for every tariff. */
  readonly prices?: Partial<Record<Tariff, number>>;
  readonly remaining?: number;
  readonly purchaseCount?: number;
  readonly alarm1?: number;
  readonly alarm2?: number;
  /** Credit allowed below zero before the relay trips (赊欠金额), same unit as remaining. */
  readonly overdraft?: number;
  readonly totalEnergy?: number;
  readonly maxPowerW?: number;
  readonly utcOffsetHours?: number;
}

export interface ElectricityState {
  /** 0.01 kWh. */
  readonly totalEnergy: number;
  readonly tariffEnergy: Readonly<Record<Tariff, number>>;
  /** fen (money) or 0.01 kWh (energy); negative when in overdraft. */
  readonly remaining: number;
  readonly purchaseCount: number;
  readonly relay: 'closed' | 'open';
  readonly forced: ForcedControl;
  /** 保电 (DL/T 645 1CH 3A, released by 3B): the relay stays closed whatever the balance or a trip command. */
  readonly keepPower: boolean;
  readonly powerW: number;
  /** 0.1 V, 0.01 A. */
  readonly voltage: number;
  readonly current: number;
  readonly statusWord: number;
  readonly flags: readonly string[];
}

/** Local hour → tariff period: spike 19–21, peak 8–11 and 17–23, valley 23–7, flat the rest. */
export function tariffAt(hour: number): Tariff {
  if (hour >= 19 && hour < 21) return 'spike';
  if ((hour >= 8 && hour < 11) || (hour >= 17 && hour < 23)) return 'peak';
  if (hour >= 23 || hour < 7) return 'valley';
  return 'flat';
}

export class ElectricityMeter {
  readonly kind = 'electricity' as const;
  readonly address: string;
  readonly model: ElectricityModel;
  readonly creditKind: 'money' | 'energy';
  readonly prices: Record<Tariff, number>;
  alarm1: number;
  alarm2: number;
  overdraft: number;
  maxPowerW: number;
  /** Difference between the meter's own clock and the simulated time (set by a time broadcast). */
  clockOffsetMs = 0;
  private readonly clock: SimClock;
  private readonly profile: LoadProfile;
  private readonly seed: number;
  private readonly utcOffsetMs: number;
  private readonly energyKWh: Record<Tariff, number>;
  private remainingExact: number;
  private count: number;
  private forcedControl: ForcedControl = 'none';
  private keep = false;
  private last: number;

  constructor(options: ElectricityMeterOptions) {
    this.address = options.address;
    this.clock = options.clock;
    this.model = options.model ?? 'DDSY1352';
    this.creditKind = options.creditKind ?? 'money';
    this.seed = hashSeed(options.seed ?? options.address);
    this.utcOffsetMs = (options.utcOffsetHours ?? 8) * 3_600_000;
    this.profile = loadProfile({ peak: options.peakPowerW ?? 3000, seed: this.seed, utcOffsetHours: options.utcOffsetHours ?? 8 });
    this.prices = { spike: 5883, peak: 5883, flat: 5883, valley: 5883, ...options.prices };
    this.remainingExact = options.remaining ?? 10_000;
    this.count = options.purchaseCount ?? 0;
    this.alarm1 = options.alarm1 ?? 2_000;
    this.alarm2 = options.alarm2 ?? 500;
    this.overdraft = options.overdraft ?? 0;
    this.maxPowerW = options.maxPowerW ?? 10_000;
    this.energyKWh = { spike: 0, peak: 0, flat: (options.totalEnergy ?? 0) / 100, valley: 0 };
    this.last = this.clock.now();
  }

  /** Brings energy and remaining amount up to the clock's now; consumption stops while the relay is open. */
  advance(): void {
    const now = this.clock.now();
    if (now <= this.last) return;
    if (!this.relayOpen()) {
      integrate(this.profile, this.last, now, (kWhTimes1000, at) => this.consume(kWhTimes1000 / 1000, at));
    }
    this.last = now;
  }

  private consume(kWh: number, at: number): boolean {
    const tariff = tariffAt(this.localHour(at - 1));
    this.energyKWh[tariff] += kWh;
    this.remainingExact -= this.creditKind === 'money' ? (kWh * this.prices[tariff]) / 100 : kWh * 100;
    return !this.relayOpen();
  }

  private localHour(epochMs: number): number {
    return new Date(epochMs + this.utcOffsetMs).getUTCHours();
  }

  /** Closed while kept on; else open when forced to trip, or when the remaining amount fell below the overdraft. */
  relayOpen(): boolean {
    if (this.keep) return false;
    if (this.forcedControl !== 'none') return this.forcedControl === 'trip';
    return this.remainingExact < -this.overdraft;
  }

  setForced(control: ForcedControl): void {
    this.advance();
    this.forcedControl = control;
  }

  /** Keep-power on or off (DL/T 645 3A / 3B). */
  setKeepPower(on: boolean): void {
    this.advance();
    this.keep = on;
  }

  /** A card purchase (or a remote top-up by amount): credits only when the count is the meter's + 1. */
  insertCard(card: { purchaseCount: number; amount: number }): PurchaseResult {
    this.advance();
    const outcome = judgePurchase(this.count, card.purchaseCount, this.remaining(), card.amount);
    if (outcome === 'credited') {
      this.remainingExact += card.amount;
      this.count = card.purchaseCount;
    }
    return { outcome, purchaseCount: this.count, remaining: this.remaining() };
  }

  /** FC 0xAA parameter write: sets the remaining amount itself, only when the count is the meter's + 1. */
  writePrepaid(values: { purchaseCount: number; remaining: number }): PurchaseResult {
    this.advance();
    const outcome = judgePurchase(this.count, values.purchaseCount, 0, values.remaining);
    if (outcome === 'credited') {
      this.remainingExact = values.remaining;
      this.count = values.purchaseCount;
    }
    return { outcome, purchaseCount: this.count, remaining: this.remaining() };
  }

  private remaining(): number {
    return Math.floor(this.remainingExact);
  }

  meterTime(): number {
    return this.clock.now() + this.clockOffsetMs;
  }

  state(): ElectricityState {
    this.advance();
    const relay = this.relayOpen() ? 'open' : 'closed';
    const powerW = relay === 'open' ? 0 : this.profile.drawAt(this.last);
    const voltage = 2200 + Math.round(60 * (noiseAt(this.seed, Math.floor(this.last / 1000)) - 0.5));
    const tariffEnergy = Object.fromEntries(TARIFFS.map((t) => [t, Math.floor(this.energyKWh[t] * 100)])) as Record<Tariff, number>;
    const totalEnergy = Math.floor(TARIFFS.reduce((sum, t) => sum + this.energyKWh[t], 0) * 100);
    const remaining = this.remaining();
    const bits = this.statusBits(relay, remaining, powerW);
    return {
      totalEnergy, tariffEnergy, remaining, purchaseCount: this.count, relay, forced: this.forcedControl, keepPower: this.keep, powerW,
      voltage, current: Math.round((powerW / (voltage / 10) / 0.95) * 100), statusWord: bits.word, flags: bits.flags,
    };
  }

  private statusBits(relay: 'closed' | 'open', remaining: number, powerW: number): { word: number; flags: string[] } {
    const flags: string[] = ['prepaid'];
    let word = 1 << 3;
    const set = (bit: number, flag: string, on: boolean) => {
      if (!on) return;
      word |= 1 << bit;
      flags.push(flag);
    };
    set(4, 'over-limit', powerW > this.maxPowerW);
    set(5, 'arrears', remaining <= 0);
    set(6, 'alarm1', remaining <= this.alarm1);
    set(7, 'alarm2', remaining <= this.alarm2);
    if (relay === 'closed') word |= this.model === 'DTSY1352' ? 0xe000 : 0x2000;
    return { word, flags };
  }
}
