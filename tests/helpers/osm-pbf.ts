// Writes a small OpenStreetMap extract (.osm.pbf): nodes (dense), ways and multipolygon relations, each with
// tags, in zlib-compressed blocks, with the protobuf writers of the reader's own schema.
import Pbf from 'pbf';
import { deflateSync } from 'node:zlib';
// @ts-expect-error -- generated protobuf code without types
import * as FileFormat from 'tiny-osmpbf/proto/fileformat.js';
// @ts-expect-error -- generated protobuf code without types
import * as OsmFormat from 'tiny-osmpbf/proto/osmformat.js';

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
  tags?: Record<string, string>;
}
export interface OsmWay {
  id: number;
  nodes: number[];
  tags?: Record<string, string>;
}
export interface OsmRelation {
  id: number;
  members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[];
  tags?: Record<string, string>;
}

type Writer = (obj: unknown, pbf: Pbf) => void;
const encode = (write: Writer, obj: unknown) => {
  const pbf = new Pbf();
  write(obj, pbf);
  return Buffer.from(pbf.finish());
};

function blob(type: string, data: Buffer): Buffer {
  const body = encode(FileFormat.Blob.write as Writer, { raw_size: data.length, zlib_data: deflateSync(data) });
  const header = encode(FileFormat.BlobHeader.write as Writer, { type, datasize: body.length });
  const len = Buffer.alloc(4);
  len.writeInt32BE(header.length);
  return Buffer.concat([len, header, body]);
}

const deltas = (xs: number[]) => xs.map((x, i) => (i === 0 ? x : x - xs[i - 1]));

export function writeOsmPbf(data: { nodes: OsmNode[]; ways?: OsmWay[]; relations?: OsmRelation[] }): Buffer {
  const strings = [''];
  const sid = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const keysVals = (tags: Record<string, string> = {}) => Object.entries(tags).flatMap(([k, v]) => [sid(k), sid(v)]);
  const dense = {
    id: deltas(data.nodes.map((n) => n.id)),
    lat: deltas(data.nodes.map((n) => Math.round(n.lat * 1e7))),
    lon: deltas(data.nodes.map((n) => Math.round(n.lon * 1e7))),
    keys_vals: data.nodes.flatMap((n) => [...keysVals(n.tags), 0]),
  };
  const ways = (data.ways ?? []).map((w) => {
    const kv = keysVals(w.tags);
    return {
      id: w.id,
      keys: kv.filter((_, i) => i % 2 === 0),
      vals: kv.filter((_, i) => i % 2 === 1),
      refs: deltas(w.nodes),
    };
  });
  const TYPES = { node: 0, way: 1, relation: 2 };
  const relations = (data.relations ?? []).map((r) => {
    const kv = keysVals(r.tags);
    return {
      id: r.id,
      keys: kv.filter((_, i) => i % 2 === 0),
      vals: kv.filter((_, i) => i % 2 === 1),
      roles_sid: r.members.map((m) => sid(m.role)),
      memids: deltas(r.members.map((m) => m.ref)),
      types: r.members.map((m) => TYPES[m.type]),
    };
  });
  const groups = [{ dense }, ...(ways.length ? [{ ways }] : []), ...(relations.length ? [{ relations }] : [])];
  const block = encode(OsmFormat.PrimitiveBlock.write as Writer, {
    stringtable: { s: strings.map((s) => Buffer.from(s, 'utf8')) },
    primitivegroup: groups,
  });
  const header = encode(OsmFormat.HeaderBlock.write as Writer, {
    required_features: ['OsmSchema-V0.6', 'DenseNodes'],
    writingprogram: 'gridwall-tests',
  });
  return Buffer.concat([blob('OSMHeader', header), blob('OSMData', block)]);
}
