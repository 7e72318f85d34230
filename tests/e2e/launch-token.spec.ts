/**
 * Browser mode needs the launch token printed at start: the page opened without it says what to do,
 * a page holding a wrong one ends up on the same screen, and the API refuses calls without it (401).
 */
import { DEMO } from './fixtures/demo-users';
import { ui } from './fixtures/messages';
import { expect, test } from './fixtures/test';

test('the page without #token shows the launch-token screen, not the login', async ({ page, login }) => {
  await page.goto('/');
  await expect(login.tokenMissing).toBeVisible();
  await expect(login.tokenMissing).toContainText(ui('zh-CN', 'token.title'));
  await expect(login.tokenMissing).toContainText('halldesk start --browser');
  await expect(login.username).toHaveCount(0);
});

test('a wrong token leads to the launch-token screen, at the latest at the first call', async ({ page, login }) => {
  await page.goto('/#token=not-the-launch-token');
  // The screen may ask the server something before the login (e.g. for the demo logins) and learn at once.
  await expect(login.tokenMissing.or(login.username)).toBeVisible();
  if (await login.username.isVisible()) {
    await login.username.fill(DEMO.clerk.username);
    await login.password.fill(DEMO.clerk.password);
    await login.submit.click();
  }
  await expect(login.tokenMissing).toBeVisible();
  await expect(login.username).toHaveCount(0);
});

test('an API call without the launch token gets 401; with it, the contract answers', async ({ page, request, hall }) => {
  const body = { username: DEMO.clerk.username, password: DEMO.clerk.password };

  await page.goto('/');
  const fromPage = await page.evaluate(async (input) => {
    const res = await fetch('/api/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return res.status;
  }, body);
  expect(fromPage).toBe(401);

  expect((await request.post('/api/auth.login', { data: body })).status()).toBe(401);
  expect((await request.post('/api/auth.login', { data: body, headers: { authorization: 'Bearer wrong' } })).status()).toBe(401);

  const allowed = await request.post('/api/auth.login', { data: body, headers: { authorization: `Bearer ${hall.token}` } });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ ok: true, value: { user: { username: DEMO.clerk.username } } });
});
