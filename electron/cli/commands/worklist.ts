/**
 * `halldesk worklist low-balance|arrears|not-recharged` and `halldesk worklist print KIND` (issue 7 item 5 "from
 * the screen and the CLI"): the reminder list exactly as worklists.list answers it, as an aligned table, JSON, or
 * a CSV file (UTF-8 with BOM, as the report exports write it, so Excel on Chinese Windows reads the names); and
 * the list as the duplicate customer list PDF that worklists.print renders.
 */
import { writeFileSync } from 'node:fs';
import { translatorCache } from '../../../shared/i18n';
import { WORKLIST_KINDS } from '../../../shared/contract/worklist-views';
import type { WorklistKind, WorklistRowView, WorklistView } from '../../../shared/contract/worklist-views';
import { writeCsv } from '../../reports/export-csv';
import { cellText } from '../../reports/report-book';
import type { Cell, SheetColumn } from '../../reports/report-book';
import { UsageError, intOption, positionals, stringOption } from '../args';
import type { Parsed } from '../args';
import { actorFor, checked, withBackend, writeOutput } from '../backend-session';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { formatTable } from '../table';

const KINDS = 'low-balance|arrears|not-recharged';
const LIST_USAGE = `halldesk worklist ${KINDS} [--area A] [--limit N] [--json] [--csv FILE] [--data DIR]`;
const PRINT_USAGE = `halldesk worklist print ${KINDS} [--area A] [--out FILE.pdf] [--user NAME] [--data DIR]`;

/** The CLI spells kinds the shell way (low-balance); the contract's own spelling (lowBalance) is taken too. */
export function worklistKind(word: string | undefined): WorklistKind {
  const camel = (word ?? '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const kind = WORKLIST_KINDS.find((k) => k === camel);
  if (!kind) throw new UsageError(`the list is ${KINDS}, got "${word ?? ''}"`);
  return kind;
}

// Made on first use: every command's module is loaded for any command, and most never need a translation.
const translator = translatorCache();

const COLUMNS: readonly SheetColumn[] = [
  { header: 'account', kind: 'text', width: 14 }, { header: 'customer', kind: 'text', width: 12 }, { header: 'phone', kind: 'text', width: 13 },
  { header: 'address', kind: 'text', width: 24 }, { header: 'meter', kind: 'text', width: 12 }, { header: 'utility', kind: 'text', width: 11 },
  { header: 'reason', kind: 'text', width: 24 }, { header: 'balance', kind: 'fen', width: 10 }, { header: 'unit', kind: 'text', width: 5 },
  { header: 'overdraft', kind: 'fen', width: 10 }, { header: 'days left', kind: 'int', width: 9 }, { header: 'last sale', kind: 'text', width: 10 },
  { header: 'last contact', kind: 'text', width: 24 },
];

/** One row's cells; balance and overdraft are hundredths of a yuan or of a unit, as `unit` says. */
function cells(r: WorklistRowView): Cell[] {
  const unit = r.measure === 'fen' ? 'yuan' : r.utility === 'water' ? 'm3' : 'kWh';
  const reason = translator('en').getFixedT('en', 'slips')(`worklist.reason.${r.reason}`, { days: r.daysLeft ?? '', since: r.lastSaleDate ?? '-' });
  const contact = r.lastContact ? `${r.lastContact.outcome} ${r.lastContact.at.slice(0, 10)} ${r.lastContact.user}` : null;
  return [r.accountNo, r.customerName, r.phone, r.address, r.meterNo, r.utility, reason, r.balance, unit, r.overdraft, r.daysLeft, r.lastSaleDate, contact];
}

function printTable(view: WorklistView): void {
  const rows = view.rows.map((r) => cells(r).map((cell, i) => cellText(COLUMNS[i]!.kind, cell)));
  const columns = COLUMNS.map((c) => ({ header: c.header, right: c.kind !== 'text' }));
  for (const line of formatTable(columns, rows)) console.log(line);
  console.log(`${view.total} on the ${view.kind} list on ${view.today}${view.total > view.rows.length ? `, ${view.rows.length} shown (--limit)` : ''}`);
}

function writeListCsv(file: string, view: WorklistView): void {
  const sheet = { name: view.kind, columns: COLUMNS, rows: view.rows.map(cells) };
  writeFileSync(file, writeCsv({ title: view.kind, facts: [], sheets: [sheet], fileBase: `worklist-${view.kind}-${view.today}` }));
}

function listInput(kind: WorklistKind, p: Parsed): unknown {
  const area = stringOption(p, 'area');
  const limit = p.values.limit === undefined ? undefined : intOption(p, 'limit', 0);
  return { kind, ...(area !== undefined ? { area } : {}), ...(limit !== undefined ? { limit } : {}) };
}

const listCommand = defineCommand({
  summary: 'the reminder lists (low balance, arrears, not recharged) as a table, JSON or a CSV file',
  usage: LIST_USAGE,
  options: { area: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'string' } },
  async run(parsed) {
    const [word] = positionals(parsed, 1, LIST_USAGE);
    const input = checked('worklists.list', listInput(worklistKind(word), parsed));
    const csv = stringOption(parsed, 'csv');
    return withBackend(parsed, async (backend) => {
      const view = await backend.services.worklists.list(input);
      if (csv !== undefined) {
        writeListCsv(csv, view);
        console.log(csv);
      } else if (parsed.values.json) console.log(JSON.stringify(view, null, 2));
      else printTable(view);
      return 0;
    });
  },
});

const printCommand = defineCommand({
  summary: 'a reminder list as the duplicate customer list PDF (A4)',
  usage: PRINT_USAGE,
  options: { area: { type: 'string' }, out: { type: 'string' }, user: { type: 'string' } },
  async run(parsed) {
    const [word] = positionals(parsed, 1, PRINT_USAGE);
    const area = stringOption(parsed, 'area');
    const input = checked('worklists.print', { kind: worklistKind(word), ...(area !== undefined ? { area } : {}) });
    return withBackend(parsed, async (backend) => {
      const actor = await actorFor(backend, parsed, 'worklists.print');
      const doc = await backend.services.worklists.print(actor, input, 'zh-CN');
      writeOutput(stringOption(parsed, 'out') ?? doc.fileName, Buffer.from(doc.pdfBase64, 'base64'));
      return 0;
    });
  },
});

export const worklistCommands: Record<string, Command> = { worklist: listCommand, 'worklist print': printCommand };
