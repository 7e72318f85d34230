/** Handlers of the worklist and SMS methods (shared/contract/worklist-methods.ts). */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';
import type { worklistContract } from '../../shared/contract/worklist-methods';

export function worklistHandlers(s: Services): Pick<Handlers, keyof typeof worklistContract> {
  return {
    'worklists.list': (i) => s.worklists.list(i),
    'worklists.logContact': (i, ctx) => s.worklists.logContact(actorOf(ctx), i),
    'worklists.settings': () => s.worklists.settings(),
    'worklists.setSettings': (i, ctx) => s.worklists.setSettings(actorOf(ctx), i),
    'worklists.print': (i, ctx) => s.worklists.print(actorOf(ctx), i, ctx.language),
    'sms.send': (i, ctx) => s.sms.send(actorOf(ctx), i),
    'sms.status': (i) => s.sms.status(i),
  };
}
