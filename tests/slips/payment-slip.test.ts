/**
 * The slip's text, without a PDF: buildPaymentSlip on a tiered sale, in Chinese and English, and the
 * variants by credit kind and utility.
 */
import { describe, expect, it } from 'vitest';
import { beijingDateTime, buildPaymentSlip, maskPhone } from '../../electron/slips/payment-slip';
import { sampleSlipData } from '../../electron/slips/sample-slip';
import type { PaymentSlip, SlipCell } from '../../electron/slips/slip-types';
import { sixMonthsTo } from '../../electron/services/slips-service';
import { createI18n } from '../../shared/i18n';

const zh = createI18n('zh-CN');
const en = createI18n('en');

function cells(slip: PaymentSlip): SlipCell[] {
  return slip.sections.flat().flatMap((row) => row.cells);
}
function value(slip: PaymentSlip, label: string): string {
  const cell = cells(slip).find((c) => c.label === label);
  if (!cell) throw new Error(`no cell "${label}" in ${cells(slip).map((c) => c.label).join(', ')}`);
  return cell.value;
}

describe('a tiered electricity sale (100 yuan across tiers 1 and 2)', () => {
  const slip = buildPaymentSlip(sampleSlipData(), zh);

  it('names the hall, the slip and the three copies', () => {
    expect(slip.hallName).toBe('示范营业厅');
    expect(slip.title).toBe('预付费购电收费凭证');
    expect(slip.copies).toEqual(['第一联 客户联', '第二联 存根联', '第三联 记账联']);
    expect(slip.pliesLine).toBe('一式三联：第一联 客户联 / 第二联 存根联 / 第三联 记账联');
  });

  it('prints serial, Beijing time, counter and clerk', () => {
    expect(value(slip, '凭证号')).toBe('A01-2026-000123');
    expect(value(slip, '收费时间')).toBe('2026-11-26 10:42:07');
    expect(value(slip, '窗口')).toBe('A01');
    expect(value(slip, '收费员')).toBe('王丽');
  });

  it('prints the customer, account, premises, meter and tariff, the phone masked', () => {
    expect(value(slip, '户号')).toBe('H00001234');
    expect(value(slip, '户名')).toBe('张建国');
    expect(value(slip, '电话')).toBe('138****5678');
    expect(value(slip, '地址')).toBe('幸福小区 3栋 2单元 501');
    expect(value(slip, '表号')).toBe('000012345678');
    expect(value(slip, '卡号')).toBe('860012345678');
    expect(value(slip, '电价')).toBe('居民生活用电（年阶梯）');
    expect(value(slip, '计费方式')).toBe('电量卡表');
  });

  it('prints the amount in figures and in capitals, tendered and change', () => {
    expect(value(slip, '购电金额')).toBe('¥100.00');
    expect(value(slip, '大写')).toBe('人民币壹佰元整');
    expect(value(slip, '实收')).toBe('¥200.00');
    expect(value(slip, '找零')).toBe('¥100.00');
    expect(value(slip, '付款方式')).toBe('现金');
  });

  it('splits the units by tier: units × price = charge for each segment, adding up to the total', () => {
    expect(value(slip, '购电量')).toBe('193.00 kWh');
    expect(value(slip, '第一档')).toBe('80.00 kWh × 0.4883 = ¥39.06');
    expect(value(slip, '第二档')).toBe('113.00 kWh × 0.5383 = ¥60.83');
    const unitsRow = slip.sections[2]![1]!;
    expect(unitsRow.cells.map((c) => c.span)).toEqual([2, 3, 3]);
    expect(unitsRow.columns).toBe(8);
  });

  it('prints the balance held, the units this year, the remainder notice and the last six months', () => {
    expect(value(slip, '账户结余')).toBe('¥0.11');
    expect(value(slip, '本年累计')).toBe('2993.00 kWh');
    expect(slip.notices).toContain('不足一个计量单位的 ¥0.11 留存账户，下次购买时抵扣。');
    const history = slip.sections[3]![0]!;
    expect(history.cells.map((c) => `${c.label} ${c.value}`)).toEqual([
      '近六个月购电 ', '06月 ¥150.00', '07月 ¥300.00', '08月 ¥300.00', '09月 ¥200.00', '10月 ¥100.00', '11月 ¥100.00',
    ]);
  });

  it('carries the QR text unchanged', () => {
    expect(slip.qr).toEqual({ text: 'HD1|A01-2026-000123|10000|00000000', caption: '扫码核验' });
  });

  it('wraps a third tier onto a second line under the units', () => {
    const three = buildPaymentSlip(sampleSlipData({ segments: [
      { tier: 1, units: 100, price: 4883, charge: 49 }, { tier: 2, units: 100, price: 5383, charge: 54 }, { tier: 3, units: 100, price: 7883, charge: 79 },
    ] }), zh);
    const rows = three.sections[2]!.slice(1, 3);
    expect(rows.map((r) => r.cells.map((c) => c.label))).toEqual([['购电量', '第一档', '第二档'], ['', '第三档']]);
  });
});

