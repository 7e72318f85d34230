/**
 * 'slips.payment' through the dispatcher, as a client calls it: a real cash sale's slip on both forms, in
 * both languages, read back with pdftotext; the call writes nothing; the QR text verifies with the hall's
 * key; the key is made once at backend start and kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/composition';
import { getSetting, insertSettingIfAbsent, setSetting } from '../../electron/db/repositories/settings-repository';
import { SLIP_KEY_SETTING } from '../../electron/slips/slip-code';
import { HALL_NAME_SETTING } from '../../electron/services/slips-service';
import { formatPrice, formatUnits, formatYuan, fen, price, units } from '../../shared/money';
import type { SaleView, SlipView } from '../../shared/contract/views';
import type { Language } from '../../shared/i18n';
import { buildBackend, refusal } from '../support/backend';
import type { Fixture } from '../support/backend';
import { pdfText, scanQrCodes } from './pdf-tools';

let fx: Fixture;
let first: SaleView;
let middle: SaleView;
let tiered: SaleView;

const settingsCount = async () => Number((await fx.sql.one<{ n: number }>('select count(*) as n from settings')).n);
const squeeze = (text: string) => text.replace(/[ \t]+/g, ' ');

async function slip(saleId: number, form: 'a4' | 'continuous241', language?: Language, who: 'clerk1' | 'supervisor' | 'admin' = 'clerk1') {
  const result = await fx.call('slips.payment', { saleId, form }, fx.sessions[who], language);
  if (!result.ok) throw new Error(`slips.payment failed: ${result.error.code} ${result.error.message}`);
  const view = result.value as SlipView;
  const pdf = Buffer.from(view.pdfBase64, 'base64');
  return { view, pdf, text: squeeze(pdfText(pdf)) };
}

beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  const sell = (amount: number, tendered: number) => fx.ok('sales.sell', {
    meterId: fx.meters.energy, request: { mode: 'money', amount }, tendered, idempotencyKey: fx.key(),
  }, fx.sessions.clerk1);
  first = await sell(10_000, 20_000);
  // 100 yuan bought 204 kWh; 1,300 more stop 13 kWh short of the 2,880 kWh first tier, so the next
  // 100 yuan crosses into the second.
  middle = await sell(130_000, 130_000);
  tiered = await sell(10_000, 10_000);
});
afterAll(async () => { await fx.close(); });

describe('slips.payment', () => {
  it('answers a PDF of the sale, named by its serial, and writes no row anywhere', async () => {
    const before = { ...(await fx.counts()), settings: await settingsCount() };
    const { view, pdf } = await slip(first.id, 'a4');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(view).toMatchObject({ saleId: first.id, receiptNo: first.receiptNo, form: 'a4', fileName: `${first.receiptNo}-a4.pdf`, bytes: pdf.length });
    expect({ ...(await fx.counts()), settings: await settingsCount() }).toEqual(before);
  });

  it.each(['a4', 'continuous241'] as const)('the %s slip of a 100-yuan cash sale shows the copies, serial, 壹佰元整, units, tendered and change', async (form) => {
    const { text } = await slip(first.id, form);
    for (const copy of ['客户联', '存根联', '记账联']) expect(text).toContain(copy);
    expect(text).toContain(first.receiptNo);
    expect(text).toContain('人民币壹佰元整');
    expect(text).toContain(`${formatUnits(units(first.units))} kWh`);
    expect(text).toContain('实收 ¥200.00');
    expect(text).toContain('找零 ¥100.00');
    expect(text).toContain('示范营业厅');
    expect(text).toContain('收费员 CLERK1');
  });

  it('splits a sale across tiers and counts the year and the month up to that sale', async () => {
    expect(tiered.segments.map((s) => s.tier)).toEqual([1, 2]);
    const { text } = await slip(tiered.id, 'a4');
    for (const s of tiered.segments) {
      expect(text).toContain(`${formatUnits(units(s.units))} kWh × ${formatPrice(price(s.price))} = ¥${formatYuan(fen(s.charge))}`);
    }
    const year = formatUnits(units(first.units + middle.units + tiered.units));
    expect(text).toContain(`本年累计 ${year} kWh`);
    expect(text).toContain(`06月 ¥${formatYuan(fen(first.payable + middle.payable + tiered.payable))}`);
    expect(text).toContain('01月 ¥0.00');
    // The first sale's slip is unchanged by the later sales: history is taken as of the sale.
    expect((await slip(first.id, 'a4')).text).toContain('06月 ¥100.00');
  });

  it('speaks the caller\'s language', async () => {
    const { text } = await slip(first.id, 'continuous241', 'en');
    expect(text).toContain('Prepaid Electricity Payment Slip');
    expect(text).toContain('Copy 1 · Customer (客户联)');
    expect(text).toContain('Demo Business Hall');
    expect(text).toContain('人民币壹佰元整');
  });

  it('is open to every staff role', async () => {
    for (const who of ['supervisor', 'admin'] as const) expect((await slip(first.id, 'a4', undefined, who)).view.receiptNo).toBe(first.receiptNo);
  });

  it('refuses an unknown sale with the translated not-found', async () => {
    const before = await fx.counts();
    expect(refusal(await fx.call('slips.payment', { saleId: 999_999, form: 'a4' }, fx.sessions.clerk1))).toMatchObject({ code: 'not-found', params: { what: 'sale' } });
    expect(await fx.counts()).toEqual(before);
  });

  it('prints the hall name kept in the settings', async () => {
    await setSetting(fx.backend.database.db, HALL_NAME_SETTING, '幸福路供电营业厅');
    try {
      expect((await slip(first.id, 'a4', 'en')).text).toContain('幸福路供电营业厅');
    } finally {
      await fx.sql.run('delete from settings where key = ?', [HALL_NAME_SETTING]);
    }
  });
});

describe('the slip code', () => {
  it('the printed code verifies with the hall\'s key; an altered amount does not', async () => {
    const { text } = await slip(first.id, 'a4');
    const code = /HD1\|\S+/.exec(text)?.[0] ?? '';
    expect(code).toMatch(new RegExp(`^HD1\\|${first.receiptNo}\\|10000\\|[0-9a-f]{8}$`));
    expect(await fx.backend.services.slips.verifyCode(code)).toEqual({ valid: true, receiptNo: first.receiptNo, amount: 10_000 });
    expect(await fx.backend.services.slips.verifyCode(code.replace('|10000|', '|90000|'))).toEqual({ valid: false, reason: 'mac' });
  });

  it('the settings repository writes a value once unless told to replace it', async () => {
    const db = fx.backend.database.db;
    expect(await insertSettingIfAbsent(db, 'test_once', 'first')).toBe(true);
    expect(await insertSettingIfAbsent(db, 'test_once', 'second')).toBe(false);
    expect(await getSetting(db, 'test_once')).toBe('first');
    await setSetting(db, 'test_once', 'third');
    expect(await getSetting(db, 'test_once')).toBe('third');
    expect(await getSetting(db, 'test_missing')).toBeUndefined();
    await fx.sql.run("delete from settings where key = 'test_once'");
  });

  it('the printed QR codes scan (one per copy) and verify', async () => {
    const { pdf } = await slip(first.id, 'a4');
    const codes = scanQrCodes(pdf);
    expect(codes).toHaveLength(3);
    for (const code of codes) {
      expect(await fx.backend.services.slips.verifyCode(code)).toEqual({ valid: true, receiptNo: first.receiptNo, amount: 10_000 });
    }
    expect(scanQrCodes((await slip(first.id, 'continuous241')).pdf)).toEqual([codes[0]]);
  });

  it('the key is made at backend start, 32 random bytes, and kept across restarts', async () => {
    const key = await getSetting(fx.backend.database.db, SLIP_KEY_SETTING);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const again = await createBackend({ dataDir: fx.dataDir, clock: fx.clock, counterCode: 'A01' });
    try {
      expect(await getSetting(again.database.db, SLIP_KEY_SETTING)).toBe(key);
    } finally {
      await again.close();
    }
  });
});
