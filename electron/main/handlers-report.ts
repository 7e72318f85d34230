/** Handlers of the report methods (shared/contract/report-methods.ts). */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';
import type { reportContract } from '../../shared/contract/report-methods';

export function reportHandlers(s: Services): Pick<Handlers, keyof typeof reportContract> {
  return {
    'reports.dayClose': (i) => s.reports.dayClose(i.date),
    'reports.monthly': (i) => s.reports.monthly(i),
    'reports.tiers': (i) => s.reports.tiers(i.period),
    'reports.reversals': (i) => s.reports.reversals(i),
    'reports.cardOps': (i) => s.reports.cardOps(i),
    'reports.controlJobs': (i) => s.reports.controlJobs(i),
    'reports.export': (i, ctx) => s.reports.export(actorOf(ctx), i, ctx.language),
    'reports.monthlyPaymentRecord': (i, ctx) => s.reports.paymentRecord(actorOf(ctx), i, ctx.language),
  };
}
