/**
 * 销户 at the counter: a clerk with an open shift closes a demo account whose meters hold credit in the
 * hall (F7), the refund needs the supervisor, who approves in the dialog at the counter; the receipt
 * number and the refund are shown, the account is closed and the drawer's refunds grow by the refund.
 * On a hall of its own, on a bank working day.
 */
import { DEMO } from './fixtures/demo-users';
import { datedTest, expect } from './fixtures/dated-test';
import { screenshot } from './fixtures/artifacts';
import { ui } from './fixtures/messages';
import { yuan } from '../../renderer/src/money/format';

const test = datedTest('2026-10-09T10:00');

test('a clerk closes an account holding credit; the supervisor approves the refund at the counter', async ({ page, datedHall, login, counter, shift, money }, testInfo) => {
  const account = datedHall.heldCreditAccount(0);
  const drawer = page.getByTestId('drawer-status');
  const dialog = page.getByTestId('account-close-form');
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.clerk);
  await shift.open('500');
  await expect(drawer).toHaveAttribute('data-refunds', '0');
  await counter.findByMeter(account.meterNo, account.customerName);

  await page.keyboard.press('F7');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('close-residual').first()).toBeFocused();
  await expect(page.getByTestId('close-total')).toHaveText(yuan(account.held));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('close-error')).toHaveText(ui('zh-CN', 'closeAccount.reasonRequired'));
  await page.getByTestId('close-reason').fill('房屋出售，用户迁出');
  await screenshot(page, testInfo, '01-close-dialog');
  await page.getByTestId('close-reason').press('Enter');

  await expect(money.approvalDialog).toContainText(yuan(account.held));
  await expect(page.getByTestId('approval-reason')).toHaveValue('房屋出售，用户迁出');
  await money.approveAsSupervisor(DEMO.supervisor, '同意退款');

  await expect(page.getByTestId('close-refunded')).toHaveText(yuan(account.held));
  await expect(page.getByTestId('close-receipt-no')).toHaveText(/^[A-Z][A-Z0-9]{1,5}-\d{4}-\d{6}$/);
  await screenshot(page, testInfo, '02-closed');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-close-result')).toBeHidden();
  await expect(page.getByTestId('account-closed')).toBeVisible();
  await expect(page.getByTestId('account-close-open')).toHaveCount(0);
  await expect(drawer).toHaveAttribute('data-refunds', String(account.held));
});
