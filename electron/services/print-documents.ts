/**
 * Renders the document of a print job: a slip of a sale (payment, recharge) or a customer list, on a
 * form, in a language, marked as reprint n when n > 0. PDF forms through pdfkit, thermal80 as ESC/POS.
 * The one path for the first attempt and every retry (a job stores what to render, not the bytes).
 */
import type { i18n as I18n } from 'i18next';
import { findUser } from '../db/repositories/users-repository';
import { getSetting } from '../db/repositories/settings-repository';
import type { Db } from '../db/repositories/db';
import { buildCustomerList } from '../slips/customer-list';
import type { CustomerListInput } from '../slips/customer-list';
import { renderCustomerListPdf } from '../slips/customer-list-pdf';
import { renderDuplicatePdf } from '../slips/duplicate-pdf';
import { buildPaymentSlip } from '../slips/payment-slip';
import { buildRechargeSlip } from '../slips/recharge-slip';
import type { RechargeDelivery } from '../slips/recharge-slip';
import { markReprint } from '../slips/reprint';
import { contentTypeOf } from '../slips/slip-kinds';
import type { ContentType, PrintForm, SlipKind } from '../slips/slip-kinds';
import { renderCustomerListEscPos, renderSlipEscPos } from '../slips/slip-escpos';
import { renderSlipPdf } from '../slips/slip-pdf';
import { gatherPaymentSlip, HALL_NAME_SETTING } from './slips-service';
import type { PrintJobRow } from '../db/repositories/prints-repository';

export interface RenderedDocument {
  readonly title: string;
  readonly contentType: ContentType;
  readonly bytes: Buffer;
  readonly receiptNo: string | null;
}

export interface RenderOptions {
  readonly resourcesDir?: string;
}

/** How a sale's credit reached (or is reaching) its meter: the latest state of its meter write, or the card. */
export async function deliveryOf(db: Db, saleId: number, cardNo: string | null): Promise<RechargeDelivery> {
  const write = await db.selectFrom('meter_writes').select('id').where('sale_id', '=', saleId).orderBy('id', 'desc').executeTakeFirst();
  if (!write) return cardNo !== null ? { via: 'card' } : { via: 'remote', state: 'none', at: null };
  const event = await db.selectFrom('meter_write_events').select(['state', 'at']).where('write_id', '=', write.id)
    .orderBy('id', 'desc').executeTakeFirst();
  return { via: 'remote', state: event?.state ?? 'pending', at: event?.at ?? null };
}

export async function renderSaleSlip(
  db: Db, request: { kind: 'payment' | 'recharge'; saleId: number; form: PrintForm; reprintNo: number }, i18n: I18n, options: RenderOptions,
): Promise<RenderedDocument> {
  const data = await gatherPaymentSlip(db, request.saleId);
  const contentType = contentTypeOf(request.form);
  const pdfOptions = { ...options, createdAt: new Date(data.createdAt) };
  if (request.kind === 'payment') {
    const slip = markReprint(buildPaymentSlip(data, i18n), i18n, request.reprintNo);
    const bytes = request.form === 'thermal80' ? renderSlipEscPos(slip, slip.copies) : await renderSlipPdf(slip, request.form, pdfOptions);
    return { title: `${slip.title} ${slip.receiptNo}`, contentType, bytes, receiptNo: data.receiptNo };
  }
  const delivery = await deliveryOf(db, request.saleId, data.cardNo);
  const slip = markReprint(buildRechargeSlip({ ...data, delivery }, i18n), i18n, request.reprintNo);
  const bytes = request.form === 'thermal80' ? renderSlipEscPos(slip, slip.copies) : await renderDuplicatePdf(slip, request.form, pdfOptions);
  return { title: `${slip.title} ${slip.receiptNo}`, contentType, bytes, receiptNo: data.receiptNo };
}

export async function renderCustomerList(
  db: Db, request: { list: CustomerListInput; form: PrintForm; userId: number; at: string }, i18n: I18n, options: RenderOptions,
): Promise<RenderedDocument> {
  const user = await findUser(db, request.userId);
  const list = buildCustomerList({
    ...request.list, hallName: (await getSetting(db, HALL_NAME_SETTING)) ?? null, printedAt: request.at, printedBy: user?.display_name ?? '',
  }, i18n);
  const bytes = request.form === 'thermal80'
    ? renderCustomerListEscPos(list)
    : await renderCustomerListPdf(list, request.form, { ...options, createdAt: new Date(request.at) });
  return { title: list.title, contentType: contentTypeOf(request.form), bytes, receiptNo: null };
}

/** What a job needs rendered; a job row before or after it is stored. */
export type JobToRender = Pick<PrintJobRow, 'kind' | 'form' | 'sale_id' | 'reprint_no' | 'language' | 'request' | 'requested_by' | 'created_at'>;

/** The job's document, as its first attempt rendered it (a remote recharge shows its delivery as of now). */
export function renderJob(db: Db, job: JobToRender, i18n: I18n, options: RenderOptions): Promise<RenderedDocument> {
  const form = job.form as PrintForm;
  const kind = job.kind as SlipKind;
  if (kind === 'customerList') {
    const list = JSON.parse(job.request) as CustomerListInput;
    return renderCustomerList(db, { list, form, userId: Number(job.requested_by ?? 0), at: job.created_at }, i18n, options);
  }
  if (job.sale_id === null) throw new Error(`print job of kind ${kind} without a sale`);
  return renderSaleSlip(db, { kind, saleId: Number(job.sale_id), form, reprintNo: Number(job.reprint_no) }, i18n, options);
}
