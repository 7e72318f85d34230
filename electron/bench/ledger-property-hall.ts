/**
 * The hall the ledger property runs against: a real backend (createBackend) on a temporary folder with a
 * settable clock, a supervisor and two clerks, the residential tariffs, and three accounts covering the
 * three credit kinds. Every call goes through `dispatch`, as a client's would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../main/composition';
import { setSetting } from '../db/repositories/settings-repository';
import { CARD_RULES_SETTING } from '../services/cards/card-sale';
import type { SqliteHandle } from '../db/open-sqlite';
import type { Backend } from '../main/composition';
import type { Clock } from '../domain/time/business-time';
import type { ContractInput, ContractOutput, MethodName } from '../../shared/contract/methods';
import type { Result } from '../../shared/result';
import { requireSqlite } from '../db/database-handle';

export type Actor = 'supervisor' | 'clerk1' | 'clerk2';
export type Slot = 'energy' | 'water' | 'money' | 'hall';
export type AccountSlot = 'power' | 'money' | 'hall';
type NewMeter = ContractInput<'accounts.open'>['meters'][number];

/** Which account slot holds which meter slot. */
export const ACCOUNT_OF: Record<Slot, AccountSlot> = { energy: 'power', water: 'power', money: 'money', hall: 'hall' };
/** The highest tier price of each meter's tariff (what the hall pays back at most per unit on closing). */
export const ELECTRICITY_TIERS = [{ uptoUnits: 288_000, price: 4883 }, { uptoUnits: 480_000, price: 5383 }, { uptoUnits: null, price: 7883 }];
export const WATER_TIERS = [{ uptoUnits: 18_000, price: 34_500 }, { uptoUnits: 26_000, price: 48_300 }, { uptoUnits: null, price: 58_300 }];
/** Credit caps (囤积上限): 1,000 kWh on the energy meter, 300 m³ of water, 3,000.00 yuan on the money meter. */
const CAPS: Record<Slot, number | null> = { energy: 100_000, water: 30_000, money: 300_000, hall: null };
const PASSWORDS: Record<Actor, string> = { supervisor: 'super1234', clerk1: 'clerk1234', clerk2: 'clerk2234' };
const USERNAMES: Record<Actor, string> = { supervisor: 'super1', clerk1: 'clerk1', clerk2: 'clerk2' };
export const ACTORS: readonly Actor[] = ['supervisor', 'clerk1', 'clerk2'];
/** What a user types at another's counter to approve or receive: their own username and password. */
export function credentialsOf(who: Actor): { username: string; password: string } {
  return { username: USERNAMES[who], password: PASSWORDS[who] };
}

/**
 * The money rules the hall runs under, set once by the admin: tighter than the defaults so that the
 * per-sale maximum, the drawer limit and both holiday cash limits are actually met by the generated amounts.
 */
export const MONEY_RULES = {
  holidayCashPerApproval: 50_000, holidayCashPerCustomer: 30_000, maxSale: 350_000, drawerLimit: 250_000,
  blockHolidayCashWhenOverdue: true, approvalMinutes: 15,
} as const;

/** Start dates (Beijing morning) just before real holidays, so weekends, holiday blocks and make-up working days come up. */
export const START_DATES: readonly string[] = [
  '2026-09-22T01:00:00.000Z', // Mid-Autumn (25–27 Sep) and National Day (1–7 Oct), make-up day Sat 10 Oct
  '2026-02-10T01:00:00.000Z', // make-up day Sat 14 Feb, Spring Festival (15–23 Feb), make-up day Sat 28 Feb
  '2026-04-28T01:00:00.000Z', // Labour Day (1–5 May), make-up day Sat 9 May
  '2026-06-15T02:00:00.000Z', // Dragon Boat (19–21 Jun)
];

export class SettableClock implements Clock {
  constructor(public t: number) {}
  now(): Date { return new Date(this.t); }
}

export interface Hall {
  readonly backend: Backend;
  readonly clock: SettableClock;
  readonly raw: SqliteHandle['raw'];
  readonly sessions: Record<Actor, string>;
  readonly users: Record<Actor, number>;
  /** Mutable: a closed account slot is opened afresh, a changed meter replaced. */
  accounts: Record<AccountSlot, number>;
  meters: Record<Slot, number>;
  call(method: MethodName, input: unknown, who: Actor): Promise<Result<unknown>>;
  ok<M extends MethodName>(method: M, input: ContractInput<M>, who: Actor | 'admin'): Promise<ContractOutput<M>>;
  newMeter(slot: Slot): NewMeter;
  relogin(): Promise<void>;
  close(): Promise<void>;
}

