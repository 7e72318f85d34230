import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../main/composition';
import type { Backend } from '../main/composition';
import { verifyBooks } from '../db/verify';
import { integrityProblems } from '../db/sqlite-maintenance';
import { DemoSeedRefused, seedDemoHall } from './seed';
import type { SeedOptions } from './seed';
import { requireSqlite } from '../db/database-handle';

const NOW = new Date('2026-03-15T04:00:00.000Z');
const dirs: string[] = [];
const backends: Backend[] = [];

async function freshBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'halldesk-demo-'));
  dirs.push(dir);
  const backend = await createBackend({ dataDir: dir, clock: { now: () => NOW } });
  backends.push(backend);
  return backend;
}

async function seeded(options: SeedOptions = {}) {
  const backend = await freshBackend();
  const counts = await seedDemoHall(backend, { customers: 40, sales: 600, now: NOW, ...options });
  return { backend, counts };
}

const names = async (backend: Backend) => (await backend.database.db.selectFrom('customers').select('name').orderBy('id').execute()).map((r) => r.name);

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('seedDemoHall', () => {
  it.each(['worker', 'in-process'] as const)('seeds a hall whose books verify clean (%s session)', async (session) => {
    const { backend, counts } = await seeded({ session });
    expect(counts).toMatchObject({ customers: 40, tariffs: 4, sales: 600, counters: ['A01', 'A02'] });
    const checks = await verifyBooks(backend.database.db);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(integrityProblems(requireSqlite(backend.database, 'this benchmark').raw)).toEqual([]);
    expect(requireSqlite(backend.database, 'this benchmark').raw.pragma('foreign_key_check')).toEqual([]);
    const sales = await backend.database.db.selectFrom('sales').select(['business_date', 'created_at']).execute();
    expect(sales.every((s) => s.business_date >= '2025-03-14' && s.business_date <= '2026-03-14' && s.created_at < NOW.toISOString())).toBe(true);
  });

  it('leaves the hall usable by the services: demo logins work and a new sale continues the serials', async () => {
    const { backend } = await seeded();
    const session = await backend.services.auth.login('li.clerk', 'clerk1234');
    await backend.services.auth.login('admin', 'admin1234');
    const actor = { userId: session.user.id, username: 'li.clerk', role: 'clerk' as const };
    await backend.services.shifts.open(actor, 50_000);
    const last = await backend.database.db.selectFrom('receipt_sequences').selectAll().where('counter_code', '=', 'A01').where('year', '=', 2026).executeTakeFirstOrThrow();
    const meter = await backend.database.db.selectFrom('meters').select('id').where('credit_kind', '=', 'energy').orderBy('id').executeTakeFirstOrThrow();
    const sale = await backend.services.sales.sell(actor, { meterId: Number(meter.id), request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: 'after-demo-0001' });
    expect(sale.receiptNo).toBe(`A01-2026-${String(Number(last.last_no) + 1).padStart(6, '0')}`);
    expect((await verifyBooks(backend.database.db)).filter((c) => !c.ok)).toEqual([]);
  });

  it('is deterministic for a seed', async () => {
    const a = await seeded({ seed: 'same', sales: 50 });
    const b = await seeded({ seed: 'same', sales: 50 });
    const c = await seeded({ seed: 'other', sales: 50 });
    expect(await names(a.backend)).toEqual(await names(b.backend));
    expect(await names(a.backend)).not.toEqual(await names(c.backend));
    expect((await names(a.backend)).every((name) => /^[\u4e00-\u9fa5]{2,8}$/.test(name))).toBe(true);
  });

  it('refuses a database that already has accounts', async () => {
    const { backend } = await seeded({ sales: 20 });
    await expect(seedDemoHall(backend, { customers: 5, now: NOW })).rejects.toThrow(DemoSeedRefused);
  });
});
