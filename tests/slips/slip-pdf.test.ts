/**
 * The rendered PDF, read back with poppler: both forms carry the three copy names, the serial, the
 * capitals and the units; the CJK font is embedded as a subset with a Unicode map; sizes stay small.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchSlip } from '../../electron/slips/bench-slip';
import { buildPaymentSlip } from '../../electron/slips/payment-slip';
import { sampleSlipData } from '../../electron/slips/sample-slip';
import { defaultResourcesDir, SLIP_FONT_FACE } from '../../electron/slips/slip-font';
import { FORM_GEOMETRY, MM, renderSlipPdf } from '../../electron/slips/slip-pdf';
import { SLIP_FORMS } from '../../electron/slips/slip-types';
import { createI18n } from '../../shared/i18n';
import { pageCount, pdfFonts, pdfText, requirePoppler } from './pdf-tools';

it('poppler-utils is installed (pdftotext and pdffonts read every slip below)', () => { requirePoppler(); });

/** pdftotext lays text out in columns; squeezing the spaces keeps the assertions about content. */
const squeeze = (text: string) => text.replace(/[ \t]+/g, ' ');
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe.each(SLIP_FORMS)('the %s form', (form) => {
  let pdf: Buffer;
  let read: string | undefined;
  // Read in the tests, not in the hook: without poppler each test must fail, not be skipped.
  const text = (): string => (read ??= squeeze(pdfText(pdf)));
  beforeAll(async () => {
    pdf = await renderSlipPdf(buildPaymentSlip(sampleSlipData(), createI18n('zh-CN')), form);
  });

  it('is one PDF page of the form\'s size', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
    const { widthMm, heightMm } = FORM_GEOMETRY[form];
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(Number(box?.[1]) / MM).toBeCloseTo(widthMm, 1);
    expect(Number(box?.[2]) / MM).toBeCloseTo(heightMm, 1);
  });

  it('names all three copies: 客户联, 存根联, 记账联', () => {
    for (const copy of ['第一联 客户联', '第二联 存根联', '第三联 记账联']) expect(text()).toContain(copy);
  });

  it('shows the serial, the amount in capitals and figures, the units and the tier split', () => {
    expect(text()).toContain('A01-2026-000123');
    expect(text()).toContain('人民币壹佰元整');
    expect(text()).toContain('¥100.00');
    expect(text()).toContain('193.00 kWh');
    expect(text()).toContain('80.00 kWh × 0.4883 = ¥39.06');
    expect(text()).toContain('HD1|A01-2026-000123|10000|00000000');
  });

  it('prints each fact once per part: three parts on A4, one on the carbon form', () => {
    const parts = FORM_GEOMETRY[form].parts;
    expect(occurrences(text(), '人民币壹佰元整')).toBe(parts);
    expect(occurrences(text(), '收费员 王丽')).toBe(parts);
  });

  it('embeds the CJK font as a subset with a Unicode map (so the text can be searched and copied)', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ embedded: true, subset: true, unicode: true });
    expect(fonts[0]!.name).toMatch(new RegExp(`^[A-Z]{6}\\+${SLIP_FONT_FACE}$`));
  });

  it('stays far below 100 KB', () => {
    expect(pdf.length).toBeLessThan(100 * 1024);
  });
});

describe('languages and failures', () => {
  it.each(SLIP_FORMS)('renders the English %s slip, every copy name whole, still with the Chinese capitals', async (form) => {
    const text = squeeze(pdfText(await renderSlipPdf(buildPaymentSlip(sampleSlipData(), createI18n('en')), form)));
    expect(text).toContain('Prepaid Electricity Payment Slip');
    for (const copy of ['Copy 1 · Customer (客户联)', 'Copy 2 · Stub (存根联)', 'Copy 3 · Accounting (记账联)']) expect(text).toContain(copy);
    expect(text).toContain('人民币壹佰元整');
  });

  it('fits ten tiers and a very long name on the 93.1 mm carbon form', async () => {
    const segments = Array.from({ length: 10 }, (_, i) => ({ tier: i + 1, units: 10_000, price: 5_000 + i, charge: 5_000 + i }));
    const data = sampleSlipData({ segments, customerName: '欧阳'.repeat(30) });
    const text = squeeze(pdfText(await renderSlipPdf(buildPaymentSlip(data, createI18n('zh-CN')), 'continuous241')));
    expect(text).toContain('第十档');
    expect(text).toContain('欧阳欧阳');
  });

  it('says where the font should be when it is missing', async () => {
    const slip = buildPaymentSlip(sampleSlipData(), createI18n('zh-CN'));
    await expect(renderSlipPdf(slip, 'a4', { resourcesDir: '/nonexistent' })).rejects.toThrow(/slip font missing at \/nonexistent/);
  });

  it('ships the font with its licence texts', () => {
    for (const file of ['wqy-microhei.ttc', 'LICENSE-wqy-microhei.txt', 'LICENSE-Apache-2.0.txt', 'README.md']) {
      expect(existsSync(join(defaultResourcesDir({}), 'fonts', file))).toBe(true);
    }
    expect(readFileSync(join(defaultResourcesDir({}), 'fonts', 'LICENSE-wqy-microhei.txt'), 'utf8')).toContain('License: Apache-2.0 or GPL-3+ with Font exception');
  });

  it('finds the bundled font in the project\'s resources folder, or where HALLDESK_RESOURCES_DIR says', () => {
    expect(defaultResourcesDir({})).toMatch(/resources$/);
    expect(defaultResourcesDir({ HALLDESK_RESOURCES_DIR: '/opt/HallDesk/resources' })).toBe('/opt/HallDesk/resources');
  });
});

describe('benchSlip', () => {
  it('answers the p95 render time and the size, in the units npm run bench reports', async () => {
    const figures = await benchSlip({ renders: 10, warmup: 2 });
    expect(Object.keys(figures).sort()).toEqual(['slip_pdf_kb', 'slip_pdf_ms']);
    expect(figures.slip_pdf_ms).toBeGreaterThan(0);
    expect(figures.slip_pdf_kb).toBeGreaterThan(1);
    expect(figures.slip_pdf_kb).toBeLessThanOrEqual(100);
  });
});
