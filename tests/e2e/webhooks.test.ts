// The webhooks desk and the inbox bell in real Chromium: an admin subscribes a local receiver through the form, sees
// the secret once, and the delivery log shows the order that reached the receiver; the console's header carries the
// bell, in both languages.
import crypto from 'node:crypto';
import http from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { startServer, type ServerUnderTest } from './server';

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
let server: ServerUnderTest;
let browser: Browser;
let receiver: http.Server;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await startServer({
    env: { GRIDWALL_WEBHOOK_ALLOW_PRIVATE: 'true', GRIDWALL_WEBHOOK_INTERVAL_MS: '500', GRIDWALL_JOB_POLL_MS: '500' },
  });
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => receiver?.close(r));
});

async function token(username: string): Promise<string> {
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'gridwall-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}

describe('the webhooks desk', () => {
  it('subscribes a receiver, shows the secret once, and logs the delivery it made', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await loginThroughUi(page, server.url, 'admin');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/admin/webhooks`);
    await page.getByTestId('webhook-form').waitFor();
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gateway`;
    await page.fill('[data-testid=webhook-name]', '短信网关');
    await page.fill('[data-testid=webhook-url]', url);
    await page.click('[data-testid=webhook-form] button[type=submit]');
    const secret = (await page.getByTestId('webhook-secret').locator('code').textContent())!.trim();
    expect(secret.length).toBeGreaterThan(30);
    await page.locator('[data-testid=webhook-list] li').first().waitFor();

    const dispatcher = await token('dispatcher');
    const grids = (await (
      await fetch(`${server.url}/api/areas?level=grid`, { headers: { authorization: `Bearer ${dispatcher}` } })
    ).json()) as { features: { properties: { labelLon: number; labelLat: number } }[] };
    const at = [grids.features[0].properties.labelLon, grids.features[0].properties.labelLat];
    const created = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${dispatcher}` },
      body: JSON.stringify({ categoryCode: 'CIT-01', description: '井盖缺失', source: 'wall', lon: at[0], lat: at[1] }),
    });
    expect(created.status).toBe(201);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const got = received[0];
    expect(got.headers['x-gridwall-signature']).toBe(
      `sha256=${crypto.createHmac('sha256', secret).update(got.body).digest('hex')}`,
    );
    for (
      let i = 0;
      i < 30 && !(await page.locator('[data-testid=delivery-log] tr[data-status=delivered]').count());
      i++
    ) {
      await page.reload();
      await page.getByTestId('delivery-log').waitFor();
      await page.waitForTimeout(500);
    }
    await page.locator('[data-testid=delivery-log] tr[data-status=delivered]').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-webhooks.png` });
    await page.getByTestId('lang-switch').click();
    await page.getByText('Deliveries').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-webhooks-en.png` });
    expect(consoleErrors).toEqual([]);
  });

  it('carries the inbox bell in the console header and on the phone page', async () => {
    // The list as the server would send it for a community's staff (its events come from the party actions).
    const now = new Date().toISOString();
    const items = [
      {
        seq: 903,
        orderId: 601,
        at: now,
        action: 'hand_down',
        reason: 'handed',
        categoryCode: 'CIT-01',
        status: 'reported',
        hazardLevel: 'general',
        read: false,
      },
      {
        seq: 902,
        orderId: 599,
        at: now,
        action: 'escalate',
        reason: 'escalated',
        categoryCode: 'SAF-07',
        status: 'in_progress',
        hazardLevel: 'major',
        read: false,
      },
      {
        seq: 901,
        orderId: 598,
        at: now,
        action: 'request_extension',
        reason: 'extension',
        categoryCode: 'CIT-01',
        status: 'in_progress',
        hazardLevel: 'general',
        read: true,
      },
    ];
    const { page, consoleErrors } = await openPage(browser);
    await page.route('**/api/inbox?*', (r) =>
      r.fulfill({ contentType: 'application/json', body: JSON.stringify({ items, unread: 2 }) }),
    );
    await loginThroughUi(page, server.url, 'dispatcher');
    await page.waitForURL(/\/(console)?$/);
    await page.goto(`${server.url}/console`);
    await expect.poll(() => page.getByTestId('inbox-unread').textContent()).toBe('2');
    await page.getByTestId('inbox-bell').locator('button').first().click();
    await page.getByTestId('inbox-list').locator('li').nth(2).waitFor();
    await page.screenshot({ path: `${SHOTS}/console-inbox.png` });
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('inbox-bell').locator('button').first().click();
    await page.getByText('Handed to us').waitFor();
    await page.screenshot({ path: `${SHOTS}/console-inbox-en.png` });
    await page.getByTestId('inbox-list').locator('li button').first().click();
    await page.waitForURL(/\/console\?order=601$/);
    expect(consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);

    const phone = await openPage(browser, { width: 390, height: 844 });
    await phone.page.route('**/api/inbox?*', (r) =>
      r.fulfill({ contentType: 'application/json', body: JSON.stringify({ items, unread: 2 }) }),
    );
    await loginThroughUi(phone.page, server.url, 'worker1');
    await phone.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await phone.page.goto(`${server.url}/m`);
    await phone.page.getByTestId('inbox-bell').locator('button').first().click();
    await phone.page.getByTestId('inbox-list').locator('li').nth(2).waitFor();
    await phone.page.screenshot({ path: `${SHOTS}/mobile-inbox.png` });
  });
});
