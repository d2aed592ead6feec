// A grid worker's visit on the phone in real Chromium: the visit screen lists this week's residents, a visit
// logged offline waits on the phone as pending, and once back online it is sent (written once) and shown as sent;
// the person's file then holds it. Screenshots in Chinese and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { startServer, type ServerUnderTest } from './server';
import { apiLogin } from './orders-api';

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

describe('care visits on the phone', () => {
  it('logs a visit offline, shows it pending, and sends it once when back online', async () => {
    const worker = await apiLogin(server.url, 'worker1');
    const w = await openPage(browser, { width: 390, height: 844 });
    const { page } = w;
    await loginThroughUi(page, server.url, 'worker1');
    await page.getByTestId('no-access').waitFor();
    await page.goto(`${server.url}/m`);
    await page.click('[data-tab=visits]');
    await page.getByTestId('visits').waitFor();
    // someone is due this week, or everyone is done: take the first of either list
    await page.waitForSelector('[data-testid=due-person], [data-testid=visits-done]');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/care-visits-zh.png` });
    if (!(await page.getByTestId('due-person').count())) await page.click('[data-testid=visits-done]');
    const card = page.locator('[data-testid=due-person], [data-testid=done-person]').first();
    const residentId = Number(((await card.locator('strong').textContent()) ?? '').replace('#', ''));
    expect(residentId).toBeGreaterThan(0);
    const file = () =>
      worker.get<{ visits: { id: number; note: string | null }[] }>(
        `/api/residents/${residentId}/file?purpose=${encodeURIComponent('走访核对 e2e')}`,
      );
    const note = `e2e 离线走访 ${Date.now()}`;

    await page.context().setOffline(true);
    await card.locator('button.log').click();
    await page.fill('[data-testid=visit-note]', note);
    await page.click('[data-testid=visit-save]');
    const item = page.locator('[data-testid=visit-outbox-item]').first();
    await expect(item.getAttribute('data-state')).resolves.toBe('pending');
    await expect(page.getByTestId('visits-pending').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('net-state').getAttribute('data-online')).resolves.toBe('false');
    await page.screenshot({ path: `${SHOTS}/care-visit-pending-zh.png` });
    expect((await file()).visits.filter((v) => v.note === note)).toHaveLength(0);

    await page.context().setOffline(false);
    await page.waitForSelector('[data-testid=visit-outbox-item][data-state=sent]', { timeout: 15_000 });
    await page.getByTestId('visits-pending').waitFor({ state: 'detached' });
    expect((await file()).visits.filter((v) => v.note === note)).toHaveLength(1);

    await page.click('[data-testid=lang-switch]');
    await page.screenshot({ path: `${SHOTS}/care-visits-en.png` });
    await page.locator('[data-testid=visits] button.log').first().click();
    await page.getByTestId('visit-form').waitFor();
    await page.screenshot({ path: `${SHOTS}/care-visit-form-en.png`, fullPage: true });
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  });
});
