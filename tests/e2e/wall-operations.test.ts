// The wall as operators run it, in real Chromium: layouts by screen shape (1920×1080 and 7680×2160), the
// alarm center (acknowledge, history), steering from a remote page, and a long run through an API restart
// with the JS heap measured after forced garbage collection (GRIDWALL_E2E_LONG_RUN_S, default 60 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_LAYOUTS } from '../../contract/wall';
import { launchBrowser, loginThroughUi, openPage, waitForMapReady } from './browser';
import { startServer, type ServerUnderTest } from './server';
import { apiLogin, gridPoints, reportOrder, type ApiSession, type GridPoint } from './orders-api';

interface Hooks {
  orders: { count(): number; ids(): number[]; connection(): string } | null;
}
type W = { __gridwall: Hooks };

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
const LONG_RUN_S = Number(process.env.GRIDWALL_E2E_LONG_RUN_S ?? 60);
let server: ServerUnderTest;
let browser: Browser;
let dispatcher: ApiSession;
let grids: GridPoint[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dispatcher = await apiLogin(server.url, 'dispatcher');
  grids = await gridPoints(dispatcher);
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const live = (page: Page) =>
  page.waitForFunction(() => (window as unknown as W).__gridwall?.orders?.connection() === 'live', undefined, {
    timeout: 60_000,
  });
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 2 ** 20;
}

