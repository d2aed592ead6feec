// The planner's siting panel in real Chromium when the exact solver runs out of time (its limit set to 0 s):
// the panel says the exact solver found no solution in time, reports the heuristic's answer as the
// heuristic's, with the gap proven by its own bound, and prints no "0.00 %" for a gap nobody proved.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { startServer, type ServerUnderTest } from './server';

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
let server: ServerUnderTest;
let browser: Browser;

beforeAll(async () => {
  // The server started here inherits this: every exact solve expires at once.
  process.env.GRIDWALL_SITING_EXACT_S = '0';
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the siting panel', () => {
  it('shows an expired exact solve honestly: no solution in time, the heuristic answer with its proven gap, no 0.00 %', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'planner');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/planner`);
    await page.getByTestId('siting-toggle').click();
    await page.getByTestId('siting-panel').waitFor();
    await page.selectOption('[data-testid=siting-model]', 'pmedian');
    await page.fill('[data-testid=siting-p]', '4');
    await page.check('[data-testid=siting-exact-check]');
    await page.click('[data-testid=siting-run]');

    const exact = page.getByTestId('siting-exact');
    await exact.waitFor({ timeout: 120_000 });
    expect(await exact.textContent()).toMatch(/时限内无解|no solution in time/);
    const verdict = (await page.getByTestId('siting-verdict').textContent()) ?? '';
    expect(verdict).toMatch(/由启发式求得|found by the heuristic/);
    expect(verdict).toMatch(
      /最优（由拉格朗日松弛证明）|距最优解至多 (< 0\.01|≤ \d+\.\d\d) %|Optimal \(proven by Lagrangian relaxation\)|At most (< 0\.01|≤ \d+\.\d\d) % from the optimum/,
    );
    const text = (await page.getByTestId('siting-result').textContent()) ?? '';
    expect(text).not.toMatch(/0\.00\s*%/);
    expect(text).not.toMatch(/NaN|null|undefined/);
    expect(await page.locator('[data-testid=siting-result] table.sites tbody tr').count()).toBeGreaterThan(0);

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/siting-expired-exact.png` });
    expect(w.consoleErrors).toEqual([]);
    expect(w.offMachineRequests).toEqual([]);
  });
});
