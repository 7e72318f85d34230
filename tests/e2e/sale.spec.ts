/**
 * The whole cash sale at the counter, as issue 3 §5 describes it: log in as a clerk, open a shift with a
 * float of 200, find a demo customer by meter number, sell 100 yuan for 200 tendered (change 100.00),
 * print the triplicate slip and read it, then close the shift with a count that reconciles.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { keepSlip, publish, screenshot } from './fixtures/artifacts';
import { DEMO } from './fixtures/demo-users';
import { REPO_ROOT } from './fixtures/halldesk-process';
import { expect, test } from './fixtures/test';

const README_SCREENSHOT = join(REPO_ROOT, 'tests', 'e2e', 'screenshots', 'counter.png');

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

test('a clerk sells 100 yuan cash, prints the triplicate slip and closes a shift that reconciles', async ({
  page, hall, hallDb, login, counter, sale, shift, slip,
}, testInfo) => {
  const meter = hallDb.sellableMeter(0);
  const salesBefore = hallDb.salesBy(DEMO.clerk.username);

  await login.open(hall.launchUrl);
  await expect(page).toHaveURL(`${hall.origin}/`); // the token left the address bar
  // A demo hall lists its demo logins on the login screen.
  await expect(page.getByTestId('demo-login').filter({ hasText: DEMO.clerk.username })).toContainText(DEMO.clerk.password);
  await screenshot(page, testInfo, '01-login');
  await login.logIn(DEMO.clerk);

  await shift.open('200');
  await expect(counter.shiftStatus).toContainText('¥200.00');

  await counter.findByMeter(meter.meterNo, meter.customerName);
  await sale.enter('100', '200', { payable: '¥100.00', change: '¥100.00' });
  const units = (await sale.quoteUnits.textContent())?.trim() ?? '';
  expect(units).toMatch(/^[\d,]+\.\d{2} kWh$/);
  const counterShot = await screenshot(page, testInfo, '02-counter');

  const receiptNo = await sale.confirmSale();
  await expect(sale.saleChange).toHaveText('¥100.00');
  await expect(sale.saleUnits).toHaveText(units);
  await screenshot(page, testInfo, '03-sale');
  expect(hallDb.salesBy(DEMO.clerk.username)).toBe(salesBefore + 1);

  const opened = await slip.capture(() => sale.printSlip.click());
  expect(opened.type).toBe('application/pdf');
  expect(opened.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(opened.pdf.equals(opened.fromApi)).toBe(true);
  const files = await keepSlip(opened.pdf, testInfo, '04-slip');
  for (const copy of ['客户联', '存根联', '记账联']) expect(occurrences(files.text, copy), copy).toBe(1);
  expect(occurrences(files.text, receiptNo), `receipt ${receiptNo} on each copy`).toBeGreaterThanOrEqual(3);
  expect(occurrences(files.text, '壹佰元整')).toBeGreaterThanOrEqual(3);
  expect(occurrences(files.text, units)).toBeGreaterThanOrEqual(3);
  expect(files.text).toContain(meter.meterNo);
  expect(files.text).toContain(meter.customerName);
  expect(statSync(files.pngPath).size).toBeGreaterThan(5_000);

  await shift.startClose();
  await expect(shift.expected).toHaveText('¥300.00'); // float 200 + the sale's 100
  await shift.count({ 10000: 3 });
  await expect(shift.counted).toHaveText('¥300.00');
  await expect(shift.shortOver).toHaveText('¥0.00');
  await shift.confirm();
  await expect(shift.reportExpected).toHaveText('¥300.00');
  await expect(shift.reportCounted).toHaveText('¥300.00');
  await expect(shift.reportShortOver).toHaveText('¥0.00');
  await expect(shift.reportSales).toContainText('¥100.00');
  await screenshot(page, testInfo, '05-shift-report');

  expect(statSync(counterShot).size).toBeLessThan(300 * 1024);
  // The README's picture is refreshed on request only, so a test run leaves the work tree unchanged.
  if (process.env.UPDATE_README_SCREENSHOT === '1') publish(counterShot, README_SCREENSHOT);
});
