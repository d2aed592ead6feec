// Tiny MBTiles and PMTiles files written for tests: an MBTiles through sql.js, a PMTiles v3 archive by hand after
// the specification (127-byte header, root directory of varints, JSON metadata, tile data).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import initSqlJs from 'sql.js';
import { zxyToTileId } from 'pmtiles';

export interface FileTile {
  z: number;
  x: number;
  /** XYZ row, counted from the north. */
  y: number;
  data: Buffer;
}

/** An MBTiles file: metadata as given, tiles stored with TMS rows (counted from the south) as the format has it. */
export async function writeMbtiles(file: string, metadata: Record<string, string>, tiles: FileTile[]): Promise<void> {
  const require = createRequire(import.meta.url);
  const SQL = await initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
  const db = new SQL.Database();
  db.run('CREATE TABLE metadata (name TEXT, value TEXT)');
  db.run('CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)');
  for (const [name, value] of Object.entries(metadata)) db.run('INSERT INTO metadata VALUES (?, ?)', [name, value]);
  for (const t of tiles) db.run('INSERT INTO tiles VALUES (?, ?, ?, ?)', [t.z, t.x, 2 ** t.z - 1 - t.y, t.data]);
  fs.writeFileSync(file, db.export());
  db.close();
}

function varint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

export interface PmtilesOptions {
  /** 1 mvt, 2 png, 3 jpeg, 4 webp, 5 avif. */
  tileType: number;
  /** 1 none, 2 gzip: the tiles are written as given, this only says how they are stored. */
  tileCompression: number;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  metadata: Record<string, unknown>;
}

/** A PMTiles v3 archive with its root directory and metadata gzipped (internal compression 2). */
export function writePmtiles(file: string, o: PmtilesOptions, tiles: FileTile[]): void {
  const entries = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const dir: number[] = [];
  varint(entries.length, dir);
  let last = 0;
  for (const e of entries) {
    varint(e.id - last, dir);
    last = e.id;
  }
  for (let i = 0; i < entries.length; i++) varint(1, dir); // run lengths
  for (const e of entries) varint(e.data.length, dir);
  for (let i = 0; i < entries.length; i++) varint(i === 0 ? 1 : 0, dir); // offset + 1, then 0: right after the last
  const root = gzipSync(Buffer.from(dir));
  const meta = gzipSync(Buffer.from(JSON.stringify(o.metadata)));
  const data = Buffer.concat(entries.map((e) => e.data));
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'latin1');
  h.writeUInt8(3, 7);
  const u64 = (at: number, n: number) => h.writeBigUInt64LE(BigInt(n), at);
  const rootAt = 127;
  const metaAt = rootAt + root.length;
  const dataAt = metaAt + meta.length;
  u64(8, rootAt);
  u64(16, root.length);
  u64(24, metaAt);
  u64(32, meta.length);
  u64(40, dataAt); // no leaf directories
  u64(48, 0);
  u64(56, dataAt);
  u64(64, data.length);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, entries.length);
  h.writeUInt8(1, 96); // clustered
  h.writeUInt8(2, 97); // internal compression: gzip
  h.writeUInt8(o.tileCompression, 98);
  h.writeUInt8(o.tileType, 99);
  h.writeUInt8(o.minZoom, 100);
  h.writeUInt8(o.maxZoom, 101);
  const e7 = (at: number, v: number) => h.writeInt32LE(Math.round(v * 1e7), at);
  e7(102, o.bounds[0]);
  e7(106, o.bounds[1]);
  e7(110, o.bounds[2]);
  e7(114, o.bounds[3]);
  h.writeUInt8(o.minZoom, 118);
  e7(119, (o.bounds[0] + o.bounds[2]) / 2);
  e7(123, (o.bounds[1] + o.bounds[3]) / 2);
  fs.writeFileSync(file, Buffer.concat([h, root, meta, data]));
}
