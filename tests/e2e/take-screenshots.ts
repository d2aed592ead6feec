// Screenshots of the wall at desk and video-wall sizes, for looking at by eye:
//   npx tsx tests/e2e/take-screenshots.ts http://127.0.0.1:8080 [/tmp/shots]
import { mkdirSync } from 'node:fs';
import { launchBrowser, loginThroughUi, openPage, waitForMapReady } from './browser';

const [url = 'http://127.0.0.1:8080', dir = '/tmp/shots'] = process.argv.slice(2);
const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '7680x2160', width: 7680, height: 2160 },
];

mkdirSync(dir, { recursive: true });
const browser = await launchBrowser();
try {
  for (const size of SIZES) {
    const w = await openPage(browser, { width: size.width, height: size.height });
    const { page } = w;
    await loginThroughUi(page, url, 'operator');
    await waitForMapReady(page, 180_000);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${dir}/wall-${size.name}.png` });
    if (size.width > 1920) {
      // Native-resolution details of a wall, viewable at 1:1.
      await page.screenshot({ path: `${dir}/wall-${size.name}-detail-map.png`, clip: { x: size.width / 2 - 960, y: size.height / 2 - 540, width: 1920, height: 1080 } });
      await page.screenshot({ path: `${dir}/wall-${size.name}-detail-left.png`, clip: { x: 0, y: 0, width: 1920, height: 1080 } });
    }
    const points = await page.evaluate(() => (window as unknown as { __gridwall: { labelPoints(): { x: number; y: number; name: string }[] } }).__gridwall.labelPoints());
    const box = (await page.getByTestId('map').boundingBox())!;
    const p = points.find((q) => q.y > box.y + 100 * (size.height / 1080) && q.x > box.x + 60 && q.x < box.x + box.width - 60 && q.y < box.y + box.height - 60);
    for (const depth of ['street', 'community', 'grid']) {
      const pts = await page.evaluate(() => (window as unknown as { __gridwall: { labelPoints(): { x: number; y: number; name: string }[] } }).__gridwall.labelPoints());
      const target = depth === 'street' && p ? p : pts.find((q) => q.x > box.x + 60 && q.x < box.x + box.width - 60 && q.y > box.y + 100 && q.y < box.y + box.height - 60);
      if (!target) break;
      await page.mouse.click(target.x, target.y);
      await page.waitForFunction((name) => document.querySelector('[data-testid=breadcrumb-current]')?.textContent?.includes(name), target.name);
      await page.waitForTimeout(300);
      await waitForMapReady(page, 180_000);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${dir}/wall-${size.name}-${depth}.png` });
    }
    console.log(size.name, { consoleErrors: w.consoleErrors, offMachine: w.offMachineRequests, failed: w.failedRequests });
    await page.context().close();
  }
} finally {
  await browser.close();
}
