/** What the hall-kept balance and settlement-reading methods answer (shared/contract/balance-methods.ts). */
import type { BalanceLevel } from '../vocabulary';
import type { ControlJobView } from './control-views';

export interface KeepPowerView {
  readonly nightStart: string;
  readonly nightEnd: string;
  readonly nonWorkingDays: boolean;
}

export interface HallBalanceSettingsView {
  readonly alarm1: number;
  readonly alarm2: number;
  readonly overdraftLimit: number;
  readonly autoTrip: boolean;
  readonly keepPower: KeepPowerView;
}

/** One interval's charge: the consumption between two readings priced at the tariff (a ledger entry). */
export interface BalanceChargeView {
  readonly id: number;
  readonly meterId: number;
  readonly fromReadAt: string;
  readonly toReadAt: string;
  /** 0.01 units consumed in the interval. */
  readonly units: number;
  readonly charge: number;
  readonly balanceAfter: number;
  /** How it was priced: tier segments, and time-of-use periods when the tariff has them. */
  readonly detail: {
    /**
     * 'tiers' flat/tiered; 'tou' period prices plus the tier surcharge (tier lines then carry the surcharge over tier 1
     * as their price); 'tou-without-periods' a time-of-use tariff priced at the tier prices for want of period
     * energies; 'total-decreased' the total fell (meter replaced or rolled over): nothing charged, flagged. Always set by the
     * backend (optional only so views built before it was added stay valid).
     */
    readonly basis?: 'tiers' | 'tou' | 'tou-without-periods' | 'total-decreased';
    readonly tiers: readonly { readonly tier: number; readonly units: number; readonly price: number; readonly charge: number }[];
    readonly periods: readonly { readonly period: 'spike' | 'peak' | 'flat' | 'valley'; readonly units: number; readonly price: number; readonly charge: number }[];
  };
  /** 'meter' = transmitted readings; 'manual' = supply-agreement readings (high-voltage). */
  readonly source: 'meter' | 'manual';
  readonly at: string;
}

export interface BalanceAlertView {
  readonly id: number;
  readonly meterId: number;
  readonly meterNo: string;
  readonly accountId: number;
  readonly customerName: string;
  readonly level: BalanceLevel;
  readonly balance: number;
  readonly at: string;
  /** The balance is still at or below this level. */
  readonly open: boolean;
}

export interface HallBalanceView {
  readonly meterId: number;
  readonly meterNo: string;
  readonly accountId: number;
  readonly balance: number;
  readonly level: BalanceLevel;
  readonly relay: 'closed' | 'open' | null;
  readonly remoteIsSettlement: boolean;
  readonly lastChargedReadAt: string | null;
  readonly charges: readonly BalanceChargeView[];
  readonly alerts: readonly BalanceAlertView[];
  /** An automatic trip or close not yet done (a trip deferred by the keep-power window shows its effective time). */
  readonly pendingJob: ControlJobView | null;
}

export interface ChargeRunView {
  readonly meters: number;
  readonly charges: number;
  readonly charged: number;
  readonly alerts: number;
  readonly tripsRaised: number;
  /** Meters that could not be charged this run (e.g. no tariff in force); retried on the next run. */
  readonly failed: number;
}

export interface ManualReadingView {
  readonly readingId: number;
  readonly meterId: number;
  readonly readAt: string;
  readonly total: number;
  readonly agreementRef: string;
  readonly approvedBy: number;
}
