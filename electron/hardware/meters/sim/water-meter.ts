/**
 * A simulated valve-controlled water meter (CJ/T 188-2004, hardware.md §3): cumulative flow that advances with
 * a daily draw curve while the valve is open, the valve itself (open, closed, or stuck as a fault), a battery
 * that can run low, the settlement-day flow (the total at the start of the month), and the ST status word.
 * Time comes only from the injected clock.
 */
import type { SimClock } from './clock';
import { integrate, loadProfile } from './load-profile';
import type { LoadProfile } from './load-profile';

export type ValveState = 'open' | 'closed';

export interface WaterMeterOptions {
  /** Decimal digits of the 7-byte CJ/T 188 address ("00000000000001"). */
  readonly address: string;
  readonly clock: SimClock;
  readonly seed?: string | number;
  /** Meter type T: 0x10 cold water (default), 0x11 hot water… */
  readonly meterType?: number;
  /** Peak of the daily draw, litres per hour (default 120). */
  readonly peakFlowLph?: number;
  /** Starting total, 0.01 m³. */
  readonly totalFlow?: number;
  readonly utcOffsetHours?: number;
}

export interface WaterState {
  /** 0.01 m³. */
  readonly totalFlow: number;
  /** Total at the last settlement day (the 1st of the month, 00:00 local), 0.01 m³. */
  readonly settlementFlow: number;
  readonly valve: ValveState;
  readonly valveFault: boolean;
  readonly batteryLow: boolean;
  /** CJ/T 188 ST, two bytes as sent low byte first: bits 0–1 valve (00 open, 01 closed, 11 fault), bit 2 battery low. */
  readonly status: number;
  readonly flags: readonly string[];
}

export class WaterMeter {
  readonly kind = 'water' as const;
  readonly address: string;
  readonly meterType: number;
  batteryLow = false;
  /** A stuck valve: commands are acknowledged but the valve does not move, and ST says fault. */
  valveFault = false;
  clockOffsetMs = 0;
  private readonly clock: SimClock;
  private readonly profile: LoadProfile;
  private readonly utcOffsetMs: number;
  private flowM3: number;
  private settlementM3: number;
  private valveState: ValveState = 'open';
  private last: number;

  constructor(options: WaterMeterOptions) {
    this.address = options.address;
    this.clock = options.clock;
    this.meterType = options.meterType ?? 0x10;
    this.utcOffsetMs = (options.utcOffsetHours ?? 8) * 3_600_000;
    this.profile = loadProfile({ peak: options.peakFlowLph ?? 120, seed: options.seed ?? options.address, noise: 0.5, utcOffsetHours: options.utcOffsetHours ?? 8 });
    this.flowM3 = (options.totalFlow ?? 0) / 100;
    this.settlementM3 = this.flowM3;
    this.last = this.clock.now();
  }

  advance(): void {
    const now = this.clock.now();
    if (now <= this.last) return;
    if (this.valveState === 'open') {
      let previous = this.last;
      integrate(this.profile, this.last, now, (litres, at) => {
        this.flowM3 += litres / 1000;
        if (this.monthOf(at) !== this.monthOf(previous)) this.settlementM3 = this.flowM3;
        previous = at;
        return true;
      });
    } else if (this.monthOf(now) !== this.monthOf(this.last)) {
      this.settlementM3 = this.flowM3;
    }
    this.last = now;
  }

  private monthOf(epochMs: number): number {
    const local = new Date(epochMs + this.utcOffsetMs);
    return local.getUTCFullYear() * 12 + local.getUTCMonth();
  }

  /** A valve command (A017 55/99). Returns false when the valve is stuck. */
  setValve(valve: ValveState): boolean {
    this.advance();
    if (this.valveFault) return false;
    this.valveState = valve;
    return true;
  }

  meterTime(): number {
    return this.clock.now() + this.clockOffsetMs;
  }

  state(): WaterState {
    this.advance();
    const flags: string[] = [];
    let status = this.valveFault ? 0b11 : this.valveState === 'closed' ? 0b01 : 0b00;
    if (this.valveFault) flags.push('valve-fault');
    if (this.batteryLow) {
      status |= 0b100;
      flags.push('battery-low');
    }
    return {
      totalFlow: Math.floor(this.flowM3 * 100), settlementFlow: Math.floor(this.settlementM3 * 100), valve: this.valveState,
      valveFault: this.valveFault, batteryLow: this.batteryLow, status, flags,
    };
  }
}
