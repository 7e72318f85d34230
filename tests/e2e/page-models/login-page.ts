import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { Login } from '../fixtures/demo-users';

/** The login screen (and the screen shown instead when the launch token is missing). */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly languageSwitch: Locator;
  readonly tokenMissing: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByTestId('login-username');
    this.password = page.getByTestId('login-password');
    this.submit = page.getByTestId('login-submit');
    this.error = page.getByTestId('login-error');
    this.languageSwitch = page.getByTestId('language-switch');
    this.tokenMissing = page.getByTestId('launch-token-missing');
  }

  /** Opens the launch URL (with its #token) and waits for the form. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.username).toBeVisible();
  }

  async logIn(login: Login): Promise<void> {
    await this.username.fill(login.username);
    await this.password.fill(login.password);
    await this.submit.click();
    await expect(this.page.getByTestId('shift-status')).toBeVisible();
  }

  /** Username, Enter, password, Enter: the way a clerk logs in. */
  async logInByKeyboard(login: Login): Promise<void> {
    await expect(this.username).toBeFocused();
    await this.page.keyboard.type(login.username);
    await this.page.keyboard.press('Enter');
    await expect(this.password).toBeFocused();
    await this.page.keyboard.type(login.password);
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('shift-status')).toBeVisible();
  }
}
