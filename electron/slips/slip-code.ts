/**
 * The code in a slip's QR: the serial and the amount, with a keyed check so a slip can be verified later
 * (at the counter, or by finance against the ledger) and a forged or altered slip is told apart.
 *
 * Text: `HD1|<receipt no>|<amount in fen>|<mac>`, e.g. `HD1|A01-2026-000123|10000|3f9a12c0`.
 * The MAC is HMAC-SHA256 over `HD1|<receipt no>|<amount>` with the hall's secret, truncated to 8 hex digits
 * (32 bits). That is short enough for a small QR code and to type from the printed line; a forger without
 * the key has a 1 in 4 billion chance per attempt, and every attempt needs a slip presented at the hall.
 * The key is the hall's, kept in the database (settings 'slip_mac_key'), so backups carry it and a
 * restored hall still verifies its old slips.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_FEN } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { getSetting, insertSettingIfAbsent } from '../db/repositories/settings-repository';
import type { Db } from '../db/repositories/db';

export const SLIP_KEY_SETTING = 'slip_mac_key';
const VERSION = 'HD1';
const MAC_HEX = 8;
const RECEIPT_NO = /^[A-Z][A-Z0-9]{1,5}-\d{4}-\d{6,9}$/;

export type SlipCodeCheck =
  | { readonly valid: true; readonly receiptNo: string; readonly amount: number }
  | { readonly valid: false; readonly reason: 'format' | 'version' | 'mac' };

function mac(key: string, receiptNo: string, amount: number): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(`${VERSION}|${receiptNo}|${amount}`).digest('hex').slice(0, MAC_HEX);
}

/** The QR text of a slip. */
export function slipCodeText(receiptNo: string, amount: number, key: string): string {
  if (!RECEIPT_NO.test(receiptNo)) throw new RangeError(`not a receipt number: ${receiptNo}`);
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_FEN) throw new RangeError(`bad amount ${amount}`);
  return `${VERSION}|${receiptNo}|${amount}|${mac(key, receiptNo, amount)}`;
}

/** Checks a scanned or typed slip code against the hall's key; says why when it fails. */
export function verifySlipCode(text: string, key: string): SlipCodeCheck {
  const parts = text.trim().split('|');
  if (parts.length !== 4) return { valid: false, reason: 'format' };
  const [version = '', receiptNo = '', amountText = '', given = ''] = parts;
  if (version !== VERSION) return { valid: false, reason: 'version' };
  if (!RECEIPT_NO.test(receiptNo) || !/^\d{1,11}$/.test(amountText) || !/^[0-9a-f]+$/.test(given)) {
    return { valid: false, reason: 'format' };
  }
  const amount = Number(amountText);
  if (amount > MAX_FEN || given.length !== MAC_HEX) return { valid: false, reason: 'format' };
  const expected = mac(key, receiptNo, amount);
  // Constant-time comparison: the answer must not leak how many leading digits were right.
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return { valid: false, reason: 'mac' };
  return { valid: true, receiptNo, amount };
}

/**
 * Makes the hall's slip key on first start (32 random bytes, hex). Called when the backend starts, so
 * rendering a slip only ever reads the database.
 */
export async function ensureSlipKey(db: Db, at: string): Promise<void> {
  if (await getSetting(db, SLIP_KEY_SETTING)) return;
  // The key itself never enters the audit log: only the fact that the hall's key was made.
  if (await insertSettingIfAbsent(db, SLIP_KEY_SETTING, randomBytes(32).toString('hex'))) {
    await appendAudit(db, { at, userId: null, action: 'setting.create', entity: 'setting', entityId: SLIP_KEY_SETTING });
  }
}

/** The hall's slip key; its absence means the backend was started without ensureSlipKey. */
export async function readSlipKey(db: Db): Promise<string> {
  const key = await getSetting(db, SLIP_KEY_SETTING);
  if (!key || !/^[0-9a-f]{64}$/.test(key)) throw new Error(`settings '${SLIP_KEY_SETTING}' is missing or malformed; ensureSlipKey runs at backend start`);
  return key;
}
