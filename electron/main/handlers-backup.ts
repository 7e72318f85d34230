/** Handlers of the backup methods (shared/contract/backup-methods.ts). */
import { actorOf } from './call-context';
import type { Handlers } from './handlers';
import type { Services } from './services';
import type { backupContract } from '../../shared/contract/backup-methods';

export function backupHandlers(s: Services): Pick<Handlers, keyof typeof backupContract> {
  return {
    'backups.settings': () => s.backups.settings(),
    'backups.setSettings': (i, ctx) => s.backups.setSettings(actorOf(ctx), i),
    'backups.run': (_i, ctx) => s.backups.run('manual', actorOf(ctx)),
    'backups.progress': async () => s.backups.progress(),
    'backups.list': (i) => s.backups.list(i.limit),
    'backups.status': () => s.backups.status(),
    'backups.drill': (i, ctx) => s.backups.drill(actorOf(ctx), i.backupId),
    'backups.scheduleRestore': (i, ctx) => s.backups.scheduleRestore(actorOf(ctx), i.backupId, i.confirm),
    'backups.cancelRestore': (_i, ctx) => s.backups.cancelRestore(actorOf(ctx)),
  };
}
