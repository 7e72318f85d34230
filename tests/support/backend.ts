/**
 * Test fixture: a real backend (createBackend) on a temporary data folder with a fake clock, the generated
 * admin logged in, a supervisor and two clerks, the residential electricity and water tariffs, and three
 * accounts covering the three credit kinds. Everything goes through `dispatch`, as a client would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase, testDatabaseKind } from './pg';
import { saveDatabaseUrl } from '../../electron/main/database-choice';
import { createBackend } from '../../electron/main/composition';
import type { Backend, BackendOptions } from '../../electron/main/composition';
import type { Clock } from '../../electron/domain/time/business-time';
import type { ContractInput, ContractOutput, MethodName } from '../../shared/contract/methods';
import type { AccountView } from '../../shared/contract/views';
import type { Language } from '../../shared/i18n';
import type { Result } from '../../shared/result';
import zhErrors from '../../shared/locales/zh-CN/errors.json';
import enErrors from '../../shared/locales/en/errors.json';
import { setSetting } from '../../electron/db/repositories/settings-repository';
import { CARD_RULES_SETTING } from '../../electron/services/cards/card-sale';
import { requireSqlite } from '../../electron/db/database-handle';
import type { SqliteHandle } from '../../electron/db/open-sqlite';
import { sqlRunner } from './sql';
import type { SqlRunner, TestDialect } from './sql';

/** 2026-06-15 10:00 Beijing. */
export const START = '2026-06-15T02:00:00.000Z';
export const UNKNOWN_ID = 999_999;

export class FakeClock implements Clock {
  private t: number;
  constructor(iso: string = START) { this.t = Date.parse(iso); }
  now(): Date { return new Date(this.t); }
  set(iso: string): void { this.t = Date.parse(iso); }
  advance(ms: number): void { this.t += ms; }
}

/** Every table of the schema (schema_migrations and settings aside): counts() covers them all. */
export const TABLES = [
  'users', 'customers', 'premises', 'accounts', 'meters', 'tariffs', 'tariff_versions', 'tariff_tiers', 'units_to_date',
  'shifts', 'receipt_sequences', 'sales', 'ledger_entries', 'account_events', 'audit_log', 'calendar_years', 'calendar_days',
  'vouchers', 'voucher_images', 'voucher_draws', 'approvals', 'approval_decisions', 'approval_uses', 'sale_reversals',
  'deposit_obligations', 'cash_drops', 'bank_deposits', 'deposit_items', 'meter_buses', 'read_sweeps', 'meter_readings',
  'meter_writes', 'meter_write_events',
  'control_jobs', 'control_job_events', 'control_job_targets', 'control_target_attempts',
  'tariff_tou_prices', 'balance_charges', 'balance_alerts',
  'cards', 'card_events', 'card_writes', 'card_write_events', 'card_fees',
  'print_jobs', 'print_job_events',
  'reminder_contacts', 'sms_messages', 'sms_events',
  'backups', 'counters',
] as const;
export type Table = (typeof TABLES)[number];
export type Counts = Record<Table, number>;

export const PASSWORDS = { supervisor: 'super1234', clerk1: 'clerk1234', clerk2: 'clerk2234' } as const;

/** Shared tier tables are frozen: a test that mutates one throws instead of corrupting the next test. */
function frozen(tiers: { uptoUnits: number | null; price: number }[]): readonly { readonly uptoUnits: number | null; readonly price: number }[] {
  return Object.freeze(tiers.map((t) => Object.freeze(t)));
}

/** Annual residential tiers: 2,880 / 4,800 kWh at 0.4883 / 0.5383 / 0.7883 yuan. */
export const ELECTRICITY_TIERS = frozen([
  { uptoUnits: 288_000, price: 4883 }, { uptoUnits: 480_000, price: 5383 }, { uptoUnits: null, price: 7883 },
]);
/** Annual water tiers: 180 / 260 m³ at 3.45 / 4.83 / 5.83 yuan (prices above 1 yuan per unit). */
export const WATER_TIERS = frozen([
  { uptoUnits: 18_000, price: 34_500 }, { uptoUnits: 26_000, price: 48_300 }, { uptoUnits: null, price: 58_300 },
]);

export type NewMeter = ContractInput<'accounts.open'>['meters'][number];
export type MeterKind = 'energy' | 'money' | 'hall' | 'water';
export type Who = 'admin' | 'supervisor' | 'clerk1' | 'clerk2';

const MESSAGES: Record<Language, Record<string, string>> = { 'zh-CN': zhErrors, en: enErrors };

