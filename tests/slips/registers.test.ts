/**
 * The printable registers read back with poppler: the voucher register (A4 landscape) and the pending
 * deposits list (A4 portrait), with a few rows and with enough for three pages, in Chinese and English.
 */
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { renderPendingDeposits } from '../../electron/registers/pending-deposits';
import { MM } from '../../electron/registers/register-pdf';
import { renderVoucherRegister } from '../../electron/registers/voucher-register';
import { createI18n } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import zhSlips from '../../shared/locales/zh-CN/slips.json';
import enSlips from '../../shared/locales/en/slips.json';
import { pageCount, pdfFonts, pdfRawText, pdfText } from './pdf-tools';
import { samplePending, sampleVoucher, sampleVouchers } from './register-samples';

const PRINTED_AT = '2026-11-23T02:05:09.000Z';
const tFor = (language: Language): TFunction => createI18n(language).getFixedT(language, 'slips');
/** pdftotext lays text out in columns; squeezing the spaces keeps the assertions about content. */
const squeeze = (text: string) => text.replace(/[ \t]+/g, ' ');
/** The text of each page (pdftotext ends every page with a form feed). */
const pages = (pdf: Buffer): [string, ...string[]] => {
  const [first = '', ...rest] = squeeze(pdfText(pdf)).split('\f').slice(0, -1);
  return [first, ...rest];
};
const occurrences = (text: string, part: string) => text.split(part).length - 1;
/**
 * The page-number line of each page, from the raw text: pdftotext -layout drops the single spaces between
 * CJK and digits ("第1页"), -raw keeps them as printed.
 */
const pageNumbers = (pdf: Buffer) => pdfRawText(pdf).split('\f').slice(0, -1)
  .map((page) => page.split('\n').find((line) => /^(第 \d+ 页 \/ 共 \d+ 页|Page \d+ of \d+)$/.test(line)));

function mediaBoxMm(pdf: Buffer): [number, number] {
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
  return [Math.round(Number(box?.[1]) / MM), Math.round(Number(box?.[2]) / MM)];
}

const vouchers = (count: number, language: Language = 'zh-CN', filterText = '起息日 2026-11-01 至 2026-11-30') => renderVoucherRegister(
  { vouchers: sampleVouchers(count), hallName: '示范营业厅', printedAt: PRINTED_AT, printedBy: '李主管', filterText }, tFor(language));
const pending = (obligations: number, drops: number, language: Language = 'zh-CN') => renderPendingDeposits(
  { view: samplePending(obligations, drops), hallName: null, printedAt: PRINTED_AT, printedBy: '李主管' }, tFor(language));

describe('renderVoucherRegister', () => {
  it('prints three vouchers on one A4 landscape page: headers, rows, translated states, totals', async () => {
    const pdf = await vouchers(3);
    expect(pageCount(pdf)).toBe(1);
    expect(mediaBoxMm(pdf)).toEqual([297, 210]);
    const [text] = pages(pdf);
    expect(text).toContain('示范营业厅 转账凭证登记簿');
    expect(text).toContain('打印时间：2026-11-23 10:05:09');
    expect(text).toContain('打印人：李主管');
    expect(text).toContain('筛选条件：起息日 2026-11-01 至 2026-11-30');
    for (const header of ['凭证号', '银行', '付款人', '付款账号', '起息日', '金额（元）', '已用（元）', '余额（元）', '状态', '限用户号', '登记时间']) {
      expect(text).toContain(header);
    }
    expect(text).toContain('ZZ2026000001 中国工商银行 幸福小区物业1号 6222 0200 0000 0001 2026-11-20 1001.00 0.00 1001.00 未使用 H00000001 2026-11-20 09:30:00');
    expect(text).toContain('1002.00 400.00 602.00 部分使用 不限');
    expect(text).toContain('1003.00 1003.00 0.00 已用完');
    expect(text).toContain('合计（3 笔） 3006.00 1403.00 1603.00');
    expect(pageNumbers(pdf)).toEqual(['第 1 页 / 共 1 页']);
  });

  it('runs 80 vouchers onto three pages, the header and page numbers on each, the totals once at the end', async () => {
    const pdf = await vouchers(80);
    expect(pageCount(pdf)).toBe(3);
    const each = pages(pdf);
    expect(each).toHaveLength(3);
    for (const page of each) {
      expect(page).toContain('示范营业厅 转账凭证登记簿');
      expect(page).toContain('付款账号');
    }
    expect(pageNumbers(pdf)).toEqual(['第 1 页 / 共 3 页', '第 2 页 / 共 3 页', '第 3 页 / 共 3 页']);
    const all = each.join('');
    for (let i = 1; i <= 80; i += 1) expect(occurrences(all, `ZZ2026${String(i).padStart(6, '0')}`)).toBe(1);
    expect(occurrences(all, '合计（80 笔）')).toBe(1);
    expect(each[2]).toContain('合计（80 笔）');
    // Amounts 1,000.00 + i yuan for i = 1 … 80: 83,240.00 yuan in all.
    expect(each[2]).toContain('合计（80 笔） 83240.00');
  });

  it('prints an empty register with a zero total, and "全部" when there is no filter', async () => {
    const [text] = pages(await vouchers(0, 'zh-CN', ' '));
    expect(text).toContain('筛选条件：全部');
    expect(text).toContain('无记录');
    expect(text).toContain('合计（0 笔） 0.00 0.00 0.00');
  });

  it('prints in English, the data still in Chinese', async () => {
    const pdf = await vouchers(3, 'en', 'value date 2026-11');
    const [text] = pages(pdf);
    expect(text).toContain('示范营业厅 Bank Transfer Voucher Register');
    expect(text).toContain('Printed by: 李主管');
    expect(text).toContain('Remaining (yuan)');
    expect(text).toContain('1002.00 400.00 602.00 partly used any');
    expect(text).toContain('Total (3) 3006.00 1403.00 1603.00');
    expect(pageNumbers(pdf)).toEqual(['Page 1 of 1']);
  });

  it('shortens a value too long for its column instead of running into the next', async () => {
    const long = sampleVoucher(1, { payer: '幸福'.repeat(40) });
    const pdf = await renderVoucherRegister({ vouchers: [long], hallName: null, printedAt: PRINTED_AT, printedBy: '李主管', filterText: '' }, tFor('zh-CN'));
    const [text] = pages(pdf);
    expect(text).toContain('幸福幸福');
    expect(text).toContain('…');
    expect(text).not.toContain('幸福'.repeat(40));
    expect(text).toContain('示范营业厅 转账凭证登记簿');
  });

  it('renders the same bytes for the same input, the font embedded as a subset', async () => {
    const first = await vouchers(40);
    expect((await vouchers(40)).equals(first)).toBe(true);
    expect(pdfFonts(first)).toEqual([expect.objectContaining({ embedded: true, subset: true, unicode: true })]);
  });

  it('refuses a print time that is not a time', async () => {
    await expect(renderVoucherRegister({ vouchers: [], hallName: null, printedAt: 'today', printedBy: 'x', filterText: '' }, tFor('zh-CN')))
      .rejects.toThrow(/not a time: today/);
  });
});

