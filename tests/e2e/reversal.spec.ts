/**
 * Reversal (冲正, issue 4): a clerk sells 50 yuan cash, then on the reversal page finds the sale by its
 * receipt number, gives the reason, the supervisor approves in the dialog, and the compensating
 * reversal gets its own receipt number. On a hall of its own, on a bank working day.
 */
import { DEMO } from './fixtures/demo-users';
import { clerkSellsCash } from './fixtures/clerk-sale';
import { datedTest, expect } from './fixtures/dated-test';
import { screenshot } from './fixtures/artifacts';

const test = datedTest('2026-10-09T11:00');

test('a sale is reversed with a supervisor approval and a reversal receipt', async ({ page, datedHall, login, counter, sale, shift, money }, testInfo) => {
  const meter = datedHall.meter(2);
  const receiptNo = await clerkSellsCash({ login, counter, sale, shift }, datedHall.launchUrl, meter, '50');

  await page.keyboard.press('Alt+5');
  await page.getByTestId('reversal-receipt').fill(receiptNo);
  await page.getByTestId('reversal-receipt').press('Enter');
  await expect(page.getByTestId('reversal-sale')).toContainText(receiptNo);
  await page.getByTestId('reversal-submit').click();
  await expect(page.getByTestId('reversal-error')).not.toBeEmpty(); // the reason is mandatory
  await page.getByTestId('reversal-reason').fill('客户买错表');
  await page.getByTestId('reversal-submit').click();
  await money.approveAsSupervisor(DEMO.supervisor);
  await expect(page.getByTestId('reversal-done')).toBeVisible();
  const reversalNo = (await page.getByTestId('reversal-receipt-no').textContent())?.trim() ?? '';
  expect(reversalNo).not.toBe('');
  expect(reversalNo).not.toBe(receiptNo);
  await screenshot(page, testInfo, '01-reversed');

  // Looked up again, the sale shows its reversal.
  await page.getByTestId('reversal-receipt').press('Enter');
  await expect(page.getByTestId('reversal-sale').getByTestId('sale-reversed')).toBeVisible();
  await expect(page.getByTestId('reversal-sale')).toContainText(reversalNo);
});
