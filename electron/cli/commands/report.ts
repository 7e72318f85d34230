/**
 * `halldesk report day|monthly|export|payment-record …`: the reports of the Reports page from the command
 * line, for the finance office's scripts. Inputs are checked by the same zod schemas the contract uses;
 * `day` and `monthly` print the view as JSON on stdout; `export` and `payment-record` write the file to --out
 * (or stdout with --out -) and draw a progress bar on stderr (report-progress.ts).
 */
import type { Backend } from '../../main/composition';
import { UsageError, stringOption } from '../args';
import { checked, cliActor, withBackend, writeOutput } from '../backend-session';
import type { Parsed } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { progressBar } from './report-progress';

const USAGE = [
  'halldesk report day DATE', 'halldesk report monthly MONTH [--by area|building|category]',
  'halldesk report export KIND --format xlsx|csv|pdf --out FILE [--date D] [--month M] [--by B] [--period P] [--from D --to D] [--shift ID]',
  'halldesk report payment-record MONTH --format csv|xlsx --out FILE',
].join('\n       ');

function exportParams(kind: string, p: Parsed): Record<string, unknown> {
  const s = (name: string) => stringOption(p, name);
  switch (kind) {
    case 'dayClose': return { date: s('date') };
    case 'shift': return { shiftId: Number(s('shift')) };
    case 'monthly': return { month: s('month'), by: s('by') ?? 'area' };
    case 'tiers': return { period: s('period') };
    case 'reversals': case 'cardOps': case 'controlJobs': return { from: s('from'), to: s('to') };
    default: return {};
  }
}

async function run(p: Parsed, backend: Backend): Promise<number> {
  const [sub, arg] = p.positionals;
  const reports = backend.services.reports;
  if (sub === 'day') {
    console.log(JSON.stringify(await reports.dayClose(checked('reports.dayClose', { date: arg }).date), null, 2));
    return 0;
  }
  const bar = progressBar(sub ?? 'report');
  const progress = (done: number, total: number) => bar.update(done, total);
  try {
    if (sub === 'monthly') {
      console.log(JSON.stringify(await reports.monthly(checked('reports.monthly', { month: arg, by: stringOption(p, 'by') ?? 'area' }), progress), null, 2));
      return 0;
    }
    const actor = await cliActor(backend);
    const format = stringOption(p, 'format') ?? 'xlsx';
    const file = sub === 'export'
      ? await reports.export(actor, checked('reports.export', { report: arg, params: exportParams(arg ?? '', p), format }), 'zh-CN', progress)
      : sub === 'payment-record'
        ? await reports.paymentRecord(actor, checked('reports.monthlyPaymentRecord', { month: arg, format }), 'zh-CN', progress)
        : null;
    if (file === null) throw new UsageError(`usage: ${USAGE}`);
    progress(1, 1);
    bar.end();
    writeOutput(stringOption(p, 'out') ?? file.fileName, Buffer.from(file.base64, 'base64'));
    return 0;
  } finally {
    bar.end();
  }
}

const reportCommand = defineCommand({
  summary: 'day close, monthly report, exports (xlsx/csv/pdf) and the monthly payment record',
  usage: USAGE,
  options: {
    format: { type: 'string' }, out: { type: 'string' }, by: { type: 'string' }, date: { type: 'string' }, month: { type: 'string' },
    period: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, shift: { type: 'string' },
  },
  async run(parsed) {
    if (parsed.positionals.length !== 2) throw new UsageError(`usage: ${USAGE}`);
    return withBackend(parsed, (backend) => run(parsed, backend));
  },
});

export const reportCommands: Record<string, Command> = { report: reportCommand };
