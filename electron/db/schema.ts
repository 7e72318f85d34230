/**
 * Row types of every table, as Kysely sees them. Money is integer fen, units integer 0.01 kWh/m³,
 * prices integer 1/10000 yuan; times are ISO-8601 UTC text and business dates YYYY-MM-DD (Beijing).
 */
import type { CardEventTable, CardFeeTable, CardTable, CardWriteEventTable, CardWriteTable } from './schema-cards';
import type { Generated } from 'kysely';
import type {
  ApprovalDecisionTable, ApprovalTable, ApprovalUseTable, BankDepositTable, CashDropTable, DepositItemTable, DepositObligationTable,
  SaleReversalTable, VoucherDrawTable, VoucherImageTable, VoucherTable,
} from './schema-money';
import type { MeterBusTable, MeterReadingTable, MeterWriteEventTable, MeterWriteTable, ReadSweepTable } from './schema-meters';
import type { AccountBalanceColumns, BalanceAlertTable, BalanceChargeTable, MeterReadingBalanceColumns, TariffTouPriceTable } from './schema-balances';
import type { ControlJobEventTable, ControlJobTable, ControlJobTargetTable, ControlTargetAttemptTable } from './schema-control';
import type { PrintTables } from './schema-prints';
import type { WorklistTables } from './schema-worklists';
import type { BackupTables } from './backup-schema';
import type { CounterTables } from './schema-counters';

export interface SchemaMigrationTable { version: number; name: string; applied_at: string }
export interface SettingTable { key: string; value: string }

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export interface CustomerTable {
  id: Generated<number>;
  customer_no: string;
  name: string;
  phone: string | null;
  id_number: string | null;
  category: string;
  created_at: string;
}

export interface PremisesTable {
  id: Generated<number>;
  area: string;
  building: string;
  unit: string;
  room: string;
  /** building-unit-room, the key a clerk types ("3-2-501"). */
  room_key: string;
}

export interface AccountTable {
  id: Generated<number>;
  account_no: string;
  customer_id: number;
  premises_id: number;
  category: string;
  status: string;
  opened_at: string;
  closed_at: string | null;
  /** 'cash' or 'bank_transfer' (only against a voucher on bank working days). */
  settlement: Generated<string>;
}

export interface TariffTable {
  id: Generated<number>;
  code: string;
  name: string;
  utility: string;
  category: string;
  period: string;
  created_at: string;
  /** The replacement card fee (补卡费) of this tariff, fen (migration 0120). */
  card_fee_fen: Generated<number>;
}

export interface TariffVersionTable {
  id: Generated<number>;
  tariff_id: number;
  effective_from: string;
  created_at: string;
  created_by: number | null;
}

export interface TariffTierTable { version_id: number; seq: number; upto_units: number | null; price: number }

export interface MeterTable {
  id: Generated<number>;
  meter_no: string;
  account_id: number;
  utility: string;
  model: string;
  serial_no: string;
  comm_address: string;
  credit_kind: string;
  credit_via: string;
  unit_step: number;
  credit_cap: number | null;
  tariff_id: number;
  card_no: string | null;
  status: string;
  installed_at: string;
  removed_at: string | null;
  /** Last known remaining on the meter (units or fen by credit kind); readings correct it. */
  remaining: number;
  overdraft: number;
  /** Money the hall holds for this meter; always equal to its customer-credit ledger (db verify). */
  credit_fen: number;
  /** How it is reached (migration 0070): null for a meter the hall does not talk to. */
  bus_id: number | null;
  protocol: string | null;
  firmware: string | null;
}

export interface UnitsToDateTable { account_id: number; utility: string; period_key: string; units: number }

export interface ShiftTable {
  id: Generated<number>;
  clerk_id: number;
  counter_code: string;
  status: string;
  opened_at: string;
  float_fen: number;
  closed_at: string | null;
  expected_fen: number | null;
  counted_fen: number | null;
  short_over_fen: number | null;
  denominations: string | null;
  note: string | null;
  /** The last ledger line the close's count covered (null for shifts closed before migration 0060). */
  closing_ledger_id: number | null;
}

