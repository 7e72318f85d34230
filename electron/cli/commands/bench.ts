import { join } from 'node:path';
import { intOption, positionals, stringOption, UsageError } from '../args';
import type { Parsed } from '../args';
import { defineCommand } from '../command';

const USAGE = 'halldesk bench [--json] [--only sweeps|ledger|worklists|reports|backup|pg] [--database postgres://… (default $HALLDESK_BENCH_PG_URL, else 127.0.0.1:55432)] [--pg-sales 500] [--customers 200000] [--sales 2000000] [--iterations 1000] [--import-rows 200000] [--cache DIR]';

/** Loaded on demand: the benchmarks use development packages (fast-check) an installed app need not have. */
async function figuresFor(parsed: Parsed): Promise<Record<string, unknown>> {
  const only = stringOption(parsed, 'only');
  const log = (line: string) => console.error(line);
  if (only === 'sweeps') return (await import('../../bench/sweep-bench')).benchSweeps(log);
  // The PostgreSQL server is named only by --database here, never by HALLDESK_DATABASE_URL (a hall's server).
  const pgServerUrl = stringOption(parsed, 'database');
  if (only === 'pg') return (await import('../../bench/pg-sale-bench')).benchPostgres({ serverUrl: pgServerUrl, salesPerCounter: intOption(parsed, 'pg-sales', 500), log });
  if (only === 'ledger') return (await import('../../bench/ledger-property')).benchLedgerProperty(100_000);
  const hall = { customers: intOption(parsed, 'customers', 200_000), sales: intOption(parsed, 'sales', 2_000_000), cacheDir: stringOption(parsed, 'cache') ?? join(process.cwd(), 'bench-data'), log };
  if (only === 'worklists') return (await import('../../bench/worklist-bench')).benchWorklistsOnly(hall);
  if (only === 'reports') return (await import('../../bench/report-bench')).benchReportsOnly(hall);
  if (only === 'backup') return (await import('../../bench/backup-bench')).benchBackupOnly(hall);
  if (only !== undefined) throw new UsageError(`--only must be sweeps, ledger, worklists, reports, backup or pg, got "${only}"`);
  return (await import('../../bench/run-bench')).runBench({
    customers: intOption(parsed, 'customers', 200_000),
    sales: intOption(parsed, 'sales', 2_000_000),
    iterations: Math.max(10, intOption(parsed, 'iterations', 1000)),
    importRows: Math.max(100, intOption(parsed, 'import-rows', 200_000)),
    cacheDir: stringOption(parsed, 'cache') ?? join(process.cwd(), 'bench-data'),
    pg: { serverUrl: pgServerUrl, salesPerCounter: intOption(parsed, 'pg-sales', 500) },
    log,
  });
}

export const benchCommand = defineCommand({
  summary: 'measure lookups, quotes, sale commits (also on PostgreSQL with 4 counters), the shift report, import and open on a generated hall',
  usage: USAGE,
  options: {
    json: { type: 'boolean' }, customers: { type: 'string' }, sales: { type: 'string' }, iterations: { type: 'string' },
    'import-rows': { type: 'string' }, cache: { type: 'string' }, only: { type: 'string' }, 'pg-sales': { type: 'string' },
  },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    const json = parsed.values.json === true;
    const figures = await figuresFor(parsed);
    if (json) console.log(JSON.stringify(figures));
    else for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(26)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    return 0;
  },
});