describe('wall layouts', () => {
  it('uses the 16:9 layout on a 1920×1080 screen and the 32:9 one on a 7680×2160 wall, map and every panel in place', async () => {
    for (const [viewport, id] of [
      [{ width: 1920, height: 1080 }, 'screen-16x9'],
      [{ width: 7680, height: 2160 }, 'wall-32x9'],
    ] as const) {
      const w = await openPage(browser, viewport);
      await loginThroughUi(w.page, server.url, 'operator');
      await waitForMapReady(w.page);
      await expect(w.page.getByTestId('wall').getAttribute('data-layout')).resolves.toBe(id);
      const boxes = await w.page.$$eval('[data-panel], main.centre', (els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { panel: e.getAttribute('data-panel') ?? 'map', x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
      const shipped = DEFAULT_LAYOUTS.find((l) => l.id === id)!;
      expect(boxes.map((b) => b.panel).sort()).toEqual(['map', ...shipped.spec.panels.map((p) => p.panel)].sort());
      for (const b of boxes) {
        expect(b.w, b.panel).toBeGreaterThan(100);
        expect(b.x + b.w, b.panel).toBeLessThanOrEqual(viewport.width + 1);
        expect(b.y + b.h, b.panel).toBeLessThanOrEqual(viewport.height + 1);
      }
      // The map canvas is drawn at the screen's own pixels, not scaled up.
      const canvas = await w.page.$eval('[data-testid=map] canvas', (c) => ({
        w: (c as HTMLCanvasElement).width,
        css: c.getBoundingClientRect().width,
      }));
      expect(Math.abs(canvas.w - canvas.css)).toBeLessThanOrEqual(1);
      await w.page.screenshot({ path: `${SHOTS}/e2e-wall-layout-${viewport.width}x${viewport.height}.png` });
      expect(w.consoleErrors).toEqual([]);
      await w.page.context().close();
    }
  });
});

describe('alarm center and remote', () => {
  it('acknowledges an alarm for every wall and keeps it in the history', async () => {
    const a = await openPage(browser);
    const b = await openPage(browser);
    for (const w of [a, b]) {
      await loginThroughUi(w.page, server.url, 'operator');
      await waitForMapReady(w.page);
      await live(w.page);
    }
    await a.page.waitForTimeout(2000); // both sockets settled (upgraded or polling) on a busy machine
    const g = grids[3];
    await reportOrder(dispatcher, {
      lon: g.lon,
      lat: g.lat,
      categoryCode: 'SAF-04',
      hazardLevel: 'critical',
      fields: { gasIssue: 'leak_smell' },
      description: 'e2e: 燃气泄漏告警',
    });
    const row = (p: Page) => p.locator('[data-testid=alarm]', { hasText: '燃气安全隐患' }).first();
    await row(a.page)
      .waitFor({ timeout: 20_000 })
      .catch(async (e) => {
        await a.page.screenshot({ path: `${SHOTS}/e2e-wall-alarm-missing.png` });
        console.log(await a.page.getByTestId('alarm-panel').innerText());
        throw e;
      });
    await row(b.page).waitFor({ timeout: 20_000 });
    const before = Number(await b.page.getByTestId('alarm-count').textContent());
    await row(a.page).getByTestId('alarm-ack').click();
    // The other wall drops it too, without a reload.
    await b.page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=alarm-count]')?.textContent ?? 0) === n - 1,
      before,
      { timeout: 20_000 },
    );

    await b.page.keyboard.press('h');
    await b.page.getByTestId('alarm-history').waitFor();
    await b.page.getByTestId('alarm-state-acked').check();
    await expect(
      b.page.locator('[data-testid=alarm-history-row][data-acked=true]').first().textContent(),
    ).resolves.toMatch(/值班员|operator/i);
    await b.page.screenshot({ path: `${SHOTS}/e2e-wall-alarm-history.png` });
    expect([...a.consoleErrors, ...b.consoleErrors]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });

  it('lets a remote page take the walls of the same account to an area', async () => {
    const wall = await openPage(browser);
    await loginThroughUi(wall.page, server.url, 'operator');
    await waitForMapReady(wall.page);
    await live(wall.page);
    const remote = await openPage(browser, { width: 390, height: 844 });
    await loginThroughUi(remote.page, server.url, 'operator');
    await remote.page.waitForURL(/\/$/);
    await remote.page.goto(`${server.url}/wall/remote`);
    await remote.page.waitForSelector('[data-testid=remote-state][data-state=live]', { timeout: 30_000 });
    const target = remote.page.getByTestId('remote-area').nth(1);
    const name = (await target.textContent())!.trim();
    await target.click();
    await expect
      .poll(async () => wall.page.getByTestId('breadcrumb-current').textContent(), { timeout: 10_000 })
      .toContain(name);
    await remote.page.getByTestId('remote-home').click();
    await expect
      .poll(async () => wall.page.getByTestId('breadcrumb-current').textContent(), { timeout: 10_000 })
      .not.toContain(name);
    await remote.page.screenshot({ path: `${SHOTS}/e2e-wall-remote.png` });
    expect([...wall.consoleErrors, ...remote.consoleErrors]).toEqual([]);
    await wall.page.context().close();
    await remote.page.context().close();
  });
});

describe('long run', () => {
  it(
    `touring for ${LONG_RUN_S} s under live orders, through an API restart: reconnects, misses nothing, heap stays flat`,
    async () => {
      const w = await openPage(browser);
      const { page } = w;
      await loginThroughUi(page, server.url, 'operator');
      await waitForMapReady(page);
      await live(page);
      let k = 0;
      const reported: number[] = [];
      const drive = async (seconds: number) => {
        for (const end = Date.now() + seconds * 1000; Date.now() < end;) {
          const g = grids[k++ % grids.length];
          try {
            const o = await reportOrder(dispatcher, { lon: g.lon, lat: g.lat, description: `e2e: 长时间运行 ${k}` });
            reported.push(o.id);
            if (k % 2) await dispatcher.post(`/api/orders/${o.id}/actions`, { action: 'accept' });
          } catch {
            /* the API is restarting: this report was not acknowledged, so nothing is owed */
          }
          await new Promise((r) => setTimeout(r, 500));
        }
      };
      await drive(15); // warm-up: layers, charts and caches reach their working size
      const start = await heapMb(page);
      await page.keyboard.press('t'); // tour: a new area (panels, labels, charts) every 20 s
      await drive(LONG_RUN_S / 2);

      await server.restart();
      await page.waitForSelector(
        '[data-testid=connection-badge][data-state=offline], [data-testid=connection-badge][data-state=live]',
      );
      await live(page);
      await drive(LONG_RUN_S / 2);
      await page.keyboard.press('t');
      await page.waitForFunction(
        (ids) => {
          const have = new Set((window as unknown as W).__gridwall.orders?.ids());
          return ids.every((id) => have.has(id));
        },
        reported,
        { timeout: 15_000 },
      );
      const end = await heapMb(page);
      await page.screenshot({ path: `${SHOTS}/e2e-wall-after-long-run.png` });
      console.log(
        `wall heap after GC: ${start.toFixed(1)} MB after warm-up, ${end.toFixed(1)} MB after ${LONG_RUN_S} s and a restart; ${reported.length} orders reported`,
      );
      expect(end - start).toBeLessThan(20);
      expect(await page.locator('[data-testid=map][data-map-ready=true]').count()).toBe(1);
      expect(w.offMachineRequests).toEqual([]);
      // While the server was down the browser logged its refused connections; nothing else.
      expect(
        w.consoleErrors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|WebSocket connection/.test(e)),
      ).toEqual([]);
      await page.context().close();
    },
    120_000 + LONG_RUN_S * 3000,
  );
});
