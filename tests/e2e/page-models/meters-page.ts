import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The Meters page (Alt+8) as an administrator sets a bus up: a tcp-raw bus to the simulator, a meter put on it. */
export class MetersPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+8');
    await expect(this.page.getByTestId('meters-page')).toBeVisible();
  }

  /** A transparent gateway bus on loopback, saved and listed. */
  async createBus(code: string, port: number): Promise<Locator> {
    const page = this.page;
    await page.getByTestId('tab-buses').click();
    await page.getByTestId('bus-new').click();
    await page.getByTestId('bus-code').fill(code);
    await page.getByTestId('bus-name').fill('模拟网关');
    await page.getByTestId('bus-endpoint').fill(`127.0.0.1:${port}`);
    await page.getByTestId('bus-timeout').fill('400');
    await page.getByTestId('bus-save').click();
    const row = page.getByTestId('bus-row').filter({ hasText: code });
    await expect(row).toBeVisible();
    return row;
  }

  /** The meter's communication: on the bus, DL/T 645 (its address is its meter number). */
  async putMeterOnBus(meterNo: string, busCode: string): Promise<void> {
    const page = this.page;
    await page.getByTestId('comm-meter-no').fill(meterNo);
    await page.getByTestId('comm-bus').click();
    await page.locator('.ant-select-item-option').filter({ hasText: busCode }).click();
    await page.getByTestId('comm-save').click();
    await expect(page.getByTestId('comm-saved')).toContainText(meterNo);
  }

  /** A sweep of every bus from the board, waited for until the meter is read. */
  async sweep(meterNo: string): Promise<void> {
    const page = this.page;
    await page.getByTestId('tab-board').click();
    const swept = page.waitForResponse((r) => r.url().endsWith('/api/readings.sweep'), { timeout: 30_000 });
    await page.getByTestId('sweep-now').click();
    await swept;
    await expect(page.getByTestId('board-meter').filter({ hasText: meterNo })).toHaveAttribute('data-flags', 'ok');
  }
}
