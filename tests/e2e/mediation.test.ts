// 三级调解 in real Chromium: a dispute filed over the API is opened for initial mediation by its grid worker on the
// phone page and referred up; the community's staff hold a session in the console and refer it to the street; the
// street's staff record an agreement with the photo of the signed document; a follow-up visit is logged; and the
// wall's dispute panel shows the settlement rate. Screenshots in Chinese and English.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUTS } from '../../contract/wall';
import { launchBrowser, loginThroughUi, openPage } from './browser';
import { apiLogin, type ApiSession } from './orders-api';
import { startServer, type ServerUnderTest } from './server';

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const STAFF_PASSWORD = 'Mediation-e2e-2026!';
type Json = Record<string, any>;

let server: ServerUnderTest;
let browser: Browser;
let admin: ApiSession;
let worker: ApiSession;
let grid: { id: number; lon: number; lat: number; parentId: number };
let orderId: number;

async function token(username: string, password: string): Promise<string> {
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function uploadPhoto(bearer: string): Promise<string> {
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(ONE_PIXEL_PNG)]), 'agreement.png');
  const r = await fetch(`${server.url}/api/photos`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${bearer}` },
  });
  return ((await r.json()) as { id: string }).id;
}

async function adminPut(path: string, body: unknown): Promise<number> {
  const r = await fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('admin', 'gridwall-demo')}` },
    body: JSON.stringify(body),
  });
  return r.status;
}

async function reportDispute(): Promise<number> {
  const r = await worker.post<{ order: { id: number } }>('/api/orders', {
    categoryCode: 'DIS-01',
    description: 'e2e: 邻里漏水纠纷',
    source: 'grid_worker',
    fields: { parties: 3 },
    lon: grid.lon,
    lat: grid.lat,
  });
  expect(r.status).toBe(201);
  return r.body.order.id;
}

