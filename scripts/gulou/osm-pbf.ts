// An OpenStreetMap extract (.osm.pbf) written with the `pbf` protobuf encoder and zlib blobs (fflate), following
// the OSM PBF format: an OSMHeader blob, then OSMData blobs of dense nodes, then ways (8,000 entities a block).
// Field numbers are those of OSM's fileformat.proto and osmformat.proto.
import { zlibSync } from 'fflate';
import Pbf from 'pbf';

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
  tags?: Record<string, string>;
}

export interface OsmWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

const BLOCK = 8000;
const nano = (deg: number) => Math.round(deg * 1e7); // granularity 100 nanodegrees

class Strings {
  private readonly index = new Map<string, number>([['', 0]]);
  readonly list: string[] = [''];
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

function blob(type: string, payload: Uint8Array): Uint8Array {
  const b = new Pbf();
  b.writeVarintField(2, payload.length); // raw_size
  b.writeBytesField(3, zlibSync(payload, { level: 6 })); // zlib_data
  const blobBytes = b.finish();
  const h = new Pbf();
  h.writeStringField(1, type);
  h.writeVarintField(3, blobBytes.length); // datasize
  const header = h.finish();
  const out = new Uint8Array(4 + header.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, header.length, false);
  out.set(header, 4);
  out.set(blobBytes, 4 + header.length);
  return out;
}

/** Writes an embedded message under `tag`, its fields written by `fill`. */
function message(p: Pbf, tag: number, fill: (q: Pbf) => void): void {
  p.writeMessage(tag, (_: null, q?: Pbf) => fill(q!), null);
}

function headerBlock(bbox: [number, number, number, number]): Uint8Array {
  const p = new Pbf();
  const [w, s, e, n] = bbox.map((v) => Math.round(v * 1e7) * 100);
  message(p, 1, (q) => {
    q.writeSVarintField(1, w);
    q.writeSVarintField(2, e);
    q.writeSVarintField(3, n);
    q.writeSVarintField(4, s);
  });
  p.writeStringField(4, 'OsmSchema-V0.6');
  p.writeStringField(4, 'DenseNodes');
  p.writeStringField(16, 'gridwall gulou generator');
  return p.finish();
}

function primitiveBlock(strings: Strings, group: (p: Pbf) => void): Uint8Array {
  const p = new Pbf();
  const utf8 = new TextEncoder();
  message(p, 1, (q) => {
    for (const s of strings.list) q.writeBytesField(1, utf8.encode(s));
  });
  message(p, 2, group);
  return p.finish();
}

const delta = (xs: number[]) => xs.map((x, i) => (i ? x - xs[i - 1] : x));

function nodesBlock(nodes: OsmNode[]): Uint8Array {
  const strings = new Strings();
  const kv: number[] = [];
  for (const n of nodes) {
    for (const [k, v] of Object.entries(n.tags ?? {})) kv.push(strings.id(k), strings.id(v));
    kv.push(0);
  }
  const hasTags = nodes.some((n) => n.tags && Object.keys(n.tags).length);
  return primitiveBlock(strings, (g) =>
    message(g, 2, (d) => {
      d.writePackedSVarint(1, delta(nodes.map((n) => n.id)));
      d.writePackedSVarint(8, delta(nodes.map((n) => nano(n.lat))));
      d.writePackedSVarint(9, delta(nodes.map((n) => nano(n.lon))));
      if (hasTags) d.writePackedVarint(10, kv);
    }),
  );
}

function waysBlock(ways: OsmWay[]): Uint8Array {
  const strings = new Strings();
  for (const w of ways)
    for (const [k, v] of Object.entries(w.tags)) {
      strings.id(k);
      strings.id(v);
    }
  return primitiveBlock(strings, (g) => {
    for (const w of ways)
      message(g, 3, (q) => {
        q.writeVarintField(1, w.id);
        const tags = Object.entries(w.tags);
        q.writePackedVarint(
          2,
          tags.map(([k]) => strings.id(k)),
        );
        q.writePackedVarint(
          3,
          tags.map(([, v]) => strings.id(v)),
        );
        q.writePackedSVarint(8, delta(w.refs));
      });
  });
}

/** The extract's bytes; nodes sorted by id and ways by id, as readers expect. */
export function writeOsmPbf(nodes: OsmNode[], ways: OsmWay[]): Uint8Array {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of nodes) {
    box[0] = Math.min(box[0], n.lon);
    box[1] = Math.min(box[1], n.lat);
    box[2] = Math.max(box[2], n.lon);
    box[3] = Math.max(box[3], n.lat);
  }
  const parts = [blob('OSMHeader', headerBlock(box))];
  const ns = [...nodes].sort((a, b) => a.id - b.id);
  const ws = [...ways].sort((a, b) => a.id - b.id);
  for (let i = 0; i < ns.length; i += BLOCK) parts.push(blob('OSMData', nodesBlock(ns.slice(i, i + BLOCK))));
  for (let i = 0; i < ws.length; i += BLOCK) parts.push(blob('OSMData', waysBlock(ws.slice(i, i + BLOCK))));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
