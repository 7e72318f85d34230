/**
 * Printing methods (issue 7 items 1–2): printers per slip kind, printing and reprinting slips, the print
 * queue. A print never undoes a sale: the sale has committed before slips.print is called, and a printer
 * that fails leaves the job queued for retry (prints.queue shows it, prints.retry tries it now).
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';
import { ESCPOS_ONLY_DRIVERS, PDF_ONLY_DRIVERS, PRINTER_DRIVERS, PRINT_FORMS, PRINT_JOB_STATES } from './print-views';
import type { PrinterQueueView, PrinterSettingsView, PrintJobView, PrintResultView } from './print-views';

const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];
const COUNTER: readonly Role[] = ['clerk', 'supervisor'];
const ADMIN: readonly Role[] = ['admin'];

export const printerConfig = z.object({
  driver: z.enum(PRINTER_DRIVERS),
  target: z.string().trim().min(1).max(200),
  form: z.enum(PRINT_FORMS),
}).strict()
  .refine((p) => !ESCPOS_ONLY_DRIVERS.includes(p.driver) || p.form === 'thermal80', { message: 'a raw thermal printer takes the thermal80 form', path: ['form'] })
  .refine((p) => !PDF_ONLY_DRIVERS.includes(p.driver) || p.form !== 'thermal80', { message: 'this driver prints PDF forms only', path: ['form'] });

const form = z.enum(PRINT_FORMS).optional();

export const customerListRow = z.object({
  accountNo: f.text(30), customerName: f.text(60), phone: f.phone.nullable(), address: z.string().trim().max(120),
  meterNo: z.string().trim().max(30), amount: z.number().int().min(-f.MAX_SALE_FEN).max(f.MAX_SALE_FEN).nullable(),
  note: z.string().trim().max(60),
}).strict();

const slipPrint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('payment'), saleId: f.id, form, reprint: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('recharge'), saleId: f.id, form, reprint: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('customerList'), title: f.text(40), rows: z.array(customerListRow).max(500), form }).strict(),
]);

export const printContract = {
  /** The CUPS queues of this machine (`lpstat -e`); empty where there is no CUPS (Windows). */
  'printers.list': { access: ADMIN, input: f.empty },
  'printers.settings': { access: STAFF, input: f.empty },
  'printers.setSettings': {
    access: ADMIN,
    input: z.object({
      dialog: z.boolean(),
      kinds: z.object({ payment: printerConfig.nullable(), recharge: printerConfig.nullable(), customerList: printerConfig.nullable() }).strict(),
    }).strict(),
  },
  /** Prints (or, with reprint, reprints as "COPY / 补打 n") a slip on its kind's printer; form overrides the printer's. */
  'slips.print': { access: COUNTER, input: slipPrint },
  'prints.queue': {
    access: STAFF,
    input: z.object({ state: z.enum(PRINT_JOB_STATES).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  },
  'prints.retry': { access: COUNTER, input: z.object({ jobId: f.id }).strict() },
} as const;

export interface PrintOutputs {
  'printers.list': readonly PrinterQueueView[];
  'printers.settings': PrinterSettingsView;
  'printers.setSettings': PrinterSettingsView;
  'slips.print': PrintResultView;
  'prints.queue': readonly PrintJobView[];
  'prints.retry': PrintJobView;
}
