import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { Login } from '../fixtures/demo-users';

/** The page menu, the supervisor approval dialog, and the deposits and vouchers pages. */
export class MoneyPages {
  readonly holidayBanner: Locator;
  readonly cashRule: Locator;
  readonly approvalDialog: Locator;
  readonly obligations: Locator;
  readonly depositTotal: Locator;

  constructor(readonly page: Page) {
    this.holidayBanner = page.getByTestId('holiday-banner');
    this.cashRule = page.getByTestId('cash-rule');
    this.approvalDialog = page.getByTestId('approval-dialog');
    this.obligations = page.getByTestId('obligation-row');
    this.depositTotal = page.getByTestId('deposit-total');
  }

  async go(page: 'counter' | 'vouchers' | 'deposits' | 'approvals' | 'reversal' | 'rules'): Promise<void> {
    await this.page.getByTestId(`nav-${page}`).click();
    await expect(this.page.getByTestId(`nav-${page}`)).toHaveAttribute('aria-current', 'page');
  }

  /** The supervisor types their own login in the dialog at the clerk's counter and approves. */
  async approveAsSupervisor(supervisor: Login, note = ''): Promise<void> {
    await expect(this.approvalDialog).toBeVisible();
    await this.page.getByTestId('approval-username').fill(supervisor.username);
    await this.page.getByTestId('approval-password').fill(supervisor.password);
    if (note) await this.page.getByTestId('approval-note').fill(note);
    await this.page.getByTestId('approval-submit').click();
    await expect(this.approvalDialog).toBeHidden();
  }

  obligationFor(receiptNo: string): Locator {
    return this.obligations.filter({ hasText: receiptNo });
  }

  /** Ticks the obligation, types the deposit slip and records it. */
  async deposit(receiptNo: string, slip: { bank: string; slipRef: string; date: string }): Promise<void> {
    await this.obligationFor(receiptNo).getByRole('checkbox').check();
    await this.page.getByTestId('deposit-bank').fill(slip.bank);
    await this.page.getByTestId('deposit-slip').fill(slip.slipRef);
    await this.page.getByTestId('deposit-date').fill(slip.date);
    await this.page.getByTestId('deposit-record').click();
    await expect(this.page.getByTestId('deposit-recorded')).toContainText(slip.slipRef);
  }
}
