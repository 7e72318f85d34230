/**
 * A whole sale without the mouse: after the page loads, only page.keyboard. Each step checks that the
 * focus landed where the next keystroke belongs (F2 search, Enter next step, F8 confirm, F9 slip,
 * F10 shift close, Esc back), and the page records any pointer event to prove none happened.
 */
import { pdfText } from '../slips/pdf-tools';
import { DEMO } from './fixtures/demo-users';
import { expect, test } from './fixtures/test';

const POINTER_EVENTS = '__halldeskE2ePointerEvents';

test('a cash sale, its slip and the shift close from the keyboard alone', async ({ page, hall, hallDb, login, counter, sale, shift, slip }) => {
  const meter = hallDb.sellableMeter(1);
  const salesBefore = hallDb.salesBy(DEMO.secondClerk.username);
  await page.addInitScript((key) => {
    const seen: string[] = [];
    Object.defineProperty(window, key, { value: seen });
    for (const type of ['pointerdown', 'mousedown', 'wheel']) window.addEventListener(type, () => seen.push(type), true);
  }, POINTER_EVENTS);
  const { keyboard } = page;

  await login.open(hall.launchUrl);
  await login.logInByKeyboard(DEMO.secondClerk);

  // No shift yet: the float field has the focus.
  await expect(shift.floatInput).toBeFocused();
  await keyboard.type('200');
  await keyboard.press('Enter');
  await expect(shift.openPanel).toBeHidden();
  await expect(counter.shiftStatus).toContainText('¥200.00');

  await keyboard.press('F2');
  await expect(counter.search).toBeFocused();
  await keyboard.type(meter.meterNo);
  await expect(counter.results.first()).toContainText(meter.meterNo);
  await expect(counter.results.first()).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Enter');
  await counter.expectCustomer(meter.meterNo, meter.customerName);

  await expect(sale.amount).toBeFocused();
  await keyboard.type('100');
  await expect(sale.quotePayable).toHaveText('¥100.00');
  await keyboard.press('Enter');
  await expect(sale.tendered).toBeFocused();
  await keyboard.type('200');
  await expect(sale.change).toHaveText('¥100.00');
  await expect(sale.quote).toHaveAttribute('aria-busy', 'false');
  await keyboard.press('F8');

  await expect(sale.result).toBeVisible();
  await expect(sale.saleChange).toHaveText('¥100.00');
  const receiptNo = (await sale.receiptNo.textContent())?.trim() ?? '';
  expect(receiptNo).not.toBe('');
  expect(hallDb.salesBy(DEMO.secondClerk.username)).toBe(salesBefore + 1);

  const opened = await slip.capture(() => keyboard.press('F9'));
  expect(opened.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(opened.pdf.equals(opened.fromApi)).toBe(true);
  expect(pdfText(opened.pdf)).toContain(receiptNo);
  if (opened.via === 'preview') await keyboard.press('Escape');

  // Esc: done with this customer, back to the search box for the next one.
  await keyboard.press('Escape');
  await expect(sale.result).toBeHidden();
  await expect(counter.search).toBeFocused();

  await keyboard.press('F10');
  await expect(shift.grid).toBeVisible();
  await expect(shift.expected).toHaveText('¥300.00');
  await expect(shift.denomination(10000)).toBeFocused();
  await keyboard.type('3');
  await keyboard.press('Enter');
  await expect(shift.denomination(5000)).toBeFocused();
  await expect(shift.counted).toHaveText('¥300.00');
  await expect(shift.shortOver).toHaveText('¥0.00');
  await keyboard.press('F8');
  await expect(shift.report).toBeVisible();
  await expect(shift.reportShortOver).toHaveText('¥0.00');
  await expect(shift.reportExpected).toHaveText('¥300.00');
  await keyboard.press('Enter');
  await expect(shift.report).toBeHidden();
  await expect(shift.openPanel).toBeVisible();

  expect(await page.evaluate((key) => (window as unknown as Record<string, string[]>)[key], POINTER_EVENTS)).toEqual([]);
});
