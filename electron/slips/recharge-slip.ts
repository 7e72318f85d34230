/**
 * buildRechargeSlip: the duplicate recharge slip (充值凭证, 客户联 + 存根联). Same facts as the payment slip
 * (the sale), without the accounting copy and the purchase history, and with the recharge's delivery: a
 * card recharge is carried by the card; a remote recharge shows its state (pending / sent / delivered /
 * failed ...) as known when printed. Pure: the service gathers the state (slips-service + print-service).
 */
import type { i18n as I18n } from 'i18next';
import { buildPaymentSlip, beijingDateTime } from './payment-slip';
import type { SlipBody, SlipData, SlipRow } from './slip-types';

/** How the credit reaches the meter: by card, or remotely with the meter write's latest state. */
export type RechargeDelivery =
  | { readonly via: 'card' }
  | { readonly via: 'remote'; readonly state: string; readonly at: string | null };

export interface RechargeSlipData extends SlipData {
  readonly delivery: RechargeDelivery;
}

export interface DuplicateSlip extends SlipBody {
  /** Customer copy, stub. */
  readonly copies: readonly [string, string];
  readonly pliesLine: string;
  readonly cutLine: string;
}

function deliveryRows(d: RechargeSlipData, i18n: I18n): SlipRow[] {
  const t = i18n.getFixedT(null, 'slips');
  const { delivery } = d;
  const state = delivery.via === 'card'
    ? t('recharge.byCard')
    : t(`recharge.states.${delivery.state}`, { defaultValue: delivery.state });
  const at = delivery.via === 'remote' && delivery.at ? beijingDateTime(delivery.at) : '—';
  return [{ columns: 4, cells: [
    { label: t('recharge.delivery'), value: state, span: 2, strong: true },
    { label: t('recharge.stateAt'), value: at, span: 2 },
  ] }];
}

export function buildRechargeSlip(d: RechargeSlipData, i18n: I18n): DuplicateSlip {
  const t = i18n.getFixedT(null, 'slips');
  const payment = buildPaymentSlip(d, i18n);
  const [header = [], customer = [], amounts = []] = payment.sections;
  const copies: [string, string] = [t('recharge.copy.customer'), t('recharge.copy.stub')];
  return {
    language: payment.language, receiptNo: payment.receiptNo, hallName: payment.hallName,
    title: t(`recharge.title.${d.utility}`),
    sections: [header, customer, amounts, deliveryRows(d, i18n)],
    notices: payment.notices, qr: payment.qr,
    copies, pliesLine: t('recharge.plies', { copies: copies.join(' / ') }), cutLine: payment.cutLine,
  };
}
