/** Handlers of the database methods (shared/contract/system-methods.ts, issue 8). */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';
import type { systemContract } from '../../shared/contract/system-methods';

export function systemHandlers(s: Services): Pick<Handlers, keyof typeof systemContract> {
  return {
    // The cached state of the background probe: answering never waits for a server that may be gone.
    'system.databaseStatus': async () => s.databaseHealth.status(),
    'system.databaseSettings': async () => s.databaseSettings.settings(),
    'system.testDatabase': (i) => s.databaseSettings.test(i.url),
    'system.saveDatabase': (i, ctx) => s.databaseSettings.save(actorOf(ctx), i),
  };
}
