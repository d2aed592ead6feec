// Live work orders in real Chromium: an order reported over the API shows up on an open wall within
// 2 s (store and pixels), a dispatcher accepts and dispatches through the console and sees the timeline
// grow, and a grid worker's offline report, photo included, is queued and sent exactly once when the phone
// is back online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { OrderSummary } from '../../contract/orders';
import { STATUS_COLORS } from '../../web/orders/order-status';
import { launchBrowser, loginThroughUi, openPage, waitForMapReady } from './browser';
import { countNear, decodePng } from './png';
import { startServer, type ServerUnderTest } from './server';
import { apiLogin, gridPoints, reportOrder, type ApiSession } from './orders-api';

/** The parts of window.__gridwall (web/map/test-hooks.ts) this test uses. */
interface Hooks {
  labelPoints(): { x: number; y: number }[];
  project(lon: number, lat: number): { x: number; y: number } | null;
  orders: { count(): number; ids(): number[]; connection(): string } | null;
}
type W = { __gridwall: Hooks };

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
/** A 1×1 PNG, as a phone's camera would hand over a file. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
let server: ServerUnderTest;
let browser: Browser;
let dispatcher: ApiSession;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dispatcher = await apiLogin(server.url, 'dispatcher');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('live work orders', () => {
  it('shows an order reported over the API on an open wall within 2 s, without a reload', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'operator');
    await waitForMapReady(page);
    await page.waitForFunction(() => (window as unknown as W).__gridwall?.orders?.connection() === 'live');
    const box = (await page.getByTestId('map').boundingBox())!;
    // A grid label point well inside the map and away from the street labels drawn there.
    const labels = await page.evaluate(() => (window as unknown as W).__gridwall.labelPoints());
    const candidates = await Promise.all(
      (await gridPoints(dispatcher)).map(async (g) => ({
        g,
        p: await page.evaluate(([lon, lat]) => (window as unknown as W).__gridwall.project(lon, lat), [g.lon, g.lat]),
      })),
    );
    const spot = candidates.find(
      ({ p }) =>
        p &&
        p.x > box.x + 60 &&
        p.x < box.x + box.width - 60 &&
        p.y > box.y + 80 &&
        p.y < box.y + box.height - 60 &&
        labels.every((l) => Math.hypot(l.x - p.x, l.y - p.y) > 80),
    );
    expect(spot, 'a grid point inside the map').toBeTruthy();
    const { g, p } = spot as { g: { lon: number; lat: number }; p: { x: number; y: number } };
    const rect = { x: Math.round(p.x) - 12, y: Math.round(p.y) - 12, width: 24, height: 24 };
    const red = STATUS_COLORS.reported;
    const before = countNear(decodePng(await page.screenshot()), red, 40, rect);

    const order = await reportOrder(dispatcher, { lon: g.lon, lat: g.lat, description: 'e2e: 大屏实时推送' });
    const t0 = Date.now();
    await page.waitForFunction((id) => (window as unknown as W).__gridwall.orders?.ids().includes(id), order.id, {
      timeout: 2000,
    });
    const arrivedMs = Date.now() - t0;
    await page.waitForTimeout(250); // the next frames draw it
    const png = await page.screenshot();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/e2e-wall-live-order.png` });
    const after = countNear(decodePng(png), red, 40, rect);
    expect(arrivedMs).toBeLessThan(2000);
    expect(after - before, `pixels of the reported colour near (${p.x}, ${p.y})`).toBeGreaterThan(15);
    await expect(page.getByTestId('connection-badge').getAttribute('data-state')).resolves.toBe('live');
    expect(w.consoleErrors).toEqual([]);
    expect(w.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('lets a dispatcher accept and dispatch an order in the console and grows its timeline', async () => {
    const [g] = await gridPoints(dispatcher);
    const order = await reportOrder(dispatcher, { lon: g.lon, lat: g.lat, description: 'e2e: 调度台受理派遣' });
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'dispatcher');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/console?order=${order.id}`);
    const pane = page.getByTestId('order-pane');
    await pane.waitFor();
    const events = page.getByTestId('order-timeline').locator('li.event');
    await expect(events.count()).resolves.toBe(1);

    await page.click('[data-testid=actions] button[data-action=accept]');
    await page.waitForSelector('[data-testid=order-pane][data-status=accepted]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=order-timeline] li.event').length === 2);

    await page.click('[data-testid=actions] button[data-action=dispatch]');
    await page.selectOption('[data-testid=lead-dept]', 'urban_mgmt');
    await page.getByTestId('action-form').locator('input[type=checkbox][value=community]').check();
    await page.click('[data-testid=action-submit]');
    await page.waitForSelector('[data-testid=order-pane][data-status=dispatched]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=order-timeline] li.event').length === 3);
    await expect(
      page.getByTestId('order-timeline').locator('li.event').last().getAttribute('data-action'),
    ).resolves.toBe('dispatch');
    const detail = await dispatcher.get<{ status: string; leadDept: string; assistDepts: string[] }>(
      `/api/orders/${order.id}`,
    );
    expect(detail).toMatchObject({ status: 'dispatched', leadDept: 'urban_mgmt', assistDepts: ['community'] });

    // A refused action shows the server's message: accept is no longer allowed once dispatched.
    const refused = await page.evaluate(
      async (id) =>
        (
          await fetch(`/api/orders/${id}/actions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"action":"accept"}',
          })
        ).status,
      order.id,
    );
    expect(refused).toBe(409);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/e2e-console.png` });
    expect(w.consoleErrors.filter((e) => !e.includes('409'))).toEqual([]);
    await page.context().close();
  });

  it('queues a report made offline on the phone, with its photo, and sends it exactly once when back online', async () => {
    const worker = await apiLogin(server.url, 'worker1');
    const me = await worker.get<{ user: { areaId: number } }>('/api/auth/me');
    const grid = await worker.get<{ properties: { labelLon: number; labelLat: number } }>(
      `/api/areas/${me.user.areaId}`,
    );
    const w = await openPage(
      browser,
      { width: 390, height: 844 },
      {
        geolocation: { longitude: grid.properties.labelLon, latitude: grid.properties.labelLat },
        permissions: ['geolocation'],
      },
    );
    const { page } = w;
    await loginThroughUi(page, server.url, 'worker1');
    await page.getByTestId('no-access').waitFor();
    await page.goto(`${server.url}/m`);
    await page.getByTestId('report-form').waitFor();
    await page.waitForSelector('[data-testid=mini-map][data-map-ready=true]', { timeout: 120_000 });
    const mine = () => dispatcher.get<OrderSummary[]>(`/api/orders?area=${me.user.areaId}&limit=1000`);
    const before = (await mine()).length;
    const text = `e2e: 离线上报 ${Date.now()}`;

    await page.context().setOffline(true);
    await page.selectOption('[data-testid=report-category]', 'SAN-02');
    await page.fill('[data-testid=report-description]', text);
    await page.setInputFiles('[data-testid=report-photo]', {
      name: 'stairwell.png',
      mimeType: 'image/png',
      buffer: ONE_PIXEL_PNG,
    });
    await page.click('[data-testid=locate]');
    await page.getByTestId('located').waitFor();
    await page.click('[data-testid=report-submit]');
    await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('net-state').getAttribute('data-online')).resolves.toBe('false');
    await page.waitForTimeout(1000);
    expect((await mine()).length).toBe(before);

    await page.context().setOffline(false);
    await page.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForTimeout(1500); // any second send would have landed by now
    const after = await mine();
    expect(after.length).toBe(before + 1);
    const sent = await Promise.all(
      after.slice(0, 3).map((o) => dispatcher.get<{ description: string; photos: string[] }>(`/api/orders/${o.id}`)),
    );
    const ours = sent.filter((o) => o.description === text);
    expect(ours).toHaveLength(1);
    expect(ours[0].photos).toHaveLength(1);
    const photo = await dispatcher.bytes(`/api/photos/${ours[0].photos[0]}`);
    expect(photo.contentType).toBe('image/png');
    expect(photo.body.equals(ONE_PIXEL_PNG)).toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/e2e-mobile-sent.png` });
    // Requests the page made while the device was offline fail by design (the socket's reconnect tries among them);
    // anything else logged is an error.
    expect(
      w.consoleErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED')),
      w.failedRequests.join('\n'),
    ).toEqual([]);
    await page.context().close();
  });
});

describe('grid worker on duty', () => {
  it("sends the phone's position once the worker goes on duty, and the supervisor sees it live", async () => {
    const worker = await apiLogin(server.url, 'worker1');
    const me = await worker.get<{ user: { areaId: number } }>('/api/auth/me');
    const grid = await worker.get<{ properties: { labelLon: number; labelLat: number } }>(
      `/api/areas/${me.user.areaId}`,
    );
    const w = await openPage(
      browser,
      { width: 390, height: 844 },
      {
        geolocation: { longitude: grid.properties.labelLon, latitude: grid.properties.labelLat, accuracy: 8 },
        permissions: ['geolocation'],
      },
    );
    await loginThroughUi(w.page, server.url, 'worker1');
    await w.page.getByTestId('no-access').waitFor();
    await w.page.goto(`${server.url}/m`);
    await w.page.getByTestId('duty-toggle').click();
    const supervisor = await apiLogin(server.url, 'supervisor');
    const started = Date.now();
    await expect
      .poll(
        async () => {
          const live = await supervisor.get<{ lon: number; lat: number; t: string }[]>('/api/workers/live');
          return live.some(
            (p) =>
              Math.abs(p.lon - grid.properties.labelLon) < 1e-6 &&
              Math.abs(p.lat - grid.properties.labelLat) < 1e-6 &&
              Date.parse(p.t) >= started - 60_000,
          );
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await expect(w.page.getByTestId('duty-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(w.consoleErrors).toEqual([]);
    await w.page.context().close();
  });
});

describe('wall connection', () => {
  it('says 离线 and keeps its orders when the connection drops, then replays what it missed', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'operator');
    await waitForMapReady(page);
    await page.waitForFunction(() => (window as unknown as W).__gridwall?.orders?.connection() === 'live');
    const count = await page.evaluate(() => (window as unknown as W).__gridwall.orders!.count());

    await page.context().setOffline(true);
    await page.waitForSelector('[data-testid=connection-badge][data-state=offline]', { timeout: 30_000 });
    await expect(page.getByTestId('connection-badge').textContent()).resolves.toContain('离线');
    const [g] = await gridPoints(dispatcher);
    const missed = await reportOrder(dispatcher, { lon: g.lon, lat: g.lat, description: 'e2e: 断线期间上报' });
    expect(await page.evaluate(() => (window as unknown as W).__gridwall.orders!.count())).toBe(count);

    await page.context().setOffline(false);
    await page.waitForSelector('[data-testid=connection-badge][data-state=live]', { timeout: 30_000 });
    await page.waitForFunction((id) => (window as unknown as W).__gridwall.orders?.ids().includes(id), missed.id, {
      timeout: 5000,
    });
    expect(await page.evaluate(() => (window as unknown as W).__gridwall.orders!.count())).toBe(count + 1);
    expect(w.consoleErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await page.context().close();
  });
});
