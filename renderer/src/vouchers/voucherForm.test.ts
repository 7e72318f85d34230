import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, readVoucherImage, toRegisterInput } from './voucherForm';

const FORM = { bank: ' 工商银行 ', payerAccount: '6222-0001-0002', referenceNo: 'ZZ20261008001', payer: '某某公司', amount: '1234.5', valueDate: '2026-10-08' };

describe('voucher register form', () => {
  it('turns yuan into exact fen and trims the text', () => {
    expect(toRegisterInput(FORM, 12, null)).toEqual({
      ok: true,
      input: { bank: '工商银行', payerAccount: '6222-0001-0002', referenceNo: 'ZZ20261008001', payer: '某某公司', amount: 123_450, valueDate: '2026-10-08', accountId: 12, image: null },
    });
    expect(toRegisterInput({ ...FORM, amount: '０.０１' }, null, null)).toMatchObject({ ok: true, input: { amount: 1, accountId: null } });
  });

  it('names every wrong field, never rounds an amount', () => {
    expect(toRegisterInput(EMPTY_FORM, null, null)).toEqual({ ok: false, problems: ['bank', 'payerAccount', 'referenceNo', 'payer', 'amount', 'valueDate'] });
    expect(toRegisterInput({ ...FORM, amount: '1.005', referenceNo: 'no/slash' }, null, null)).toEqual({ ok: false, problems: ['referenceNo', 'amount'] });
  });

  it('reads a scan as base64 and refuses other types and oversize files', async () => {
    expect(await readVoucherImage(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }))).toEqual({ mime: 'image/png', dataBase64: 'iVBORw==' });
    expect(await readVoucherImage(new Blob(['x'], { type: 'text/plain' }))).toBe('type');
    expect(await readVoucherImage(new Blob([new Uint8Array(2 * 1024 * 1024 + 1)], { type: 'image/jpeg' }))).toBe('size');
  });
});
