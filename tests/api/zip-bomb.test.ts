// Zip bombs: a zipped Shapefile or a workbook that unpacks to far more than the limit, honestly declared or
// with headers that lie, and a zip of too many entries, are refused with 413 and write nothing; while one is
// being unpacked (off the event loop) another request is answered first.
import { Deflate, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEvents } from '../../api/http/zip.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

const MAX_MB = 16;
let t: TestApp;
let admin: string;

const count = async (table: string) =>
  Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

/** `mb` megabytes of zeros as one raw deflate stream (about 1000 : 1), made a megabyte at a time. */
function deflatedZeros(mb: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 1 }, (chunk) => parts.push(chunk));
  const block = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mb; i++) d.push(block, i === mb - 1);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const crc32 = (data: Uint8Array): number => {
  let c = ~0;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};

/**
 * A zip by hand: each entry deflated (or given as a raw deflate stream with the size it really inflates to);
 * `declared` overrides the unpacked size written into both headers, to make them lie.
 */
function zipOf(
  entries: { name: string; data?: Uint8Array; deflated?: Uint8Array; size?: number; declared?: number }[],
): Uint8Array {
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = e.deflated ?? zipSync({ x: e.data! }, { level: 6 }); // a temporary zip, to borrow its deflated bytes
    const body =
      e.deflated ??
      (() => {
        const v = new DataView(raw.buffer);
        const n = v.getUint16(26, true) + v.getUint16(28, true);
        return raw.subarray(30 + n, 30 + n + v.getUint32(18, true));
      })();
    const size = e.declared ?? e.size ?? e.data!.length;
    const crc = e.data ? crc32(e.data) : 0;
    const name = new TextEncoder().encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    locals.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const parts = [...locals, ...central, end];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const upload = (path: string, name: string, bytes: Uint8Array, fields: Record<string, string> = {}) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([bytes as BlobPart]), name);
  return fetch(t.url + path, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: fd });
};

let bomb: Uint8Array; // 256 MB of zeros, ~250 KB deflated

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_UNZIP_MAX_MB: String(MAX_MB), GRIDWALL_UNZIP_MAX_ENTRIES: '50' });
  admin = await t.login('admin');
  bomb = deflatedZeros(256);
});
afterAll(async () => {
  await t?.close();
});

describe('zipped Shapefiles', () => {
  it('refuses a bomb its directory declares with 413 before inflating anything, and writes nothing', async () => {
    const before = await count('imports');
    let inflated = 0;
    const seen = () => inflated++;
    zipEvents.on('inflating', seen);
    try {
      const zip = zipOf([
        { name: 'bomb.shp', deflated: bomb, size: 256 * 1024 * 1024 },
        { name: 'bomb.dbf', data: new Uint8Array(64) },
      ]);
      const r = await upload('/api/imports', 'bomb.zip', zip, { level: 'community' });
      expect(r.status).toBe(413);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/16 MB/);
    } finally {
      zipEvents.off('inflating', seen);
    }
    expect(inflated).toBe(0);
    expect(await count('imports')).toBe(before);
  });

  it('refuses a bomb whose headers lie, counting while it inflates, and answers another request meanwhile', async () => {
    const before = await count('imports');
    const zip = zipOf([
      { name: 'liar.shp', deflated: bomb, declared: 1000 },
      { name: 'liar.dbf', data: new Uint8Array(64) },
    ]);
    const order: string[] = [];
    // The sentinel: once the server starts unpacking, ask it something else; that answer must come first.
    const health = new Promise<number>((resolve, reject) => {
      zipEvents.once('inflating', () => {
        fetch(`${t.url}/api/health`).then((r) => {
          order.push('health');
          resolve(r.status);
        }, reject);
      });
    });
    const refused = new Promise<void>((resolve) => zipEvents.once('refused', () => resolve()));
    const r = await upload('/api/imports', 'liar.zip', zip, { level: 'community' });
    order.push('bomb');
    expect(r.status).toBe(413);
    await refused;
    expect(await health).toBe(200);
    expect(order).toEqual(['health', 'bomb']);
    expect(await count('imports')).toBe(before);
  });

  it('refuses a zip of too many entries with 413', async () => {
    const zip = zipOf(Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.txt`, data: new Uint8Array([i]) })));
    expect((await upload('/api/imports', 'many.zip', zip, { level: 'community' })).status).toBe(413);
  });

  it('still reads a zip within the limits, and says 400 for a damaged one', async () => {
    const r = await upload(
      '/api/imports',
      'empty.zip',
      zipOf([
        { name: 'a.shp', data: new Uint8Array(100) },
        { name: 'a.dbf', data: new Uint8Array(32) },
      ]),
      { level: 'community' },
    );
    expect(r.status).toBe(400); // a .shp of zeros is no Shapefile: read, and refused for what it is
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/Shapefile/);
    const cut = zipOf([{ name: 'a.shp', data: new Uint8Array(100) }]).subarray(0, 40);
    expect((await upload('/api/imports', 'cut.zip', cut, { level: 'community' })).status).toBe(400);
  });
});

describe('workbooks (XLSX is a zip)', () => {
  it('refuses a workbook bomb with 413, declared or lying, and writes nothing', async () => {
    const residents = await count('residents');
    for (const declared of [256 * 1024 * 1024, 1000]) {
      const zip = zipOf([
        { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
        { name: 'xl/sharedStrings.xml', deflated: bomb, declared },
      ]);
      expect((await upload('/api/population/import', 'bomb.xlsx', zip, { mode: 'append' })).status).toBe(413);
      expect((await upload('/api/imports', 'bomb.xlsx', zip, { level: 'community' })).status).toBe(413);
      expect((await upload('/api/needs/import', 'bomb.xlsx', zip)).status).toBe(413);
      expect((await upload('/api/evaluation/import', 'bomb.xlsx', zip)).status).toBe(413);
    }
    expect(await count('residents')).toBe(residents);
  });
});