/** The message a code must carry, filled from the error's params by plain substitution (independent of i18next). */
export function expectedMessage(code: string, params: Readonly<Record<string, string | number>> = {}, language: Language = 'zh-CN'): string {
  const template = MESSAGES[language][code];
  if (template === undefined) throw new Error(`no ${language} message for ${code}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in params)) throw new Error(`error ${code} lacks the param "${key}"`);
    return String(params[key]);
  });
}

export interface Fixture {
  readonly dataDir: string;
  readonly backend: Backend;
  readonly clock: FakeClock;
  /** The database the backend runs on: the one place the tests learn the dialect. */
  readonly dialect: TestDialect;
  /** Dialect-neutral SQL on the backend's database (`?` placeholders). */
  readonly sql: SqlRunner;
  readonly sessions: Record<Who, string>;
  readonly users: Record<Who, number>;
  readonly tariffs: { readonly electricity: number; readonly water: number };
  readonly accounts: { readonly energy: AccountView; readonly money: AccountView; readonly hall: AccountView };
  /** energy: electricity, energy-card; water: water, energy-card (same account); money: money-card; hall: hall-kept remote. */
  readonly meters: { readonly energy: number; readonly water: number; readonly money: number; readonly hall: number };
  /** Errors the dispatcher logged (internal failures). */
  readonly logged: unknown[];
  counts(): Promise<Counts>;
  call(method: string, input: unknown, session?: string | null, language?: Language): Promise<Result<unknown>>;
  ok<M extends MethodName>(method: M, input: ContractInput<M>, session: string | null): Promise<ContractOutput<M>>;
  newMeter(kind: MeterKind, overrides?: Partial<NewMeter>): NewMeter;
  openAccount(meters: readonly NewMeter[], owner?: { name?: string; phone?: string | null }): Promise<AccountView>;
  /** Logs a user in again (sessions end after 12 idle hours, so after a big clock jump) and updates `sessions`. */
  relogin(who: Who): Promise<string>;
  /** A fresh idempotency key. */
  key(): string;
  close(): Promise<void>;
}

/** The dialect of a backend's database. */
export function dialectOf(backend: Backend): TestDialect {
  return backend.database.dialect;
}

/** Dialect-neutral SQL on any backend's database (for suites that build their own backend). */
export function sqlOf(backend: Backend): SqlRunner {
  return sqlRunner(backend.database.db, dialectOf(backend));
}

/**
 * The embedded SQLite database under a backend, for the suites about the file itself (backups, restore,
 * crash children, migrations of old files); it throws on a PostgreSQL backend.
 */
export function sqliteOf(backend: Backend): SqliteHandle {
  return requireSqlite(backend.database, 'this test');
}

/** The row count of every table in TABLES. */
export async function countRows(db: Backend['database']['db'], dialect: TestDialect): Promise<Counts> {
  const sql = sqlRunner(db, dialect);
  const counts = {} as Counts;
  for (const table of TABLES) counts[table] = Number((await sql.one<{ n: number | string }>(`select count(*) as n from ${table}`)).n);
  return counts;
}

export interface BuildOptions {
  readonly at?: string;
  readonly exchangeFor?: BackendOptions['exchangeFor'];
  readonly automaticControl?: BackendOptions['automaticControl'];
  readonly cardReader?: BackendOptions['cardReader'];
  /**
   * The suites that predate cards sell to card meters without issuing HallDesk cards, so the fixture allows
   * unissued card sales (card_rules) unless a suite asks for the hall's real rule with cardsRequired.
   */
  readonly cardsRequired?: boolean;
}

export async function buildBackend(options: BuildOptions = {}): Promise<Fixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'halldesk-test-'));
  const clock = new FakeClock(options.at ?? START);
  const logged: unknown[] = [];
  // HALLDESK_TEST_DATABASE=postgres (CI's second run): the same fixture on a PostgreSQL database of its own.
  const server = testDatabaseKind() === 'postgres' ? await freshPgDatabase() : null;
  // Saved as the data folder's choice (what the settings page does), so a restart or a CLI command on this
  // data folder in the same test opens the same server database.
  if (server) saveDatabaseUrl(dataDir, server.url);
  const backend = await createBackend({
    dataDir, clock, counterCode: 'A01', ...(server ? { database: server.url } : {}), log: (error) => logged.push(error), ...(options.exchangeFor ? { exchangeFor: options.exchangeFor } : {}),
    ...(options.automaticControl ? { automaticControl: options.automaticControl } : {}), ...(options.cardReader ? { cardReader: options.cardReader } : {}),
  });
  if (!options.cardsRequired) await setSetting(backend.database.db, CARD_RULES_SETTING, JSON.stringify({ unissuedCardSales: true }));
  let serial = 0;
  const next = () => ++serial;

  const call: Fixture['call'] = (method, input, session = null, language) => backend.dispatch(method, input, { session, ...(language ? { language } : {}) });
  const ok = async <M extends MethodName>(method: M, input: ContractInput<M>, session: string | null): Promise<ContractOutput<M>> => {
    const result = await call(method, input, session);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as ContractOutput<M>;
  };

  if (!backend.firstAdminPassword) throw new Error('a fresh data folder must generate the admin password');
  const admin = await ok('auth.login', { username: 'admin', password: backend.firstAdminPassword }, null);
  const makeUser = async (username: string, role: 'supervisor' | 'clerk', password: string) => {
    const user = await ok('users.create', { username, displayName: username.toUpperCase(), role, password }, admin.session);
    const login = await ok('auth.login', { username, password }, null);
    return { id: user.id, session: login.session };
  };
  const supervisor = await makeUser('super1', 'supervisor', PASSWORDS.supervisor);
  const clerk1 = await makeUser('clerk1', 'clerk', PASSWORDS.clerk1);
  const clerk2 = await makeUser('clerk2', 'clerk', PASSWORDS.clerk2);
  const sessions = { admin: admin.session, supervisor: supervisor.session, clerk1: clerk1.session, clerk2: clerk2.session };
  const users = { admin: admin.user.id, supervisor: supervisor.id, clerk1: clerk1.id, clerk2: clerk2.id };

  const electricity = await ok('tariffs.create', {
    code: 'RES-E', name: '居民生活用电', utility: 'electricity', category: 'residential', period: 'year', effectiveFrom: '2026-01-01', tiers: [...ELECTRICITY_TIERS],
  }, sessions.admin);
  const water = await ok('tariffs.create', {
    code: 'RES-W', name: '居民生活用水', utility: 'water', category: 'residential', period: 'year', effectiveFrom: '2026-01-01', tiers: [...WATER_TIERS],
  }, sessions.admin);

  const newMeter = (kind: MeterKind, overrides: Partial<NewMeter> = {}): NewMeter => {
    const n = next();
    const base: NewMeter = {
      meterNo: `M${String(n).padStart(6, '0')}`, utility: 'electricity', model: 'DDSY1352', serialNo: `SN${n}`,
      commAddress: n.toString(16).padStart(12, '0'), creditKind: 'energy', creditVia: 'card', unitStep: 100, creditCap: null,
      tariffId: electricity.id, cardNo: `K${String(n).padStart(8, '0')}`,
    };
    const byKind: Record<MeterKind, Partial<NewMeter>> = {
      energy: {},
      water: { utility: 'water', model: 'LXSY-15', tariffId: water.id },
      money: { creditKind: 'money', unitStep: 1 },
      hall: { creditKind: 'hall', creditVia: 'remote', cardNo: null, model: 'DTSY1352' },
    };
    return { ...base, ...byKind[kind], ...overrides };
  };
  const openAccount: Fixture['openAccount'] = (meters, owner = {}) => {
    const n = next();
    return ok('accounts.open', {
      customer: { name: owner.name ?? `客户${n}`, phone: owner.phone === undefined ? `1380000${String(n).padStart(4, '0')}` : owner.phone, category: 'residential' },
      premises: { area: '幸福小区', building: String(1 + (n % 9)), unit: '1', room: String(100 + n) },
      category: 'residential', meters: [...meters],
    }, sessions.clerk1);
  };

  const energy = await openAccount([newMeter('energy'), newMeter('water')]);
  const money = await openAccount([newMeter('money')]);
  const hall = await openAccount([newMeter('hall')]);
  const meterId = (account: AccountView, index: number) => {
    const meter = account.meters[index];
    if (!meter) throw new Error(`account ${account.accountNo} has no meter #${index}`);
    return meter.id;
  };

  const dialect = dialectOf(backend);
  return {
    dataDir, backend, clock, dialect, sql: sqlRunner(backend.database.db, dialect), sessions, users, logged,
    tariffs: { electricity: electricity.id, water: water.id },
    accounts: { energy, money, hall },
    meters: { energy: meterId(energy, 0), water: meterId(energy, 1), money: meterId(money, 0), hall: meterId(hall, 0) },
    counts: () => countRows(backend.database.db, dialect),
    call, ok, newMeter, openAccount,
    async relogin(who) {
      const password = who === 'admin' ? backend.firstAdminPassword ?? '' : PASSWORDS[who];
      const login = await ok('auth.login', { username: who === 'supervisor' ? 'super1' : who, password }, null);
      sessions[who] = login.session;
      return login.session;
    },
    key: () => `key-${String(next()).padStart(8, '0')}`,
    async close() {
      await backend.close();
      await server?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Asserts a refusal and returns it: the exact code and the translated message. */
export function refusal(result: Result<unknown>): { code: string; message: string; params: Readonly<Record<string, string | number>> } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return { code: result.error.code, message: result.error.message, params: result.error.params ?? {} };
}