describe('renderPendingDeposits', () => {
  it('lists obligations (overdue marked) and drops on one A4 portrait page, with totals and the overdue total', async () => {
    const pdf = await pending(3, 2);
    expect(pageCount(pdf)).toBe(1);
    expect(mediaBoxMm(pdf)).toEqual([210, 297]);
    const [text] = pages(pdf);
    expect(text).toContain('示范营业厅 待存款清单');
    expect(text).toContain('截至：2026-11-23');
    expect(text).toContain('节假日现金待存（3 笔）');
    for (const header of ['凭证号', '户名', '户号', '收费员', '金额（元）', '营业日', '应存日期', '状态', '交款人', '收款人', '交款时间']) {
      expect(text).toContain(header);
    }
    expect(text).toContain('A01-2026-000001 张建国1 H00000001 王丽 101.00 2026-11-22 2026-11-24 待存');
    expect(text).toContain('A01-2026-000003 张建国3 H00000003 王丽 103.00 2026-10-03 2026-10-08 逾期');
    expect(text).toContain('合计（3 笔） 306.00');
    expect(text).toContain('交款待存（2 笔）');
    expect(text).toContain('王丽 李主管 5001.00 2026-11-22 16:15:00');
    expect(text).toContain('合计（2 笔） 10003.00');
    expect(text).toContain('节假日现金待存合计：3 笔，306.00 元');
    expect(text).toContain('其中逾期：1 笔，103.00 元');
    expect(text).toContain('交款待存合计：2 笔，10003.00 元');
    expect(pageNumbers(pdf)).toEqual(['第 1 页 / 共 1 页']);
  });

  it('runs 90 obligations and 30 drops onto three pages, headers repeated and pages numbered', async () => {
    const pdf = await pending(90, 30);
    expect(pageCount(pdf)).toBe(3);
    const each = pages(pdf);
    for (const page of each) expect(page).toContain('示范营业厅 待存款清单');
    expect(pageNumbers(pdf)).toEqual(['第 1 页 / 共 3 页', '第 2 页 / 共 3 页', '第 3 页 / 共 3 页']);
    const all = each.join('');
    expect(occurrences(all, '应存日期')).toBe(2);
    expect(occurrences(all, '交款时间')).toBeGreaterThanOrEqual(1);
    expect(occurrences(all, ' 逾期')).toBe(30);
    expect(all).toContain('其中逾期：30 笔，');
    expect(each[2]).toContain('交款待存合计：30 笔，');
  });

  it('prints empty lists as such', async () => {
    const [text] = pages(await pending(0, 0));
    expect(occurrences(text, '无记录')).toBe(2);
    expect(text).toContain('其中逾期：0 笔，0.00 元');
  });

  it('prints in English', async () => {
    const pdf = await pending(3, 2, 'en');
    const [text] = pages(pdf);
    expect(text).toContain('Demo Business Hall Pending Bank Deposits');
    expect(text).toContain('Holiday cash to deposit (3)');
    expect(text).toContain('103.00 2026-10-03 2026-10-08 OVERDUE');
    expect(text).toContain('Of which overdue: 1, 103.00 yuan');
    expect(pageNumbers(pdf)).toEqual(['Page 1 of 1']);
  });
});

describe('the register texts', () => {
  const leaves = (value: unknown, path = ''): string[] => (typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, path === '' ? key : `${path}.${key}`))
    : [path]);

  it('has the same keys in Chinese and English', () => {
    expect(leaves(enSlips.register).sort()).toEqual(leaves(zhSlips.register).sort());
  });
});
