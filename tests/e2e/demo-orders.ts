// A varied set of live orders for screenshots: every open status, the three hazard levels, spread over
// the grids. `npx tsx tests/e2e/demo-orders.ts http://127.0.0.1:8080 [count]`; also used by take-screenshots.
import { pathToFileURL } from 'node:url';
import { ORDER_CATEGORIES } from '../../contract/order-categories';
import type { HazardLevel, OrderActionInput } from '../../contract/orders';
import { act, apiLogin, gridPoints, reportOrder } from './orders-api';

const STEPS: OrderActionInput[][] = [
  [],
  [{ action: 'accept' }],
  [{ action: 'accept' }, { action: 'dispatch', leadDept: 'urban_mgmt', assistDepts: ['community'] }],
  [{ action: 'accept' }, { action: 'dispatch', leadDept: 'urban_mgmt', assistDepts: [] }, { action: 'start' }],
  [
    { action: 'accept' },
    { action: 'dispatch', leadDept: 'housing', assistDepts: [] },
    { action: 'start' },
    { action: 'resolve', note: '已清理完毕' },
  ],
  [
    { action: 'accept' },
    { action: 'dispatch', leadDept: 'market', assistDepts: [] },
    { action: 'return', reason: '不属本部门职责' },
  ],
];

export async function seedDemoOrders(baseUrl: string, count = 60): Promise<number> {
  const api = await apiLogin(baseUrl, 'dispatcher');
  const grids = await gridPoints(api);
  const cats = ORDER_CATEGORIES.filter((c) => c.fields.every((f) => !f.required));
  let made = 0;
  for (let i = 0; i < count; i++) {
    const g = grids[(i * 7) % grids.length];
    const cat = cats[(i * 5) % cats.length];
    const hazard: HazardLevel = i % 11 === 3 ? 'critical' : i % 4 === 1 ? 'major' : 'general';
    // Spread around the grid's label point (± ~80 m) so dots do not all sit on one spot; the label point if that leaves the grid.
    const jitter = (k: number) => Math.sin(i * 12.9898 + k * 78.233);
    const base = {
      categoryCode: cat.code,
      description: `演示工单 ${i + 1}: ${cat.zh}`,
      hazardLevel: hazard,
      source: i % 3 ? ('grid_worker' as const) : ('hotline_12345' as const),
    };
    const o = await reportOrder(api, {
      ...base,
      lon: g.lon + jitter(1) * 0.0008,
      lat: g.lat + jitter(2) * 0.0006,
    }).catch(() => reportOrder(api, { ...base, lon: g.lon, lat: g.lat }));
    for (const step of STEPS[i % STEPS.length]) {
      try {
        await act(api, o.id, step);
      } catch {
        break; // auto-dispatched hazards skip some steps
      }
    }
    made++;
  }
  return made;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [url = 'http://127.0.0.1:8080', n = '60'] = process.argv.slice(2);
  console.log('orders made:', await seedDemoOrders(url, Number(n)));
}
