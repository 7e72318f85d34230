/**
 * The duplicate recharge slip and the duplicate customer list as PDFs, read back with pdftotext: their
 * copies, the delivery state of a remote recharge (or the card), both languages, the list's pages, and
 * the QR code of the recharge slip scanning to the slip code.
 */
import { describe, expect, it } from 'vitest';
import { buildCustomerList } from '../../electron/slips/customer-list';
import type { CustomerListRow } from '../../electron/slips/customer-list';
import { renderCustomerListPdf } from '../../electron/slips/customer-list-pdf';
import { renderDuplicatePdf } from '../../electron/slips/duplicate-pdf';
import { buildRechargeSlip } from '../../electron/slips/recharge-slip';
import { sampleSlipData } from '../../electron/slips/sample-slip';
import { createI18n } from '../../shared/i18n';
import { pageCount, pdfText, scanQrCodes } from './pdf-tools';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const squeeze = (text: string) => text.replace(/\s+/g, ' ');
const remote = { ...sampleSlipData({ cardNo: null }), delivery: { via: 'remote', state: 'failed', at: '2026-11-26T02:43:00.000Z' } } as const;
const row = (i: number): CustomerListRow => ({
  accountNo: `H${String(i).padStart(8, '0')}`, customerName: `客户${i}`, phone: null, address: '幸福小区', meterNo: '000012345678', amount: null, note: '',
});

describe('the duplicate recharge slip', () => {
  it('A4: customer copy and stub, the remote delivery state and its time, the slip code', async () => {
    const pdf = await renderDuplicatePdf(buildRechargeSlip(remote, zh), 'a4');
    const text = squeeze(pdfText(pdf));
    for (const s of ['购电充值凭证', '第一联 客户联', '第二联 存根联', '下发状态', '下发失败（将重试或人工处理）', '2026-11-26 10:43:00', 'A01-2026-000123', '¥100.00']) expect(text).toContain(s);
    expect(text).not.toContain('记账联');
    expect(scanQrCodes(pdf)).toEqual([remote.qrText, remote.qrText]);
  });

  it('a card recharge says the card carries it; English follows the language', async () => {
    const card = { ...sampleSlipData(), delivery: { via: 'card' } } as const;
    expect(squeeze(pdfText(await renderDuplicatePdf(buildRechargeSlip(card, zh), 'continuous241')))).toContain('已写入购电卡，请插卡充值');
    const text = squeeze(pdfText(await renderDuplicatePdf(buildRechargeSlip(remote, en), 'continuous241')));
    expect(text).toContain('Electricity recharge slip');
    expect(text).toContain('Delivery failed');
  });
});

describe('the duplicate customer list', () => {
  it('runs over pages, each copy starting on its own, every row listed once per copy', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => row(i + 1));
    const pdf = await renderCustomerListPdf(buildCustomerList({ title: '欠费提醒', rows, hallName: '东区营业厅', printedAt: '2026-11-26T02:00:00Z', printedBy: '王丽' }, zh), 'a4');
    expect(pageCount(pdf)).toBe(4);
    const text = squeeze(pdfText(pdf));
    expect(text.match(/H00000070/g)).toHaveLength(2);
    expect(text).toContain('东区营业厅');
    expect(text).toContain('合计 70 户');
  });

  it('an empty list still prints, saying so', async () => {
    const pdf = await renderCustomerListPdf(buildCustomerList({ title: '欠费提醒', rows: [], hallName: null, printedAt: '2026-11-26T02:00:00Z', printedBy: '王丽' }, zh), 'continuous241');
    expect(pageCount(pdf)).toBe(2);
    expect(squeeze(pdfText(pdf))).toContain('无客户');
  });
});
