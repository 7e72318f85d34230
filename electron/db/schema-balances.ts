/** Row types of the hall-kept balance tables and columns (migration 0110). */
import type { Generated } from 'kysely';

/** A tariff version's time-of-use prices, 1/10000 yuan (append-only). */
export interface TariffTouPriceTable {
  version_id: number;
  spike: number;
  peak: number;
  flat: number;
  valley: number;
}

/** One charged reading interval of a hall-kept meter (append-only, unique per to-reading). */
export interface BalanceChargeTable {
  id: Generated<number>;
  meter_id: number;
  account_id: number;
  utility: string;
  period_key: string;
  tariff_version_id: number;
  from_reading_id: number;
  to_reading_id: number;
  units: number;
  charge_fen: number;
  balance_after_fen: number;
  /** JSON: { basis, tiers, periods, … } (electron/domain/balances/charge.ts). */
  detail: string;
  source: string;
  at: string;
}

/** A hall-kept balance reaching a lower level (append-only). */
export interface BalanceAlertTable {
  id: Generated<number>;
  meter_id: number;
  level: string;
  balance_fen: number;
  charge_id: number | null;
  at: string;
}

/** Columns 0110 adds to `accounts`. */
export interface AccountBalanceColumns {
  /** 1 = the remote meter is the trade-settlement meter; 0 = bill from manual (supply-agreement) readings. */
  remote_is_settlement: Generated<number>;
}

/** Columns 0110 adds to `meter_readings`. */
export interface MeterReadingBalanceColumns {
  /** JSON { spike, peak, flat, valley } in 0.01 units, or null when the meter gives none. */
  periods: string | null;
  /** 'meter' (transmitted) or 'manual' (entered from the supply agreement). */
  source: Generated<string>;
  agreement_ref: string | null;
  approval_id: number | null;
  entered_by: number | null;
}