describe('other meters and languages', () => {
  it('writes the slip in English, keeping the capitals in Chinese (the legal form)', () => {
    const slip = buildPaymentSlip(sampleSlipData(), en);
    expect(slip.hallName).toBe('Demo Business Hall');
    expect(slip.copies[0]).toContain('Customer');
    expect(value(slip, 'In words')).toBe('人民币壹佰元整');
    expect(value(slip, 'Tier 2')).toBe('113.00 kWh × 0.5383 = ¥60.83');
    expect(value(slip, 'Paid at')).toBe('2026-11-26 10:42:07');
  });

  it('prints the hall name from the settings as it is, in every language', () => {
    expect(buildPaymentSlip(sampleSlipData({ hallName: '幸福路供电营业厅' }), en).hallName).toBe('幸福路供电营业厅');
  });

  it('marks a money meter\'s units as an estimate', () => {
    const slip = buildPaymentSlip(sampleSlipData({ creditKind: 'money', creditAfter: 0 }), zh);
    expect(value(slip, '参考电量')).toBe('≈ 193.00 kWh（估算）');
    expect(slip.notices).toHaveLength(1);
  });

  it('shows no units for a hall-kept meter, and its balance', () => {
    const slip = buildPaymentSlip(sampleSlipData({ creditKind: 'hall', cardNo: null, segments: [], units: 0, creditAfter: 25_000 }), zh);
    expect(cells(slip).map((c) => c.label)).not.toContain('购电量');
    expect(cells(slip).map((c) => c.label)).not.toContain('本年累计');
    expect(value(slip, '账户结余')).toBe('¥250.00');
    expect(value(slip, '卡号')).toBe('无（远程表）');
    expect(slip.notices[0]).toContain('远程');
  });

  it('uses the water words and m³', () => {
    const slip = buildPaymentSlip(sampleSlipData({ utility: 'water', tariffName: '居民生活用水', segments: [{ tier: 1, units: 2_000, price: 34_500, charge: 6_900 }], units: 2_000, unitsThisYear: 5_000 }), zh);
    expect(slip.title).toBe('预付费购水收费凭证');
    expect(value(slip, '购水量')).toBe('20.00 m³');
    expect(value(slip, '第一档')).toBe('20.00 m³ × 3.4500 = ¥69.00');
    expect(value(slip, '水价')).toBe('居民生活用水');
  });
});

describe('helpers', () => {
  it.each([
    ['2026-06-15T02:00:00.000Z', '2026-06-15 10:00:00'],
    ['2026-12-31T16:30:05.000Z', '2027-01-01 00:30:05'],
  ])('%s is %s in Beijing', (iso, local) => { expect(beijingDateTime(iso)).toBe(local); });

  it.each([
    ['13812345678', '138****5678'], ['138-1234-5678', '138****5678'], ['0571 8888 1234', '057*****1234'], ['12345', '*****'], [null, '—'],
  ])('masks %s as %s', (phone, masked) => { expect(maskPhone(phone)).toBe(masked); });

  it.each([
    ['2026-11-26', ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']],
    ['2026-02-01', ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']],
  ])('the six months to %s', (date, months) => { expect(sixMonthsTo(date)).toEqual(months); });
});
