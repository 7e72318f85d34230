/** Handlers of the report methods (shared/contract/report-methods.ts). */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';
import type { reportContract } from '../../shared/contract/report-methods';

export function reportHandlers(s: Services): Pick<Handlers, keyof typeof reportContract> {
  const jobs = s.exportJobs;
  return {
    'reports.dayClose': (i) => s.reports.dayClose(i.date),
    'reports.monthly': (i) => s.reports.monthly(i),
    'reports.tiers': (i) => s.reports.tiers(i.period),
    'reports.reversals': (i) => s.reports.reversals(i),
    'reports.cardOps': (i) => s.reports.cardOps(i),
    'reports.controlJobs': (i) => s.reports.controlJobs(i),
    'reports.export': (i, ctx) => jobs.track(i.jobId, (progress) => s.reports.export(actorOf(ctx), i, ctx.language, progress)),
    'reports.monthlyPaymentRecord': (i, ctx) => jobs.track(i.jobId, (progress) => s.reports.paymentRecord(actorOf(ctx), i, ctx.language, progress)),
    'reports.exportProgress': async (i) => jobs.view(i.jobId),
  };
}
