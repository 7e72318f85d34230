/**
 * The SMS port (issue 7 item 5): one interface over the GSM modem (sms-modem.ts) and an HTTP SMS gateway
 * (sms-http.ts). A failure is an SmsError with a clear code the sms_events row records.
 */
export const SMS_ERROR_CODES = [
  'sms-timeout', 'sms-no-sim', 'sms-sim-pin', 'sms-no-network', 'sms-network-timeout', 'sms-smsc-unknown', 'sms-invalid-pdu',
  'sms-not-allowed', 'sms-modem-error', 'sms-port-error', 'sms-gateway-error', 'sms-gateway-unreachable',
] as const;
export type SmsErrorCode = (typeof SMS_ERROR_CODES)[number];

export class SmsError extends Error {
  constructor(readonly code: SmsErrorCode, message: string) {
    super(message);
    this.name = 'SmsError';
  }
}

export interface SmsSent {
  readonly parts: number;
  /** The network's message reference of each part (+CMGS: n), or the gateway's id; delivery reports name them. */
  readonly references: readonly string[];
}

export interface DeliveryReport { readonly reference: string; readonly delivered: boolean; readonly status: number }

export interface SmsPort {
  readonly driver: 'modem' | 'http';
  send(phone: string, text: string): Promise<SmsSent>;
  /** Delivery reports as they arrive (modem with AT+CNMI set); a gateway without reports never calls it. */
  onDelivery(listener: (report: DeliveryReport) => void): void;
  close(): Promise<void>;
}

/** +CMS ERROR codes (3GPP TS 27.005 §3.2.5) mapped to ours. */
export function cmsErrorCode(n: number): SmsErrorCode {
  if (n === 310 || n === 313) return 'sms-no-sim';
  if (n === 311 || n === 312 || n === 316 || n === 317) return 'sms-sim-pin';
  if (n === 331) return 'sms-no-network';
  if (n === 332) return 'sms-network-timeout';
  if (n === 330) return 'sms-smsc-unknown';
  if (n === 304 || n === 305) return 'sms-invalid-pdu';
  if (n === 302 || n === 303) return 'sms-not-allowed';
  return 'sms-modem-error';
}
