// The offline base map from a real district's own layers, in real Chromium at 7680×2160: the Gulou excerpt
// (tests/fixtures/gulou) imported through the API into an empty installation, then the wall zoomed to its streets
// draws the road names (Chinese, along the roads, a bounded number), the building footprints and the points of
// interest; zoomed out, no names.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gcj02ToWgs84 } from '../../geodata/crs/china';
import { MAX_ROAD_LABELS } from '../../web/map/layers/road-labels-layer';
import { layerReportOf } from '../helpers/layer-imports';
import { launchBrowser, loginThroughUi, openPage, waitForMapReady } from './browser';
import { countNear, decodePng, type RgbaImage } from './png';
import { startServer, type ServerUnderTest } from './server';

const SHOTS = process.env.GRIDWALL_E2E_SHOTS ?? '/tmp/shots';
const PASSWORD = 'Rt5-cobalt-meadow-83';
const GULOU = new URL('../fixtures/gulou/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, GULOU));
type Json = Record<string, any>;

/** The parts of window.__gridwall (web/map/test-hooks.ts) this test uses. */
interface Hooks {
  map: {
    jumpTo(o: { center: [number, number]; zoom: number }): void;
    once(event: 'idle', fn: (value: unknown) => void): void;
    setLayoutProperty(layer: string, name: string, value: string): void;
  };
  roadLabels(): { name: string; roadClass: string; angle: number; x: number; y: number }[];
}

let server: ServerUnderTest;
let browser: Browser;
let token: string;

async function importAccepted(base: string, file: string, body: Buffer | string, fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), file);
  const auth = { authorization: `Bearer ${token}` };
  const r = await fetch(`${server.url}${base}`, { method: 'POST', body: f, headers: auth });
  // Boundaries answer their report (201); layers are analysed by a job (202), whose report is polled for.
  const rep = base === '/api/layers/imports' ? await layerReportOf(server.url, token, r) : ((await r.json()) as Json);
  if (base !== '/api/layers/imports') expect(r.status, JSON.stringify(rep).slice(0, 300)).toBe(201);
  expect(rep.acceptable, JSON.stringify(rep.problems ?? rep).slice(0, 300)).toBe(true);
  const done = await fetch(`${server.url}${base}/${rep.id}/accept`, { method: 'POST', headers: auth });
  expect(done.status).toBe(200);
}

/** Moves the map and waits until it has drawn the new view (tiles loaded, road names placed). */
async function jump(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    async ([c, z]) => {
      const map = (window as unknown as { __gridwall: Hooks }).__gridwall.map;
      const idle = new Promise((resolve) => map.once('idle', resolve));
      map.jumpTo({ center: c as [number, number], zoom: z as number });
      await idle;
    },
    [center, zoom] as const,
  );
  await waitForMapReady(page);
  await page.waitForTimeout(800); // deck.gl draws the names on its next frames
}
/** Pixels of a rectangle whose colour differs between two screenshots. */
function changedPixels(a: RgbaImage, b: RgbaImage, rect: { x: number; y: number; width: number; height: number }) {
  let n = 0;
  for (let y = rect.y; y < Math.min(a.height, rect.y + rect.height); y++)
    for (let x = rect.x; x < Math.min(a.width, rect.x + rect.width); x++) {
      const i = (y * a.width + x) * 4;
      const d =
        Math.abs(a.data[i] - b.data[i]) +
        Math.abs(a.data[i + 1] - b.data[i + 1]) +
        Math.abs(a.data[i + 2] - b.data[i + 2]);
      if (d > 12) n++;
    }
  return n;
}
const roadLabels = (page: Page) =>
  page.evaluate(() => (window as unknown as { __gridwall: Hooks }).__gridwall.roadLabels());

