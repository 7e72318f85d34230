/**
 * The Reports page on the demo hall (issue 7 items 3–4): the day close of a past day with demo sales shows its
 * totals (the sale count the database holds for that day), and its Excel export downloads an .xlsx whose
 * summary sheet, read back with exceljs, closes with the totals row equal to the net shown on the screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { DEMO } from './fixtures/demo-users';
import { REPO_ROOT } from './fixtures/halldesk-process';
import { screenshot } from './fixtures/artifacts';
import { expect, test } from './fixtures/test';

/** The latest business date before today (Beijing) with demo sales, and its sale count: a day nobody sells on now. */
function pastSalesDay(dataDir: string): { date: string; count: number } {
  const db = new Database(join(dataDir, 'halldesk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const row = db.prepare('select business_date as date, count(*) as count from sales where business_date < ? group by business_date order by business_date desc limit 1')
      .get(today) as { date: string; count: number } | undefined;
    if (!row) throw new Error('the demo hall has no sales before today');
    return row;
  } finally {
    db.close();
  }
}

/** "¥1,234.56" or "-¥5.00" → 1234.56 / -5. */
const yuanOf = (text: string): number => Number(text.replace(/[^0-9.-]/g, ''));

const NET_LABEL = (JSON.parse(readFileSync(join(REPO_ROOT, 'shared', 'locales', 'zh-CN', 'slips.json'), 'utf8')) as { report: { row: { net: string } } }).report.row.net;

test('the day close shows its totals and exports an .xlsx whose totals row is the net on screen', async ({ page, hall, login }, testInfo) => {
  const day = pastSalesDay(hall.dataDir);
  await login.open(hall.launchUrl);
  await login.logIn(DEMO.admin);
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('reports-page')).toBeVisible();
  await page.getByTestId('day-date').fill(day.date);
  await page.getByTestId('day-load').click();
  const summary = page.getByTestId('day-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(`${day.count} · ¥`);
  const net = yuanOf(await page.getByTestId('day-net').innerText());
  expect(net).toBeGreaterThan(0);
  await screenshot(page, testInfo, '01-day-close');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`day-close-${day.date}.xlsx`);
  await expect(page.getByTestId('export-progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('export-done')).toContainText(`day-close-${day.date}.xlsx`);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0]!;
  const last = sheet.getRow(sheet.actualRowCount > 0 ? sheet.lastRow!.number : 1);
  const cells = (last.values as unknown[]).filter((v) => v !== null && v !== undefined && v !== '');
  expect(cells[0]).toBe(NET_LABEL);
  expect(cells.at(-1)).toBeCloseTo(net, 2);
  // The sales line above it carries the day's count, as on the screen.
  const salesRow = sheet.getSheetValues().find((r) => Array.isArray(r) && r.includes(day.count)) as unknown[] | undefined;
  expect(salesRow).toBeDefined();
});
