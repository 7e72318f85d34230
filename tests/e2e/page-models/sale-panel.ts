import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The sell panel (amount, live quote, cash tendered, change, confirm) and the sale result after it. */
export class SalePanel {
  readonly panel: Locator;
  readonly amount: Locator;
  readonly amountError: Locator;
  readonly quote: Locator;
  readonly quotePayable: Locator;
  readonly quoteUnits: Locator;
  readonly tendered: Locator;
  readonly change: Locator;
  readonly confirm: Locator;
  readonly saleError: Locator;
  readonly result: Locator;
  readonly receiptNo: Locator;
  readonly saleUnits: Locator;
  readonly saleChange: Locator;
  readonly printSlip: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('sell-panel');
    this.amount = page.getByTestId('amount-input');
    this.amountError = page.getByTestId('amount-error');
    this.quote = page.getByTestId('quote');
    this.quotePayable = page.getByTestId('quote-payable');
    this.quoteUnits = page.getByTestId('quote-units');
    this.tendered = page.getByTestId('tendered-input');
    this.change = page.getByTestId('change-display');
    this.confirm = page.getByTestId('confirm-sale');
    this.saleError = page.getByTestId('sale-error');
    this.result = page.getByTestId('sale-result');
    this.receiptNo = page.getByTestId('receipt-no');
    this.saleUnits = page.getByTestId('sale-units');
    this.saleChange = page.getByTestId('sale-change');
    this.printSlip = page.getByTestId('print-slip');
  }

  /** Amount and cash tendered; waits for the quote and the change. */
  async enter(amount: string, tendered: string, expected: { payable: string; change: string }): Promise<void> {
    await this.amount.fill(amount);
    await expect(this.quotePayable).toHaveText(expected.payable);
    await expect(this.quote).toHaveAttribute('aria-busy', 'false');
    await this.tendered.fill(tendered);
    await expect(this.change).toHaveText(expected.change);
  }

  /** Confirms and waits for the result; returns the receipt serial the UI shows. */
  async confirmSale(): Promise<string> {
    await this.confirm.click();
    const refused = this.saleError.filter({ hasText: /\S/ });
    await expect(this.result.or(refused)).toBeVisible();
    if (await refused.count()) throw new Error(`the sale was refused: ${await refused.textContent()}`);
    const receiptNo = (await this.receiptNo.textContent())?.trim() ?? '';
    expect(receiptNo).toMatch(/^[A-Z][A-Z0-9]{1,5}-\d{4}-\d{6}$/);
    return receiptNo;
  }
}
