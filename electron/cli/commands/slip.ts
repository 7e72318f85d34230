/**
 * `halldesk slip SALE_ID_OR_RECEIPT_NO` (issue 7 items 1–2 from the CLI). With --out it writes the slip of a sale
 * as the screen shows it (slips.payment: a view, not a print, so not numbered and not audited): a PDF, or for the
 * thermal80 form the ESC/POS bytes. With --print it goes through slips.print: recorded as a print job, numbered
 * and audited ("COPY / 补打 n" with --reprint), sent to the kind's printer; a failure leaves the job in the queue.
 */
import { findSale, findSaleByReceipt } from '../../db/repositories/sales-repository';
import { readPrinterSettings } from '../../services/print-service';
import { renderSaleSlip } from '../../services/print-documents';
import type { Backend } from '../../main/composition';
import { createI18n } from '../../../shared/i18n';
import { PRINT_FORMS } from '../../../shared/contract/print-views';
import type { PrintForm } from '../../../shared/contract/print-views';
import { UsageError, positionals, stringOption } from '../args';
import type { Parsed } from '../args';
import { actorFor, checked, withBackend, writeOutput } from '../backend-session';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { describeJob } from './print';

const USAGE = [
  `halldesk slip SALE_ID_OR_RECEIPT_NO [--kind payment|recharge] [--form ${PRINT_FORMS.join('|')}] --out FILE`,
  'halldesk slip SALE_ID_OR_RECEIPT_NO [--kind payment|recharge] [--form F] --print [--reprint] --user NAME',
].join('\n       ');

const SLIP_LANGUAGE = 'zh-CN';

interface SlipArgs {
  readonly sale: string;
  readonly kind: 'payment' | 'recharge';
  readonly form: PrintForm | undefined;
  readonly out: string | undefined;
}

function slipArgs(p: Parsed): SlipArgs {
  const [sale] = positionals(p, 1, USAGE);
  const kind = stringOption(p, 'kind') ?? 'payment';
  if (kind !== 'payment' && kind !== 'recharge') throw new UsageError(`--kind is payment or recharge, got "${kind}"`);
  const form = stringOption(p, 'form');
  if (form !== undefined && !(PRINT_FORMS as readonly string[]).includes(form)) throw new UsageError(`--form is ${PRINT_FORMS.join(', ')}; got "${form}"`);
  const out = stringOption(p, 'out');
  if ((out === undefined) === (p.values.print !== true)) throw new UsageError(`either --out FILE or --print\nusage: ${USAGE}`);
  if (p.values.reprint === true && p.values.print !== true) throw new UsageError('--reprint goes with --print (a file is not a print)');
  return { sale: sale!, kind, form: form as PrintForm | undefined, out };
}

/** A number is a sale id; anything else a receipt number (A01-…). */
async function saleIdOf(backend: Backend, sale: string): Promise<number> {
  const row = /^\d{1,15}$/.test(sale) ? await findSale(backend.database.db, Number(sale)) : await findSaleByReceipt(backend.database.db, sale);
  if (!row) throw new UsageError(`no sale "${sale}" (a sale id or a receipt number)`);
  return Number(row.id);
}

async function writeSlip(backend: Backend, args: SlipArgs, saleId: number, out: string): Promise<number> {
  const db = backend.database.db;
  // The form the screen would use: the one asked for, else the kind's printer's, else A4.
  const form = args.form ?? (await readPrinterSettings(db)).kinds[args.kind]?.form ?? 'a4';
  const doc = await renderSaleSlip(db, { kind: args.kind, saleId, form, reprintNo: 0 }, createI18n(SLIP_LANGUAGE), {});
  writeOutput(out, doc.bytes);
  return 0;
}

async function printSlip(backend: Backend, p: Parsed, args: SlipArgs, saleId: number): Promise<number> {
  const input = checked('slips.print', { kind: args.kind, saleId, ...(args.form ? { form: args.form } : {}), ...(p.values.reprint ? { reprint: true } : {}) });
  const actor = await actorFor(backend, p, 'slips.print');
  const settings = await backend.services.prints.settings();
  // In dialog mode slips.print records the job as handed to the desktop's print dialog; there is no dialog here,
  // so recording one would claim a print that never happened. The thermal form always goes to its printer.
  if (settings.dialog && (args.form ?? settings.kinds[args.kind]?.form ?? 'a4') !== 'thermal80') {
    throw new Error('printing goes through the system print dialog (printer settings); write the slip with --out FILE and print that');
  }
  const result = await backend.services.prints.print(actor, input, SLIP_LANGUAGE);
  if (result.mode !== 'queued') throw new Error('the slip went to the print dialog');
  console.log(describeJob(result.job));
  return result.job.state === 'printed' ? 0 : 1;
}

const slipCommand = defineCommand({
  summary: 'a sale\'s payment or recharge slip to a file (PDF, or ESC/POS for thermal80), or printed (--print, --reprint)',
  usage: USAGE,
  options: {
    kind: { type: 'string' }, form: { type: 'string' }, out: { type: 'string' }, print: { type: 'boolean' }, reprint: { type: 'boolean' }, user: { type: 'string' },
  },
  async run(parsed) {
    const args = slipArgs(parsed);
    return withBackend(parsed, async (backend) => {
      const saleId = await saleIdOf(backend, args.sale);
      return args.out !== undefined ? writeSlip(backend, args, saleId, args.out) : printSlip(backend, parsed, args, saleId);
    });
  },
});

export const slipCommands: Record<string, Command> = { slip: slipCommand };
