// The small holes: Open311's 429 says when to come back (Retry-After); HSTS from a production node behind
// TLS and from the shipped nginx TLS config; photos that nothing shows are held to a per-account quota
// (count → 429, bytes → 413) and deleted by the scheduler's pass after GRIDWALL_PHOTO_UNATTACHED_HOURS.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let inside: { lon: number; lat: number };

beforeAll(async () => {
  t = await startTestApp({
    GRIDWALL_INTAKE_PER_MINUTE: '1',
    GRIDWALL_PHOTO_QUOTA: '3',
    GRIDWALL_PHOTO_QUOTA_MB: '1',
    GRIDWALL_PHOTO_UNATTACHED_HOURS: '24',
  });
  inside = (
    await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat FROM accounts a JOIN areas g ON g.id = a.area_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
});
afterAll(async () => {
  await t?.close();
});

describe('Open311 rate limit', () => {
  it('answers its 429 with Retry-After, in JSON and XML', async () => {
    const key = await t.login('dispatcher');
    const form = (n: number) =>
      new URLSearchParams({
        api_key: key,
        service_code: 'SAN-01',
        description: `限流 ${n}`,
        lat: String(inside.lat),
        long: String(inside.lon),
      }).toString();
    const post = (format: string, n: number) =>
      fetch(`${t.url}/open311/v2/requests.${format}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(n),
      });
    expect((await post('json', 1)).status).toBe(201);
    for (const format of ['json', 'xml']) {
      const r = await post(format, 2);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await r.text()).toMatch(/429/);
    }
  });
});

describe('HSTS', () => {
  it('is sent by a production node reached over TLS (a trusted proxy saying https), never over plain HTTP', async () => {
    const prod = await startTestApp({ NODE_ENV: 'production' });
    try {
      const tls = await fetch(`${prod.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
      expect((await fetch(`${prod.url}/api/health`)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await prod.close();
    }
    // A development node never sends it, TLS or not.
    expect(
      (await fetch(`${t.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get(
        'strict-transport-security',
      ),
    ).toBeNull();
  });

  it('is sent by the shipped nginx TLS server, which proxies exactly as the plain one', () => {
    const tls = fs.readFileSync('deploy/nginx-tls.conf', 'utf8').replace(/#.*$/gm, '');
    const plain = fs.readFileSync('deploy/nginx.conf', 'utf8').replace(/#.*$/gm, '');
    const serverOf = (conf: string, listen: RegExp) =>
      conf
        .split(/\n {2}server \{/)
        .slice(1)
        .find((s) => listen.test(s)) ?? '';
    const https = serverOf(tls, /listen 443 ssl/);
    expect(https).toMatch(/add_header Strict-Transport-Security "max-age=\d{8,}; includeSubDomains" always;/);
    expect(https).toMatch(/ssl_certificate /);
    // A location with its own add_header would drop the server's HSTS from its answers.
    const locations = (conf: string) =>
      [...conf.matchAll(/location [^{]+\{[^}]*\}/g)].map((m) => m[0].replace(/\s+/g, ' '));
    expect(locations(https).some((l) => l.includes('add_header'))).toBe(false);
    expect(locations(https)).toEqual(locations(serverOf(plain, /listen 80/)));
    expect(serverOf(tls, /listen 80/)).toMatch(/return 301 https:\/\/\$host\$request_uri;/);
  });
});

describe('photos attached to nothing', () => {
  const png = (bytes = 64) => {
    const b = new Uint8Array(bytes);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    b[8] = Math.floor(Math.random() * 256); // distinct content
    return b;
  };
  const upload = (token: string, bytes = 64) => {
    const fd = new FormData();
    fd.append('photo', new Blob([png(bytes) as BlobPart], { type: 'image/png' }), 'p.png');
    return fetch(`${t.url}/api/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: fd });
  };
  const photoCount = async () =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM photos`)).rows[0].n);
  const ids: string[] = [];

  it('holds an account to its quota of unattached photos (429 with Retry-After), and frees it when one is attached', async () => {
    const worker = await t.login('worker1');
    for (let i = 0; i < 3; i++) {
      const r = await upload(worker);
      expect(r.status).toBe(201);
      ids.push(((await r.json()) as { id: string }).id);
    }
    const before = await photoCount();
    const over = await upload(worker);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await photoCount()).toBe(before);
    // Another account has its own quota.
    expect((await upload(await t.login('supervisor'))).status).toBe(201);
    // A photo shown by a report no longer counts.
    const order = await t.post(
      '/api/orders',
      { categoryCode: 'SAN-01', description: '照片配额', source: 'grid_worker', ...inside, photos: [ids[0]] },
      worker,
    );
    expect(order.status).toBe(201);
    const again = await upload(worker);
    expect(again.status).toBe(201);
    ids.push(((await again.json()) as { id: string }).id);
  });

  it('holds an account to the bytes of its unattached photos (413)', async () => {
    const operator = await t.login('operator');
    expect((await upload(operator, 700 * 1024)).status).toBe(201);
    const before = await photoCount();
    expect((await upload(operator, 700 * 1024)).status).toBe(413);
    expect(await photoCount()).toBe(before);
  });

  it("deletes in the scheduler's pass the photos nothing shows after the set hours, and keeps the others", async () => {
    // ids[0] is shown by an order; ids[1], ids[2] are not; ids[3] is not but is new.
    await t.db.query(`UPDATE photos SET created_at = now() - interval '25 hours' WHERE id = ANY($1)`, [
      ids.slice(0, 3),
    ]);
    await t.app.scheduler.tick();
    const left = (await t.db.query<{ id: string }>(`SELECT id FROM photos WHERE id = ANY($1)`, [ids])).rows
      .map((r) => r.id)
      .sort();
    expect(left).toEqual([ids[0], ids[3]].sort());
    // The report still shows its photo.
    const worker = await t.login('worker1');
    expect((await t.get(`/api/photos/${ids[0]}`, worker)).status).toBe(200);
  });
});
