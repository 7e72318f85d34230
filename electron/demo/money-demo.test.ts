import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../main/composition';
import type { Backend } from '../main/composition';
import { verifyBooks } from '../db/verify';
import type { Actor } from '../services/deps';
import { seedDemoHall } from './seed';
import { seedMoneyDemo } from './money-demo';

const NOW = new Date('2026-03-16T02:00:00.000Z');
let dir: string;
let backend: Backend;
let result: { bankTransfer: number; vouchers: number };

async function actor(username: string): Promise<Actor> {
  const user = await backend.database.db.selectFrom('users').select(['id', 'username', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
  return { userId: Number(user.id), username: user.username, role: user.role as Actor['role'] };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'halldesk-money-demo-'));
  backend = await createBackend({ dataDir: dir, clock: { now: () => NOW } });
  await seedDemoHall(backend, { customers: 200, sales: 800, now: NOW, session: 'in-process' });
  result = await seedMoneyDemo(backend, await actor('li.clerk'), await actor('zhang.sup'));
});

afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedMoneyDemo', () => {
  it('makes every commercial account bank-transfer-only and registers vouchers for four of them', async () => {
    const db = backend.database.db;
    const commercial = await db.selectFrom('accounts').select(['settlement']).where('category', '=', 'commercial').execute();
    expect(commercial.length).toBeGreaterThanOrEqual(4);
    expect(commercial.every((a) => a.settlement === 'bank_transfer')).toBe(true);
    expect(result).toEqual({ bankTransfer: commercial.length, vouchers: 4 });
    const vouchers = await backend.services.vouchers.search({});
    expect(vouchers.map((v) => v.state).sort()).toEqual(['partly_used', 'registered', 'registered', 'registered']);
    expect(vouchers.find((v) => v.state === 'partly_used')).toMatchObject({ used: 50_000, amount: 200_000, remaining: 150_000 });
  });

  it('leaves books that verify clean, the voucher sale in a closed demo shift', async () => {
    expect((await verifyBooks(backend.database.db)).filter((c) => !c.ok)).toEqual([]);
    const sale = await backend.database.db.selectFrom('sales').select(['payment_method', 'payable_fen']).where('payment_method', '=', 'voucher').execute();
    expect(sale).toEqual([{ payment_method: 'voucher', payable_fen: 50_000 }]);
  });
});
