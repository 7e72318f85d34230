/**
 * The Worklists page on the demo hall (issue 7 item 5): a reminder list shows customers; the supervisor logs a
 * contact with its outcome (called) from the keyboard-first dialog, the contact lands in the append-only
 * reminder_contacts, and the customer leaves the list.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO } from './fixtures/demo-users';
import { screenshot } from './fixtures/artifacts';
import { expect, test } from './fixtures/test';

function contactsOf(dataDir: string, meterId: string): { outcome: string }[] {
  const db = new Database(join(dataDir, 'halldesk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select outcome from reminder_contacts where meter_id = ? order by id').all(Number(meterId)) as { outcome: string }[];
  } finally {
    db.close();
  }
}

const totalOf = (text: string): number => Number(/\d+/.exec(text)?.[0] ?? NaN);

test('a reminder list, a contact logged with its outcome, and the customer leaves the list', async ({ page, hall, login }, testInfo) => {
  await login.open(hall.launchUrl);
  await login.logIn(DEMO.supervisor);
  await page.getByTestId('nav-worklists').click();
  await expect(page.getByTestId('worklists-page')).toBeVisible();
  const rows = page.getByTestId('worklist-row');
  // Whichever list the demo hall fills: low balance first, then arrears, then not recharged.
  for (const kind of ['lowBalance', 'arrears', 'notRecharged']) {
    await page.getByTestId(`tab-${kind}`).click();
    await expect(page.getByTestId('worklist-total')).toBeVisible();
    if (await rows.first().isVisible().catch(() => false)) break;
  }
  await expect(rows.first()).toBeVisible();
  const total = totalOf(await page.getByTestId('worklist-total').innerText());
  const row = rows.first();
  const meterId = await row.getAttribute('data-meter');
  expect(meterId).toBeTruthy();
  await screenshot(page, testInfo, '01-list');

  await row.getByTestId('worklist-contact').click();
  const dialog = page.getByTestId('contact-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('outcome-called').click();
  await page.getByTestId('contact-note').fill('已电话提醒充值');
  await page.getByTestId('contact-save').click();
  await expect(dialog).toBeHidden();

  await expect(page.locator(`[data-testid="worklist-row"][data-meter="${meterId}"]`)).toHaveCount(0);
  await expect.poll(async () => totalOf(await page.getByTestId('worklist-total').innerText())).toBe(total - 1);
  expect(contactsOf(hall.dataDir, meterId!).at(-1)).toEqual({ outcome: 'called' });
  await screenshot(page, testInfo, '02-contact-logged');
});
