// The wall in real Chromium: an operator signs in, the offline map draws the grid, drilling works,
// and a grid worker is kept out. Looks at pixels, not only at the DOM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { MAP_COLORS } from '../../web/map/basemap-style';
import { launchBrowser, loginThroughUi, openPage, waitForMapReady } from './browser';
import { countNear, decodePng, hexToRgb } from './png';
import { startServer, type ServerUnderTest } from './server';

/** The parts of window.__gridwall (web/map/test-hooks.ts) this test uses. */
interface LabelHooks {
  labelPoints(): { id: number; name: string; x: number; y: number }[];
}
interface MapHooks {
  map: {
    once(event: 'idle', fn: (value: unknown) => void): void;
    setLayoutProperty(layer: string, name: string, value: string): void;
  };
}

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

describe('command-center wall', () => {
  it('shows the server message when the password is wrong', async () => {
    const { page } = await openPage(browser);
    await loginThroughUi(page, server.url, 'operator', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect((await error.textContent())?.length).toBeGreaterThan(5);
    await expect(page.getByTestId('synthetic-badge').textContent()).resolves.toContain('演示数据（合成）');
    await page.context().close();
  });

  it('lets an operator sign in and draws every grid boundary of the district, offline', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'operator');
    await page.waitForURL(`${server.url}/`);
    await waitForMapReady(page);
    await page.waitForTimeout(500); // one more frame for deck.gl labels

    const box = (await page.getByTestId('map').boundingBox())!;
    const png = await page.screenshot();
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(`${SHOTS}/e2e-operator-wall.png`, png);
    const img = decodePng(png);
    const rect = {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
    const gridPixels = countNear(img, hexToRgb(MAP_COLORS.gridLine), 70, rect);
    // ~1,000 grid outlines at district zoom cover tens of thousands of pixels.
    expect(gridPixels).toBeGreaterThan(3000);
    // …and they are the grid-line layer's: hide it and that colour (nearly) disappears from the map.
    await page.evaluate(async () => {
      const map = (window as unknown as { __gridwall: MapHooks }).__gridwall.map;
      const idle = new Promise((resolve) => map.once('idle', resolve));
      map.setLayoutProperty('grid-line', 'visibility', 'none');
      await idle;
    });
    const without = countNear(decodePng(await page.screenshot()), hexToRgb(MAP_COLORS.gridLine), 70, rect);
    expect(without).toBeLessThan(gridPixels / 10);

    await expect(page.getByTestId('breadcrumb-current').textContent()).resolves.toBeTruthy();
    await expect(page.getByTestId('synthetic-badge').isVisible()).resolves.toBe(true);
    expect(w.offMachineRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.failedRequests).toEqual([]);
    await page.context().close();
  });

  it('drills into a street when the operator clicks it, and the breadcrumb goes back up', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'operator');
    await waitForMapReady(page);
    const district = await page.getByTestId('breadcrumb-current').textContent();
    const box = (await page.getByTestId('map').boundingBox())!;
    const points = await page.evaluate(() =>
      (window as unknown as { __gridwall: LabelHooks }).__gridwall.labelPoints(),
    );
    // Labels are centred in their street; click one away from the overlays along the top edge.
    const target = points.find(
      (p) => p.y > box.y + 80 && p.y < box.y + box.height - 40 && p.x > box.x + 40 && p.x < box.x + box.width - 40,
    );
    expect(target, 'a street label inside the map').toBeTruthy();
    await page.mouse.click(target!.x, target!.y);
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid=breadcrumb-current]')?.textContent?.includes(name),
      target!.name,
    );
    await expect(page.getByTestId('breadcrumb').locator('button').count()).resolves.toBe(1);
    await expect(page.getByTestId('kpi-panel').textContent()).resolves.toContain(target!.name);
    await waitForMapReady(page);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/e2e-drilled-street.png` });

    await page.getByTestId('breadcrumb').locator('button').first().click();
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid=breadcrumb-current]')?.textContent === text,
      district,
    );
    expect(w.consoleErrors).toEqual([]);
    expect(w.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('tells a grid worker the wall is not for them', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'worker1');
    await page.getByTestId('no-access').waitFor();
    await expect(page.getByTestId('map').count()).resolves.toBe(0);
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  });
});
