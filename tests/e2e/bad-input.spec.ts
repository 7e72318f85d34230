/**
 * Amounts the counter must refuse: zero, letters and more than the per-sale limit (1,000,000.00 yuan).
 * Each shows the translated message in the amount's error area, confirming (F8 or the button) sells
 * nothing, and no sales row appears in the database.
 */
import { DEMO } from './fixtures/demo-users';
import { ui } from './fixtures/messages';
import { expect, test } from './fixtures/test';

const BAD_AMOUNTS = [
  { text: '0', problem: 'zero' },
  { text: 'abc', problem: 'format' },
  { text: '2000000', problem: 'too-large' },
] as const;

test('zero, letters and an amount over the limit show the translated error and write no sale', async ({ page, hall, hallDb, login, counter, sale, shift }) => {
  const meter = hallDb.sellableMeter(2);
  const seller = DEMO.supervisor.username;
  await login.open(hall.launchUrl);
  await login.logIn(DEMO.supervisor);
  await shift.ensureOpen('0');
  await counter.findByMeter(meter.meterNo, meter.customerName);
  const before = hallDb.salesBy(seller);

  for (const bad of BAD_AMOUNTS) {
    await test.step(`amount "${bad.text}"`, async () => {
      await sale.amount.fill(bad.text);
      await expect(sale.amountError).toHaveText(ui('zh-CN', `input.${bad.problem}.money`));
      await expect(sale.amount).toHaveAttribute('aria-invalid', 'true');
      await expect(sale.quotePayable).toHaveCount(0);
      await page.keyboard.press('F8');
      await expect(sale.amount).toBeFocused();
      await sale.confirm.click();
      await expect(sale.result).toBeHidden();
      await expect(sale.amountError).toHaveText(ui('zh-CN', `input.${bad.problem}.money`));
    });
  }

  await test.step('the same refusal in English', async () => {
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(sale.amountError).toHaveText(ui('en', 'input.too-large.money'));
  });

  expect(hallDb.salesBy(seller)).toBe(before);

  // The same screen does sell a good amount: the refusals above are not a broken panel.
  await sale.enter('1', '', { payable: '¥1.00', change: '¥0.00' });
  await expect(sale.amountError).toBeEmpty();
  await sale.confirmSale();
  expect(hallDb.salesBy(seller)).toBe(before + 1);
});
