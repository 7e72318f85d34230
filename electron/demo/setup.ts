/**
 * Staff and tariffs of the demo hall, written through the ordinary repositories (a handful of rows)
 * before the bulk session starts. Both steps are idempotent, so a seed that failed later can be run
 * again: demo logins get their documented passwords back, existing tariffs are reused.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Db } from '../db/repositories/db';
import { appendAudit } from '../db/repositories/audit-repository';
import { findTariffByCode, insertTariff, insertTariffVersion, tariffVersions } from '../db/repositories/tariffs-repository';
import { findUserByName, insertUser, updateUser } from '../db/repositories/users-repository';
import type { TariffVersion } from '../domain/tariffs/tariff';
import { businessDate } from '../domain/time/business-time';
import { hashPassword } from '../services/password';
import { tariffView } from '../services/tariffs-service';
import { price, units } from '../../shared/money';
import type { TierPeriod } from '../../shared/vocabulary';
import { DEMO_TARIFFS, DEMO_USERS, EXTRA_CLERKS } from './catalog';
import type { DemoTariff, DemoUser } from './catalog';

export interface DemoTariffRef {
  readonly id: number;
  readonly period: TierPeriod;
  readonly versions: readonly TariffVersion[];
}

export interface Staff {
  readonly adminId: number;
  /** Clerks and the supervisor: who opens shifts and sells. */
  readonly sellers: readonly { readonly id: number; readonly username: string }[];
  readonly logins: readonly DemoUser[];
}

async function ensureUser(db: Db, user: DemoUser, actorId: number | null, at: string): Promise<number> {
  const hash = await hashPassword(user.password);
  const existing = await findUserByName(db, user.username);
  if (existing) {
    await updateUser(db, Number(existing.id), { password_hash: hash, active: 1, failed_logins: 0, locked_until: null });
    await appendAudit(db, { at, userId: actorId, action: 'user.reset-password', entity: 'user', entityId: Number(existing.id), after: { username: user.username, source: 'demo-seed' } });
    return Number(existing.id);
  }
  const id = await insertUser(db, { username: user.username, displayName: user.displayName, role: user.role, passwordHash: hash, at });
  await appendAudit(db, { at, userId: actorId, action: 'user.create', entity: 'user', entityId: id, after: { username: user.username, role: user.role, source: 'demo-seed' } });
  return id;
}

/** The demo logins (and extra clerks when `sellersNeeded` exceeds the three demo sellers). */
export async function ensureStaff(db: Kysely<Database>, sellersNeeded: number, now: Date): Promise<Staff> {
  const extra = EXTRA_CLERKS.slice(0, Math.max(0, sellersNeeded - 3));
  const logins = [...DEMO_USERS, ...extra];
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const adminId = await ensureUser(trx, logins[0]!, null, at);
    const sellers = [];
    for (const user of logins.slice(1)) sellers.push({ id: await ensureUser(trx, user, adminId, at), username: user.username });
    return { adminId, sellers, logins };
  });
}

/** Effective dates: 1 January of the history's first year, a mid-history month start, next 1 January. */
export function versionDates(historyStart: Date, now: Date): Record<'first' | 'mid' | 'future', string> {
  const first = `${businessDate(historyStart).slice(0, 4)}-01-01`;
  const mid = businessDate(new Date(historyStart.getTime() + 182 * 86_400_000));
  const nextMonth = new Date(Date.UTC(Number(mid.slice(0, 4)), Number(mid.slice(5, 7)), 1));
  return { first, mid: nextMonth.toISOString().slice(0, 10), future: `${Number(businessDate(now).slice(0, 4)) + 1}-01-01` };
}

async function createTariff(db: Db, t: DemoTariff, dates: Record<string, string>, adminId: number, now: Date): Promise<number> {
  // Published a month before the first version takes effect; the future version is entered today.
  const published = `${Number(dates.first!.slice(0, 4)) - 1}-12-01T02:00:00.000Z`;
  const id = await insertTariff(db, { ...t, at: published });
  for (const version of t.versions) {
    const at = version.from === 'future' ? now.toISOString() : published;
    const tiers = version.tiers.map((tier) => ({ uptoUnits: tier.uptoUnits === null ? null : units(tier.uptoUnits), price: price(tier.price) }));
    await insertTariffVersion(db, { tariffId: id, effectiveFrom: dates[version.from]!, tiers, at, userId: adminId });
  }
  await appendAudit(db, { at: published, userId: adminId, action: 'tariff.create', entity: 'tariff', entityId: id, after: await tariffView(db, id) });
  return id;
}

export async function ensureTariffs(db: Kysely<Database>, adminId: number, historyStart: Date, now: Date): Promise<Map<string, DemoTariffRef>> {
  const dates = versionDates(historyStart, now);
  return db.transaction().execute(async (trx) => {
    const refs = new Map<string, DemoTariffRef>();
    for (const t of DEMO_TARIFFS) {
      const existing = await findTariffByCode(trx, t.code);
      const id = existing ? Number(existing.id) : await createTariff(trx, t, dates, adminId, now);
      refs.set(t.code, { id, period: t.period, versions: await tariffVersions(trx, id, t.period) });
    }
    return refs;
  });
}
