// Base-map tiles read from a local file: MBTiles (an SQLite database, read with sql.js) or PMTiles (one archive,
// read by byte ranges). Opened once at start; a file that cannot serve as a base map stops the start with a message
// naming GRIDWALL_BASEMAP and the file.
//
// An MBTiles file is read whole into memory (SQLite in WebAssembly reads no file of its own); files above
// MBTILES_MAX_BYTES are refused with the advice to convert them to PMTiles, which is read a range at a time.
import { createRequire } from 'node:module';
import { promises as fsp } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import initSqlJs, { type Database } from 'sql.js';
import { bytesToHeader, Compression, PMTiles, TileType, type Header, type Source } from 'pmtiles';
import type { Basemap } from '../../contract/meta.js';
import { BasemapConfigError, type BasemapFileKind, type BasemapSettings } from './settings.js';

/** The largest MBTiles file read into memory: 512 MiB (a district's raster tiles to zoom 18 fit well below). */
export const MBTILES_MAX_BYTES = 512 * 1024 * 1024;

export type TileFormat = 'png' | 'jpg' | 'webp' | 'pbf';

export const CONTENT_TYPES: Record<TileFormat, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  pbf: 'application/vnd.mapbox-vector-tile',
};

/** One tile as stored: its bytes and whether they are gzipped (vector tiles only). */
export interface StoredTile {
  data: Buffer;
  gzipped: boolean;
}

export interface TileFile {
  format: TileFormat;
  /** The tile at z/x/y (XYZ rows, counted from the north); null where the file holds none. */
  tile(z: number, x: number, y: number): Promise<StoredTile | null>;
  close(): Promise<void>;
}

/** What the file says about itself. */
interface FileFacts {
  format: TileFormat;
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number] | null;
  attribution: string | null;
}

export interface OpenedBasemap {
  /** What clients are told, completed from the file. */
  basemap: Basemap;
  file: TileFile;
}

const refuse = (file: string, problem: string): never => {
  throw new BasemapConfigError(`GRIDWALL_BASEMAP: ${file}: ${problem}`);
};

const FORMATS: Record<string, TileFormat> = {
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  webp: 'webp',
  pbf: 'pbf',
  mvt: 'pbf',
};

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function zoomOf(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && Number.isInteger(n) && n >= 0 && n <= 30 ? n : fallback;
}

