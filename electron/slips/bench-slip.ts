/**
 * The slip benchmark for `npm run bench`: slip_pdf_ms is the p95 time to build and render the A4
 * triplicate slip (the larger form: three copies, three QR codes) with the font already parsed, as it is
 * for every slip but the first of a process; slip_pdf_kb is that PDF's size. Targets: ≤ 60 ms, ≤ 100 KB.
 * 20 unmeasured renders come first: the first slip of a process parses the font (about 250 ms), and the
 * next few still run unoptimised code, which is not what a clerk printing all day sees.
 */
import { createI18n } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import { percentile, round2, timeEach } from '../bench/stats';
import { buildPaymentSlip } from './payment-slip';
import { sampleSlipData } from './sample-slip';
import { renderSlipPdf } from './slip-pdf';
import type { SlipForm } from './slip-types';

export interface SlipBenchOptions {
  readonly renders?: number;
  readonly warmup?: number;
  readonly form?: SlipForm;
  readonly language?: Language;
  readonly resourcesDir?: string;
}

export async function benchSlip(options: SlipBenchOptions = {}): Promise<{ slip_pdf_ms: number; slip_pdf_kb: number }> {
  const { renders = 50, warmup = 20, form = 'a4', language = 'zh-CN' } = options;
  const i18n = createI18n(language);
  const render = (i: number) => {
    // A different serial each time, so no render can reuse another's text layout.
    const receiptNo = `A01-2026-${String(100_000 + i).padStart(6, '0')}`;
    const slip = buildPaymentSlip(sampleSlipData({ receiptNo, qrText: `HD1|${receiptNo}|10000|0123abcd` }), i18n);
    return renderSlipPdf(slip, form, options.resourcesDir ? { resourcesDir: options.resourcesDir } : {});
  };
  await timeEach(warmup, (i) => render(i));
  const samples = await timeEach(renders, (i) => render(warmup + i));
  const pdf = await render(0);
  return { slip_pdf_ms: round2(percentile(samples, 95)), slip_pdf_kb: round2(pdf.length / 1024) };
}
