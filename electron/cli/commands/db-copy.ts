/**
 * `halldesk db copy --from sqlite:FILE --to postgres://…` (issue 8 item 4): moves a single-counter hall onto a
 * PostgreSQL server, verified before it is committed. The report (table, rows) goes to stdout; progress lines
 * to stderr. Exit 0: copied and verified; 1: refused or did not verify (the server is left as it was).
 */
import { join, resolve } from 'node:path';
import { copyHall } from '../../db/copy/copy-hall';
import type { CopyOutcome } from '../../db/copy/copy-hall';
import { redactUrl } from '../../db/open-postgres';
import { DATABASE_FILE, isPostgresUrl } from '../../main/database-choice';
import { positionals, stringOption, UsageError } from '../args';
import type { Parsed } from '../args';
import { defineCommand } from '../command';
import { formatTable } from '../table';

const USAGE = 'halldesk db copy --to postgres://USER@HOST:PORT/NAME [--from sqlite:FILE] [--data DIR] [--json]';

/** --from: `sqlite:FILE` or a plain path; default the data folder's own database file. */
export function sourceFile(parsed: Parsed): string {
  const from = stringOption(parsed, 'from');
  if (from === undefined) return join(parsed.dataDir, DATABASE_FILE);
  const file = from.startsWith('sqlite:') ? from.slice('sqlite:'.length) : from;
  if (file === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) throw new UsageError(`--from must be a SQLite file (sqlite:FILE or a path), got "${from}"`);
  return resolve(file);
}

/** --to: the server's URL itself (postgres:// or postgresql://, with a host and a database name). */
export function targetUrl(parsed: Parsed): string {
  const to = stringOption(parsed, 'to');
  if (to === undefined) throw new UsageError(`--to is required: ${USAGE}`);
  if (!isPostgresUrl(to)) throw new UsageError(`--to must be a PostgreSQL URL such as postgres://halldesk@db.example:5432/hall, got "${redactUrl(to)}"`);
  return to;
}

function printReport(outcome: CopyOutcome, to: string): void {
  const { verification: v } = outcome;
  const rows = [...v.counts].sort((a, b) => a.table.localeCompare(b.table)).map((c) => [c.table, String(c.target), c.source === c.target ? 'ok' : `FAIL (file has ${c.source})`]);
  for (const line of formatTable([{ header: 'table' }, { header: 'rows', right: true }, { header: 'check' }], rows)) console.log(line);
  console.log(`${v.ledgerMismatches.length === 0 ? 'ok  ' : 'FAIL'} ledger sums equal per book and account (${v.ledgerGroups} groups)`
    + (v.ledgerMismatches.length === 0 ? '' : ` ${JSON.stringify(v.ledgerMismatches)}`));
  for (const check of v.checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.ok ? '' : ` ${JSON.stringify(check.offenders)}`}`);
  const total = v.counts.reduce((n, c) => n + c.target, 0);
  console.log(outcome.committed
    ? `copied and verified: ${total} rows in ${v.counts.length} tables onto ${redactUrl(to)} (schema ${outcome.schemaVersion}, ${outcome.seconds.toFixed(1)} s)`
    : `copy NOT verified: rolled back, ${redactUrl(to)} is left as it was (if the file itself fails "halldesk db verify", repair that first)`);
}

export const copyCommand = defineCommand({
  summary: 'copy a single-counter hall from its SQLite file onto an empty PostgreSQL database, verified before commit',
  usage: USAGE,
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    const to = targetUrl(parsed);
    const from = sourceFile(parsed);
    const outcome = await copyHall({ from, to, log: (line) => console.error(line) });
    if (parsed.values.json) console.log(JSON.stringify({ ...outcome, to: redactUrl(to) }));
    else printReport(outcome, to);
    return outcome.committed ? 0 : 1;
  },
});