export interface ReceiptSequenceTable { counter_code: string; year: number; last_no: number }

export interface SaleTable {
  id: Generated<number>;
  receipt_no: string;
  idempotency_key: string;
  request_hash: string;
  shift_id: number;
  clerk_id: number;
  counter_code: string;
  account_id: number;
  meter_id: number;
  utility: string;
  credit_kind: string;
  tariff_version_id: number;
  business_date: string;
  period_key: string;
  request_mode: string;
  payable_fen: number;
  tendered_fen: number;
  change_fen: number;
  charge_fen: number;
  units: number;
  credit_before_fen: number;
  credit_after_fen: number;
  credited_to_meter: number;
  overdraft_recovered: number;
  /** What the meter holds after this sale (units or fen by credit kind), as quoted at the counter. */
  meter_remaining_after: number;
  /** The tier (1-based) the first unit of this sale fell in. */
  tier_before: number;
  segments: string;
  payment_method: string;
  created_at: string;
  voucher_id: number | null;
  approval_id: number | null;
}

export interface LedgerEntryTable {
  id: Generated<number>;
  txn_ref: string;
  sale_id: number | null;
  book: string;
  account_id: number | null;
  meter_id: number | null;
  shift_id: number | null;
  amount_fen: number;
  created_at: string;
}

export interface AccountEventTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  receipt_no: string | null;
  detail: string;
  user_id: number;
  created_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  /** The hash chain (migration 0040, audit-chain.mjs): the previous record's hash, and this record's. */
  prev_hash: string | null;
  hash: string | null;
}

export interface CalendarYearTable { year: number; source: string; loaded_at: string; loaded_by: number | null }
export interface CalendarDayTable { date: string; kind: string; name: string; year: number }

export interface Database extends WorklistTables, PrintTables, BackupTables, CounterTables {
  schema_migrations: SchemaMigrationTable;
  settings: SettingTable;
  users: UserTable;
  customers: CustomerTable;
  premises: PremisesTable;
  accounts: AccountTable & AccountBalanceColumns;
  tariffs: TariffTable;
  tariff_versions: TariffVersionTable;
  tariff_tiers: TariffTierTable;
  meters: MeterTable;
  units_to_date: UnitsToDateTable;
  shifts: ShiftTable;
  receipt_sequences: ReceiptSequenceTable;
  sales: SaleTable;
  ledger_entries: LedgerEntryTable;
  account_events: AccountEventTable;
  audit_log: AuditTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  vouchers: VoucherTable;
  voucher_images: VoucherImageTable;
  voucher_draws: VoucherDrawTable;
  approvals: ApprovalTable;
  approval_decisions: ApprovalDecisionTable;
  approval_uses: ApprovalUseTable;
  sale_reversals: SaleReversalTable;
  deposit_obligations: DepositObligationTable;
  cash_drops: CashDropTable;
  bank_deposits: BankDepositTable;
  deposit_items: DepositItemTable;
  meter_buses: MeterBusTable;
  read_sweeps: ReadSweepTable;
  meter_readings: MeterReadingTable & MeterReadingBalanceColumns;
  meter_writes: MeterWriteTable;
  meter_write_events: MeterWriteEventTable;
  tariff_tou_prices: TariffTouPriceTable;
  balance_charges: BalanceChargeTable;
  balance_alerts: BalanceAlertTable;
  control_jobs: ControlJobTable;
  control_job_events: ControlJobEventTable;
  control_job_targets: ControlJobTargetTable;
  control_target_attempts: ControlTargetAttemptTable;
  cards: CardTable;
  card_events: CardEventTable;
  card_writes: CardWriteTable;
  card_write_events: CardWriteEventTable;
  card_fees: CardFeeTable;
}
