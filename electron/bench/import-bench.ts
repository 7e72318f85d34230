/**
 * `import_customers_per_s`: a generated CSV of N customers imported into a fresh hall (tariffs only),
 * through the same path as `halldesk import customers` (parse, validate every row, one transaction).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../main/composition';
import { parseCsv } from '../bulk/csv';
import { csvLine } from '../bulk/csv';
import { importCustomerRows } from '../bulk/import-customers';
import { sqliteWorkerSession } from '../bulk/sqlite-worker-session';
import { ensureStaff, ensureTariffs } from '../demo/setup';
import { round2, timeOnce } from './stats';
import { requireSqlite } from '../db/database-handle';

const HEADER = ['name', 'phone', 'category', 'area', 'building', 'unit', 'room', 'meter_no', 'utility', 'model',
  'serial_no', 'comm_address', 'credit_kind', 'credit_via', 'unit_step', 'credit_cap', 'tariff_code', 'card_no'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟'];

/** One row per customer: an electricity card meter in building/unit/room order. */
export function generateCustomerCsv(rows: number): string {
  const lines = [csvLine(HEADER)];
  for (let i = 0; i < rows; i++) {
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
    const serial = String(i + 1).padStart(8, '0');
    lines.push(csvLine([name, `139${serial}`, 'residential', '导入区', String(Math.floor(i / 400) + 1), String(Math.floor(i / 100) % 4 + 1),
      String(100 + (i % 100)), `IMP${serial}`, 'electricity', 'DDSY1352', `SN${serial}`, serial.slice(-12), 'energy', 'card', '1', '5000',
      'RES-E-Y', `KI${serial}`]));
  }
  return lines.join('\n');
}

export async function benchImport(rows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'halldesk-bench-import-'));
  const backend = await createBackend({ dataDir: dir });
  try {
    const now = new Date();
    const staff = await ensureStaff(backend.database.db, 1, now);
    await ensureTariffs(backend.database.db, staff.adminId, new Date(now.getTime() - 86_400_000), now);
    const csv = generateCustomerCsv(rows);
    const { ms, value } = await timeOnce(async () => importCustomerRows(() => sqliteWorkerSession(requireSqlite(backend.database, 'this benchmark')), parseCsv(csv), {
      allOrNothing: false, userId: staff.adminId, source: 'bench', at: now.toISOString(),
    }));
    if (value.imported !== rows) throw new Error(`import bench: ${value.imported} of ${rows} imported; first refusal ${JSON.stringify(value.rejected[0])}`);
    return { import_customers_per_s: Math.round(rows / (ms / 1000)), import_rows: rows, import_seconds: round2(ms / 1000) };
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
