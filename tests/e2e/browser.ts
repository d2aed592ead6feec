// Headless Chromium for e2e tests (WebGL2 through SwiftShader), plus a page that records
// console errors and every request that tries to leave this machine.
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  /** Requests to any host other than this machine (the wall must work offline). */
  offMachineRequests: string[];
  /** Requests that failed for a reason other than being cancelled (MapLibre cancels tiles it no longer needs). */
  failedRequests: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function openPage(
  browser: Browser,
  viewport = { width: 1920, height: 1080 },
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...options });
  const page = await context.newPage();
  const watched: WatchedPage = { page, consoleErrors: [], offMachineRequests: [], failedRequests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watched.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => watched.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (
      (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol.startsWith('ws')) &&
      !LOCAL_HOSTS.has(u.hostname)
    ) {
      watched.offMachineRequests.push(r.url());
    }
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (!why.includes('ERR_ABORTED')) watched.failedRequests.push(`${r.url()} ${why}`);
  });
  return watched;
}

export async function loginThroughUi(
  page: Page,
  baseUrl: string,
  username: string,
  password = 'gridwall-demo',
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

export async function waitForMapReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForSelector('[data-testid=map][data-map-ready=true]', { timeout });
}
