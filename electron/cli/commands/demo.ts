/**
 * `halldesk demo seed`: a realistic demo hall (logins, tariffs, customers, meters, a year of sales) on
 * an empty database. Refuses (exit 1) when the database already has accounts.
 */
import { createBackend } from '../../main/composition';
import { DemoSeedRefused, seedDemoHall } from '../../demo/seed';
import { backendPlace, intOption, positionals, stringOption } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';

const USAGE = 'halldesk demo seed [--data DIR] [--customers N] [--sales N] [--seed S] [--counter A01]';

const seedCommand = defineCommand({
  summary: 'seed an empty database with a demo hall and a year of sales',
  usage: USAGE,
  options: { customers: { type: 'string' }, sales: { type: 'string' }, seed: { type: 'string' } },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    const customers = intOption(parsed, 'customers', 300);
    const counter = stringOption(parsed, 'counter');
    const backend = await createBackend(backendPlace(parsed));
    try {
      const counts = await seedDemoHall(backend, {
        customers, sales: intOption(parsed, 'sales', customers * 12), seed: stringOption(parsed, 'seed') ?? 'halldesk',
        ...(counter ? { counterCode: counter } : {}), log: (line) => console.log(line),
      });
      console.log(`demo hall: ${counts.customers} customers, ${counts.meters} meters, ${counts.tariffs} tariffs, ${counts.shifts} shifts, ` +
        `${counts.sales} sales, ${counts.ledgerEntries} ledger lines at counters ${counts.counters.join(', ')} (${counts.seconds.toFixed(1)} s)`);
      console.log('logins:');
      for (const login of counts.logins) console.log(`  ${login.username.padEnd(12)} ${login.password.padEnd(10)} ${login.role}`);
      return 0;
    } catch (error) {
      if (!(error instanceof DemoSeedRefused)) throw error;
      console.error(`halldesk demo seed: ${error.message}`);
      return 1;
    } finally {
      await backend.close();
    }
  },
});

export const demoCommands: Record<string, Command> = {
  'demo seed': seedCommand,
};
