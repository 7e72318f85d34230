import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Shift open (the float), shift close (the denomination count) and the shift report. */
export class ShiftPanels {
  readonly openPanel: Locator;
  readonly floatInput: Locator;
  readonly openButton: Locator;
  readonly closeButton: Locator;
  readonly grid: Locator;
  readonly counted: Locator;
  readonly expected: Locator;
  readonly shortOver: Locator;
  readonly confirmClose: Locator;
  readonly report: Locator;
  readonly reportExpected: Locator;
  readonly reportCounted: Locator;
  readonly reportShortOver: Locator;
  readonly reportSales: Locator;

  constructor(readonly page: Page) {
    this.openPanel = page.getByTestId('shift-open-panel');
    this.floatInput = page.getByTestId('shift-float-input');
    this.openButton = page.getByTestId('shift-open');
    this.closeButton = page.getByTestId('shift-close');
    this.grid = page.getByTestId('denomination-grid');
    this.counted = page.getByTestId('counted-total');
    this.expected = page.getByTestId('expected-total');
    this.shortOver = page.getByTestId('short-over');
    this.confirmClose = page.getByTestId('shift-close-confirm');
    this.report = page.getByTestId('shift-report');
    this.reportExpected = page.getByTestId('report-expected');
    this.reportCounted = page.getByTestId('report-counted');
    this.reportShortOver = page.getByTestId('report-short-over');
    this.reportSales = page.getByTestId('report-sales');
  }

  /** The pieces field of one denomination, keyed in fen (10000 = a 100-yuan note). */
  denomination(fen: number): Locator {
    return this.page.getByTestId(`denomination-${fen}`);
  }

  async open(float: string): Promise<void> {
    await expect(this.openPanel).toBeVisible();
    await this.floatInput.fill(float);
    await this.openButton.click();
    await expect(this.openPanel).toBeHidden();
    await expect(this.closeButton).toBeVisible();
  }

  /** Opens a shift unless this login already has one open. */
  async ensureOpen(float: string): Promise<void> {
    await expect(this.openPanel.or(this.closeButton)).toBeVisible();
    if (await this.openPanel.isVisible()) await this.open(float);
  }

  async startClose(): Promise<void> {
    await this.closeButton.click();
    await expect(this.grid).toBeVisible();
  }

  /** Pieces per denomination (fen → pieces). */
  async count(pieces: Readonly<Record<number, number>>): Promise<void> {
    for (const [fen, n] of Object.entries(pieces)) await this.denomination(Number(fen)).fill(String(n));
  }

  async confirm(): Promise<void> {
    await this.confirmClose.click();
    await expect(this.report).toBeVisible();
  }
}
