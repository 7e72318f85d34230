/** Vocabulary shared by the contract, the domain and the UI. Plain data. */
export const UTILITIES = ['electricity', 'water'] as const;
export type Utility = (typeof UTILITIES)[number];

/**
 * What a meter is credited with (brief, "Sales"):
 *  - energy: the card or remote write carries kWh / m³, so the counter prices the sale;
 *  - money:  it carries yuan and the meter prices consumption itself (本地费控), the unit quote is an estimate;
 *  - hall:   the hall keeps the balance and charges readings against it (远程费控).
 */
export const CREDIT_KINDS = ['energy', 'money', 'hall'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

export const CREDIT_VIAS = ['card', 'remote'] as const;
export type CreditVia = (typeof CREDIT_VIAS)[number];

export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CUSTOMER_CATEGORIES = ['residential', 'commercial', 'industrial', 'high_voltage', 'public_service'] as const;
export type CustomerCategory = (typeof CUSTOMER_CATEGORIES)[number];

/** How tiers accumulate: not at all (flat), over the calendar year, or over the calendar month. */
export const TIER_PERIODS = ['none', 'year', 'month'] as const;
export type TierPeriod = (typeof TIER_PERIODS)[number];

/** How an account may pay: cash at the counter, or only against a bank-transfer voucher (转账凭证) on bank working days. */
export const SETTLEMENTS = ['cash', 'bank_transfer'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

export const PAYMENT_METHODS = ['cash', 'voucher'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A voucher's state follows from what has been drawn on it: nothing, part, all. */
export const VOUCHER_STATES = ['registered', 'partly_used', 'used_up'] as const;
export type VoucherState = (typeof VOUCHER_STATES)[number];

/** What a second person must approve. */
export const APPROVAL_KINDS = ['holiday_cash', 'reversal', 'refund', 'control_job', 'manual_reading', 'card_replacement', 'card_unloaded'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const APPROVAL_STATES = ['pending', 'approved', 'rejected', 'used', 'expired'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** Commands a control job sends (issue 5 item 6): relays of electricity meters, valves of water meters, settings. */
export const CONTROL_ACTIONS = [
  'relay_trip', 'relay_close', 'keep_power', 'keep_power_release', 'valve_open', 'valve_close', 'set_prices', 'set_alarms',
] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/**
 * A job: draft (waiting for its approval) → scheduled (approved, waiting for its effective time) → running →
 * done (every target succeeded) or failed (some targets gave up); cancelled before or while it runs.
 */
export const CONTROL_JOB_STATES = ['draft', 'scheduled', 'running', 'done', 'failed', 'cancelled'] as const;
export type ControlJobState = (typeof CONTROL_JOB_STATES)[number];

/** One meter of a job: pending → succeeded, or retrying (backoff) → … → failed after the last attempt; or cancelled. */
export const CONTROL_TARGET_STATES = ['pending', 'retrying', 'succeeded', 'failed', 'cancelled'] as const;
export type ControlTargetState = (typeof CONTROL_TARGET_STATES)[number];

/** Where a hall-kept balance stands against the alarm levels: above alarm 1, at or below 1, 2, zero, the overdraft limit. */
export const BALANCE_LEVELS = ['ok', 'alarm1', 'alarm2', 'zero', 'overdraft'] as const;
export type BalanceLevel = (typeof BALANCE_LEVELS)[number];
