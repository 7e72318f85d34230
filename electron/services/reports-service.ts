/**
 * Reports (issue 7 items 3–4): the on-screen views and their exports. Read-only — no audit entry, no row
 * written — so a report can be run any time without touching the ledger it summarises.
 */
import { businessDate } from '../domain/time/business-time';
import { getSetting } from '../db/repositories/settings-repository';
import { findUser } from '../db/repositories/users-repository';
import type { Language } from '../../shared/i18n';
import { dayClose } from '../reports/day-close';
import { monthly } from '../reports/monthly';
import { tierSummary } from '../reports/tiers';
import { cardOpsReport, controlJobsReport, reversalsReport } from '../reports/lists';
import { HALL_NAME_SETTING } from './slips-service';
import { found } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { runExport } from './report-export';
import type { ExportJob, Progress } from './report-export';
import { runInWorker } from './db-worker/host';
import type { ContractInput } from '../../shared/contract/methods';
import type { ExportFileView } from '../../shared/contract/report-views';

export type { Progress } from './report-export';

/**
 * `databaseFile`: exports run in the database worker on a read-only connection of their own (db-worker/host.ts:
 * seconds of synchronous SQLite and file writing must not freeze the counter); without a file (an in-memory
 * database) they run here.
 */
export function createReportsService(deps: ServiceDeps, databaseFile: string | null = null) {
  const today = () => businessDate(deps.clock.now());

  async function exportJob(actor: Actor, input: ExportJob['input'], language: Language, progress?: Progress): Promise<ExportFileView> {
    const pdfHeader = {
      hallName: (await getSetting(deps.db, HALL_NAME_SETTING)) ?? null, printedAt: deps.clock.now().toISOString(),
      printedBy: found(await findUser(deps.db, actor.userId), 'user').display_name,
    };
    const job: ExportJob = { input, language, today: today(), pdfHeader };
    if (!databaseFile) return runExport(deps.db, job, progress);
    return runInWorker<ExportFileView>({ op: 'export', file: databaseFile, job }, progress && ((_phase, done, total) => progress(done, total)));
  }

  return {
    dayClose: (date: string) => dayClose(deps.db, date),
    monthly: (i: ContractInput<'reports.monthly'>, progress?: Progress) => monthly(deps.db, i.month, i.by, progress),
    tiers: (period: string, progress?: Progress) => tierSummary(deps.db, period, progress),
    reversals: (i: ContractInput<'reports.reversals'>) => reversalsReport(deps.db, i.from, i.to),
    cardOps: (i: ContractInput<'reports.cardOps'>) => cardOpsReport(deps.db, i.from, i.to),
    controlJobs: (i: ContractInput<'reports.controlJobs'>) => controlJobsReport(deps.db, i.from, i.to),
    export: (actor: Actor, input: ContractInput<'reports.export'>, language: Language, progress?: Progress) => exportJob(actor, input, language, progress),
    paymentRecord: (actor: Actor, i: ContractInput<'reports.monthlyPaymentRecord'>, language: Language, progress?: Progress) =>
      exportJob(actor, { ...i, report: 'paymentRecord' }, language, progress),
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
