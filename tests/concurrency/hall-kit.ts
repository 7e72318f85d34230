/**
 * A hall of several counters on one PostgreSQL database, for the concurrency suites (issue 8): each counter is a
 * whole backend (createBackend) with its own data folder, pool of connections and counter code, all on one fresh
 * database from tests/support/pg.ts. A missing server fails the suite (freshPgDatabase says how to start it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { setSetting } from '../../electron/db/repositories/settings-repository';
import { CARD_RULES_SETTING } from '../../electron/services/cards/card-sale';
import type { ContractInput, ContractOutput, MethodName } from '../../shared/contract/methods';
import type { Result } from '../../shared/result';
import { freshPgDatabase } from '../support/pg';
import type { TestPgDatabase } from '../support/pg';
import { FakeClock } from '../support/backend';
import { SimulatedCardReaders } from '../../electron/hardware/cards';
import { READER } from '../support/card-kit';

export const CLERK_PASSWORD = 'clerk1234';

export interface Counter {
  readonly code: string;
  readonly backend: Backend;
  /** This workstation's own simulated card reader (READER). */
  readonly readers: SimulatedCardReaders;
  readonly clerk: string;
  session: string;
  call(method: string, input: unknown): Promise<Result<unknown>>;
  ok<M extends MethodName>(method: M, input: ContractInput<M>): Promise<ContractOutput<M>>;
}

export interface Hall {
  readonly pg: TestPgDatabase;
  readonly clock: FakeClock;
  readonly counters: Counter[];
  /** The first counter's admin session (users, tariffs, accounts are made there). */
  readonly admin: string;
  readonly supervisor: string;
  readonly tariff: number;
  /** An energy-card electricity meter of one account, which every counter sells to. */
  readonly meterId: number;
  readonly accountId: number;
  /** Another backend on the same database (a second workstation, a restart). */
  openCounter(code: string, clerk: string, options?: { holdsCounter?: boolean }): Promise<Counter>;
  close(): Promise<void>;
}

async function okOf<T>(result: Promise<Result<unknown>>, what: string): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${what} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** A hall of `n` counters C01…, each with its own clerk (clerk1…) logged in and a shift open; `clerks` clerks in all. */
export async function buildHall(n: number, clerks = n): Promise<Hall> {
  const pg = await freshPgDatabase();
  const clock = new FakeClock();
  const folders: string[] = [];
  const backends: Backend[] = [];
  const readersOf = new Map<Backend, SimulatedCardReaders>();
  const start = async (code: string, holdsCounter = true): Promise<Backend> => {
    const dataDir = await mkdtemp(join(tmpdir(), `halldesk-${code}-`));
    folders.push(dataDir);
    const readers = new SimulatedCardReaders({ readers: [READER] });
    const backend = await createBackend({ dataDir, database: pg.url, clock, counterCode: code, holdsCounter, cardReader: readers, log: () => undefined });
    backends.push(backend);
    readersOf.set(backend, readers);
    return backend;
  };
  const counterOn = async (code: string, backend: Backend, clerk: string): Promise<Counter> => {
    const call = (method: string, input: unknown) => backend.dispatch(method, input, { session: counter.session });
    const counter: Counter = {
      code, backend, readers: readersOf.get(backend)!, clerk, session: '', call,
      ok: <M extends MethodName>(method: M, input: ContractInput<M>) => okOf<ContractOutput<M>>(call(method, input), method),
    };
    counter.session = (await okOf<{ session: string }>(backend.dispatch('auth.login', { username: clerk, password: CLERK_PASSWORD }, { session: null }), 'login')).session;
    return counter;
  };

  const first = await start('C01');
  const as = (session: string) => (method: string, input: unknown) => okOf<{ id: number; session: string; meters: { id: number }[] }>(first.dispatch(method, input, { session }), method);
  const admin = (await as('')('auth.login', { username: 'admin', password: first.firstAdminPassword ?? '' })).session;
  await as(admin)('users.create', { username: 'super1', displayName: 'SUPER1', role: 'supervisor', password: 'super1234' });
  const supervisor = (await as('')('auth.login', { username: 'super1', password: 'super1234' })).session;
  for (let i = 1; i <= Math.max(n, clerks, 2); i += 1) {
    await as(admin)('users.create', { username: `clerk${i}`, displayName: `CLERK${i}`, role: 'clerk', password: CLERK_PASSWORD });
  }
  const tariff = (await as(admin)('tariffs.create', {
    code: 'RES-E', name: '居民生活用电', utility: 'electricity', category: 'residential', period: 'year', effectiveFrom: '2026-01-01',
    tiers: [{ uptoUnits: 288_000, price: 4883 }, { uptoUnits: 480_000, price: 5383 }, { uptoUnits: null, price: 7883 }],
  })).id;
  // Card meters sold to without a HallDesk card (as the older suites do): the purchase is journaled all the same.
  await setSetting(first.database.db, CARD_RULES_SETTING, JSON.stringify({ unissuedCardSales: true }));
  const clerk1 = (await as('')('auth.login', { username: 'clerk1', password: CLERK_PASSWORD })).session;
  const account = await as(clerk1)('accounts.open', {
    customer: { name: '并发客户', phone: '13800000001', category: 'residential' },
    premises: { area: '幸福小区', building: '1', unit: '1', room: '101' }, category: 'residential',
    meters: [{
      meterNo: 'M000001', utility: 'electricity', model: 'DDSY1352', serialNo: 'SN1', commAddress: '000000000001', creditKind: 'energy',
      creditVia: 'card', unitStep: 100, creditCap: null, tariffId: tariff, cardNo: 'K00000001',
    }],
  });

  const counters: Counter[] = [await counterOn('C01', first, 'clerk1')];
  for (let i = 2; i <= n; i += 1) counters.push(await counterOn(`C0${i}`, await start(`C0${i}`), `clerk${i}`));
  for (const c of counters) await c.ok('shifts.open', { float: 50_000 });

  return {
    pg, clock, counters, admin, supervisor, tariff, meterId: account.meters[0]!.id, accountId: account.id,
    async openCounter(code, clerk, options = {}) {
      return counterOn(code, await start(code, options.holdsCounter ?? true), clerk);
    },
    async close() {
      for (const backend of backends) await backend.close().catch(() => undefined);
      await pg.drop();
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Receipt serials' numbers of one counter, sorted: C01-2026-000007 → 7. */
export function serialNumbers(receipts: readonly string[], counter: string): number[] {
  return receipts.filter((r) => r.startsWith(`${counter}-`)).map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
}

/** 1..n. */
export function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
