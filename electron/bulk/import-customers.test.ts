import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../main/composition';
import type { Backend } from '../main/composition';
import { verifyBooks } from '../db/verify';
import { csvLine, parseCsv } from './csv';
import { describeRejection, importCustomerRows, ImportFileError } from './import-customers';
import type { ImportOptions } from './import-customers';
import { addressKey, meterKeysInUse, occupiedAddresses } from './lookups';
import { inProcessSession } from './sql-session';
import { sqliteWorkerSession } from './sqlite-worker-session';
import { readXlsx } from './xlsx';
import { requireSqlite } from '../db/database-handle';

const HEADER_ZH = ['姓名', '电话', '证件号', '类别', '片区', '楼栋', '单元', '房号', '表号', '类型', '型号', '出厂编号', '通讯地址', '计费方式', '充值方式', '步长', '囤积上限', '价格编码', '卡号'];
const HEADER_EN = ['name', 'phone', 'id_number', 'category', 'area', 'building', 'unit', 'room', 'meter_no', 'utility', 'model', 'serial_no', 'comm_address', 'credit_kind', 'credit_via', 'unit_step', 'credit_cap', 'tariff_code', 'card_no'];

/** A good row for room `room` with meter and card numbers derived from `n`; `patch` overrides columns by English name. */
function row(n: number, patch: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    name: `张${n}`, phone: '13912345678', id_number: '', category: '居民', area: '东区', building: '1', unit: '1', room: String(100 + n),
    meter_no: `3201000000${String(n).padStart(2, '0')}`, utility: '电', model: 'DDSY1352', serial_no: `SN${n}`, comm_address: `32010000${n}`,
    credit_kind: 'energy', credit_via: 'card', unit_step: '1', credit_cap: '2000', tariff_code: 'RES-E', card_no: `880100${String(n).padStart(4, '0')}`,
  };
  return HEADER_EN.map((column) => patch[column] ?? base[column]!);
}

const sheet = (header: string[], rows: string[][]) => parseCsv([header, ...rows].map(csvLine).join('\r\n'));

let dir: string;
let backend: Backend;
const options: ImportOptions = { allOrNothing: false, userId: 1, source: 'import:test.csv', at: '2026-03-01T02:00:00.000Z' };

