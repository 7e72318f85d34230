/**
 * Meters (issue 5 item 10): an admin creates a tcp-raw bus pointing at the meter simulator (a transparent
 * gateway on loopback in front of one DL/T 645-2007 meter whose address is a demo meter's number), presses
 * "test communication", puts the demo meter on the bus, runs a sweep and sees the meter read on the board;
 * with the meter silent, the next sweep shows it missed and the bus unreachable; the meter's drawer lists
 * both readings. On a hall of its own.
 */
import type { Locator, Page } from '@playwright/test';
import { ManualClock, buildBus, startGateway } from '../../electron/hardware/meters/sim';
import type { SimGateway } from '../../electron/hardware/meters/sim';
import { DEMO } from './fixtures/demo-users';
import { datedTest, expect } from './fixtures/dated-test';
import { ui } from './fixtures/messages';
import { screenshot } from './fixtures/artifacts';

const test = datedTest('2026-10-09T10:00');
test.describe.configure({ timeout: 90_000 });

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
let gateway: SimGateway | null = null;

test.afterAll(async () => {
  await gateway?.close();
});

/** Bus settings: a wrong code is refused in the form, then the bus is saved and listed. */
async function createBus(page: Page, port: number): Promise<Locator> {
  await page.getByTestId('tab-buses').click();
  await page.getByTestId('bus-new').click();
  await page.getByTestId('bus-code').fill('x');
  await page.getByTestId('bus-save').click();
  await expect(page.getByTestId('bus-error')).toHaveText(ui('zh-CN', 'buses.bad', { field: ui('zh-CN', 'buses.code') }));
  await page.getByTestId('bus-code').fill('GW-E2E');
  await page.getByTestId('bus-name').fill('模拟网关');
  await page.getByTestId('bus-endpoint').fill(`127.0.0.1:${port}`);
  // Room for a loaded CI machine: the simulator shares its 2 cores with the unit suites.
  await page.getByTestId('bus-timeout').fill('1500');
  await page.getByTestId('bus-save').click();
  const busRow = page.getByTestId('bus-row').filter({ hasText: 'GW-E2E' });
  await expect(busRow).toBeVisible();
  return busRow;
}

/** The meter's communication: on the bus, DL/T 645 (its address is its meter number). */
async function putMeterOnBus(page: Page, meterNo: string): Promise<void> {
  await page.getByTestId('comm-meter-no').fill(meterNo);
  await page.getByTestId('comm-bus').click();
  await page.locator('.ant-select-item-option').filter({ hasText: 'GW-E2E' }).click();
  await page.getByTestId('comm-save').click();
  await expect(page.getByTestId('comm-saved')).toContainText(meterNo);
}

test('a bus to the simulator: test communication, sweep, the board and the meter drawer', async ({ page, datedHall, login }, testInfo) => {
  const meter = datedHall.meter(0);
  const clock = new ManualClock(Date.now());
  gateway = await startGateway({ bus: buildBus({ protocol: 'dlt645', meters: 1, firstAddress: Number(meter.meterNo), line: LINE, clock }), mode: 'raw' });
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.admin);

  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('meters-page')).toBeVisible();
  await expect(page.getByTestId('board-empty')).toBeVisible();

  const busRow = await createBus(page, gateway.port);
  await putMeterOnBus(page, meter.meterNo);
  await expect(busRow).toHaveAttribute('data-meters', '1');

  await busRow.getByTestId('bus-test').click();
  await expect(busRow.getByTestId('bus-test-result')).toHaveAttribute('data-ok', 'true');
  await screenshot(page, testInfo, '01-bus-tested');

  await page.getByTestId('tab-board').click();
  await page.getByTestId('sweep-now').click();
  const row = page.getByTestId('board-meter').filter({ hasText: meter.meterNo });
  await expect(row).toHaveAttribute('data-flags', 'ok');
  await expect(page.getByTestId('latest-sweep')).toHaveAttribute('data-ok', '1');
  const bus = page.getByTestId('board-bus').filter({ hasText: 'GW-E2E' });
  await expect(bus).toHaveAttribute('data-state', 'ok');

  gateway.bus.setFault(meter.meterNo, { kind: 'no-reply' });
  await bus.getByTestId('sweep-bus').click();
  await expect(row).toHaveAttribute('data-flags', 'missed');
  await expect(bus).toHaveAttribute('data-state', 'unreachable');
  await expect(page.getByTestId('latest-sweep')).toHaveAttribute('data-failed', '1');
  await expect(row.getByTestId('meter-last-error')).toContainText('timeout');
  await screenshot(page, testInfo, '02-board-missed');

  await row.getByTestId('board-meter-open').click();
  const drawer = page.getByTestId('meter-drawer');
  await expect(drawer.getByTestId('meter-reading')).toHaveCount(2);
  await expect(drawer.locator('[data-quality="failed"]')).toHaveCount(1);
});
