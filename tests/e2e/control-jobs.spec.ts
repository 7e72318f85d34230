/**
 * Control jobs (issue 5 items 6 and 10): an administrator puts a demo meter on a bus to the meter simulator (a
 * transparent gateway on loopback in front of one DL/T 645-2007 meter); a clerk runs the wizard — the meter picked
 * from the board, relay trip, the preview, effective now, a reason — and a supervisor approves at the counter; the
 * job runs and its result per meter shows the meter tripped, and the simulated meter's relay is open. On a hall
 * of its own.
 */
import { ElectricityMeter, ManualClock, buildBus, startGateway } from '../../electron/hardware/meters/sim';
import type { SimGateway } from '../../electron/hardware/meters/sim';
import { DEMO } from './fixtures/demo-users';
import { datedTest, expect } from './fixtures/dated-test';
import { ui } from './fixtures/messages';
import { screenshot } from './fixtures/artifacts';
import { MetersPage } from './page-models/meters-page';

const test = datedTest('2026-10-09T10:00');
test.describe.configure({ timeout: 120_000 });

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
let gateway: SimGateway | null = null;

test.afterAll(async () => {
  await gateway?.close();
});

test('a clerk creates a relay-trip job, a supervisor approves at the counter, the job runs', async ({ page, datedHall, login }, testInfo) => {
  const meter = datedHall.meter(0);
  const clock = new ManualClock(Date.now());
  gateway = await startGateway({ bus: buildBus({ protocol: 'dlt645', meters: 1, firstAddress: Number(meter.meterNo), line: LINE, clock }), mode: 'raw' });
  const meters = new MetersPage(page);
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.admin);
  await meters.open();
  await meters.createBus('GW-CTL', gateway.port);
  await meters.putMeterOnBus(meter.meterNo, 'GW-CTL');
  await page.getByTestId('logout').click();

  await login.logIn(DEMO.clerk);
  await meters.open();
  await page.getByTestId('tab-controls').click();
  const wizard = page.getByTestId('control-wizard');
  await expect(wizard).toHaveAttribute('data-step', 'selection');
  await page.getByTestId('control-board-meter').click();
  await page.keyboard.type(meter.meterNo);
  await page.locator('.ant-select-item-option').filter({ hasText: meter.meterNo }).click();
  await expect(page.getByTestId('control-picked-meter')).toHaveAttribute('data-meter-no', meter.meterNo);

  await page.getByTestId('control-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'command');
  // The rest by keyboard: relay trip is the first (and chosen) command; Enter asks for the preview.
  await page.keyboard.press('Enter');
  await expect(wizard).toHaveAttribute('data-step', 'preview');
  await expect(page.getByTestId('control-preview-counts')).toHaveAttribute('data-supported', '1');
  await expect(page.getByTestId('control-preview-meter')).toHaveAttribute('data-supported', 'true');
  await screenshot(page, testInfo, '01-control-preview');
  await page.keyboard.press('Escape');
  await expect(wizard).toHaveAttribute('data-step', 'command');
  await page.keyboard.press('Enter');
  await expect(wizard).toHaveAttribute('data-step', 'preview');
  await page.keyboard.press('Enter');
  await expect(wizard).toHaveAttribute('data-step', 'schedule');
  await page.getByTestId('control-reason').fill('欠费停电（测试）');
  await page.keyboard.press('Enter');

  const dialog = page.getByTestId('approval-dialog');
  const draftId = await page.getByTestId('control-draft').textContent().then((text) => /#(\d+)/.exec(text ?? '')?.[1] ?? '');
  await expect(dialog).toContainText(ui('zh-CN', 'approval.subject.control_job', { jobId: draftId }));
  await page.getByTestId('approval-username').fill(DEMO.supervisor.username);
  await page.getByTestId('approval-password').fill(DEMO.supervisor.password);
  await page.getByTestId('approval-submit').click();
  const submitted = page.getByTestId('control-submitted');
  await expect(submitted).toHaveAttribute('data-job-id', draftId);

  await page.getByTestId('control-open-job').click();
  const detail = page.getByTestId('job-detail');
  const row = detail.getByTestId('job-target').filter({ hasText: meter.meterNo });
  await expect(row).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(detail.getByTestId('job-state')).toHaveAttribute('data-state', 'done');
  await screenshot(page, testInfo, '02-control-done');
  const simMeter = gateway.bus.meter(meter.meterNo);
  expect(simMeter instanceof ElectricityMeter && simMeter.state().relay).toBe('open');
});
