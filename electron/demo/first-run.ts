/**
 * For `halldesk start`: on the very first run (a brand-new database, no accounts yet) the counter opens
 * on a small demo hall instead of an empty screen. Returns what was seeded, for the console, or null
 * when the database was not new. A real hall starting for the first time sets HALLDESK_NO_DEMO=1
 * (`halldesk start --no-demo`) and gets an empty hall with a generated admin password instead.
 */
import type { Backend } from '../main/composition';
import { seedDemoHall } from './seed';

export async function ensureDemoHall(backend: Backend): Promise<string | null> {
  if (backend.firstAdminPassword === null || process.env.HALLDESK_NO_DEMO === '1') return null;
  const accounts = await backend.database.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  if (Number(accounts.n) > 0) return null;
  const counts = await seedDemoHall(backend, {});
  const logins = counts.logins.map((l) => `${l.username}/${l.password}`).join(', ');
  return `${counts.customers} customers, ${counts.sales} sales over the past year; logins ${logins}`;
}