async function setLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('gridwall.locale', l), lang);
  await page.reload();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
  admin = await apiLogin(server.url, 'admin');
  worker = await apiLogin(server.url, 'worker1');
  const me = await worker.get<{ user: { areaId: number } }>('/api/auth/me');
  const g = await admin.get<Json>(`/api/areas/${me.user.areaId}`);
  grid = {
    id: me.user.areaId,
    lon: g.properties.labelLon,
    lat: g.properties.labelLat,
    parentId: g.properties.parentId,
  };
  const community = await admin.get<Json>(`/api/areas/${grid.parentId}`);
  // Community and street staff: dispatchers scoped to worker1's community and to its street.
  for (const [username, areaId] of [
    ['med_community', grid.parentId],
    ['med_street', community.properties.parentId],
  ] as const) {
    const r = await admin.post('/api/accounts', {
      username,
      displayName: username === 'med_community' ? '社区调解员' : '司法所调解员',
      role: 'dispatcher',
      areaId,
      password: STAFF_PASSWORD,
    });
    expect(r.status).toBe(201);
  }
  orderId = await reportDispute();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('three-level mediation in the browser', () => {
  it('the grid worker opens the initial mediation on the phone and refers it to the community', async () => {
    const w = await openPage(browser, { width: 390, height: 844 });
    const { page } = w;
    await loginThroughUi(page, server.url, 'worker1');
    await page.getByTestId('no-access').waitFor();
    await page.goto(`${server.url}/m`);
    await page.click('[data-tab=mine]');
    const card = page.locator(`[data-order-id="${orderId}"]`);
    await card.getByTestId('order-open').click(); // the order's detail, its actions and its mediation
    const panel = card.getByTestId('mediation-panel');
    await panel.getByTestId('mediation-open-form').waitFor();
    await panel.getByTestId('mediation-cause').selectOption('water_leak');
    await panel.getByTestId('mediation-focus').fill('楼上卫生间漏水至楼下，维修费用分担有争议');
    await panel.getByTestId('mediation-count-respondent').fill('2');
    await panel.getByTestId('mediation-open').click();
    await expect.poll(() => panel.getAttribute('data-stage')).toBe('grid');
    await panel.getByTestId('mediation-session-note').fill('初次调解，双方分歧较大');
    await panel.getByTestId('mediation-session').click();
    await panel.getByTestId('mediation-sessions').locator('li').first().waitFor();
    await panel.getByTestId('mediation-refer-reason').fill('涉及维修费用认定，需调委会介入');
    await panel.getByTestId('mediation-refer').click();
    await expect.poll(() => panel.getAttribute('data-stage')).toBe('community');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/e2e-mediation-phone-zh.png`, fullPage: true });
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('the community staff hold a session in the console and refer it to the street', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'med_community', STAFF_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.url}/console?order=${orderId}`);
    const panel = page.getByTestId('mediation-panel');
    await expect.poll(() => panel.getAttribute('data-stage')).toBe('community');
    await panel.getByTestId('mediation-session-note').fill('调委会组织双方协商，楼上同意先行维修');
    await panel.getByTestId('mediation-session').click();
    await expect.poll(() => panel.getByTestId('mediation-sessions').locator('li').count()).toBe(3);
    await panel.getByTestId('mediation-refer-reason').fill('费用分担需司法所出具意见');
    await panel.getByTestId('mediation-refer').click();
    await expect.poll(() => panel.getAttribute('data-stage')).toBe('street');
    expect(await panel.getByTestId('mediation-session').count()).toBe(0); // no longer theirs to act on
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('the street staff record an agreement with its photo, and a follow-up visit is logged', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'med_street', STAFF_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.url}/console?order=${orderId}`);
    const panel = page.getByTestId('mediation-panel');
    await expect.poll(() => panel.getAttribute('data-stage')).toBe('street');
    await panel.getByTestId('mediation-outcome').selectOption('agreement');
    await panel.getByTestId('mediation-outcome-note').fill('双方签订调解协议，楼上承担维修费用');
    await panel
      .getByTestId('mediation-photo')
      .setInputFiles({ name: 'agreement.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
    await panel.getByTestId('mediation-record-outcome').click();
    await expect.poll(() => panel.getAttribute('data-status')).toBe('agreement');
    await expect.poll(() => panel.getByTestId('mediation-followups').locator('li').count()).toBe(2);
    await panel.getByTestId('mediation-followup-note').fill('7 天回访：已修复，双方无异议');
    await panel.getByTestId('mediation-followup').click();
    await expect.poll(() => panel.getByTestId('mediation-followups').locator('li[data-done=true]').count()).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/e2e-mediation-console-zh.png`, fullPage: true });
    await setLanguage(page, 'en');
    await expect.poll(() => page.getByTestId('mediation-status').textContent()).toContain('Agreement');
    await page.getByTestId('mediation-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/e2e-mediation-console-en.png`, fullPage: true });
    const m = await worker.get<Json>(`/api/orders/${orderId}/mediation`);
    expect(m.mediation).toMatchObject({ stage: 'street', status: 'agreement' });
    expect(m.mediation.sessions.map((s: Json) => s.stage)).toEqual(['grid', 'grid', 'community', 'community']);
    expect(m.mediation.followups.filter((f: Json) => f.doneAt)).toHaveLength(1);
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('the grid worker logs the next follow-up visit on the phone, in English', async () => {
    const w = await openPage(browser, { width: 390, height: 844 });
    const { page } = w;
    await loginThroughUi(page, server.url, 'worker1');
    await page.getByTestId('no-access').waitFor();
    await page.goto(`${server.url}/m`);
    await setLanguage(page, 'en');
    await page.click('[data-tab=mine]');
    await page.locator(`[data-order-id="${orderId}"]`).getByTestId('order-open').click();
    const panel = page.locator(`[data-order-id="${orderId}"]`).getByTestId('mediation-panel');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('agreement');
    await panel.getByTestId('mediation-followup-note').fill('30-day visit: no further dispute');
    await panel.getByTestId('mediation-followup').click();
    await expect.poll(() => panel.getByTestId('mediation-followups').locator('li[data-done=true]').count()).toBe(2);
    expect(await panel.getByTestId('mediation-followup').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/e2e-mediation-phone-en.png`, fullPage: true });
    expect(w.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("the wall's dispute panel shows the settlement rate once enough disputes are settled", async () => {
    // Ten more settled at the grid, so that the figures are no longer withheld (groups under 10 are).
    const bearer = await token('worker1', 'gridwall-demo');
    const photo = await uploadPhoto(bearer);
    for (let i = 0; i < 10; i++) {
      const id = await reportDispute();
      const open = await worker.post(`/api/orders/${id}/mediation`, {
        causeCode: 'parking_shortage',
        focus: '停车位不足引发的占位纠纷',
        parties: [
          { role: 'applicant', count: 1 },
          { role: 'respondent', count: 1 },
        ],
      });
      expect(open.status).toBe(200);
      const closed = await worker.post(`/api/orders/${id}/mediation/outcome`, {
        outcome: 'agreement',
        note: '双方协商一致',
        photos: [photo],
      });
      expect(closed.status).toBe(200);
    }
    // A 16:9 layout with the dispute panel where the parties panel is (an admin's edit).
    const screen = DEFAULT_LAYOUTS.find((l) => l.id === 'screen-16x9')!;
    const panels = screen.spec.panels.filter((p) => p.panel !== 'parties');
    const saved = await adminPut('/api/wall/layouts/disputes-16x9', {
      name: '纠纷调解 16:9',
      spec: { ...screen.spec, panels: [...panels, { panel: 'disputes', col: 10, row: 5, colSpan: 3, rowSpan: 2 }] },
    });
    expect(saved).toBe(200);
    const w = await openPage(browser);
    const { page } = w;
    await loginThroughUi(page, server.url, 'dispatcher');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.url}/?layout=disputes-16x9`);
    const panel = page.getByTestId('dispute-panel');
    await expect.poll(() => panel.getByTestId('dispute-rate').textContent(), { timeout: 30_000 }).toBe('100%');
    await expect.poll(() => panel.getByTestId('dispute-causes').textContent()).toContain('停车位不足');
    await page.screenshot({ path: `${SHOTS}/e2e-mediation-wall-zh.png` });
    await setLanguage(page, 'en');
    await expect
      .poll(() => panel.getByTestId('dispute-causes').textContent(), { timeout: 30_000 })
      .toContain('Too few parking spaces');
    await page.screenshot({ path: `${SHOTS}/e2e-mediation-wall-en.png` });
    await page.context().close();
  });
});
