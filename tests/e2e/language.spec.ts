/**
 * Chinese first, English second: the switch turns the screen to English, and the choice survives a
 * reload (it is remembered in the browser), before and after logging in.
 */
import { DEMO } from './fixtures/demo-users';
import { ui } from './fixtures/messages';
import { expect, test } from './fixtures/test';

test('the English switch changes the labels and persists across reloads', async ({ page, hall, login, counter }) => {
  const usernameLabel = page.locator('label[for="login-username"]');
  const passwordLabel = page.locator('label[for="login-password"]');

  await login.open(hall.launchUrl);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(usernameLabel).toHaveText(ui('zh-CN', 'login.username'));
  await expect(login.languageSwitch).toHaveText(ui('zh-CN', 'lang.other'));

  await login.languageSwitch.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(usernameLabel).toHaveText(ui('en', 'login.username'));
  await expect(passwordLabel).toHaveText(ui('en', 'login.password'));
  await expect(login.submit).toHaveText(ui('en', 'login.submit'));
  await expect(login.languageSwitch).toHaveText(ui('en', 'lang.other'));
  await expect(page).toHaveTitle(ui('en', 'app.title'));

  await page.reload();
  await expect(login.username).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(usernameLabel).toHaveText(ui('en', 'login.username'));

  await login.logIn(DEMO.supervisor);
  await expect(counter.search).toHaveAttribute('placeholder', ui('en', 'search.placeholder'));
  await expect(page.getByTestId('logout')).toHaveText(ui('en', 'app.logout'));

  await page.reload();
  await expect(counter.search).toHaveAttribute('placeholder', ui('en', 'search.placeholder'));
  await expect(page.getByTestId('logout')).toHaveText(ui('en', 'app.logout'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByTestId('language-switch').click();
  await expect(counter.search).toHaveAttribute('placeholder', ui('zh-CN', 'search.placeholder'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
