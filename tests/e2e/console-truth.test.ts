// The console tells the truth in real Chromium: on a resolved order a dispatcher is offered only what the server
// takes (clicking it answers no 409), a refused action is greyed with its reason in Chinese, the timeline shows the
// resolve note, and the pane says where the order is in words. Screenshots of the console (zh, en) at 1920×1080 and
// of the department desk at 390×844.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { startServer, type ServerUnderTest } from './server';
import { act, apiLogin, gridPoints, reportOrder, type ApiSession } from './orders-api';

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
const NOTE = 'e2e: 垃圾已清运，路面已冲洗';
let server: ServerUnderTest;
let browser: Browser;
let admin: ApiSession;
let orderId: number;

/** A 1×1 PNG, as a camera would hand over a file. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads a photo as the admin, the way a page does (multipart field "photo"), and gives its id. */
async function uploadPhoto(): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'gridwall-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const form = new FormData();
  form.append('photo', new Blob([ONE_PIXEL_PNG], { type: 'image/png' }), 'after.png');
  const r = await fetch(`${server.url}/api/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!r.ok) throw new Error(`photo upload: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

/** A resolved order that the admin accepted, dispatched and resolved, so another dispatcher may review it. */
async function resolvedOrder(): Promise<number> {
  const [g] = await gridPoints(admin);
  const o = await reportOrder(admin, { lon: g.lon, lat: g.lat, description: 'e2e: 道路垃圾堆放' });
  await act(admin, o.id, { action: 'accept' });
  await act(admin, o.id, { action: 'dispatch', leadDept: 'urban_mgmt', assistDepts: [] });
  await act(admin, o.id, { action: 'start' });
  await act(admin, o.id, { action: 'resolve', note: NOTE, photos: [await uploadPhoto()] });
  return o.id;
}

const offered = (page: Page) =>
  page.$$eval('[data-testid=actions] button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiLogin(server.url, 'admin');
  orderId = await resolvedOrder();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a console that tells the truth', () => {
  it('offers only what the server takes, says why not in Chinese, shows the resolve note and the place', async () => {
    const w = await openPage(browser);
    const { page } = w;
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/actions') && r.request().method() === 'POST') statuses.push(r.status());
    });
    await loginThroughUi(page, server.url, 'dispatcher');
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/console?order=${orderId}`);
    await page.waitForSelector('[data-testid=order-pane][data-status=resolved]');

    // Review is this dispatcher's to do (the admin dispatched), and the centre may add a note; rating and close-out
    // are not possible yet.
    expect((await offered(page)).sort()).toEqual(['note', 'review_fail', 'review_pass']);
    const closeWhy = page.locator('[data-testid=refusals] [data-refused-reason=close]');
    await expect(closeWhy.textContent()).resolves.toContain('须先核查通过才能销号');
    await expect(page.locator('button[data-refused=close]').isDisabled()).resolves.toBe(true);

    const notes = await page.$$eval('[data-testid=order-timeline] [data-testid=event-note]', (ns) =>
      ns.map((n) => n.textContent?.trim()),
    );
    expect(notes).toContain(NOTE);
    await expect(
      page.locator('[data-testid=order-timeline] li.event[data-action=resolve] [data-testid=event-photos] img').count(),
    ).resolves.toBe(1);

    // Where it is, in words: street › community › grid.
    const place = (await page.locator('[data-testid=order-place] .path').textContent()) ?? '';
    expect(place.split(' › ')).toHaveLength(3);
    expect(place).toMatch(/街道|镇/);
    await page.waitForSelector('[data-testid=mini-map][data-map-ready=true]', { timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}/console-truth-zh.png` });

    // An offered action goes through; close-out is offered next (no reporter to rate it).
    await page.click('[data-testid=actions] button[data-action=review_pass]');
    await page.waitForFunction(
      () => !!document.querySelector('[data-testid=order-timeline] li.event[data-action=review_pass]'),
    );
    await page.waitForSelector('[data-testid=actions] button[data-action=close]');
    expect(statuses).toEqual([200]);
    await expect(page.locator('[data-testid=action-message]').getAttribute('class')).resolves.not.toContain('bad');

    // In English: the same reasons in words, no action codes on screen.
    await page.evaluate(() => localStorage.setItem('gridwall.locale', 'en'));
    await page.reload();
    await page.waitForSelector('[data-testid=order-pane][data-status=resolved]');
    await page.waitForSelector('[data-testid=mini-map][data-map-ready=true]', { timeout: 60_000 });
    const text = (await page.locator('[data-testid=actions]').textContent()) ?? '';
    expect(text).toContain('review has already passed');
    expect(text).not.toMatch(/\b[a-z]+_[a-z]+\b/);
    await page.screenshot({ path: `${SHOTS}/console-truth-en.png` });
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows holder, place, assists, more time and the holders’ trail as the parties’ server sends them', async () => {
    // The detail as the server of the party model answers it (contract/orders.ts OrderDetail), laid over a real one.
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'dispatcher');
    await page.waitForURL(`${server.url}/`);
    const H = 3_600_000;
    await page.route(`**/api/orders/${orderId}`, async (route) => {
      const real = (await (await route.fetch()).json()) as Record<string, unknown> & { events: { at: string }[] };
      const t0 = Date.parse(real.events[0].at);
      const grid = { kind: 'grid', areaId: 1, name: '昌湖居民区第1网格' };
      const community = { kind: 'community', areaId: 2, name: '昌湖居民区居委会' };
      const dept = { kind: 'department', areaId: 3, dept: 'urban_mgmt', name: '区城管执法局' };
      const ev = (seq: number, hours: number, action: string, data: Record<string, unknown>) => ({
        seq: 900_000 + seq,
        orderId,
        at: new Date(t0 + hours * H).toISOString(),
        actor: { id: 5, role: 'grid_worker', name: '网格员王' },
        action,
        from: 'dispatched',
        to: 'dispatched',
        data,
      });
      await route.fulfill({
        json: {
          ...real,
          holder: dept,
          supervisingLevel: 1,
          place: { street: '洛川路街道', community: '昌湖居民区', grid: '昌湖居民区第1网格', address: '洛川路88号' },
          assists: [
            { dept: 'housing', status: 'signed', note: null, requestedAt: real.reportedAt, updatedAt: real.reportedAt },
          ],
          extension: {
            hours: 48,
            reason: '需协调物业',
            status: 'pending',
            requestedAt: real.reportedAt,
            decidedAt: null,
          },
          actions: [
            { action: 'decide_extension', allowed: true },
            { action: 'note', allowed: true },
            { action: 'hand_down', allowed: false, reason: { key: 'orders.refuse.reviewPassed' } },
          ],
          events: [
            { ...ev(1, 0, 'report', { holder: grid }), from: null },
            ev(2, 2, 'hand_up', { holder: community, fromHolder: grid }),
            ev(3, 5.5, 'dispatch', { holder: dept, fromHolder: community, leadDept: 'urban_mgmt' }),
            ev(4, 6, 'note', { text: '已联系物业，等待清运车辆' }),
          ],
        },
      });
    });
    await page.goto(`${server.url}/console?order=${orderId}`);
    await page.waitForSelector('[data-testid=order-pane]');
    await expect(page.getByTestId('order-holder').textContent()).resolves.toContain('区城管执法局');
    await expect(page.getByTestId('order-address').textContent()).resolves.toBe('洛川路88号');
    await expect(page.getByTestId('order-assists').textContent()).resolves.toContain('已签收');
    await expect(page.getByTestId('order-extension').textContent()).resolves.toContain('待审批');
    const moves = await page.$$eval('[data-testid=holder-move]', (ms) => ms.map((m) => m.textContent ?? ''));
    expect(moves).toHaveLength(2);
    expect(moves[0]).toContain('昌湖居民区第1网格 → 昌湖居民区居委会');
    expect(moves[0]).toContain('2小时0分');
    expect(moves[1]).toContain('3小时30分');
    expect((await offered(page)).sort()).toEqual(['decide_extension', 'note']);
    await page.waitForSelector('[data-testid=mini-map][data-map-ready=true]', { timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}/console-parties-zh.png` });
    await page.context().close();
  });

  it('opens the department desk at phone width', async () => {
    const w = await openPage(browser, { width: 390, height: 844 });
    const { page } = w;
    // Department accounts come with the server side of the parties; until then an admin opens the desk.
    const dept = await apiLogin(server.url, 'dept_urban_mgmt').then(
      () => 'dept_urban_mgmt',
      () => 'admin',
    );
    await loginThroughUi(page, server.url, dept);
    await page.waitForURL((u) => u.pathname === (dept === 'admin' ? '/' : '/dept'));
    await page.goto(`${server.url}/dept`);
    await page.waitForSelector('[data-testid=department-desk]');
    await page.click('[data-filter=all]');
    await page.waitForSelector('[data-testid=dept-queue] button[data-order-id]');
    await page.screenshot({ path: `${SHOTS}/department-390.png` });
    await page.click('[data-testid=dept-queue] button[data-order-id]');
    await page.waitForSelector('[data-testid=order-pane]');
    await page.waitForSelector('[data-testid=mini-map][data-map-ready=true]', { timeout: 60_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // One column: the place reads on a line of its own, not crushed beside the map.
    const place = await page.locator('[data-testid=order-place]').boundingBox();
    expect(place!.width).toBeGreaterThan(200);
    await page.screenshot({ path: `${SHOTS}/department-390-order.png` });
    await page.context().close();
  });
});
