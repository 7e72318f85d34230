import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The counter home: top bar, the one search box and the customer panel. */
export class CounterPage {
  readonly shiftStatus: Locator;
  readonly search: Locator;
  readonly results: Locator;
  readonly customerPanel: Locator;
  readonly customerName: Locator;
  readonly meterCards: Locator;
  /** The meter the sell panel sells to. */
  readonly selectedMeter: Locator;

  constructor(readonly page: Page) {
    this.shiftStatus = page.getByTestId('shift-status');
    this.search = page.getByTestId('search-input');
    this.results = page.getByTestId('search-result');
    this.customerPanel = page.getByTestId('customer-panel');
    this.customerName = page.getByTestId('customer-name');
    this.meterCards = this.customerPanel.getByTestId('meter-card');
    this.selectedMeter = page.locator('[data-testid="meter-option"][aria-checked="true"]');
  }

  /** The search hit that shows this meter number. */
  hitFor(meterNo: string): Locator {
    return this.results.filter({ hasText: meterNo });
  }

  /** Types the meter number, picks the one hit showing it, waits for the customer and the meter. */
  async findByMeter(meterNo: string, customerName: string): Promise<void> {
    await this.search.fill(meterNo);
    await expect(this.hitFor(meterNo)).toHaveCount(1);
    await this.hitFor(meterNo).click();
    await this.expectCustomer(meterNo, customerName);
  }

  async expectCustomer(meterNo: string, customerName: string): Promise<void> {
    await expect(this.customerName).toHaveText(customerName);
    await expect(this.meterCards.filter({ hasText: meterNo })).toHaveCount(1);
    await expect(this.selectedMeter).toHaveAttribute('data-meter-no', meterNo);
  }
}
