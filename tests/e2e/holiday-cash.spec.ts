/**
 * Holiday cash (issue 4): on 2026-10-03, a National Day holiday when the banks are closed, a clerk takes
 * cash from a bank-transfer-only account with a supervisor's approval typed into the dialog at the
 * counter; on 2026-10-08, the next bank working day, the cash is deposited and the obligation leaves the
 * pending list. The hall runs on its own data folder, restarted between the two days with a test clock.
 */
import { CounterPage } from './page-models/counter-page';
import { LoginPage } from './page-models/login-page';
import { MoneyPages } from './page-models/money-pages';
import { SalePanel } from './page-models/sale-panel';
import { ShiftPanels } from './page-models/shift-panels';
import { newDataDir, removeDataDir, startHallAt } from './fixtures/dated-hall';
import { DEMO } from './fixtures/demo-users';
import { HallDb } from './fixtures/hall-db';
import type { HallDeskProcess } from './fixtures/halldesk-process';
import { ui } from './fixtures/messages';
import { screenshot } from './fixtures/artifacts';
import { expect, test } from './fixtures/test';

test.describe.configure({ timeout: 150_000 });

let dataDir = '';
let hall: HallDeskProcess | null = null;

test.beforeAll(async () => {
  dataDir = await newDataDir();
});

test.afterAll(async () => {
  await hall?.stop();
  await removeDataDir(dataDir);
});

async function dayAt(beijing: string): Promise<HallDeskProcess> {
  await hall?.stop();
  hall = await startHallAt(dataDir, beijing);
  return hall;
}

test('holiday cash with a supervisor approval, deposited on the next bank working day', async ({ page }, testInfo) => {
  const login = new LoginPage(page);
  const counter = new CounterPage(page);
  const sale = new SalePanel(page);
  const shift = new ShiftPanels(page);
  const money = new MoneyPages(page);

  const holiday = await dayAt('2026-10-03T10:00');
  const db = new HallDb(dataDir);
  const meter = db.sellableMeter(0);
  db.close();

  // A supervisor makes the account bank-transfer only.
  await login.open(holiday.launchUrl);
  await login.logIn(DEMO.supervisor);
  await expect(money.holidayBanner).toContainText('国庆节');
  await counter.search.fill(meter.meterNo);
  await counter.hitFor(meter.meterNo).click();
  await expect(counter.customerName).toHaveText(meter.customerName); // no shift: no sell panel, the customer only
  await expect(page.getByTestId('account-settlement')).toHaveAttribute('data-settlement', 'cash');
  await page.getByTestId('settlement-change').click();
  await page.getByTestId('settlement-choice').getByText(ui('zh-CN', 'settlement.bank_transfer')).click();
  await page.getByTestId('settlement-reason').fill('单位户改为转账结算');
  await page.getByTestId('settlement-save').click();
  await expect(page.getByTestId('account-settlement')).toHaveAttribute('data-settlement', 'bank_transfer');
  await page.getByTestId('logout').click();

  // The clerk on the holiday: the banner states the rules, cash needs the supervisor's approval.
  await login.logIn(DEMO.clerk);
  await shift.open('200');
  await expect(money.holidayBanner).toContainText('2026-10-08');
  await counter.findByMeter(meter.meterNo, meter.customerName);
  await sale.enter('100', '100', { payable: '¥100.00', change: '¥0.00' });
  await expect(money.cashRule).toHaveAttribute('data-cash', 'needs-approval');
  await screenshot(page, testInfo, '01-holiday-counter');
  await sale.confirm.click();
  await page.getByTestId('approval-reason').fill('国庆假期银行休息，客户交现金');
  await money.approveAsSupervisor(DEMO.supervisor, '同意，节后存入');
  await expect(sale.result).toBeVisible();
  const receiptNo = (await sale.receiptNo.textContent())?.trim() ?? '';
  expect(receiptNo).not.toBe('');
  await screenshot(page, testInfo, '02-holiday-sale');

  await money.go('deposits');
  await expect(money.obligationFor(receiptNo)).toHaveAttribute('data-state', 'pending');

  // The next bank working day: deposit the cash.
  const workday = await dayAt('2026-10-08T09:30');
  await login.open(workday.launchUrl);
  await login.logIn(DEMO.clerk);
  await expect(money.holidayBanner).toHaveCount(0);
  await page.keyboard.press('Alt+3');
  await expect(money.obligationFor(receiptNo)).toHaveAttribute('data-state', 'pending');
  await money.obligationFor(receiptNo).getByRole('checkbox').check();
  await expect(money.depositTotal).toHaveText('¥100.00');
  await money.deposit(receiptNo, { bank: '工商银行营业部', slipRef: 'DEP-20261008-01', date: '2026-10-08' });
  await expect(money.obligationFor(receiptNo)).toHaveCount(0);
  await expect(page.getByTestId('deposit-history')).toContainText('DEP-20261008-01');
  await screenshot(page, testInfo, '03-deposited');
});
