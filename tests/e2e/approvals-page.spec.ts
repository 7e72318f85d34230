/**
 * The Approvals page: a clerk asks for a reversal and sends the request to the supervisors instead of
 * typing a password at the counter; the supervisor, logged in on another computer (a second browser
 * context), approves it on the Approvals page, and the clerk's waiting reversal goes through by itself.
 * On a hall of its own, on a bank working day.
 */
import { DEMO } from './fixtures/demo-users';
import { clerkSellsCash } from './fixtures/clerk-sale';
import { datedTest, expect } from './fixtures/dated-test';
import { screenshot } from './fixtures/artifacts';
import { ui } from './fixtures/messages';
import { LoginPage } from './page-models/login-page';
import { MoneyPages } from './page-models/money-pages';

const test = datedTest('2026-10-09T14:00');

test('a reversal approved on the supervisor\'s Approvals page proceeds at the clerk\'s counter', async ({ browser, page, datedHall, login, counter, sale, shift, money }, testInfo) => {
  // Two browser contexts and a polling approval dialog: allow for a loaded two-core CI machine.
  test.setTimeout(60_000);
  const meter = datedHall.meter(3);
  const receiptNo = await clerkSellsCash({ login, counter, sale, shift }, datedHall.launchUrl, meter, '60');

  await money.go('reversal');
  await page.getByTestId('reversal-receipt').fill(receiptNo);
  await page.getByTestId('reversal-receipt').press('Enter');
  await expect(page.getByTestId('reversal-sale')).toContainText(receiptNo);
  await page.getByTestId('reversal-reason').fill('收费员输错金额');
  await page.getByTestId('reversal-submit').click();
  await expect(money.approvalDialog).toBeVisible();
  await page.getByTestId('approval-send').click();
  await expect(page.getByTestId('approval-waiting')).toBeVisible();

  // The supervisor, at another computer.
  const elsewhere = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
  try {
    const supervisor = await elsewhere.newPage();
    await new LoginPage(supervisor).open(datedHall.launchUrl);
    await new LoginPage(supervisor).logIn(DEMO.supervisor);
    await new MoneyPages(supervisor).go('approvals');
    const row = supervisor.getByTestId('approval-row').filter({ hasText: '收费员输错金额' });
    await expect(row).toHaveAttribute('data-kind', 'reversal');
    await expect(row).toContainText(ui('zh-CN', 'approval.subject.reversal'));
    await screenshot(supervisor, testInfo, '01-approvals-page');
    await row.getByTestId('approval-approve').click();
    await expect(row).toHaveCount(0);
  } finally {
    await elsewhere.close();
  }

  // Back at the counter the dialog closes by itself and the reversal is made.
  await expect(money.approvalDialog).toBeHidden({ timeout: 10_000 });
  await expect(page.getByTestId('reversal-done')).toBeVisible();
  await expect(page.getByTestId('reversal-receipt-no')).not.toHaveText(receiptNo);
  await screenshot(page, testInfo, '02-reversed');
});
