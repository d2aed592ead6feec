// The import desk in real Chromium, as a planner re-grids a community: propose grids of 300–500 households,
// pick one in the report and split it, merge it back, then accept — the community's grids in the database are
// the adjusted ones. The map preview draws the proposal (checked by pixels in the screenshot's map area).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { countNear, decodePng } from './png';
import { apiLogin } from './orders-api';
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

describe('the import desk', () => {
  it('proposes a re-gridding, splits and merges a grid on the page, and accepts the adjusted grids', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'planner');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/admin/import`);
    const pick = page.getByTestId('regrid-community');
    await pick.locator('option').nth(1).waitFor({ state: 'attached' });
    const communityId = Number(await pick.locator('option').nth(1).getAttribute('value'));
    await pick.selectOption(String(communityId));
    await page.click('[data-testid=regrid-propose]');

    const rows = page.locator('[data-testid=import-report] table.features tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    const proposed = await rows.count();
    expect(proposed).toBeGreaterThan(1);

    // Pick the largest grid in the table, split it: one more row, and the report lists the adjustment.
    const households = await rows.evaluateAll((trs) =>
      trs.map((tr) => Number((tr.querySelectorAll('td')[3]?.textContent ?? '').split('·')[0].trim())),
    );
    const largest = households.indexOf(Math.max(...households));
    await rows.nth(largest).click();
    await page.getByTestId('regrid-split').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=import-report] table.features tbody tr').length === n,
      proposed + 1,
    );
    await page
      .getByTestId('import-problems')
      .getByText(/拆为两个|split in two/)
      .waitFor();

    // Merge the new grid back into the one it came from.
    await rows.nth(largest).click();
    await page.selectOption('[data-testid=regrid-merge-with]', String(proposed));
    await page.getByTestId('regrid-merge').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=import-report] table.features tbody tr').length === n,
      proposed,
    );
    await page
      .getByTestId('import-problems')
      .getByText(/并入第 \d+ 网格|merged into grid/)
      .waitFor();

    await page.waitForSelector('[data-map-ready=true]', { timeout: 60_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    mkdirSync(SHOTS, { recursive: true });
    const shot = decodePng(await page.screenshot({ path: `${SHOTS}/admin-import-regrid.png` }));
    const box = (await page.getByTestId('map').boundingBox())!;
    const rect = {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
    // Proposed grids are outlined cyan (new) or green (taking over an old grid), their buildings dotted in grid colours.
    expect(countNear(shot, [25, 227, 177], 30, rect) + countNear(shot, [53, 212, 255], 30, rect)).toBeGreaterThan(300);

    await page.getByTestId('import-accept').click();
    await page
      .getByTestId('import-report')
      .getByText(/已接受|accepted/)
      .first()
      .waitFor();
    const planner = await apiLogin(server.url, 'planner');
    const grids = await planner.get<{ features: { properties: { parentId: number } }[] }>('/api/areas?level=grid');
    expect(grids.features.filter((f) => f.properties.parentId === communityId)).toHaveLength(proposed);
    expect(w.consoleErrors).toEqual([]);
    expect(w.offMachineRequests).toEqual([]);
    await page.context().close();
  });
});
