// One order through every party (五级联动) in real Chromium, each step by its own account on its own page: the grid
// worker reports it on the phone with the resident's contact and hands it up; the community hands it up; the street
// dispatches it to urban management, which returns it and, re-dispatched, signs for it, asks for 48 hours more and
// asks housing to assist; housing answers from its desk; urban management resolves it with a photo; the centre's
// reviewer passes it, the centre records the resident's rating and the reviewer closes it. The wall stays open
// throughout and follows live. Screenshots (zh) of the phone, the console, the department desk and the wall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { OrderDetail } from '../../contract/orders';
import { launchBrowser, loginThroughUi, openPage, waitForMapReady, type WatchedPage } from './browser';
import { startServer, type ServerUnderTest } from './server';
import { apiLogin, type ApiSession } from './orders-api';

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const H = 3_600_000;

interface Party extends WatchedPage {
  /** Every POST this page sent and the status it got. */
  posts: { url: string; status: number }[];
  /** Every request of this page that the server refused (4xx/5xx). */
  refusals: string[];
}
type Hooks = { __gridwall?: { orders?: { ids(): number[]; connection(): string } | null } };

let server: ServerUnderTest;
let browser: Browser;
let centre: ApiSession;
let spot: { lon: number; lat: number };
const pages: Record<string, Party> = {};

async function party(username: string, viewport = { width: 1920, height: 1080 }): Promise<Party> {
  const w = await openPage(browser, viewport, {
    geolocation: { longitude: spot.lon, latitude: spot.lat },
    permissions: ['geolocation'],
  });
  const p: Party = { ...w, posts: [], refusals: [] };
  w.page.on('response', (r) => {
    if (r.request().method() === 'POST') p.posts.push({ url: r.url(), status: r.status() });
    if (r.status() >= 400) p.refusals.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
  });
  await loginThroughUi(w.page, server.url, username);
  await w.page.waitForURL((u) => u.pathname !== '/login');
  pages[username] = p;
  return p;
}

const detail = (id: number) => centre.get<OrderDetail>(`/api/orders/${id}`);

/** Opens the order in the console (or the department desk) of this account. */
async function openOrder(p: Party, id: number, at: '/console' | '/dept' = '/console'): Promise<void> {
  await p.page.goto(`${server.url}${at}?order=${id}`);
  await p.page.waitForSelector(`[data-testid=order-pane]`);
  await p.page.getByTestId('order-holder').waitFor();
}

const offered = (page: Page) =>
  page.$$eval('[data-testid=actions] button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')));

/** Takes an offered action through the pane's bar (and its form, filled by `fill`); the server answers 200. */
async function take(p: Party, action: string, fill?: (form: Locator) => Promise<unknown>): Promise<void> {
  const { page } = p;
  await expect.poll(() => offered(page), { message: action, timeout: 15_000 }).toContain(action);
  const events = await page.locator('[data-testid=order-timeline] li.event').count();
  const answered = page.waitForResponse((r) => r.url().endsWith('/actions') && r.request().method() === 'POST');
  await page.click(`[data-testid=actions] button[data-action=${action}]`);
  if (fill) {
    const form = page.locator(`[data-testid=action-form][data-form=${action}]`);
    await form.waitFor();
    await fill(form);
    await form.getByTestId('action-submit').click();
  }
  const r = await answered.catch(async (e: unknown) => {
    await page.screenshot({ path: `${SHOTS}/e2e-parties-failed-${action}.png` });
    throw e;
  });
  expect(r.status(), `${action}: ${await r.text()}`).toBe(200);
  // The pane reloads the order after the step (the department desk goes back to its queue after a return).
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid=order-timeline] li.event').length > n ||
      !document.querySelector('[data-testid=order-pane]'),
    events,
  );
}

/** The pane of this page shows the holder the server names now. */
async function showsHolder(p: Party, id: number): Promise<string> {
  const name = (await detail(id)).holder!.name;
  await expect.poll(() => p.page.getByTestId('order-holder').textContent(), { timeout: 15_000 }).toContain(name);
  return name;
}

