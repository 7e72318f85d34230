/** Handlers of the printing methods (shared/contract/print-methods.ts). */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';
import type { printContract } from '../../shared/contract/print-methods';

export function printHandlers(s: Services): Pick<Handlers, keyof typeof printContract> {
  return {
    'printers.list': () => s.prints.listQueues(),
    'printers.settings': () => s.prints.settings(),
    'printers.setSettings': (i, ctx) => s.prints.setSettings(actorOf(ctx), i),
    'slips.print': (i, ctx) => s.prints.print(actorOf(ctx), i, ctx.language),
    'prints.queue': (i) => s.prints.list(i),
    'prints.retry': (i, ctx) => s.prints.retry(actorOf(ctx), i.jobId),
  };
}
