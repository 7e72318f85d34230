/**
 * Bank-transfer vouchers (issue 4): a clerk registers a voucher of 500 yuan for an account, sells 100
 * yuan against it at the counter (F6: pay by voucher; the account is bank-transfer only, so cash is refused), and the register shows it partly used with 400
 * left and the sale among its draws. On a hall of its own, on a bank working day (2026-10-09).
 */
import { DEMO } from './fixtures/demo-users';
import { datedTest, expect } from './fixtures/dated-test';
import { ui } from './fixtures/messages';
import { screenshot } from './fixtures/artifacts';

const test = datedTest('2026-10-09T10:00');

test('register a voucher, pay a sale with it, the voucher is partly used', async ({ page, datedHall, login, counter, sale, shift, money }, testInfo) => {
  const meter = datedHall.meter(0, 'bank_transfer');
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.clerk);
  await shift.open('0');

  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('vouchers-page')).toBeVisible();
  const fields = { bank: '工商银行', payerAccount: '6222-0200-0001', referenceNo: 'ZZ20261009001', payer: meter.customerName, amount: '500', valueDate: '2026-10-09' };
  for (const [field, value] of Object.entries(fields)) await page.getByTestId(`voucher-${field}`).fill(value);
  await page.getByTestId('voucher-account').fill(meter.accountNo);
  await page.getByTestId('voucher-account').press('Enter');
  await expect(page.getByTestId('voucher-account-found')).toContainText(meter.accountNo);
  await page.getByTestId('voucher-submit').click();
  const row = page.getByTestId('voucher-row').filter({ hasText: 'ZZ20261009001' });
  await expect(row).toHaveAttribute('data-state', 'registered');

  await money.go('counter');
  await counter.findByMeter(meter.meterNo, meter.customerName);
  await sale.amount.fill('100');
  await expect(sale.quotePayable).toHaveText('¥100.00');
  await expect(money.cashRule).toHaveAttribute('data-cash', 'refused');
  await page.keyboard.press('F6');
  await expect(page.getByTestId('voucher-option').filter({ hasText: 'ZZ20261009001' })).toBeVisible();
  await expect(sale.tendered).toHaveCount(0);
  await screenshot(page, testInfo, '01-pay-by-voucher');
  const receiptNo = await sale.confirmSale();

  await money.go('vouchers');
  await expect(row).toHaveAttribute('data-state', 'partly_used');
  await expect(row.getByTestId('voucher-remaining')).toHaveText('¥400.00');
  await expect(row.getByTestId('voucher-state')).toHaveText(ui('zh-CN', 'vouchers.states.partly_used'));
  await row.click();
  await expect(page.getByTestId('voucher-draws')).toContainText(receiptNo);
  await expect(page.getByTestId('voucher-detail-remaining')).toHaveText('¥400.00');
  await screenshot(page, testInfo, '02-voucher-detail');
});
