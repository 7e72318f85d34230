/**
 * Cash drop (交款): the admin sets a low drawer limit on the Money rules page; a clerk sells until the
 * drawer reaches it, the cash drop dialog appears by itself and a sale at the limit is refused; the
 * supervisor's login receives the drop and selling works again. The Deposits page then lists the drop
 * and a bank deposit slip banks it. On a hall of its own (the limit is hall-wide), on a bank working day.
 */
import { DEMO } from './fixtures/demo-users';
import { datedTest, expect } from './fixtures/dated-test';
import { screenshot } from './fixtures/artifacts';

const test = datedTest('2026-10-09T10:30');

test('at the drawer limit the cash goes to the supervisor, then to the bank', async ({ page, datedHall, login, counter, sale, shift, money }, testInfo) => {
  const meter = datedHall.meter(1);
  const drawer = page.getByTestId('drawer-status');
  const dropDialog = page.getByTestId('cash-drop-dialog');
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.admin);
  await page.keyboard.press('Alt+7');
  await page.getByTestId('rule-drawerLimit').fill('300');
  await page.getByTestId('rules-save').click();
  await expect(page.getByTestId('rules-saved')).toBeVisible();
  await page.getByTestId('logout').click();

  await login.logIn(DEMO.clerk);
  await shift.open('100');
  await expect(drawer).toHaveAttribute('data-limit-reached', 'false');
  await counter.findByMeter(meter.meterNo, meter.customerName);
  await sale.enter('100', '100', { payable: '¥100.00', change: '¥0.00' });
  await sale.confirmSale();
  await expect(dropDialog).toBeHidden();
  await page.getByTestId('new-sale').click();
  await sale.enter('150', '150', { payable: '¥150.00', change: '¥0.00' });
  await sale.confirmSale();
  // 100 float + 250 cash ≥ 300: the dialog opens by itself.
  await expect(dropDialog).toBeVisible();
  await expect(drawer).toHaveAttribute('data-limit-reached', 'true');
  await page.keyboard.press('Escape');
  await expect(dropDialog).toBeHidden();

  // At the limit a cash sale is refused, and the dialog comes back.
  await page.getByTestId('new-sale').click();
  await sale.enter('50', '50', { payable: '¥50.00', change: '¥0.00' });
  await sale.confirm.click();
  await expect(sale.saleError).not.toBeEmpty();
  await expect(dropDialog).toBeVisible();
  await page.getByTestId('drop-amount').fill('300');
  await page.getByTestId('drop-username').fill(DEMO.supervisor.username);
  await page.getByTestId('drop-password').fill(DEMO.supervisor.password);
  await screenshot(page, testInfo, '01-cash-drop');
  await page.getByTestId('drop-password').press('Enter');
  await expect(dropDialog).toBeHidden();
  await expect(drawer).toHaveAttribute('data-drops', '30000');
  await expect(drawer).toHaveAttribute('data-limit-reached', 'false');
  await sale.confirmSale();

  // The drop waits on the Deposits page until a deposit slip banks it.
  await money.go('deposits');
  const drop = page.getByTestId('drop-row').filter({ hasText: '¥300.00' });
  await expect(drop).toHaveCount(1);
  await drop.getByRole('checkbox').check();
  await expect(money.depositTotal).toHaveText('¥300.00');
  await page.getByTestId('deposit-bank').fill('工商银行营业部');
  await page.getByTestId('deposit-slip').fill('DEP-20261009-07');
  await page.getByTestId('deposit-date').fill('2026-10-09');
  await page.getByTestId('deposit-record').click();
  await expect(page.getByTestId('deposit-recorded')).toContainText('DEP-20261009-07');
  await expect(page.getByTestId('drop-row')).toHaveCount(0);
  await expect(page.getByTestId('deposit-history')).toContainText('DEP-20261009-07');
  await screenshot(page, testInfo, '02-drop-deposited');
});
