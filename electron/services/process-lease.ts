/**
 * A lease between processes sharing one database: the counter program and a headless `halldesk collect` (or two
 * counter programs on one data folder) must not sweep the same buses at once — the meters would see two
 * masters on one RS-485 line. The lease is a `settings` row whose value is "<until ISO>|<holder>", taken or
 * renewed by one compare-and-set statement, so no read-then-write race is possible on SQLite or PostgreSQL.
 * A holder that dies leaves a lease that simply expires.
 */
import { randomUUID } from 'node:crypto';
import { insertSettingIfAbsent } from '../db/repositories/settings-repository';
import type { ServiceDeps } from './deps';

/** This process's holder name: the pid for people reading the row, a random part so two hosts never clash. */
export const PROCESS_HOLDER = `${process.pid}-${randomUUID().slice(0, 8)}`;

const keyOf = (name: string): string => `lease:${name}`;

/** Takes (or renews) the lease for `ms`; answers false when another live holder has it. */
export async function acquireLease(deps: ServiceDeps, name: string, ms: number, holder = PROCESS_HOLDER): Promise<boolean> {
  const now = deps.clock.now();
  const value = `${new Date(now.getTime() + ms).toISOString()}|${holder}`;
  if (await insertSettingIfAbsent(deps.db, keyOf(name), value)) return true;
  // ISO instants compare as text: a stored value below now's ISO string has expired.
  const result = await deps.db.updateTable('settings').set({ value }).where('key', '=', keyOf(name))
    .where((eb) => eb.or([eb('value', '<', now.toISOString()), eb('value', 'like', `%|${holder}`)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the lease up early (only the holder can). */
export async function releaseLease(deps: ServiceDeps, name: string, holder = PROCESS_HOLDER): Promise<void> {
  await deps.db.deleteFrom('settings').where('key', '=', keyOf(name)).where('value', 'like', `%|${holder}`).execute();
}
