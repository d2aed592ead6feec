// 自行处理 over HTTP: a grid worker starts a new report of their grid on the spot with photos of the place before the
// fix, resolves it with a photo after; the start's photos stay on the order's trail (kept by the photo pass), and a
// start cannot cite a photo someone else uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let worker: string;
let dispatcher: string;
let inside: { lon: number; lat: number };
type Json = Record<string, any>;
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function upload(token: string): Promise<string> {
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(png)]), 'scene.png');
  const r = await fetch(`${t.url}/api/photos`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as Json).id as string;
}
async function report(): Promise<number> {
  const r = await t.post(
    '/api/orders',
    { categoryCode: 'SAN-03', description: '楼道堆放纸箱', source: 'grid_worker', fields: { floor: 3 }, ...inside },
    worker,
  );
  expect(r.status).toBe(201);
  return ((await r.json()) as Json).order.id as number;
}
const act = (id: number, body: Json, token = worker) => t.post(`/api/orders/${id}/actions`, body, token);

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_PHOTO_UNATTACHED_HOURS: '24' });
  worker = await t.login('worker1');
  dispatcher = await t.login('dispatcher');
  inside = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
});
afterAll(async () => t?.close());

describe('handled on the spot', () => {
  it('records the before photo on the start and the after photo on the resolve, and keeps both', async () => {
    const id = await report();
    const before = await upload(worker);
    const after = await upload(worker);
    expect((await act(id, { action: 'start', note: '现场清理', photos: [before] })).status).toBe(200);
    expect((await act(id, { action: 'resolve', note: '已清理完毕', photos: [after] })).status).toBe(200);
    const d = (await (await t.get(`/api/orders/${id}`, dispatcher)).json()) as Json;
    const start = d.events.find((e: Json) => e.action === 'start');
    expect(start.data).toMatchObject({ photos: [before], note: '现场清理' });
    expect(d.events.find((e: Json) => e.action === 'resolve').data.photos).toEqual([after]);
    expect(d.status).toBe('resolved');

    await t.db.query(`UPDATE photos SET created_at = now() - interval '25 hours' WHERE id = ANY($1)`, [
      [before, after],
    ]);
    await t.app.scheduler.tick();
    const left = await t.db.query(`SELECT id FROM photos WHERE id = ANY($1)`, [[before, after]]);
    expect(left.rows).toHaveLength(2);
  });

  it('refuses a start that cites a photo another account uploaded, and one without photos still starts', async () => {
    const id = await report();
    const theirs = await upload(dispatcher);
    const r = await act(id, { action: 'start', photos: [theirs] });
    expect(r.status).toBe(400);
    expect(((await r.json()) as Json).error.messageKey).toBe('orders.unknownPhotos');
    expect((await act(id, { action: 'start' })).status).toBe(200);
  });
});
