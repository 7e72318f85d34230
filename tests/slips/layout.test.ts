/**
 * Layout of each slip kind and form against a reference image (issue 7 tests): page 1 rendered at 50 dpi
 * with pdftoppm and compared pixel by pixel with tests/slips/reference/*.png; at most 0.5 % of the pixels
 * may differ by more than a quarter of the grey scale (anti-aliasing and font hinting move edges, a moved
 * field or a lost glyph does not stay under that).
 *
 * After an intended layout change, regenerate the references and look at them before committing:
 *   HALLDESK_UPDATE_REFERENCE=1 npx vitest run tests/slips/layout.test.ts
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCustomerList } from '../../electron/slips/customer-list';
import { renderCustomerListPdf } from '../../electron/slips/customer-list-pdf';
import { renderDuplicatePdf } from '../../electron/slips/duplicate-pdf';
import { buildPaymentSlip } from '../../electron/slips/payment-slip';
import { buildRechargeSlip } from '../../electron/slips/recharge-slip';
import { markReprint } from '../../electron/slips/reprint';
import { sampleSlipData } from '../../electron/slips/sample-slip';
import { renderSlipPdf } from '../../electron/slips/slip-pdf';
import { createI18n } from '../../shared/i18n';
import { diffRatio, grayOfPng, rasterise, readPng } from './image-diff';

const TOLERANCE = 0.005;
const REFERENCE = join(__dirname, 'reference');
const AT = new Date('2026-11-26T02:42:07.000Z');
const i18n = createI18n('zh-CN');
const payment = buildPaymentSlip(sampleSlipData(), i18n);
const recharge = buildRechargeSlip({ ...sampleSlipData({ cardNo: null }), delivery: { via: 'remote', state: 'completed', at: '2026-11-26T02:42:30.000Z' } }, i18n);
const list = buildCustomerList({
  title: '低余额提醒', hallName: null, printedAt: AT.toISOString(), printedBy: '王丽',
  rows: Array.from({ length: 12 }, (_, i) => ({
    accountNo: `H${String(i + 1).padStart(8, '0')}`, customerName: ['张建国', '李秀英', '王伟'][i % 3]!, phone: `1381234${String(i).padStart(4, '0')}`,
    address: `幸福小区 ${i + 1}栋 2单元 ${501 + i}`, meterNo: `0000123456${String(i).padStart(2, '0')}`, amount: 500 * i - 1000, note: i % 2 ? '已电话提醒' : '',
  })),
}, i18n);

const PAGES: Record<string, () => Promise<Buffer>> = {
  'payment-a4': () => renderSlipPdf(payment, 'a4', { createdAt: AT }),
  'payment-continuous241': () => renderSlipPdf(payment, 'continuous241', { createdAt: AT }),
  'payment-reprint-a4': () => renderSlipPdf(markReprint(payment, i18n, 1), 'a4', { createdAt: AT }),
  'recharge-a4': () => renderDuplicatePdf(recharge, 'a4', { createdAt: AT }),
  'recharge-continuous241': () => renderDuplicatePdf(recharge, 'continuous241', { createdAt: AT }),
  'customer-list-a4': () => renderCustomerListPdf(list, 'a4', { createdAt: AT }),
  'customer-list-continuous241': () => renderCustomerListPdf(list, 'continuous241', { createdAt: AT }),
};

describe('diffRatio', () => {
  const img = (pixels: number[], width = 2) => ({ width, height: pixels.length / width, pixels: Uint8Array.from(pixels) });
  it('is 0 for the same image, the share of pixels past the threshold otherwise, 1 for another size', () => {
    expect(diffRatio(img([0, 255, 0, 255]), img([0, 255, 0, 255]))).toBe(0);
    expect(diffRatio(img([0, 255, 0, 255]), img([40, 255, 0, 0]))).toBe(0.25);
    expect(diffRatio(img([0, 255]), img([0, 255, 0, 255]))).toBe(1);
  });
});

describe('each slip kind and form matches its reference image', () => {
  for (const [name, render] of Object.entries(PAGES)) {
    it(name, async () => {
      const png = rasterise(await render());
      const file = join(REFERENCE, `${name}.png`);
      if (process.env.HALLDESK_UPDATE_REFERENCE === '1' || !existsSync(file)) {
        if (process.env.HALLDESK_UPDATE_REFERENCE !== '1') throw new Error(`no reference image ${file}; make it with HALLDESK_UPDATE_REFERENCE=1`);
        writeFileSync(file, png);
      }
      expect(diffRatio(grayOfPng(png), readPng(file))).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('the comparison tells layouts apart: the reprint against the original is past the tolerance', async () => {
    const reprint = grayOfPng(rasterise(await PAGES['payment-reprint-a4']!()));
    expect(diffRatio(reprint, readPng(join(REFERENCE, 'payment-a4.png')))).toBeGreaterThan(TOLERANCE);
  });
});
