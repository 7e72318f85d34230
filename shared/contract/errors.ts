/**
 * Every error code the contract can answer with. Each is a key under "errors." in shared/locales
 * (zh-CN and en); a test checks both languages cover the whole list.
 */
export const ERROR_CODES = [
  'invalid-input', 'unknown-method', 'unauthenticated', 'forbidden', 'internal',
  'bad-credentials', 'account-locked', 'user-inactive', 'username-taken', 'weak-password', 'wrong-password',
  'not-found', 'customer-no-taken', 'meter-no-taken', 'card-no-taken', 'premises-occupied',
  'account-closed', 'meter-removed', 'utility-mismatch', 'same-owner', 'meter-has-overdraft',
  'no-tariff', 'tariff-code-taken', 'tariff-invalid', 'tariff-utility-mismatch', 'tariff-version-exists', 'tariff-version-in-past',
  'no-open-shift', 'shift-already-open', 'shift-not-yours', 'shift-closed', 'unknown-denomination', 'shift-open-elsewhere', 'counter-in-use',
  'amount-buys-nothing', 'units-not-on-step', 'credit-cap-exceeded', 'hall-meter-sells-money-only',
  'tendered-too-little', 'idempotency-conflict', 'residual-too-large',
  'calendar-date-outside-year', 'calendar-duplicate-date', 'calendar-workday-not-weekend',
  'voucher-duplicate', 'voucher-used-up', 'voucher-insufficient', 'voucher-other-account', 'voucher-tender-mismatch', 'voucher-value-date-future',
  'voucher-image-too-large',
  'bank-transfer-only', 'holiday-cash-needs-approval', 'holiday-cash-over-limit', 'holiday-cash-over-customer-cap', 'deposit-overdue-blocks',
  'sale-over-maximum', 'drawer-limit-reached', 'drop-exceeds-drawer',
  'approval-self', 'approval-not-supervisor', 'approval-not-pending', 'approval-expired', 'approval-rejected', 'approval-used',
  'approval-mismatch', 'approval-required',
  'sale-already-reversed', 'reversal-not-latest', 'reversal-consumed',
  'reversal-recharge-in-flight',
  'deposit-amount-mismatch', 'deposit-slip-duplicate', 'deposit-item-unavailable', 'deposit-date-future',
  'bus-code-taken', 'bus-endpoint-invalid', 'bus-inactive', 'bus-has-no-meters', 'meter-not-on-bus', 'meter-address-invalid',
  'meter-no-register-map', 'nothing-to-read', 'sweep-running', 'sweep-running-elsewhere',
  'control-no-supported-meter', 'control-effective-past', 'control-effective-too-far', 'control-job-not-draft', 'control-job-not-yours', 'control-job-not-cancellable', 'control-nothing-to-retry',
  'not-hall-meter', 'remote-meter-is-settlement', 'manual-reading-decreasing', 'manual-reading-not-after', 'manual-reading-in-future',
  'backup-folder-unusable', 'backup-on-server', 'backup-file-missing', 'backup-not-verified', 'backup-restore-unconfirmed', 'print-no-printer', 'print-already-printed', 'print-job-done',
  'sms-not-configured',
  'card-reader-not-available', 'card-no-reader', 'card-no-card', 'card-removed', 'card-wrong-psc', 'card-locked',
  'card-timeout', 'card-transmit-failed', 'card-verify-mismatch', 'card-write-interrupted', 'card-write-closed', 'card-write-in-progress',
  'card-tampered', 'card-not-ours', 'card-none-live', 'card-not-blank', 'card-already-issued', 'card-meter-not-card',
  'card-replace-needs-loss', 'card-none-to-replace', 'card-clear-holds-purchase', 'card-wrong-card',
  'card-not-issued', 'card-write-open', 'card-purchase-not-loaded', 'card-meter-number-unsupported',
  'card-demo-only', 'card-no-write-back', 'reversal-card-on-card', 'reversal-card-write-open',
  'database-unreachable', 'database-busy', 'database-url-invalid',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}
