/**
 * Slips: gathers what a payment slip shows from the database and renders it as a PDF in the caller's
 * language. Reads only: the slip MAC key is made at backend start (ensureSlipKey), so printing or
 * reprinting a slip writes nothing.
 *
 * Everything history-like is taken as of the sale (rows up to and including its id), so a reprint next
 * year shows what the first print showed: units bought this year and the last six months' purchases.
 */
import { findAccount } from '../db/repositories/accounts-repository';
import { findCustomer } from '../db/repositories/customers-repository';
import { findMeter } from '../db/repositories/meters-repository';
import { findSale } from '../db/repositories/sales-repository';
import type { SaleRow } from '../db/repositories/sales-repository';
import { getSetting } from '../db/repositories/settings-repository';
import { findUser } from '../db/repositories/users-repository';
import type { Db } from '../db/repositories/db';
import { buildPaymentSlip } from '../slips/payment-slip';
import { readSlipKey, slipCodeText, verifySlipCode } from '../slips/slip-code';
import type { SlipCodeCheck } from '../slips/slip-code';
import { renderSlipPdf } from '../slips/slip-pdf';
import type { SlipData, SlipForm } from '../slips/slip-types';
import { translatorCache } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import type { SlipView, TierSegmentView } from '../../shared/contract/views';
import type { CreditKind, Utility } from '../../shared/vocabulary';
import { found } from './deps';
import type { ServiceDeps } from './deps';

export const HALL_NAME_SETTING = 'hall_name';

/** The six business months ending with `date`'s month, oldest first: '2026-11-26' → 2026-06 … 2026-11. */
export function sixMonthsTo(date: string): string[] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return Array.from({ length: 6 }, (_, i) => {
    const index = year * 12 + (month - 1) - (5 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** The account's sales of the sale's utility, up to and including the sale. */
function salesUpTo(db: Db, sale: SaleRow) {
  return db.selectFrom('sales').where('account_id', '=', sale.account_id).where('utility', '=', sale.utility)
    .where('id', '<=', sale.id);
}

async function unitsThisYear(db: Db, sale: SaleRow): Promise<number> {
  const year = sale.business_date.slice(0, 4);
  const row = await salesUpTo(db, sale).select((eb) => eb.fn.sum<number>('units').as('units'))
    .where('business_date', '>=', `${year}-01-01`).executeTakeFirst();
  return Number(row?.units ?? 0);
}

async function lastSixMonths(db: Db, sale: SaleRow): Promise<SlipData['lastSixMonths']> {
  const months = sixMonthsTo(sale.business_date);
  const rows = await salesUpTo(db, sale)
    .select((eb) => [eb.fn('substr', ['business_date', eb.val(1), eb.val(7)]).as('month'), eb.fn.sum<number>('payable_fen').as('amount')])
    .where('business_date', '>=', `${months[0]}-01`).groupBy('month').execute() as { month: string; amount: number }[];
  return months.map((month) => ({ month, amount: Number(rows.find((r) => r.month === month)?.amount ?? 0) }));
}

async function tariffNameOf(db: Db, versionId: number): Promise<string> {
  const row = await db.selectFrom('tariff_versions').innerJoin('tariffs', 'tariffs.id', 'tariff_versions.tariff_id')
    .select('tariffs.name').where('tariff_versions.id', '=', versionId).executeTakeFirst();
  return found(row, 'tariff').name;
}

/** Who and where: the account, its customer and premises, the meter and the clerk of a sale. */
async function partiesOf(db: Db, sale: SaleRow) {
  const account = found(await findAccount(db, Number(sale.account_id)), 'account');
  const customer = found(await findCustomer(db, Number(account.customer_id)), 'customer');
  const premises = found(await db.selectFrom('premises').selectAll().where('id', '=', account.premises_id).executeTakeFirst(), 'premises');
  const meter = found(await findMeter(db, Number(sale.meter_id)), 'meter');
  const clerk = found(await findUser(db, Number(sale.clerk_id)), 'user');
  return { account, customer, premises, meter, clerk };
}

/** Everything the slip of a sale shows. */
export async function gatherPaymentSlip(db: Db, saleId: number): Promise<SlipData> {
  const sale = found(await findSale(db, saleId), 'sale');
  const { account, customer, premises, meter, clerk } = await partiesOf(db, sale);
  const payable = Number(sale.payable_fen);
  return {
    hallName: (await getSetting(db, HALL_NAME_SETTING)) ?? null,
    counterCode: sale.counter_code, receiptNo: sale.receipt_no, createdAt: sale.created_at, clerkName: clerk.display_name,
    customerName: customer.name, phone: customer.phone, accountNo: account.account_no,
    premises: { area: premises.area, building: premises.building, unit: premises.unit, room: premises.room },
    meterNo: meter.meter_no, cardNo: meter.card_no, utility: sale.utility as Utility, creditKind: sale.credit_kind as CreditKind,
    tariffName: await tariffNameOf(db, Number(sale.tariff_version_id)),
    segments: JSON.parse(sale.segments) as TierSegmentView[],
    units: Number(sale.units), payable, tendered: Number(sale.tendered_fen), change: Number(sale.change_fen),
    paymentMethod: sale.payment_method, creditAfter: Number(sale.credit_after_fen),
    unitsThisYear: await unitsThisYear(db, sale), lastSixMonths: await lastSixMonths(db, sale),
    qrText: slipCodeText(sale.receipt_no, payable, await readSlipKey(db)),
  };
}

export interface SlipsServiceOptions {
  /** Where resources/fonts lives (slip-font.ts: defaults to the project's, or HALLDESK_RESOURCES_DIR). */
  readonly resourcesDir?: string;
}

export function createSlipsService(deps: ServiceDeps, options: SlipsServiceOptions = {}) {
  const translator = translatorCache();

  return {
    /** The triplicate payment slip of a sale as a PDF, on the given form, in `language`. */
    async payment(saleId: number, form: SlipForm, language: Language): Promise<SlipView> {
      const data = await gatherPaymentSlip(deps.db, saleId);
      const slip = buildPaymentSlip(data, translator(language));
      const pdf = await renderSlipPdf(slip, form, { ...options, createdAt: new Date(data.createdAt) });
      return {
        saleId, receiptNo: data.receiptNo, form, fileName: `${data.receiptNo}-${form}.pdf`,
        pdfBase64: pdf.toString('base64'), bytes: pdf.length,
      };
    },
    /** Checks a slip's QR text against this hall's key. */
    async verifyCode(text: string): Promise<SlipCodeCheck> {
      return verifySlipCode(text, await readSlipKey(deps.db));
    },
  };
}
