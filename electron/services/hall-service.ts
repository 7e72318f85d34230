import { z } from 'zod';
import { getSetting } from '../db/repositories/settings-repository';
import { HALL_NAME_SETTING } from './slips-service';
import type { ServiceDeps } from './deps';
import type { LoginInfoView } from '../../shared/contract/views';
import { ROLES } from '../../shared/vocabulary';

/** Set by the demo seed: the demo hall's documented logins. A real hall never has this setting. */
export const DEMO_LOGINS_SETTING = 'demo_logins';

const demoLogins = z.array(z.object({ username: z.string(), password: z.string(), role: z.enum(ROLES), displayName: z.string() }));

export function createHallService(deps: ServiceDeps) {
  return {
    /** For the login screen: the hall's name and counter, and the demo logins only in demo mode. */
    async loginInfo(): Promise<LoginInfoView> {
      const stored = await getSetting(deps.db, DEMO_LOGINS_SETTING);
      const parsed = stored === undefined ? null : demoLogins.safeParse(JSON.parse(stored));
      const logins = parsed?.success ? parsed.data : [];
      return { hallName: (await getSetting(deps.db, HALL_NAME_SETTING)) ?? null, counterCode: deps.counterCode, demo: logins.length > 0, demoLogins: logins };
    },
  };
}
