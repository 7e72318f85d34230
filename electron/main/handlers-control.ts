/** The control-job methods (issue 5 item 6): thin calls into services/control-jobs-service.ts. */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';

type ControlMethods = 'controlJobs.preview' | 'controlJobs.create' | 'controlJobs.submit' | 'controlJobs.cancel' | 'controlJobs.retry'
  | 'controlJobs.list' | 'controlJobs.get' | 'controlJobs.retryQueue';

export function controlHandlers(s: Services): Pick<Handlers, ControlMethods> {
  return {
    'controlJobs.preview': (i) => s.controlJobs.preview(i),
    'controlJobs.create': (i, ctx) => s.controlJobs.create(actorOf(ctx), i),
    'controlJobs.submit': (i, ctx) => s.controlJobs.submit(actorOf(ctx), i),
    'controlJobs.cancel': (i, ctx) => s.controlJobs.cancel(actorOf(ctx), i),
    'controlJobs.retry': (i, ctx) => s.controlJobs.retry(actorOf(ctx), i),
    'controlJobs.list': (i) => s.controlJobs.list(i),
    'controlJobs.get': (i) => s.controlJobs.get(i.jobId),
    'controlJobs.retryQueue': () => s.controlJobs.retryQueue(),
  };
}
