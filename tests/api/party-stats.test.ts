// Orders by the party holding them (五级联动): open and overdue now, resolved on time, returned and handed up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartyStatsRow } from '../../contract/order-stats.js';
import { drawSeq } from '../../api/events/log.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let tokens: Record<string, string>;
let p: { lon: number; lat: number; grid: number; community: number; district: number };
type Json = Record<string, any>;

const create = async () =>
  (
    (await (
      await t.post(
        '/api/orders',
        { categoryCode: 'PRK-01', description: '乱停车堵住消防通道', source: 'grid_worker', lon: p.lon, lat: p.lat },
        tokens.dispatcher,
      )
    ).json()) as Json
  ).order as { id: number };

/** Puts an order with a party, as the lifecycle leaves it; the statistics read only the columns and the events. */
async function holdBy(id: number, kind: string, areaId: number | null, dept: string | null, overdue = false) {
  await t.db.query(
    `UPDATE orders SET holder_kind = $2, holder_area_id = $3, holder_dept = $4,
       deadline = CASE WHEN $5 THEN now() - interval '1 hour' ELSE deadline END WHERE id = $1`,
    [id, kind, areaId, dept, overdue],
  );
}
async function moved(id: number, action: 'return' | 'hand_up', fromHolder: Json) {
  await t.db.tx(async (q) => {
    const seq = await drawSeq(q);
    await q.query(
      `INSERT INTO order_events (seq, order_id, at, actor_id, actor_role, actor_name, action, from_status, to_status, data)
       VALUES ($1, $2, now(), 1, 'dispatcher', '调度员', $3, 'dispatched', 'returned', $4::jsonb)`,
      [seq, id, action, JSON.stringify({ fromHolder })],
    );
  });
}

const stats = async (token: string) => {
  const res = await t.get('/api/orders/parties', token);
  expect(res.status).toBe(200);
  return PartyStatsRow.array().parse(await res.json());
};

beforeAll(async () => {
  t = await startTestApp();
  tokens = {};
  for (const u of ['dispatcher', 'planner', 'community1']) tokens[u] = await t.login(u);
  p = (
    await t.db.query<typeof p>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, g.id AS grid, g.parent_id AS community,
         (SELECT d.id FROM areas d WHERE d.level = 'district' AND g.path LIKE d.path || '%') AS district
       FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
});
afterAll(async () => t?.close());

describe('orders by party', () => {
  it('counts what each party holds, what is overdue, what departments returned and what was handed up', async () => {
    const before = await stats(tokens.planner);
    const find = (rows: PartyStatsRow[], kind: string, key: number | string) =>
      rows.find((r) => r.kind === kind && (kind === 'department' ? r.dept === key : r.areaId === key));
    const a = await create();
    const b = await create();
    const c = await create();
    await holdBy(a.id, 'community', p.community, null, true);
    await holdBy(b.id, 'community', p.community, null);
    await holdBy(c.id, 'department', p.district, 'fire');
    await moved(c.id, 'return', { kind: 'department', areaId: p.district, dept: 'fire' });
    await moved(a.id, 'hand_up', { kind: 'grid', areaId: p.grid });

    const after = await stats(tokens.planner);
    const community = find(after, 'community', p.community)!;
    const was = find(before, 'community', p.community);
    expect(community.open - (was?.open ?? 0)).toBe(2);
    expect(community.overdue - (was?.overdue ?? 0)).toBe(1);
    expect(community.name).toMatch(/社区|村/);
    const fire = find(after, 'department', 'fire')!;
    expect(fire.returned - (find(before, 'department', 'fire')?.returned ?? 0)).toBe(1);
    expect(fire.name).not.toBe('fire');
    const grid = find(after, 'grid', p.grid)!;
    expect(grid.handedUp - (find(before, 'grid', p.grid)?.handedUp ?? 0)).toBe(1);
  });

  it('keeps to the scope of the account, and refuses an area outside it', async () => {
    const rows = await stats(tokens.community1);
    const inScope = await t.db.query<{ id: number }>(
      `SELECT a.id FROM areas a, accounts u JOIN areas s ON s.id = u.area_id
       WHERE u.username = 'community1' AND a.path LIKE s.path || '%'`,
    );
    const ids = new Set(inScope.rows.map((r) => r.id));
    for (const r of rows) if (r.kind !== 'department' && r.kind !== 'centre') expect(ids.has(r.areaId!)).toBe(true);
    const other = await t.db.query<{ id: number }>(
      `SELECT id FROM areas WHERE level = 'community' AND id <> $1 LIMIT 1`,
      [p.community],
    );
    expect((await t.get(`/api/orders/parties?area=${other.rows[0].id}`, tokens.community1)).status).toBe(404);
  });

  it('groups the three rates by category and by supervising level', async () => {
    const byCategory = (await (await t.get('/api/orders/stats?groupBy=category', tokens.planner)).json()) as Json[];
    expect(byCategory.some((r) => r.key === 'PRK-01' && r.total >= 3)).toBe(true);
    const byLevel = (await (await t.get('/api/orders/stats?groupBy=level', tokens.planner)).json()) as Json[];
    expect(byLevel.every((r) => ['0', '1', '2', '3'].includes(r.key))).toBe(true);
    expect(byLevel.reduce((n, r) => n + r.total, 0)).toBe(byCategory.reduce((n, r) => n + r.total, 0));
  });
});
