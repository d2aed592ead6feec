// The generated layers as OpenStreetMap elements in WGS84 (converted from GCJ-02): roads as ways over shared
// nodes, buildings with building:levels and addresses, water areas, points of interest as tagged nodes.
import { gcj02ToWgs84 } from '../../geodata/crs/china.js';
import type { Building } from './buildings.js';
import { type Frame, type XY, round7 } from './frame.js';
import { type OsmNode, type OsmWay, writeOsmPbf } from './osm-pbf.js';
import type { Poi } from './pois.js';
import { HIGHWAY, type Road } from './roads.js';
import type { Water } from './zones.js';

export interface Layers {
  buildings: Building[];
  roads: Road[];
  water: Water[];
  pois: Poi[];
}

export function toOsm(frame: Frame, layers: Layers): Uint8Array {
  const nodes: OsmNode[] = [];
  const ways: OsmWay[] = [];
  const node = (p: XY, tags?: Record<string, string>): number => {
    const [lon, lat] = gcj02ToWgs84(frame.toLonLat(p));
    const id = nodes.length + 1;
    nodes.push({ id, lon: round7(lon), lat: round7(lat), ...(tags ? { tags } : {}) });
    return id;
  };
  const shared = new Map<string, number>();
  for (const r of layers.roads) {
    const refs = r.keys.map((k, i) => {
      if (!shared.has(k)) shared.set(k, node(r.points[i]));
      return shared.get(k)!;
    });
    ways.push({ id: ways.length + 1, refs, tags: { highway: HIGHWAY[r.cls], name: r.name, source: 'generated' } });
  }
  const area = (ring: XY[], tags: Record<string, string>) => {
    const refs = ring.slice(0, -1).map((p) => node(p));
    ways.push({ id: ways.length + 1, refs: [...refs, refs[0]], tags });
  };
  for (const b of layers.buildings)
    area(b.ring, {
      building: b.households ? 'residential' : b.kind === 'institution' ? 'public' : 'yes',
      'building:levels': String(b.levels),
      'addr:street': b.road,
      'addr:housenumber': `${b.number}号${b.unit}幢`,
      ...(b.households ? { 'building:flats': String(b.households) } : {}),
      source: 'generated',
    });
  for (const w of layers.water)
    area(w.ring, { natural: 'water', water: w.kind === 'river' ? 'river' : 'pond', name: w.name, source: 'generated' });
  for (const p of layers.pois) node(p.at, { ...p.tags, name: p.name, source: 'generated' });
  return writeOsmPbf(nodes, ways);
}
