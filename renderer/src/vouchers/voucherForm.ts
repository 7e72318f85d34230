/** The voucher register form: typed text → the exact vouchers.register input (yuan → fen), or which fields are wrong. */
import type { ClientInput } from '../../../shared/contract/client';
import { MAX_VOUCHER_IMAGE_BYTES } from '../../../shared/contract/money-methods';
import { parseMoneyInput } from '../money/input';

export interface VoucherFormText {
  readonly bank: string;
  readonly payerAccount: string;
  readonly referenceNo: string;
  readonly payer: string;
  readonly amount: string;
  readonly valueDate: string;
}

export const EMPTY_FORM: VoucherFormText = { bank: '', payerAccount: '', referenceNo: '', payer: '', amount: '', valueDate: '' };

export type VoucherField = keyof VoucherFormText;
export type RegisterInput = ClientInput<'vouchers.register'>;
export interface VoucherImage { readonly mime: 'image/png' | 'image/jpeg' | 'application/pdf'; readonly dataBase64: string }

const BANK_REF = /^[0-9A-Za-z-]{4,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type FormResult = { readonly ok: true; readonly input: RegisterInput } | { readonly ok: false; readonly problems: readonly VoucherField[] };

export function toRegisterInput(form: VoucherFormText, accountId: number | null, image: VoucherImage | null): FormResult {
  const problems: VoucherField[] = [];
  const amount = parseMoneyInput(form.amount);
  if (!form.bank.trim() || form.bank.trim().length > 40) problems.push('bank');
  if (!BANK_REF.test(form.payerAccount.trim())) problems.push('payerAccount');
  if (!BANK_REF.test(form.referenceNo.trim())) problems.push('referenceNo');
  if (!form.payer.trim() || form.payer.trim().length > 60) problems.push('payer');
  if (!amount.ok) problems.push('amount');
  if (!DATE.test(form.valueDate)) problems.push('valueDate');
  if (problems.length > 0 || !amount.ok) return { ok: false, problems };
  return {
    ok: true,
    input: {
      bank: form.bank.trim(), payerAccount: form.payerAccount.trim(), referenceNo: form.referenceNo.trim(), payer: form.payer.trim(),
      amount: amount.value, valueDate: form.valueDate, accountId, image,
    },
  };
}

const MIMES = ['image/png', 'image/jpeg', 'application/pdf'] as const;

/** A scanned voucher file as base64, or why not ('type', 'size'). */
export async function readVoucherImage(file: Blob): Promise<VoucherImage | 'type' | 'size'> {
  const mime = MIMES.find((m) => m === file.type);
  if (!mime) return 'type';
  if (file.size > MAX_VOUCHER_IMAGE_BYTES) return 'size';
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { mime, dataBase64: btoa(binary) };
}
