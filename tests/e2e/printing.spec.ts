/**
 * Printing (issue 7 item 2) in browser mode against the real backend: the administrator sets the
 * simulated printer for payment slips on the Printing page; a clerk sells, prints the slip with F9 (the
 * job is queued and printed at once), sees it printed in the print queue, then reprints it as 补打 1.
 * On a hall of its own: the printer settings are hall-wide, and the other specs expect none.
 */
import { DEMO } from './fixtures/demo-users';
import { datedTest, expect } from './fixtures/dated-test';
import { screenshot } from './fixtures/artifacts';

const test = datedTest('2026-10-09T11:00');

test('the admin sets a printer, the clerk prints a sale on it, sees it in the queue and reprints it', async ({ page, datedHall, login, counter, sale, shift }, testInfo) => {
  const meter = datedHall.meter(2);
  const status = page.getByTestId('print-status');
  const rows = page.getByTestId('job-row');
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.admin);
  await page.getByTestId('nav-printing').click();
  await expect(page.getByTestId('printer-row-payment')).toBeVisible();
  await page.getByTestId('printer-driver-payment').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '模拟打印机' }).click();
  await page.getByTestId('printer-target-payment').fill('e2e-sim');
  await page.getByTestId('printer-save').click();
  await expect(page.getByTestId('printer-saved')).toBeVisible();
  await expect(page.getByTestId('printer-error')).toBeEmpty();
  await screenshot(page, testInfo, '01-printer-settings');
  await page.getByTestId('logout').click();

  await login.logIn(DEMO.clerk);
  await shift.open('100');
  await counter.findByMeter(meter.meterNo, meter.customerName);
  await sale.enter('50', '50', { payable: '¥50.00', change: '¥0.00' });
  const receiptNo = await sale.confirmSale();
  await expect(sale.printSlip).toHaveAttribute('data-action', 'print');
  // One key: F9 queues the job and the simulated printer prints it at once.
  await page.keyboard.press('F9');
  await expect(status).toHaveAttribute('data-state', 'printed');
  await expect(status).toContainText('e2e-sim');
  await expect(sale.printSlip).toHaveAttribute('data-action', 'reprint');
  await screenshot(page, testInfo, '02-printed');

  await page.getByTestId('nav-printing').click();
  const original = rows.filter({ hasText: receiptNo });
  await expect(original).toHaveCount(1);
  await expect(original).toHaveAttribute('data-state', 'printed');
  await expect(original).toHaveAttribute('data-reprint', '0');
  await expect(page.getByTestId('printer-settings')).toHaveCount(0); // the settings are the administrator's

  await page.getByTestId('nav-counter').click();
  await expect(sale.result).toBeVisible();
  await sale.printSlip.click();
  await expect(status).toContainText('补打 1');
  await expect(status).toHaveAttribute('data-state', 'printed');

  await page.getByTestId('nav-printing').click();
  await expect(rows.filter({ hasText: receiptNo })).toHaveCount(2);
  const copy = rows.filter({ hasText: receiptNo }).filter({ hasText: '补打 1' });
  await expect(copy).toHaveAttribute('data-state', 'printed');
  await expect(copy).toHaveAttribute('data-reprint', '1');
  await expect(page.getByTestId('print-failed-link')).toHaveCount(0);
  await screenshot(page, testInfo, '03-queue');
});
