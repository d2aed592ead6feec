// The import desk in real Chromium, as an administrator imports a real GCJ-02 district outline that declares no
// CRS and lies far from every stored boundary: the report says the CRS is undecided, the three candidate
// placements are listed with a legend and drawn over the map in their colours, accepting is blocked, and picking
// GCJ-02 re-analyses the same file into an acceptable report read as GCJ-02.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { countNear, decodePng } from './png';
import { apiLogin } from './orders-api';
import { startServer, type ServerUnderTest } from './server';
import { CANDIDATE_COLOURS } from '../../web/admin/crs-choices';

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

describe('an undecided CRS on the import desk', () => {
  it('shows the candidate placements, blocks accepting, and re-analyses as the one picked', async () => {
    const admin = await apiLogin(server.url, 'admin');
    const [district] = (await admin.get<{ features: { properties: { code: string } }[] }>('/api/areas?level=district'))
      .features;
    const gulou = JSON.parse(
      readFileSync(new URL('../fixtures/import/gulou_district_gcj02.geojson', import.meta.url), 'utf8'),
    ) as { features: { properties: Record<string, unknown> }[] };
    gulou.features[0].properties.code = district.properties.code;

    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'admin');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.url}/admin/import`);
    await page.getByTestId('import-file').setInputFiles({
      name: 'gulou_district_gcj02.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(gulou)),
    });
    await page.selectOption('[data-testid=import-level]', 'district');
    await page.getByTestId('import-validate').click();

    const candidates = page.getByTestId('import-crs-candidates');
    await candidates.waitFor({ timeout: 60_000 });
    for (const c of ['wgs84', 'gcj02', 'bd09']) {
      await page.getByTestId(`import-crs-candidate-${c}`).waitFor();
      await page.getByTestId(`import-legend-${c}`).waitFor();
    }
    await expect(page.getByTestId('import-accept').isDisabled()).resolves.toBe(true);

    await page.waitForSelector('[data-map-ready=true]', { timeout: 60_000 }).catch(() => undefined);
    await page.waitForTimeout(1500);
    const shot = decodePng(await page.screenshot());
    const box = (await page.getByTestId('map').boundingBox())!;
    const rect = {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
    // Each placement's outline is drawn in its own colour.
    for (const c of ['wgs84', 'gcj02', 'bd09'] as const)
      expect(countNear(shot, CANDIDATE_COLOURS[c], 40, rect), c).toBeGreaterThan(50);

    await page.getByTestId('import-crs-use-gcj02').click();
    await page.getByTestId('import-crs-candidates').waitFor({ state: 'detached', timeout: 60_000 });
    await page.locator('[data-testid=import-report] .crs b').getByText('gcj02').waitFor();
    await expect(page.getByTestId('import-accept').isEnabled()).resolves.toBe(true);
    expect(w.consoleErrors).toEqual([]);
    expect(w.offMachineRequests).toEqual([]);
    await page.context().close();
  });
});