async function counts() {
  const n = async (table: 'customers' | 'accounts' | 'meters' | 'premises' | 'account_events' | 'audit_log') =>
    Number((await backend.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  // Backend start audits each calendar year it loads and the slip key it makes; the import's own records are what count here.
  const calendarAudit = Number((await backend.database.db.selectFrom('audit_log').where('entity', 'in', ['calendar-year', 'setting'])
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { customers: await n('customers'), accounts: await n('accounts'), meters: await n('meters'), premises: await n('premises'), events: await n('account_events'), audit: await n('audit_log') - calendarAudit };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'halldesk-import-'));
  backend = await createBackend({ dataDir: dir });
  const tiers = [{ uptoUnits: 288000, price: 4883 }, { uptoUnits: null, price: 7883 }];
  await backend.services.tariffs.create(null, { code: 'RES-E', name: '居民用电', utility: 'electricity', category: 'residential', period: 'year', effectiveFrom: '2026-01-01', tiers });
  await backend.services.tariffs.create(null, { code: 'RES-W', name: '居民用水', utility: 'water', category: 'residential', period: 'year', effectiveFrom: '2026-01-01', tiers });
});

afterEach(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const inProcess = () => inProcessSession(backend.database.db);
const worker = () => sqliteWorkerSession(requireSqlite(backend.database, 'this benchmark'));

/** Lines: 2 good, 3 bad phone, 4 unknown tariff, 5 water tariff on a power meter, 6 meter of line 2, 7 card of line 2, 8 room of line 2, 9 bad cap, 10 good. */
const MIXED = [
  row(1), row(2, { phone: 'call me' }), row(3, { tariff_code: 'NOPE' }), row(4, { tariff_code: 'RES-W' }), row(5, { meter_no: row(1)[8]! }),
  row(6, { card_no: row(1)[18]! }), row(7, { room: row(1)[7]! }), row(8, { credit_cap: '1.234' }), row(9),
];

describe('importCustomerRows', () => {
  it.each([['in-process', inProcess], ['worker', worker]] as const)('imports the good rows and reports each bad one by line (%s session)', async (_name, open) => {
    const report = await importCustomerRows(open, sheet(HEADER_ZH, MIXED), options);
    expect(report).toMatchObject({ rows: 9, imported: 2, committed: true });
    expect(report.rejected.map((r) => [r.line, r.code, r.column, r.firstLine])).toEqual([
      [3, 'invalid-input', 'phone', undefined], [4, 'not-found', 'tariff_code', undefined], [5, 'tariff-utility-mismatch', 'tariff_code', undefined],
      [6, 'meter-no-taken', 'meter_no', 2], [7, 'card-no-taken', 'card_no', 2], [8, 'premises-occupied', 'room', 2], [9, 'invalid-input', 'credit_cap', undefined],
    ]);
    expect(describeRejection(report.rejected[3]!)).toBe('line 6: meter_no — Meter number 320100000001 is already in use (as on line 2)');
    expect(await counts()).toEqual({ customers: 2, accounts: 2, meters: 2, premises: 2, events: 2, audit: 5 });
    const accounts = await backend.database.db.selectFrom('accounts').innerJoin('customers', 'customers.id', 'accounts.customer_id')
      .select(['account_no', 'customer_no', 'name']).orderBy('accounts.id').execute();
    expect(accounts).toEqual([{ account_no: 'H00000001', customer_no: 'C00000001', name: '张1' }, { account_no: 'H00000002', customer_no: 'C00000002', name: '张9' }]);
    expect((await verifyBooks(backend.database.db)).every((c) => c.ok)).toBe(true);
  });

  it('imports nothing with allOrNothing when any row is refused', async () => {
    const before = await counts();
    const report = await importCustomerRows(worker, sheet(HEADER_EN, MIXED), { ...options, allOrNothing: true });
    expect(report).toMatchObject({ imported: 0, committed: false });
    expect(report.rejected).toHaveLength(7);
    expect(await counts()).toEqual(before);
  });

  it('writes what accounts.open writes: meter fields, an open event and an audit record per account', async () => {
    await importCustomerRows(worker, sheet(HEADER_EN, [row(1, { credit_cap: '1500.5', unit_step: '0.01' })]), options);
    const meter = await backend.database.db.selectFrom('meters').selectAll().executeTakeFirstOrThrow();
    expect(meter).toMatchObject({ meter_no: '320100000001', utility: 'electricity', unit_step: 1, credit_cap: 150050, card_no: '8801000001', credit_fen: 0 });
    const event = await backend.database.db.selectFrom('account_events').selectAll().executeTakeFirstOrThrow();
    expect([event.kind, JSON.parse(event.detail)]).toEqual(['open', { meters: ['320100000001'] }]);
    const audit = await backend.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.open').executeTakeFirstOrThrow();
    expect([audit.entity, audit.entity_id, JSON.parse(audit.after_json!).accountNo]).toEqual(['account', String(meter.account_id), 'H00000001']);
    const view = await backend.services.accounts.get(Number(meter.account_id));
    expect(view.premises.roomKey).toBe('1-1-101');
  });

  it('refuses meters, cards and rooms already in the database, and continues the number series', async () => {
    await importCustomerRows(worker, sheet(HEADER_EN, [row(1), row(2)]), options);
    const second = [row(3, { meter_no: row(1)[8]! }), row(4, { card_no: row(2)[18]! }), row(5, { room: row(2)[7]! }), row(6)];
    const report = await importCustomerRows(worker, sheet(HEADER_EN, second), options);
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([[2, 'meter-no-taken'], [3, 'card-no-taken'], [4, 'premises-occupied']]);
    const last = await backend.database.db.selectFrom('accounts').select('account_no').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.account_no).toBe('H00000003');
  });

  it('looks keys up by index when the table is much larger than the file', async () => {
    await importCustomerRows(worker, sheet(HEADER_EN, Array.from({ length: 12 }, (_, i) => row(i + 1))), options);
    const db = backend.database.db;
    expect(await meterKeysInUse(db, 'meter_no', [row(3)[8]!, 'none'])).toEqual(new Set([row(3)[8]]));
    expect(await meterKeysInUse(db, 'card_no', [row(4)[18]!])).toEqual(new Set([row(4)[18]]));
    const room = { area: '东区', building: '1', unit: '1', room: row(5)[7]! };
    expect(await occupiedAddresses(db, [room, { ...room, room: '999' }])).toEqual(new Set([addressKey(room)]));
  });

  it('refuses a file without the required columns', async () => {
    await expect(importCustomerRows(worker, sheet(['姓名', '电话'], [['张三', '139']]), options)).rejects.toThrow(ImportFileError);
  });

  it('reads an XLSX sheet, numbers typed as numbers included', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('客户');
    ws.addRow(HEADER_ZH);
    ws.addRow(row(1).map((v, i) => (HEADER_EN[i] === 'phone' || HEADER_EN[i] === 'meter_no' ? Number(v) : v)));
    ws.addRow(row(2, { utility: '气' }));
    const file = join(dir, 'customers.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await importCustomerRows(worker, await readXlsx(file), options);
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r) => [r.line, r.code, r.column])).toEqual([[3, 'invalid-input', 'utility']]);
    const customer = await backend.database.db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(customer.phone).toBe('13912345678');
  });
});
