/**
 * Prepaid IC cards at the counter (issue 6), in browser mode where the reader is the card-file simulator:
 * a clerk puts a blank card file in the reader, issues it (发卡) to a customer's card meter, takes it out;
 * with another customer on screen, putting the card back opens its customer; a 50 yuan sale is then written
 * to the card and verified — the strip shows the purchase count one up and the meter not yet loaded; a second
 * sale before the meter has loaded the first is refused until a supervisor approves at the counter, and its
 * purchase joins the first on the card under the same count. Then 挂失 and 补卡: the lost card is blacklisted
 * (the strip warns when it is in the reader), and a replacement is written to a blank card for the tariff's
 * fee, approved by a supervisor at the counter — the fee receipt and the change shown, the fee in the drawer.
 * On a hall of its own (the shared hall's card meters must keep selling without a HallDesk card).
 */
import { DEMO } from './fixtures/demo-users';
import { screenshot } from './fixtures/artifacts';
import { datedTest, expect } from './fixtures/dated-test';
import { CardStrip } from './page-models/card-strip';
import { parseYuan } from '../../shared/money';

const test = datedTest('2026-10-09T10:00');
test.describe.configure({ timeout: 90_000 });

test('issue a card, reinsert it to open the customer, sell 50 yuan onto it', async ({ page, datedHall, login, counter, sale, shift }, testInfo) => {
  const meter = datedHall.meter(0);
  const other = datedHall.meter(1);
  const strip = new CardStrip(page);
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.clerk);
  await shift.open('200');
  await expect(strip.reader).toHaveAttribute('data-state', 'empty');

  await counter.findByMeter(meter.meterNo, meter.customerName);
  const file = await strip.insertNewBlank();
  const meterCard = counter.meterCards.filter({ hasText: meter.meterNo });
  await meterCard.getByTestId('card-issue').click();
  await expect(meterCard.getByTestId('card-issue-done')).toBeVisible();
  await expect(meterCard.getByTestId('meter-card-row')).toHaveAttribute('data-standing', 'live');
  await expect(strip.info).toHaveAttribute('data-state', 'ours');
  const cardNo = (await strip.cardNo.textContent())?.trim() ?? '';
  expect(cardNo).toMatch(/^\d{8}$/);
  await expect(strip.strip.getByTestId('card-customer')).toHaveText(meter.customerName);
  const issuedCount = Number((await strip.count.textContent())?.trim());
  await screenshot(page, testInfo, '01-issued');

  await strip.takeOut();
  await counter.findByMeter(other.meterNo, other.customerName);
  await strip.insert(file);
  await expect(strip.cardNo).toHaveText(cardNo);
  await counter.expectCustomer(meter.meterNo, meter.customerName);

  await sale.enter('50', '50', { payable: '¥50.00', change: '¥0.00' });
  await sale.confirmSale();
  await expect(strip.write).toHaveAttribute('data-phase', 'written');
  await expect(strip.count).toHaveText(String(issuedCount + 1));
  await expect(strip.loaded).toHaveAttribute('data-loaded', 'false');
  await expect(strip.recovery).toHaveCount(0);
  await screenshot(page, testInfo, '02-written');

  await page.getByTestId('new-sale').click();
  await sale.enter('30', '30', { payable: '¥30.00', change: '¥0.00' });
  await sale.confirm.click();
  await expect(page.getByTestId('card-not-loaded')).toBeVisible();
  await page.getByTestId('card-not-loaded-approve').click();
  await page.getByTestId('approval-username').fill(DEMO.supervisor.username);
  await page.getByTestId('approval-password').fill(DEMO.supervisor.password);
  await page.getByTestId('approval-submit').click();
  await expect(sale.result).toBeVisible();
  await expect(strip.write).toHaveAttribute('data-phase', 'written');
  await expect(strip.count).toHaveText(String(issuedCount + 1));
  await screenshot(page, testInfo, '03-second-sale-approved');
});

test('a lost card is blacklisted, and a replacement is issued for the fee with a supervisor\'s approval', async ({ page, datedHall, login, counter, shift }, testInfo) => {
  const meter = datedHall.meter(2);
  const strip = new CardStrip(page);
  await login.open(datedHall.launchUrl);
  await login.logIn(DEMO.secondClerk);
  await shift.ensureOpen('200');
  await counter.findByMeter(meter.meterNo, meter.customerName);
  const meterCard = counter.meterCards.filter({ hasText: meter.meterNo });

  await strip.insertNewBlank();
  await meterCard.getByTestId('card-issue').click();
  await expect(meterCard.getByTestId('card-issue-done')).toBeVisible();
  const lostNo = (await strip.cardNo.textContent())?.trim() ?? '';

  await meterCard.getByTestId('card-report-loss').click();
  await page.getByTestId('card-loss-reason').fill('客户遗失');
  await page.getByTestId('card-loss-submit').click();
  await expect(meterCard.getByTestId('meter-card-row').filter({ hasText: lostNo })).toHaveAttribute('data-standing', 'blacklisted');
  await expect(strip.strip.getByTestId('card-warning-blacklisted')).toBeVisible();

  await strip.takeOut();
  await strip.insertNewBlank();
  await meterCard.getByTestId('card-replace-open').click();
  await expect(page.getByTestId('card-replace-fee')).toHaveText(/^¥\d+\.\d{2}$/);
  const fee = parseYuan((await page.getByTestId('card-replace-fee').textContent())?.replace('¥', '') ?? '');
  expect(fee).not.toBeNull();
  await page.getByTestId('card-replace-tendered').fill('100');
  await page.getByTestId('card-replace-submit').click();
  await page.getByTestId('approval-username').fill(DEMO.supervisor.username);
  await page.getByTestId('approval-password').fill(DEMO.supervisor.password);
  await page.getByTestId('approval-submit').click();
  await expect(page.getByTestId('card-replace-done')).toBeVisible();
  await expect(page.getByTestId('card-replace-receipt')).toHaveText(/^[A-Z][A-Z0-9]{1,5}-\d{4}-\d{6}$/);
  await expect(page.getByTestId('card-replace-change')).toHaveText(/^¥\d+\.\d{2}$/);
  await screenshot(page, testInfo, '04-replaced');
  await page.getByTestId('card-replace-close').click();
  // The fee is cash in the drawer: the float of 200 plus the fee.
  await expect(page.getByTestId('drawer-status')).toHaveAttribute('data-expected', String(20_000 + (fee ?? 0)));

  await expect(strip.info).toHaveAttribute('data-state', 'ours');
  await expect(strip.cardNo).not.toHaveText(lostNo);
  await expect(strip.strip.getByTestId('card-warning-blacklisted')).toHaveCount(0);
  await expect(meterCard.getByTestId('meter-card-row').first()).toHaveAttribute('data-standing', 'live');
});