function boundsOf(raw: string | number[] | undefined): [number, number, number, number] | null {
  const parts = typeof raw === 'string' ? raw.split(',').map(Number) : raw;
  if (!parts || parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [w, s, e, n] = parts as [number, number, number, number];
  return w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90 ? [w, s, e, n] : null;
}

// ---- MBTiles ----------------------------------------------------------------------------------------------

let sqlJs: ReturnType<typeof initSqlJs> | null = null;
const sqlite = () => {
  const require = createRequire(import.meta.url);
  sqlJs ??= initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
  return sqlJs;
};

async function openMbtiles(file: string): Promise<{ facts: FileFacts; file: TileFile }> {
  const bytes = await fsp.readFile(file);
  if (bytes.length > MBTILES_MAX_BYTES)
    refuse(file, `larger than ${MBTILES_MAX_BYTES / 1024 / 1024} MiB; convert it to PMTiles (pmtiles convert)`);
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') refuse(file, 'is not an MBTiles file');
  const SQL = await sqlite();
  const db: Database = new SQL.Database(bytes);
  try {
    const meta = new Map<string, string>();
    try {
      for (const [name, value] of db.exec('SELECT name, value FROM metadata')[0]?.values ?? [])
        meta.set(String(name), String(value));
      db.exec('SELECT 1 FROM tiles LIMIT 1');
    } catch {
      refuse(file, 'is not an MBTiles file (no metadata or tiles table)');
    }
    const rawFormat = meta.get('format')?.trim().toLowerCase() ?? '';
    const format = FORMATS[rawFormat];
    if (!format) refuse(file, `its metadata gives the tile format "${rawFormat}": must be png, jpg, webp or pbf`);
    const facts: FileFacts = {
      format: format!,
      minzoom: zoomOf(meta.get('minzoom'), 0),
      maxzoom: zoomOf(meta.get('maxzoom'), 18),
      bounds: boundsOf(meta.get('bounds')),
      attribution: meta.get('attribution')?.trim() || null,
    };
    const select = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    return {
      facts,
      file: {
        format: facts.format,
        async tile(z, x, y) {
          // MBTiles rows are TMS: counted from the south.
          select.bind([z, x, 2 ** z - 1 - y]);
          try {
            if (!select.step()) return null;
            const data = select.get()[0];
            if (!(data instanceof Uint8Array)) return null;
            const buf = Buffer.from(data);
            return { data: buf, gzipped: facts.format === 'pbf' && isGzip(buf) };
          } finally {
            select.reset();
          }
        },
        async close() {
          select.free();
          db.close();
        },
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

// ---- PMTiles ----------------------------------------------------------------------------------------------

const PMTILES_FORMATS: Partial<Record<TileType, TileFormat>> = {
  [TileType.Mvt]: 'pbf',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
};

async function openPmtiles(path: string): Promise<{ facts: FileFacts; file: TileFile }> {
  const handle = await fsp.open(path, 'r');
  try {
    const read = async (offset: number, length: number): Promise<ArrayBuffer> => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer;
    };
    const first = await read(0, 127);
    if (
      first.byteLength < 127 ||
      new DataView(first).getUint16(0, true) !== 0x4d50 ||
      new Uint8Array(first)[2] !== 0x54
    )
      refuse(path, 'is not a PMTiles file');
    let header: Header;
    try {
      header = bytesToHeader(first);
    } catch (e) {
      return refuse(path, (e as Error).message);
    }
    if (header.specVersion !== 3) refuse(path, `is PMTiles version ${header.specVersion}; version 3 is read`);
    const format = PMTILES_FORMATS[header.tileType as TileType];
    if (!format) refuse(path, 'its header gives a tile type other than png, jpg, webp or mvt (pbf)');
    const tileCompression = header.tileCompression as Compression;
    const stored = format === 'pbf' ? [Compression.None, Compression.Gzip] : [Compression.None, Compression.Unknown];
    if (!stored.includes(tileCompression))
      refuse(path, `its tiles are compressed in a way not served (${Compression[tileCompression]}); use gzip`);
    // Tiles are served as stored (gzipped vector tiles with Content-Encoding: gzip); directories and metadata are
    // decompressed to be read. The ranges read from the tile data section are told apart by their buffers.
    const tileData = new WeakSet<ArrayBuffer>();
    const tileStart = header.tileDataOffset;
    const tileEnd = header.tileDataOffset + (header.tileDataLength ?? Infinity);
    const source: Source = {
      getKey: () => path,
      async getBytes(offset, length) {
        const data = await read(offset, length);
        if (offset >= tileStart && offset < tileEnd) tileData.add(data);
        return { data };
      },
    };
    const decompress = async (buf: ArrayBuffer, c: Compression): Promise<ArrayBuffer> => {
      if (tileData.has(buf) || c === Compression.None || c === Compression.Unknown) return buf;
      if (c !== Compression.Gzip) throw new Error(`compression ${Compression[c]} is not read`);
      const out = gunzipSync(new Uint8Array(buf));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
    };
    const archive = new PMTiles(source, undefined, decompress);
    let meta: Record<string, unknown> = {};
    try {
      await archive.getHeader();
      const m = header.jsonMetadataLength > 0 ? await archive.getMetadata() : {};
      if (m && typeof m === 'object') meta = m as Record<string, unknown>;
    } catch (e) {
      refuse(path, `cannot be read: ${(e as Error).message}`);
    }
    const facts: FileFacts = {
      format: format!,
      minzoom: header.minZoom,
      maxzoom: header.maxZoom,
      bounds: boundsOf([header.minLon, header.minLat, header.maxLon, header.maxLat]),
      attribution: typeof meta.attribution === 'string' && meta.attribution.trim() ? meta.attribution.trim() : null,
    };
    return {
      facts,
      file: {
        format: facts.format,
        async tile(z, x, y) {
          const r = await archive.getZxy(z, x, y);
          if (!r || r.data.byteLength === 0) return null;
          return { data: Buffer.from(r.data), gzipped: format === 'pbf' && tileCompression === Compression.Gzip };
        },
        close: () => handle.close(),
      },
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Opens the base-map file configured (GRIDWALL_BASEMAP=mbtiles:<path> or pmtiles:<path>) and completes what
 * clients are told from it: raster or vector, zoom range, bounds and credit (GRIDWALL_BASEMAP_ATTRIBUTION wins).
 * Null for a base map that is no file.
 */
export async function openBasemapFile(settings: BasemapSettings): Promise<OpenedBasemap | null> {
  if (!settings.file) return null;
  const { kind, path } = settings.file;
  const opened = await (kind === 'mbtiles' ? openMbtiles(path) : openPmtiles(path));
  const { facts } = opened;
  if (facts.minzoom > facts.maxzoom) {
    await opened.file.close();
    refuse(path, `its zoom range ${facts.minzoom}–${facts.maxzoom} is empty`);
  }
  const vector = facts.format === 'pbf';
  return {
    basemap: {
      ...settings.basemap,
      kind: kind satisfies BasemapFileKind,
      type: vector ? 'vector' : 'raster',
      tileSize: vector ? 512 : settings.basemap.tileSize,
      minzoom: facts.minzoom,
      maxzoom: facts.maxzoom,
      bounds: facts.bounds,
      attribution: settings.basemap.attribution ?? facts.attribution,
    },
    file: opened.file,
  };
}
