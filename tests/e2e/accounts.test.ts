// The accounts desk in real Chromium: an admin creates an account through the form, it signs in; the admin
// deactivates it from the table, which ends its session at once; the audit log panel shows both changes.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { startServer, type ServerUnderTest } from './server';

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
let server: ServerUnderTest;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const loginStatus = async (username: string, password: string) =>
  (
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  ).status;

describe('the accounts desk', () => {
  it('creates an account, deactivates it from the table, and shows both in the audit log', async () => {
    const w = await openPage(browser);
    const { page } = w;
    page.on('dialog', (d) => void d.accept());
    await loginThroughUi(page, server.url, 'admin');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/admin/accounts`);
    await page.getByTestId('account-table').locator('tr[data-account=operator]').waitFor();

    await page.fill('[data-testid=account-username]', 'e2e.duty');
    await page.fill('[data-testid=account-create] input >> nth=1', '端到端值班员');
    await page.selectOption('[data-testid=account-role]', 'operator');
    await page.locator('[data-testid=account-area] option').first().waitFor({ state: 'attached' });
    await page.selectOption('[data-testid=account-area]', { index: 0 });
    await page.fill('[data-testid=account-password]', 'e2e-duty-password');
    await page.click('[data-testid=account-submit]');
    const row = page.locator('tr[data-account="e2e.duty"]');
    await row.waitFor();
    const token = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'e2e.duty', password: 'e2e-duty-password' }),
    });
    expect(token.status).toBe(200);
    const bearer = { authorization: `Bearer ${((await token.json()) as { token: string }).token}` };
    expect((await fetch(`${server.url}/api/auth/me`, { headers: bearer })).status).toBe(200);

    await row.getByRole('button', { name: /停用|Deactivate/ }).click();
    await page.waitForFunction(() => document.querySelector('tr[data-account="e2e.duty"]')?.classList.contains('off'));
    expect((await fetch(`${server.url}/api/auth/me`, { headers: bearer })).status).toBe(401);
    expect(await loginStatus('e2e.duty', 'e2e-duty-password')).toBe(401);

    const log = page.getByTestId('audit-log');
    await log.getByText('account.deactivate').first().waitFor();
    await expect(log.getByText('account.create').first().isVisible()).resolves.toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/admin-accounts.png` });
    expect(w.consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
    expect(w.offMachineRequests).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('creates a department account with the department chosen in the form', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'admin');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/admin/accounts`);
    await page.getByTestId('account-table').locator('tr[data-account=operator]').waitFor();
    await page.fill('[data-testid=account-username]', 'e2e.fire');
    await page.fill('[data-testid=account-create] input >> nth=1', '端到端消防人员');
    await page.selectOption('[data-testid=account-role]', 'department');
    await page.locator('[data-testid=account-department] option[value=fire]').waitFor({ state: 'attached' });
    await page.selectOption('[data-testid=account-department]', 'fire');
    await page.selectOption('[data-testid=account-area]', { index: 0 });
    await page.fill('[data-testid=account-password]', 'e2e-fire-password');
    mkdirSync(SHOTS, { recursive: true });
    await page.getByTestId('account-create').screenshot({ path: `${SHOTS}/admin-account-department.png` });
    await page.click('[data-testid=account-submit]');
    await page.locator('tr[data-account="e2e.fire"]').waitFor();
    const r = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'e2e.fire', password: 'e2e-fire-password' }),
    });
    expect(((await r.json()) as { user: { role: string; departmentCode: string } }).user).toMatchObject({
      role: 'department',
      departmentCode: 'fire',
    });
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('shows a planner that the desk is for admins', async () => {
    const { page } = await openPage(browser);
    await loginThroughUi(page, server.url, 'planner');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/admin/accounts`);
    await page.getByText(/只有管理员可以管理账号|only admins manage accounts/).waitFor();
    expect(await page.getByTestId('accounts-page').count()).toBe(0);
    await page.context().close();
  }, 120_000);
});
