/**
 * buildPaymentSlip: SlipData → the printable text of a triplicate payment slip, in the language of the
 * i18n instance it is given (namespace 'slips'). Pure: no database, no PDF, no clock.
 * Money goes through formatYuan and the capitals through toChineseCapitals, so no float ever prints.
 */
import type { i18n as I18n, TFunction } from 'i18next';
import { toChineseCapitals } from '../../shared/capitals';
import { formatPrice, formatUnits, formatYuan, fen, price, units } from '../../shared/money';
import type { PaymentSlip, SlipCell, SlipData, SlipRow } from './slip-types';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** '2026-06-15T02:00:00.000Z' → '2026-06-15 10:00:00' (Beijing, UTC+8 all year). */
export function beijingDateTime(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) throw new RangeError(`not a time: ${iso}`);
  return new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** 13800001234 → 138****1234: the first three and last four digits stay, as on Chinese bills. */
export function maskPhone(phone: string | null): string {
  if (!phone) return '—';
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/**
 * `lead` then the `rest` on a grid of `columns`: the lead takes `leadSpan` columns, each of the rest
 * `span`; rows that continue the list leave the lead's columns empty.
 */
function wrapCells(lead: SlipCell, rest: readonly SlipCell[], grid: { columns: number; leadSpan: number; span: number }): SlipRow[] {
  const perRow = Math.max(1, Math.floor((grid.columns - grid.leadSpan) / grid.span));
  const rows: SlipRow[] = [];
  for (let i = 0; i === 0 || i < rest.length; i += perRow) {
    const first = i === 0 ? lead : { label: '', value: '' };
    const cells = rest.slice(i, i + perRow).map((cell) => ({ ...cell, span: grid.span }));
    rows.push({ columns: grid.columns, cells: [{ ...first, span: grid.leadSpan }, ...cells] });
  }
  return rows;
}

function money(t: TFunction, amount: number): string {
  return t('money', { value: formatYuan(fen(amount)) });
}

function headerRows(d: SlipData, t: TFunction): SlipRow[] {
  return [{ columns: 4, cells: [
    { label: t('receiptNo'), value: d.receiptNo }, { label: t('time'), value: beijingDateTime(d.createdAt) },
    { label: t('counter'), value: d.counterCode }, { label: t('clerk'), value: d.clerkName },
  ] }];
}

function customerRows(d: SlipData, t: TFunction): SlipRow[] {
  return [
    { columns: 4, cells: [
      { label: t('accountNo'), value: d.accountNo }, { label: t('customer'), value: d.customerName },
      { label: t('phone'), value: maskPhone(d.phone) }, { label: t('meterNo'), value: d.meterNo },
    ] },
    { columns: 4, cells: [
      { label: t('address'), value: t('premises', { ...d.premises }), span: 2 },
      { label: t(`tariff.${d.utility}`), value: d.tariffName, span: 2 },
    ] },
    { columns: 4, cells: [
      { label: t('cardNo'), value: d.cardNo ?? t('noCard') }, { label: t('creditKind'), value: t(d.creditKind === 'energy' ? `creditKinds.energy.${d.utility}` : `creditKinds.${d.creditKind}`) },
      { label: t('tendered'), value: money(t, d.tendered) }, { label: t('change'), value: money(t, d.change) },
    ] },
  ];
}

function unitsText(d: SlipData, t: TFunction, amount: number): string {
  return `${formatUnits(units(amount))} ${t(`unitName.${d.utility}`)}`;
}

/** The units line with the tier split: one cell per tier segment (tier, units × price = charge). */
function unitRows(d: SlipData, t: TFunction): SlipRow[] {
  // A hall-kept meter is credited with money only: there are no units to show.
  if (d.creditKind === 'hall') return [];
  const estimate = d.creditKind === 'money';
  const value = estimate ? t('estimateMark', { value: unitsText(d, t, d.units) }) : unitsText(d, t, d.units);
  const lead: SlipCell = { label: t(estimate ? `unitsEstimate.${d.utility}` : `units.${d.utility}`), value };
  const segments = d.segments.map((s): SlipCell => ({
    label: t(`tier.${s.tier}`),
    value: t('segment', { units: unitsText(d, t, s.units), price: formatPrice(price(s.price)), charge: formatYuan(fen(s.charge)) }),
  }));
  // Two segments a line (a quarter of the width for the units, three eighths per segment): a segment's
  // text needs that much at the normal size, and three tiers then take two lines.
  return wrapCells(lead, segments, { columns: 8, leadSpan: 2, span: 3 });
}

function amountRows(d: SlipData, t: TFunction): SlipRow[] {
  return [
    { columns: 4, cells: [
      { label: t(`amount.${d.utility}`), value: money(t, d.payable), strong: true },
      { label: t('capitals'), value: t('capitalsValue', { capitals: toChineseCapitals(d.payable) }), span: 3, strong: true },
    ] },
    ...unitRows(d, t),
    { columns: 4, cells: [
      // A hall-kept meter buys money, not units: a units total would always read 0 there.
      ...(d.creditKind === 'hall' ? [] : [{ label: t('unitsThisYear'), value: unitsText(d, t, d.unitsThisYear) }]),
      { label: t('creditAfter'), value: money(t, d.creditAfter) },
      { label: t('payment'), value: t(`paymentMethods.${d.paymentMethod}`, { defaultValue: d.paymentMethod }) },
    ] },
  ];
}

function historyRows(d: SlipData, t: TFunction): SlipRow[] {
  const months = d.lastSixMonths.map(({ month, amount }): SlipCell => ({
    label: t('month', { year: month.slice(0, 4), month: month.slice(5, 7) }), value: money(t, amount),
  }));
  return [{ columns: 1 + months.length, cells: [{ label: t(`lastSixMonths.${d.utility}`), value: '' }, ...months] }];
}

/** The slip's text in the language of `i18n` (namespace 'slips'). */
export function buildPaymentSlip(d: SlipData, i18n: I18n): PaymentSlip {
  const t = i18n.getFixedT(null, 'slips');
  const notices = [t(d.cardNo === null ? 'notice.remote' : `notice.card.${d.utility}`)];
  // The brief: where a remainder smaller than one unit step stays on the account, the slip says so.
  if (d.creditKind === 'energy' && d.creditAfter > 0) notices.push(t('creditNotice', { credit: formatYuan(fen(d.creditAfter)) }));
  const copies: [string, string, string] = [t('copy.customer'), t('copy.stub'), t('copy.accounting')];
  return {
    language: i18n.language,
    receiptNo: d.receiptNo,
    hallName: d.hallName ?? t('defaultHallName'),
    title: t(`title.${d.utility}`),
    copies,
    pliesLine: t('plies', { copies: copies.join(' / ') }),
    cutLine: t('cutLine'),
    sections: [headerRows(d, t), customerRows(d, t), amountRows(d, t), historyRows(d, t)],
    notices,
    qr: { text: d.qrText, caption: t('qrCaption') },
  };
}
