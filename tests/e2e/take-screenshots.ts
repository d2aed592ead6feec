// Screenshots of the wall at desk and video-wall sizes, the dispatcher console and the phone page,
// for looking at by eye (adds demo orders first when the server has few open ones):
//   npx tsx tests/e2e/take-screenshots.ts http://127.0.0.1:8080 [/tmp/shots]
import { mkdirSync } from 'node:fs';
import { launchBrowser, loginThroughUi, openPage, waitForMapReady } from './browser';
import { seedDemoOrders } from './demo-orders';
import { apiLogin, reportOrder } from './orders-api';

const [url = 'http://127.0.0.1:8080', dir = '/tmp/shots'] = process.argv.slice(2);
const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '7680x2160', width: 7680, height: 2160 },
];

mkdirSync(dir, { recursive: true });
const dispatcher = await apiLogin(url, 'dispatcher');
if (
  (await dispatcher.get<unknown[]>('/api/orders?status=reported,accepted,dispatched,in_progress&limit=100')).length < 20
)
  await seedDemoOrders(url, 60);
const browser = await launchBrowser();
try {
  for (const size of SIZES) {
    const w = await openPage(browser, { width: size.width, height: size.height });
    const { page } = w;
    await loginThroughUi(page, url, 'operator');
    await waitForMapReady(page, 180_000);
    // A critical hazard reported while the wall is open: its alarm tops the ticker, its dot flashes.
    const open = await dispatcher.get<{ lon: number; lat: number }[]>('/api/orders?status=reported&limit=1');
    if (open[0])
      await reportOrder(dispatcher, {
        categoryCode: 'SAF-04',
        hazardLevel: 'critical',
        fields: { gasIssue: 'leak_smell' },
        description: '燃气泄漏气味',
        lon: open[0].lon + 0.0004,
        lat: open[0].lat,
      });
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `${dir}/wall-${size.name}.png` });
    if (size.width > 1920) {
      // Native-resolution details of a wall, viewable at 1:1.
      await page.screenshot({
        path: `${dir}/wall-${size.name}-detail-map.png`,
        clip: { x: size.width / 2 - 960, y: size.height / 2 - 540, width: 1920, height: 1080 },
      });
      await page.screenshot({
        path: `${dir}/wall-${size.name}-detail-left.png`,
        clip: { x: 0, y: 0, width: 1920, height: 1080 },
      });
      await page.screenshot({
        path: `${dir}/wall-${size.name}-detail-right.png`,
        clip: { x: size.width - 1920, y: 0, width: 1920, height: 1080 },
      });
    }
    // An order's timeline drawer, opened from the map.
    const dot = await page.evaluate(() => {
      const g = (window as unknown as { __gridwall: { orders: { ids(): number[] } | null } }).__gridwall;
      return g.orders?.ids()[0] ?? null;
    });
    if (dot !== null && size.width === 1920) {
      const o = await dispatcher.get<{ lon: number; lat: number }>(`/api/orders/${dot}`);
      const p = await page.evaluate(
        ([lon, lat]) =>
          (
            window as unknown as { __gridwall: { project(a: number, b: number): { x: number; y: number } } }
          ).__gridwall.project(lon, lat),
        [o.lon, o.lat],
      );
      await page.mouse.click(p.x, p.y);
      await page
        .getByTestId('order-drawer')
        .waitFor({ timeout: 5000 })
        .catch(() => undefined);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${dir}/wall-${size.name}-drawer.png` });
    }
    console.log(size.name, {
      consoleErrors: w.consoleErrors,
      offMachine: w.offMachineRequests,
      failed: w.failedRequests,
    });
    await page.context().close();
  }

  const c = await openPage(browser);
  await loginThroughUi(c.page, url, 'dispatcher');
  await c.page.waitForURL(`${url}/`);
  const [first] = await dispatcher.get<{ id: number }[]>('/api/orders?status=reported&limit=1');
  await c.page.goto(`${url}/console${first ? `?order=${first.id}` : ''}`);
  await c.page.getByTestId('queue').waitFor();
  await c.page
    .waitForSelector('[data-testid=mini-map][data-map-ready=true]', { timeout: 60_000 })
    .catch(() => undefined);
  await c.page.click('[data-testid=actions] button[data-action=hold]').catch(() => undefined);
  await c.page.waitForTimeout(800);
  await c.page.screenshot({ path: `${dir}/console-1920x1080.png` });
  console.log('console', { consoleErrors: c.consoleErrors });
  await c.page.context().close();

  const m = await openPage(
    browser,
    { width: 390, height: 844 },
    { geolocation: { longitude: 121.4545, latitude: 31.2546 }, permissions: ['geolocation'] },
  );
  await loginThroughUi(m.page, url, 'worker1');
  await m.page.getByTestId('no-access').waitFor();
  await m.page.goto(`${url}/m`);
  await m.page.getByTestId('report-form').waitFor();
  await m.page.selectOption('[data-testid=report-category]', 'SAF-04');
  await m.page.fill('[data-testid=report-description]', '3 号楼 2 单元楼道有燃气味');
  await m.page.click('[data-testid=locate]');
  await m.page
    .waitForSelector('[data-testid=mini-map][data-map-ready=true]', { timeout: 60_000 })
    .catch(() => undefined);
  await m.page.waitForTimeout(800);
  await m.page.screenshot({ path: `${dir}/mobile-390x844-report.png`, fullPage: true });
  await m.page.click('[data-tab=mine]');
  await m.page.waitForTimeout(800);
  await m.page.screenshot({ path: `${dir}/mobile-390x844-mine.png` });
  console.log('mobile', { consoleErrors: m.consoleErrors });
  await m.page.context().close();
} finally {
  await browser.close();
}
