import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';

/** Each append-only table with a column a tamperer would like to change, and the changed value. */
const APPEND_ONLY = {
  sales: ['payable_fen', 'payable_fen + 1'],
  ledger_entries: ['amount_fen', 'amount_fen - 1'],
  account_events: ['detail', "'{}'"],
  audit_log: ['action', "'nothing.happened'"],
  tariff_versions: ['effective_from', "'2099-01-01'"],
  tariff_tiers: ['price', 'price + 1'],
} as const;

let fx: Fixture;
beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
});
afterAll(async () => { await fx.close(); });

const firstRow = (table: string) => fx.raw.prepare(`select rowid as rid, * from ${table} order by rowid limit 1`).get() as { rid: number } | undefined;
const count = (table: string) => (fx.raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('append-only tables refuse UPDATE and DELETE in the database itself', () => {
  for (const [table, [column, changed]] of Object.entries(APPEND_ONLY)) {
    it(table, () => {
      const row = firstRow(table);
      expect(row).toBeDefined();
      const rows = count(table);
      const message = `append-only table: ${table}`;
      expect(() => fx.raw.prepare(`update ${table} set ${column} = ${changed} where rowid = ?`).run(row!.rid)).toThrow(message);
      expect(() => fx.raw.prepare(`update ${table} set ${column} = ${column}`).run()).toThrow(message);
      expect(() => fx.raw.prepare(`delete from ${table} where rowid = ?`).run(row!.rid)).toThrow(message);
      expect(() => fx.raw.prepare(`delete from ${table}`).run()).toThrow(message);
      expect(firstRow(table)).toEqual(row);
      expect(count(table)).toBe(rows);
    });
  }

  it('exactly these tables carry the triggers', () => {
    const triggers = fx.raw.prepare("select tbl_name as t, name from sqlite_master where type = 'trigger' order by name").all() as { t: string; name: string }[];
    const tables = [...new Set(triggers.map((r) => r.t))].sort();
    expect(tables).toEqual(Object.keys(APPEND_ONLY).sort());
    for (const table of tables) expect(triggers.filter((r) => r.t === table).map((r) => r.name)).toEqual([`${table}_no_delete`, `${table}_no_update`]);
  });

  it('mutable tables (meters, shifts, units_to_date) still update', () => {
    expect(fx.raw.prepare('update meters set remaining = remaining where id = ?').run(fx.meters.energy).changes).toBe(1);
    expect(fx.raw.prepare('update units_to_date set units = units').run().changes).toBe(1);
    expect(fx.raw.prepare('update shifts set note = note').run().changes).toBe(1);
  });
});