const wallHas = (wall: Page, id: number) =>
  wall.evaluate((x) => (window as unknown as Hooks).__gridwall?.orders?.ids().includes(x) ?? false, id);
const kpi = async (wall: Page, key: string) =>
  Number(((await wall.locator(`[data-kpi=${key}] .value`).textContent()) ?? '').replace(/\D/g, '') || NaN);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  centre = await apiLogin(server.url, 'dispatcher');
  const worker = await apiLogin(server.url, 'worker1');
  const gridId = (await worker.get<{ user: { areaId: number } }>('/api/auth/me')).user.areaId;
  const grid = await worker.get<{ properties: { labelLon: number; labelLat: number } }>(`/api/areas/${gridId}`);
  spot = { lon: grid.properties.labelLon, lat: grid.properties.labelLat };
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('one order through every party', () => {
  it('goes from the grid to a department and back to the centre, each party on its own page, the wall following', async () => {
    // The wall, open from the start.
    const wall = await party('operator');
    await waitForMapReady(wall.page);
    await wall.page.waitForFunction(() => (window as unknown as Hooks).__gridwall?.orders?.connection() === 'live');
    await expect.poll(() => kpi(wall.page, 'todayCreated'), { timeout: 30_000 }).not.toBeNaN();
    const createdBefore = await kpi(wall.page, 'todayCreated');
    const closedBefore = await kpi(wall.page, 'todayClosed');

    // 1. The grid worker reports on the phone, with the resident who raised it, and hands it up.
    const phone = await party('worker1', { width: 390, height: 844 });
    await phone.page.goto(`${server.url}/m`);
    const form = phone.page.getByTestId('report-form');
    await form.waitFor();
    await phone.page.click('[data-testid=locate]');
    await phone.page.getByTestId('located').waitFor();
    await phone.page.selectOption('[data-testid=report-category]', 'SAN-04');
    await phone.page.fill('[data-testid=report-description]', 'e2e 五级联动：小区门口生活垃圾三天未清运');
    await phone.page.fill('[data-testid=report-reporter-name]', '李阿姨');
    await phone.page.fill('[data-testid=report-reporter-phone]', '13912345678');
    await phone.page.getByTestId('report-reporter-phone').scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: `${SHOTS}/e2e-parties-phone-report-zh.png` });
    await phone.page.getByTestId('lang-switch').click();
    await phone.page.getByText('Resident (optional, for the callback)').waitFor();
    await phone.page.screenshot({ path: `${SHOTS}/e2e-parties-phone-report-en.png` });
    await phone.page.getByTestId('lang-switch').click();
    await phone.page.getByText('群众（可选，回访用）').waitFor();
    await phone.page.click('[data-testid=report-submit]');
    await expect.poll(() => phone.page.getByTestId('mobile-notice').textContent(), { timeout: 15_000 }).toMatch(/#\d+/);
    const id = Number(/#(\d+)/.exec((await phone.page.getByTestId('mobile-notice').textContent())!)![1]);
    const reported = await detail(id);
    expect(reported).toMatchObject({ status: 'reported', categoryCode: 'SAN-04', leadDept: null });
    expect(reported.holder).toMatchObject({ kind: 'grid' });
    expect(reported.reporter).toEqual({ name: '李阿姨', phone: '13912345678' });
    // The wall takes the new order onto its layer and counts it, without a reload.
    await expect.poll(() => wallHas(wall.page, id), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => kpi(wall.page, 'todayCreated'), { timeout: 30_000 }).toBe(createdBefore + 1);

    await phone.page.click('[data-tab=mine]');
    const card = phone.page.locator(`[data-order-id="${id}"]`);
    await card.getByTestId('order-open').click();
    await card.getByTestId('order-detail').waitFor();
    await card.locator('[data-action=hand_up]').waitFor();
    await card.locator('[data-action=hand_up]').click();
    await card.getByTestId('action-text').fill('垃圾堆积量大，需社区协调清运');
    const handedUp = phone.page.waitForResponse((r) => r.url().endsWith(`/api/orders/${id}/actions`));
    await card.getByTestId('action-submit').click();
    expect((await handedUp).status()).toBe(200);
    await phone.page.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await detail(id)).holder).toMatchObject({ kind: 'community' });
    await phone.page.screenshot({ path: `${SHOTS}/e2e-parties-phone-zh.png` });

    // 2. The community hands it up to the street.
    const community = await party('community_staff');
    await openOrder(community, id);
    const communityName = await showsHolder(community, id);
    await take(community, 'hand_up', (f) => f.getByTestId('reason').fill('涉及沿街商铺，需街道协调'));
    const streetName = await showsHolder(community, id);
    expect(streetName).not.toBe(communityName);

    // 3. The street accepts it and dispatches it to urban management.
    const street = await party('street_staff');
    await openOrder(street, id);
    await take(street, 'accept');
    await take(street, 'dispatch', (f) => f.getByTestId('lead-dept').selectOption('urban_mgmt'));
    const deptName = await showsHolder(street, id);
    expect((await detail(id)).holder).toMatchObject({ kind: 'department', dept: 'urban_mgmt' });

    // 4. Urban management returns it from its desk; the street re-dispatches it.
    const urban = await party('dept_urban_mgmt');
    expect(new URL(urban.page.url()).pathname).toBe('/dept');
    await openOrder(urban, id, '/dept');
    expect(await urban.page.getByTestId('order-holder').textContent()).toContain(deptName);
    await take(urban, 'return', (f) => f.getByTestId('reason').fill('清运车辆调度属环卫所，请核实'));
    expect(await detail(id)).toMatchObject({ status: 'returned', holder: { kind: 'street' } });
    // It is no longer the department's: its desk is back at the queue, and the order is not on it.
    await urban.page.getByTestId('order-pane').waitFor({ state: 'detached' });
    await expect
      .poll(() => urban.page.locator(`[data-testid=dept-queue] [data-order-id="${id}"]`).count(), { timeout: 15_000 })
      .toBe(0);
    await openOrder(street, id);
    expect(await street.page.getByTestId('order-holder').textContent()).toContain(streetName);
    await take(street, 'reroute', (f) => f.getByTestId('lead-dept').selectOption('urban_mgmt'));
    await showsHolder(street, id);

    // 5. Urban management signs for it and asks for 48 hours more; the street approves, the deadline moves.
    await openOrder(urban, id, '/dept');
    await take(urban, 'sign');
    expect((await detail(id)).status).toBe('in_progress');
    const before = Date.parse((await detail(id)).deadline);
    await take(urban, 'request_extension', async (f) => {
      await f.locator('input[type=number]').fill('48');
      await f.getByTestId('reason').fill('需协调夜间清运车辆');
    });
    await openOrder(street, id);
    await expect(street.page.getByTestId('order-extension').textContent()).resolves.toContain('待审批');
    await take(street, 'decide_extension', async (f) => {
      await f.locator('input[type=radio]').first().check();
    });
    expect(Date.parse((await detail(id)).deadline) - before).toBe(48 * H);
    await street.page.screenshot({ path: `${SHOTS}/e2e-parties-console-street-zh.png` });

    // 6. Urban management asks housing to assist; housing signs for its part and finishes it from its desk.
    await openOrder(urban, id, '/dept');
    await take(urban, 'request_assist', (f) => f.locator('input[type=checkbox][value=housing]').check());
    const housing = await party('dept_housing');
    await housing.page.click('[data-filter=assisting]');
    await housing.page.waitForSelector(`[data-testid=dept-queue] button[data-order-id="${id}"]`);
    await housing.page.click(`[data-testid=dept-queue] button[data-order-id="${id}"]`);
    await housing.page.getByTestId('order-holder').waitFor();
    await take(housing, 'assist_update', (f) => f.locator('select').nth(1).selectOption('signed'));
    await take(housing, 'assist_update', async (f) => {
      await f.locator('select').nth(1).selectOption('done');
      await f.getByTestId('note').fill('已核实，协助完成');
    });
    expect((await detail(id)).assists).toEqual([expect.objectContaining({ dept: 'housing', status: 'done' })]);
    await expect(housing.page.getByTestId('order-assists').textContent()).resolves.toBeTruthy();
    await housing.page.screenshot({ path: `${SHOTS}/e2e-parties-dept-housing-zh.png` });

    // 7. Urban management resolves it with a photo uploaded through the form.
    await openOrder(urban, id, '/dept');
    await take(urban, 'resolve', async (f) => {
      await f.getByTestId('note').fill('垃圾已全部清运，地面已冲洗');
      await f.locator('input[type=file]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
      await f.locator('figure img').waitFor();
    });
    const resolved = await detail(id);
    expect(resolved.status).toBe('resolved');
    const resolveEvent = resolved.events.find((e) => e.action === 'resolve')!;
    expect(resolveEvent.data?.photos).toHaveLength(1);
    await urban.page.screenshot({ path: `${SHOTS}/e2e-parties-dept-zh.png` });

    // 8. The centre's reviewer passes the review.
    const reviewer = await party('reviewer');
    await openOrder(reviewer, id);
    await reviewer.page.waitForSelector('[data-testid=order-pane][data-status=resolved]');
    await take(reviewer, 'review_pass');

    // 9. The centre records the resident's rating through the console's form.
    const dispatcher = await party('dispatcher');
    await openOrder(dispatcher, id);
    await take(dispatcher, 'rate', (f) => f.locator('select').selectOption('satisfied'));
    expect((await detail(id)).rating).toBe('satisfied');

    // 10. The reviewer closes it (销号).
    await openOrder(reviewer, id);
    // The resident rated it: close-out needs no failed callback.
    await take(reviewer, 'close', async (f) => {
      await expect(f.locator('input[type=checkbox]').isChecked()).resolves.toBe(false);
    });
    await reviewer.page.waitForSelector('[data-testid=order-pane][data-status=closed]');

    const done = await detail(id);
    expect(done.status).toBe('closed');
    expect(done.events.map((e) => e.action)).toEqual([
      'report',
      'hand_up',
      'hand_up',
      'accept',
      'dispatch',
      'return',
      'reroute',
      'sign',
      'request_extension',
      'decide_extension',
      'request_assist',
      'assist_update',
      'assist_update',
      'resolve',
      'review_pass',
      'rate',
      'close',
    ]);
    // The timeline shows each move of the holder, as the events record them.
    const key = (x: unknown) => JSON.stringify(x ?? null);
    const moves = done.events.filter((e) => e.action !== 'report' && key(e.data?.holder) !== key(e.data?.fromHolder));
    expect(moves.map((e) => e.action)).toEqual(['hand_up', 'hand_up', 'dispatch', 'return', 'reroute']);
    const shown = await reviewer.page.$$eval('[data-testid=holder-move]', (ms) => ms.map((m) => m.textContent ?? ''));
    expect(shown).toHaveLength(moves.length);
    // Moves name the kind of party (the events carry no names); a department by its name.
    expect(shown[0]).toContain('网格 → 社区');
    expect(shown[1]).toContain('社区 → 街道');
    expect(shown[2]).toContain(`街道 → ${deptName}`);
    expect(shown[3]).toContain(`${deptName} → 街道`);
    expect(shown[4]).toContain(`街道 → ${deptName}`);
    await reviewer.page.screenshot({ path: `${SHOTS}/e2e-parties-console-zh.png` });

    // The wall drops the closed order from its layer and counts it closed today, without a reload.
    await expect.poll(() => wallHas(wall.page, id), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => kpi(wall.page, 'todayClosed'), { timeout: 30_000 }).toBe(closedBefore + 1);
    await wall.page.screenshot({ path: `${SHOTS}/e2e-parties-wall-zh.png` });

    for (const [who, p] of Object.entries(pages)) {
      expect(
        p.posts.filter((x) => x.status >= 400),
        who,
      ).toEqual([]);
      expect(p.refusals, who).toEqual([]);
      expect(p.consoleErrors, who).toEqual([]);
    }
  });
});