beforeAll(async () => {
  server = await startServer({ seedSize: 'none', env: { GRIDWALL_ADMIN_PASSWORD: PASSWORD } });
  browser = await launchBrowser();
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  token = ((await r.json()) as { token: string }).token;
  const gcj = { crs: 'gcj02' };
  await importAccepted('/api/imports', 'district.geojson', read('gulou_district_gcj02.geojson'), {
    options: JSON.stringify({ level: 'district', ...gcj }),
  });
  await importAccepted('/api/imports', 'streets.geojson', read('gulou_streets_points_gcj02.geojson'), {
    options: JSON.stringify({ level: 'street', ...gcj }),
  });
  const committees = JSON.parse(read('gulou_communities_points_gcj02.geojson').toString('utf8')) as Json;
  committees.features = committees.features
    .filter((f: Json) => f.geometry)
    .map((f: Json) => ({ ...f, properties: { name: f.properties.name, code: f.properties.code } }));
  await importAccepted('/api/imports', 'communities.geojson', JSON.stringify(committees), {
    options: JSON.stringify({ level: 'community', ...gcj }),
  });
  for (const layer of ['buildings', 'roads', 'water', 'resources'] as const) {
    const file = layer === 'resources' ? 'pois.geojson' : `${layer}.geojson`;
    await importAccepted('/api/layers/imports', file, read(file), { layer, ...gcj });
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the base map of an imported district', () => {
  it('names its roads along them at street zoom on the wall, with its buildings and points of interest', async () => {
    const w = await openPage(browser, { width: 7680, height: 2160 });
    const { page } = w;
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    });
    await loginThroughUi(page, server.url, 'admin', PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await waitForMapReady(page);
    // The middle of the excerpt's roads (宁海路, 北京西路, 上海路 …), as the fixture gives it in GCJ-02.
    const center = gcj02ToWgs84([118.7752, 32.0636]) as [number, number];

    const box = (await page.getByTestId('map').boundingBox())!;
    const rect = {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
    await jump(page, center, 12.5);
    expect(await roadLabels(page)).toEqual([]);

    await jump(page, center, 16);
    const labels = await roadLabels(page);
    const names = new Set(labels.map((l) => l.name));
    for (const name of ['宁海路', '北京西路', '上海路', '虎踞路']) expect(names, name).toContain(name);
    expect(labels.length).toBeLessThanOrEqual(MAX_ROAD_LABELS);
    for (const l of labels) {
      expect(l.angle).toBeGreaterThanOrEqual(-90);
      expect(l.angle).toBeLessThanOrEqual(90);
    }
    mkdirSync(SHOTS, { recursive: true });
    const png = await page.screenshot();
    writeFileSync(`${SHOTS}/e2e-basemap-district-wall.png`, png);
    // A closer look at the middle of the map for the eye: names, footprints, markers.
    const mid = { x: box.x + box.width / 2 - 1200, y: box.y + box.height / 2 - 600, width: 2400, height: 1200 };
    writeFileSync(`${SHOTS}/e2e-basemap-district-detail.png`, await page.screenshot({ clip: mid }));

    writeFileSync(`${SHOTS}/e2e-basemap-district-labels.json`, JSON.stringify(labels, null, 1));
    // The names are drawn, not only placed: their text's light colours are on the map at (nearly) every anchor.
    const img = decodePng(png);
    const inked = labels.filter((l) => {
      const around = { x: Math.round(l.x) - 12, y: Math.round(l.y) - 12, width: 24, height: 24 };
      return countNear(img, [214, 230, 250], 40, around) + countNear(img, [176, 196, 222], 40, around) >= 8;
    });
    expect(inked.length).toBeGreaterThanOrEqual(Math.ceil(labels.length * 0.8));
    // Footprints: hiding their layers changes thousands of the map's pixels.
    await page.evaluate(async () => {
      const map = (window as unknown as { __gridwall: Hooks }).__gridwall.map;
      const idle = new Promise((resolve) => map.once('idle', resolve));
      map.setLayoutProperty('building-fill', 'visibility', 'none');
      map.setLayoutProperty('building-line', 'visibility', 'none');
      await idle;
    });
    expect(changedPixels(img, decodePng(await page.screenshot()), rect)).toBeGreaterThan(1000);
    expect(w.offMachineRequests).toEqual([]);
    // A district with no grids yet has no assessment results (the wall's evaluation panel asks, and is told 404).
    expect(refused.filter((r) => !r.includes('/api/evaluation/results'))).toEqual([]);
    expect(w.consoleErrors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await page.context().close();
  });
});
