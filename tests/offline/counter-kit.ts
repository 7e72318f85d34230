/**
 * One counter on a private PostgreSQL cluster (issue 8 item 3): a backend through createBackend with a
 * short health-probe interval, the admin, one clerk with an open shift, a tariff and an account with an
 * electricity meter. Everything goes through dispatch, as the counter screen would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { setSetting } from '../../electron/db/repositories/settings-repository';
import { CARD_RULES_SETTING } from '../../electron/services/cards/card-sale';
import type { ContractInput, ContractOutput, MethodName } from '../../shared/contract/methods';
import type { DatabaseStatusView } from '../../shared/contract/system-views';
import type { Language } from '../../shared/i18n';
import type { Result } from '../../shared/result';

/** A fixed business day (a Monday), so shifts, tariffs and the holiday rules are the same on every run. */
const NOW = new Date('2026-06-15T02:00:00.000Z');
export const PROBE_MS = 200;

export interface Counter {
  readonly backend: Backend;
  readonly clerk: string;
  readonly admin: string;
  readonly meterId: number;
  readonly logged: unknown[];
  call(method: string, input: unknown, session: string | null, language?: Language): Promise<Result<unknown>>;
  ok<M extends MethodName>(method: M, input: ContractInput<M>, session: string | null): Promise<ContractOutput<M>>;
  sell(key: string, amount?: number): Promise<Result<unknown>>;
  status(): Promise<DatabaseStatusView>;
  /** Waits (by the background probe alone) until the status says `reachable`. */
  waitForStatus(reachable: boolean, timeoutMs?: number): Promise<DatabaseStatusView>;
  close(): Promise<void>;
}

export async function openCounter(url: string): Promise<Counter> {
  const dataDir = await mkdtemp(join(tmpdir(), 'halldesk-offline-'));
  const logged: unknown[] = [];
  const backend = await createBackend({
    dataDir, database: url, clock: { now: () => new Date(NOW) }, counterCode: 'A01', log: (e) => logged.push(e),
    databaseProbe: { intervalMs: PROBE_MS, timeoutMs: 2000 },
  });
  const call: Counter['call'] = (method, input, session, language) => backend.dispatch(method, input, { session, ...(language ? { language } : {}) });
  const ok = async <M extends MethodName>(method: M, input: ContractInput<M>, session: string | null) => {
    const result = await call(method, input, session);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as ContractOutput<M>;
  };
  // Card meters sold to without a HallDesk card, as the older suites do (the card rules are not this test's subject).
  await setSetting(backend.database.db, CARD_RULES_SETTING, JSON.stringify({ unissuedCardSales: true }));
  const admin = (await ok('auth.login', { username: 'admin', password: backend.firstAdminPassword ?? '' }, null)).session;
  await ok('users.create', { username: 'clerk1', displayName: 'CLERK1', role: 'clerk', password: 'clerk1234' }, admin);
  const clerk = (await ok('auth.login', { username: 'clerk1', password: 'clerk1234' }, null)).session;
  const tariff = await ok('tariffs.create', {
    code: 'RES-E', name: '居民生活用电', utility: 'electricity', category: 'residential', period: 'none', effectiveFrom: '2026-01-01',
    tiers: [{ uptoUnits: null, price: 5000 }],
  }, admin);
  const account = await ok('accounts.open', {
    customer: { name: '张三', phone: '13800001234', category: 'residential' }, premises: { area: '幸福小区', building: '1', unit: '1', room: '101' },
    category: 'residential', meters: [{
      meterNo: 'M000001', utility: 'electricity', model: 'DDSY1352', serialNo: 'SN1', commAddress: '000000000001', creditKind: 'energy',
      creditVia: 'card', unitStep: 100, creditCap: null, tariffId: tariff.id, cardNo: 'K00000001',
    }],
  }, clerk);
  await ok('shifts.open', { float: 10_000 }, clerk);
  const meterId = account.meters[0]!.id;
  const status = () => ok('system.databaseStatus', {}, clerk);
  return {
    backend, clerk, admin, meterId, logged, call, ok, status,
    sell: (key, amount = 10_000) => call('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: key }, clerk),
    async waitForStatus(reachable, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const now = await status();
        if (now.reachable === reachable) return now;
        if (Date.now() > until) throw new Error(`the status still says reachable=${String(now.reachable)}: ${JSON.stringify(now)}`);
        await new Promise((resolve) => setTimeout(resolve, PROBE_MS / 2));
      }
    },
    async close() {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The row count of every table (the server must be up): "nothing written" means nothing anywhere. */
export async function allRows(counter: Counter): Promise<Record<string, number>> {
  const db = counter.backend.database.db;
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`.execute(db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    out[name] = Number(rows.rows[0]?.n ?? 0);
  }
  return out;
}

export async function salesWithKey(counter: Counter, key: string): Promise<number> {
  const rows = await sql<{ n: number }>`select count(*) as n from sales where idempotency_key = ${key}`.execute(counter.backend.database.db);
  return Number(rows.rows[0]?.n ?? 0);
}
