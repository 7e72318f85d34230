import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The counter's card strip (issue 6) in browser mode: the simulated reader, its card files, the card in it, the write. */
export class CardStrip {
  readonly strip: Locator;
  readonly reader: Locator;
  readonly info: Locator;
  readonly cardNo: Locator;
  readonly count: Locator;
  readonly loaded: Locator;
  readonly write: Locator;
  readonly recovery: Locator;

  constructor(readonly page: Page) {
    this.strip = page.getByTestId('card-strip');
    this.reader = this.strip.getByTestId('card-reader');
    this.info = this.strip.getByTestId('card-info');
    this.cardNo = this.strip.getByTestId('card-no');
    this.count = this.strip.getByTestId('card-count');
    this.loaded = this.strip.getByTestId('card-loaded');
    this.write = this.strip.getByTestId('card-write');
    this.recovery = this.strip.getByTestId('card-recovery');
  }

  /** Adds a blank card file and puts it in the reader; answers the file's name. */
  async insertNewBlank(): Promise<string> {
    await this.strip.getByTestId('card-demo-blank').click();
    const picked = this.strip.getByTestId('card-demo-file');
    await expect(picked).toContainText(/blank-\S+\.card\.json/);
    const file = /blank-\S+\.card\.json/.exec((await picked.textContent()) ?? '')?.[0] ?? '';
    await this.strip.getByTestId('card-demo-insert').click();
    await expect(this.info).toHaveAttribute('data-state', 'blank');
    return file;
  }

  /** Puts a card file in the reader (picked from the list). */
  async insert(file: string): Promise<void> {
    await this.strip.getByTestId('card-demo-file').click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: file }).first().click();
    await this.strip.getByTestId('card-demo-insert').click();
  }

  async takeOut(): Promise<void> {
    await this.strip.getByTestId('card-demo-remove').click();
    await expect(this.reader).toHaveAttribute('data-state', 'empty');
    await expect(this.info).toHaveCount(0);
  }
}