function meterFactory(tariffs: { electricity: number; water: number }) {
  let n = 0;
  return (slot: Slot): NewMeter => {
    n += 1;
    const base: NewMeter = {
      meterNo: `P${String(n).padStart(6, '0')}`, utility: 'electricity', model: 'DDSY1352', serialNo: `SN${n}`,
      commAddress: n.toString(16).padStart(12, '0'), creditKind: 'energy', creditVia: 'card', unitStep: 100,
      creditCap: CAPS[slot], tariffId: tariffs.electricity, cardNo: `K${String(n).padStart(8, '0')}`,
    };
    const bySlot: Record<Slot, Partial<NewMeter>> = {
      energy: {}, water: { utility: 'water', model: 'LXSY-15', tariffId: tariffs.water },
      money: { creditKind: 'money', unitStep: 1 }, hall: { creditKind: 'hall', creditVia: 'remote', cardNo: null, model: 'DTSY1352' },
    };
    return { ...base, ...bySlot[slot] };
  };
}

/** The meters an account slot is opened with, in order. */
export const METERS_OF: Record<AccountSlot, readonly Slot[]> = { power: ['energy', 'water'], money: ['money'], hall: ['hall'] };

export async function buildHall(startIso = '2026-06-15T02:00:00.000Z'): Promise<Hall> {
  const dataDir = mkdtempSync(join(tmpdir(), 'halldesk-ledger-property-'));
  const clock = new SettableClock(Date.parse(startIso));
  const backend = await createBackend({ dataDir, clock, counterCode: 'P01' });
  // The property is about the books: its card meters are sold to without HallDesk cards (card writes are tests/contract/cards.test.ts).
  await setSetting(backend.database.db, CARD_RULES_SETTING, JSON.stringify({ unissuedCardSales: true }));
  const sessions = { admin: '', supervisor: '', clerk1: '', clerk2: '' };
  const call = (method: MethodName, input: unknown, who: Actor | 'admin') => backend.dispatch(method, input, { session: sessions[who] });
  const ok = async <M extends MethodName>(method: M, input: ContractInput<M>, who: Actor | 'admin'): Promise<ContractOutput<M>> => {
    const result = await call(method, input, who);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as ContractOutput<M>;
  };
  const login = async (username: string, password: string) => {
    const result = await backend.dispatch('auth.login', { username, password }, { session: null });
    if (!result.ok) throw new Error(`login ${username}: ${result.error.code}`);
    return result.value as ContractOutput<'auth.login'>;
  };
  sessions.admin = (await login('admin', backend.firstAdminPassword ?? '')).session;
  const users = { supervisor: 0, clerk1: 0, clerk2: 0 };
  await Promise.all(ACTORS.map(async (who) => {
    const role = who === 'supervisor' ? 'supervisor' : 'clerk';
    users[who] = (await ok('users.create', { username: USERNAMES[who], displayName: who.toUpperCase(), role, password: PASSWORDS[who] }, 'admin')).id;
  }));
  const relogin = async () => {
    await Promise.all(ACTORS.map(async (who) => { sessions[who] = (await login(USERNAMES[who], PASSWORDS[who])).session; }));
  };
  await relogin();
  await ok('settings.setMoneyRules', MONEY_RULES, 'admin');
  const tariff = async (code: string, utility: 'electricity' | 'water', tiers: typeof ELECTRICITY_TIERS) =>
    (await ok('tariffs.create', { code, name: code, utility, category: 'residential', period: 'year', effectiveFrom: '2026-01-01', tiers }, 'admin')).id;
  const newMeter = meterFactory({ electricity: await tariff('RES-E', 'electricity', ELECTRICITY_TIERS), water: await tariff('RES-W', 'water', WATER_TIERS) });
  const hall: Hall = {
    backend, clock, raw: requireSqlite(backend.database, 'this benchmark').raw, sessions, users, accounts: { power: 0, money: 0, hall: 0 },
    meters: { energy: 0, water: 0, money: 0, hall: 0 }, call, ok, newMeter, relogin,
    async close() { await backend.close(); rmSync(dataDir, { recursive: true, force: true }); },
  };
  for (const slot of ['power', 'money', 'hall'] as const) await openAccountSlot(hall, slot);
  return hall;
}

let customerSerial = 0;

/** Opens a fresh account for an account slot (at start, and after the slot's account was closed). */
export async function openAccountSlot(hall: Hall, slot: AccountSlot): Promise<void> {
  customerSerial += 1;
  const n = customerSerial;
  const account = await hall.ok('accounts.open', {
    customer: { name: `客户${n}`, phone: null, category: 'residential' },
    premises: { area: '幸福小区', building: String(1 + (n % 9)), unit: '1', room: String(100 + n) },
    category: 'residential', meters: METERS_OF[slot].map((s) => hall.newMeter(s)),
  }, 'clerk1');
  hall.accounts[slot] = account.id;
  METERS_OF[slot].forEach((s, i) => { hall.meters[s] = account.meters[i]!.id; });
}
