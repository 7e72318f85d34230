/**
 * `halldesk import customers FILE`: opens an account (customer + premises + one meter) per row of a
 * CSV or XLSX file. The column layout is documented in electron/bulk/customer-columns.ts. Valid rows
 * land in one transaction; refused rows are listed by line with the reason. Exit codes: 0 every row
 * imported, 1 some row refused (or the file unusable), 2 a bad argument.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createBackend } from '../../main/composition';
import { findUserByName } from '../../db/repositories/users-repository';
import { parseCsv } from '../../bulk/csv';
import type { SheetRow } from '../../bulk/csv';
import { readXlsx } from '../../bulk/xlsx';
import { bulkSessionFor } from '../../bulk/sqlite-worker-session';
import { describeRejection, importCustomerRows, ImportFileError } from '../../bulk/import-customers';
import type { ImportReport } from '../../bulk/import-customers';
import { backendPlace, UsageError, positionals, stringOption } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';

const USAGE = 'halldesk import customers FILE.csv|FILE.xlsx [--data DIR] [--counter A01] [--user admin] [--all-or-nothing] [--json]';

/** CSV or XLSX by the file's extension. */
export async function readSheet(file: string): Promise<SheetRow[]> {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return parseCsv(await readFile(file, 'utf8'));
  if (ext === '.xlsx') return readXlsx(file);
  throw new UsageError(`FILE must end in .csv or .xlsx, got "${basename(file)}"`);
}

function printReport(report: ImportReport, seconds: number): void {
  for (const column of report.unknownColumns) console.log(`ignored column: ${column}`);
  for (const row of report.rejected) console.log(describeRejection(row));
  const rate = seconds > 0 ? Math.round(report.imported / seconds) : report.imported;
  if (!report.committed) console.log(`nothing imported: ${report.rejected.length} of ${report.rows} rows refused (--all-or-nothing)`);
  else console.log(`imported ${report.imported} of ${report.rows} rows, ${report.rejected.length} refused (${seconds.toFixed(2)} s, ${rate}/s)`);
}

async function run(file: string, options: { place: ReturnType<typeof backendPlace>; user: string; allOrNothing: boolean; json: boolean }) {
  const started = performance.now();
  const sheet = await readSheet(file);
  const backend = await createBackend(options.place);
  try {
    if (backend.firstAdminPassword) console.error(`first run: user "admin" created with password ${backend.firstAdminPassword} (shown once)`);
    const user = await findUserByName(backend.database.db, options.user);
    if (!user || user.active !== 1) throw new UsageError(`--user: no active user "${options.user}"`);
    const report = await importCustomerRows(bulkSessionFor(backend.database), sheet, {
      allOrNothing: options.allOrNothing, userId: Number(user.id), source: `import:${basename(file)}`, at: new Date().toISOString(),
    });
    const seconds = (performance.now() - started) / 1000;
    if (options.json) console.log(JSON.stringify({ file, ...report, seconds, messages: report.rejected.map((r) => describeRejection(r)) }));
    else printReport(report, seconds);
    return report.rejected.length === 0 ? 0 : 1;
  } finally {
    await backend.close();
  }
}

const importCustomers = defineCommand({
  summary: 'open accounts from a CSV or XLSX file of customers and meters',
  usage: USAGE,
  options: { user: { type: 'string' }, 'all-or-nothing': { type: 'boolean' }, json: { type: 'boolean' } },
  async run(parsed) {
    const [file] = positionals(parsed, 1, USAGE);
    try {
      return await run(file!, {
        place: backendPlace(parsed), user: stringOption(parsed, 'user') ?? 'admin',
        allOrNothing: parsed.values['all-or-nothing'] === true, json: parsed.values.json === true,
      });
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      console.error(`halldesk import customers: ${error.message}; nothing imported`);
      return 1;
    }
  },
});

export const importCommands: Record<string, Command> = {
  'import customers': importCustomers,
};
