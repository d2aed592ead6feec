// HTML injection through a chart tooltip, in real Chromium: a street is imported under a name that is
// markup (<img src=x onerror=…>); on /evaluation the rank chart's tooltip for that street shows the name as
// text, and no <img> element appears in the tooltip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { startServer, type ServerUnderTest } from './server';

const PAYLOAD = '<img src=x onerror=window.__pwned=1>';
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

/** Renames a street through the import desk's API (update by code), as an imported file would. */
async function renameStreet(name: string): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'gridwall-demo' }),
  });
  const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const streets = (await (
    await fetch(`${server.url}/api/export/areas?level=street&format=geojson`, { headers: auth })
  ).json()) as { features: { properties: { code: string }; geometry: unknown }[] };
  const street = streets.features[0];
  const fd = new FormData();
  fd.append('level', 'street');
  fd.append('crs', 'wgs84');
  fd.append(
    'file',
    new Blob([
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { name, code: street.properties.code }, geometry: street.geometry }],
      }),
    ]),
    'street.geojson',
  );
  const up = await fetch(`${server.url}/api/imports`, { method: 'POST', headers: auth, body: fd });
  expect(up.status).toBe(201);
  const report = (await up.json()) as { id: number; acceptable: boolean };
  expect(report.acceptable).toBe(true);
  expect((await fetch(`${server.url}/api/imports/${report.id}/accept`, { method: 'POST', headers: auth })).status).toBe(
    200,
  );
  return street.properties.code;
}

describe('chart tooltips', () => {
  it('show an imported markup name as text, with no element made from it', async () => {
    await renameStreet(PAYLOAD);
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'admin');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/evaluation`);
    const chart = page.locator('[data-testid=evaluation-bands] .chart');
    await chart.locator('canvas').first().waitFor();
    const box = (await chart.boundingBox())!;

    // Move across the chart until its tooltip is the one for the renamed street (the axis tooltip follows the pointer).
    let found = false;
    for (let i = 1; i < 20 && !found; i++) {
      await page.mouse.move(box.x + (box.width * i) / 20, box.y + box.height * 0.6);
      found = await page
        .waitForFunction(
          () =>
            Array.from(document.querySelectorAll('[data-testid=evaluation-bands] .chart div')).some(
              (d) => (d as HTMLElement).style.display !== 'none' && d.innerHTML.includes('onerror'),
            ),
          undefined,
          { timeout: 1500 },
        )
        .then(
          () => true,
          () => false,
        );
    }
    expect(found, 'a tooltip for the renamed street').toBe(true);
    const tooltip = await page.evaluate(() => {
      const d = Array.from(document.querySelectorAll('[data-testid=evaluation-bands] .chart div')).find((x) =>
        x.innerHTML.includes('onerror'),
      )!;
      return {
        images: d.querySelectorAll('img').length,
        allImages: document.querySelectorAll('img[src=x]').length,
        text: d.textContent ?? '',
        pwned: (window as { __pwned?: unknown }).__pwned ?? null,
      };
    });
    expect(tooltip.images).toBe(0);
    expect(tooltip.allImages).toBe(0);
    expect(tooltip.text).toContain(PAYLOAD);
    expect(tooltip.pwned).toBeNull();
  });
});
