/**
 * For `halldesk start`: on the very first run (a brand-new database, no accounts yet) the counter opens
 * on a small demo hall instead of an empty screen. Returns what was seeded, for the console, or null
 * when the database was not new. A real hall starting for the first time sets HALLDESK_NO_DEMO=1
 * (`halldesk start --no-demo`) and gets an empty hall with a generated admin password instead.
 */
import type { Backend } from '../main/composition';
import { seedDemoHall } from './seed';
import { seedMoneyDemo } from './money-demo';
import type { Actor } from '../services/deps';
import type { Role } from '../../shared/vocabulary';

async function demoActor(backend: Backend, username: string): Promise<Actor> {
  const user = await backend.database.db.selectFrom('users').select(['id', 'username', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
  return { userId: Number(user.id), username: user.username, role: user.role as Role };
}

export async function ensureDemoHall(backend: Backend): Promise<string | null> {
  if (backend.firstAdminPassword === null || process.env.HALLDESK_NO_DEMO === '1') return null;
  const accounts = await backend.database.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  if (Number(accounts.n) > 0) return null;
  const counts = await seedDemoHall(backend, { now: backend.clock.now() });
  const money = await seedMoneyDemo(backend, await demoActor(backend, 'li.clerk'), await demoActor(backend, 'zhang.sup'));
  const logins = counts.logins.map((l) => `${l.username}/${l.password}`).join(', ');
  return `${counts.customers} customers (${money.bankTransfer} settling by bank transfer, ${money.vouchers} vouchers), ${counts.sales} sales over the past year; logins ${logins}`;
}
