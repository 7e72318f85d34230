/**
 * Hall-kept balances (issue 5 items 7 and 10): an administrator puts a hall-kept demo meter on a bus to the meter
 * simulator, sets alarm 1 one fen under the balance the hall keeps for it, reads it twice (a day of load between
 * the sweeps), presses "charge now" and sees the run and the meter's alarm-1 alert; the meter's balance view shows
 * the charge. The customer's meter card shows the balance and its level. On a hall of its own.
 */
import { ManualClock, buildBus, startGateway } from '../../electron/hardware/meters/sim';
import type { SimGateway } from '../../electron/hardware/meters/sim';
import { formatYuan, fen } from '../../shared/money';
import { DEMO } from './fixtures/demo-users';
import { datedTest, expect } from './fixtures/dated-test';
import { hallKeptMeter } from './fixtures/hall-kept';
import { ui } from './fixtures/messages';
import { screenshot } from './fixtures/artifacts';
import { MetersPage } from './page-models/meters-page';

const test = datedTest('2026-10-09T10:00');
test.describe.configure({ timeout: 120_000 });

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const DAY_MS = 24 * 3600 * 1000;
let gateway: SimGateway | null = null;

test.afterAll(async () => {
  await gateway?.close();
});

test('charge now: a hall-kept meter charged for its consumption crosses alarm 1 and its alert is shown', async ({ page, datedHall, login, counter }, testInfo) => {
  const meter = hallKeptMeter(datedHall.dataDir, 0);
  const clock = new ManualClock(Date.now());
  gateway = await startGateway({ bus: buildBus({ protocol: 'dlt645', meters: 1, firstAddress: Number(meter.meterNo), line: LINE, clock }), mode: 'raw' });
  const meters = new MetersPage(page);
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.admin);
  await meters.open();

  await page.getByTestId('tab-balances').click();
  await page.getByTestId('balance-alarm1').fill(formatYuan(fen(meter.balance - 1)));
  await page.getByTestId('balance-alarm2').fill('0');
  await page.getByTestId('balance-settings-save').click();
  await expect(page.getByTestId('balance-settings-saved')).toBeVisible();

  await meters.createBus('GW-BAL', gateway.port);
  await meters.putMeterOnBus(meter.meterNo, 'GW-BAL');
  await meters.sweep(meter.meterNo);
  clock.advance(DAY_MS);
  await meters.sweep(meter.meterNo);

  await page.getByTestId('tab-balances').click();
  await page.getByTestId('charge-now').click();
  await expect(page.getByTestId('charge-run')).toBeVisible();
  const alert = page.getByTestId('balance-alert').filter({ hasText: meter.meterNo });
  await expect(alert).toHaveAttribute('data-level', 'alarm1');
  await expect(alert.getByTestId('balance-alert-level')).toHaveText(ui('zh-CN', 'balances.levels.alarm1'));
  await screenshot(page, testInfo, '01-balance-alert');

  await alert.getByTestId('balance-alert-open').click();
  const view = page.getByTestId('balance-view');
  await expect(view.getByTestId('balance-level')).toHaveAttribute('data-level', 'alarm1');
  await expect(view.getByTestId('balance-charge').first()).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+1');
  // An administrator sells nothing: the customer and the meter cards, without a meter picked for a sale.
  await counter.search.fill(meter.meterNo);
  await counter.hitFor(meter.meterNo).click();
  await expect(counter.customerName).toHaveText(meter.customerName);
  const card = page.getByTestId('meter-card').filter({ hasText: meter.meterNo });
  await expect(card.getByTestId('meter-hall-balance')).toHaveAttribute('data-level', 'alarm1');
  await expect(card.getByTestId('meter-hall-level')).toHaveText(ui('zh-CN', 'balances.levels.alarm1'));
});
