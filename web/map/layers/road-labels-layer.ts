// Road names on the base map (deck.gl TextLayer, fonts rasterised in the browser: the offline style has no glyphs).
// The base-map tiles carry one anchor per named road and tile (source layer `roadlabels`: name, roadClass, angle);
// this module keeps those that fit the view without overlapping, the higher classes first, and draws them along
// their road.
import type { Feature } from 'geojson';
import { TextLayer } from '@deck.gl/layers';
import { LABEL_FONT } from './area-labels-layer';

export type RoadClass = 'arterial' | 'secondary' | 'local' | 'path';

export interface RoadLabel {
  name: string;
  roadClass: RoadClass;
  /** Direction of the road at the anchor, degrees counter-clockwise from east on the map, -90…90. */
  angle: number;
  lon: number;
  lat: number;
}

export interface PlacedRoadLabel extends RoadLabel {
  /** Angle on screen (the map's bearing added), kept upright. */
  screenAngle: number;
  size: number;
}

export interface LabelView {
  zoom: number;
  bearing: number;
  width: number;
  height: number;
  /** lon/lat → screen pixels of the map's container. */
  project(lon: number, lat: number): [number, number];
}

/** Names of arterials and secondary roads from z14, of the others from z15 (as the tiles carry them). */
export const ROAD_LABEL_MIN_ZOOM: Record<RoadClass, number> = { arterial: 14, secondary: 14, local: 15, path: 15 };
/** At most this many names in one view, whatever the screen: labels stay out of the wall tour's way. */
export const MAX_ROAD_LABELS = 120;
const RANK: Record<RoadClass, number> = { arterial: 0, secondary: 1, local: 2, path: 3 };
const SIZE: Record<RoadClass, number> = { arterial: 14, secondary: 13, local: 12, path: 11 };

/** An angle in degrees folded to -90…90, so that text along a road never reads upside down. */
export function upright(angle: number): number {
  const a = (((angle + 90) % 180) + 180) % 180;
  return a - 90;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The screen box of a label: its text's rectangle turned by the angle, with a margin around it. */
function boxOf(x: number, y: number, chars: number, size: number, angle: number, margin: number): Box {
  const w = chars * size + 2 * margin;
  const h = size + 2 * margin;
  const r = (angle * Math.PI) / 180;
  const c = Math.abs(Math.cos(r));
  const s = Math.abs(Math.sin(r));
  const hw = (w * c + h * s) / 2;
  const hh = (w * s + h * c) / 2;
  return { x0: x - hw, y0: y - hh, x1: x + hw, y1: y + hh };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The names to draw in a view: those whose class is named at this zoom, wholly on screen, not overlapping a name
 * already kept, and at least a few label lengths from another label of the same road; arterials first, then
 * secondary, local and paths, each in the order given (the tiles list a road's longest pieces first). At most
 * MAX_ROAD_LABELS.
 */
export function placeRoadLabels(candidates: RoadLabel[], view: LabelView, scale: number): PlacedRoadLabel[] {
  const order = candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.name.trim() !== '' && view.zoom >= (ROAD_LABEL_MIN_ZOOM[c.roadClass] ?? Infinity))
    .sort((a, b) => RANK[a.c.roadClass] - RANK[b.c.roadClass] || a.i - b.i);
  const kept: { label: PlacedRoadLabel; box: Box; x: number; y: number }[] = [];
  const margin = 4 * scale;
  for (const { c } of order) {
    if (kept.length >= MAX_ROAD_LABELS) break;
    const [x, y] = view.project(c.lon, c.lat);
    const size = SIZE[c.roadClass] * scale;
    const screenAngle = upright(c.angle + view.bearing);
    const chars = [...c.name].length;
    const box = boxOf(x, y, chars, size, screenAngle, margin);
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > view.width || box.y1 > view.height) continue;
    if (kept.some((k) => overlaps(k.box, box))) continue;
    const spacing = Math.max(6 * chars * size, 300 * scale);
    if (kept.some((k) => k.label.name === c.name && Math.hypot(k.x - x, k.y - y) < spacing)) continue;
    kept.push({ label: { ...c, screenAngle, size }, box, x, y });
  }
  return kept.map((k) => k.label);
}

/** Anchors read from the base map's tiles (GeoJSON points with the `roadlabels` properties), deduplicated. */
export function roadLabelsFromFeatures(features: Pick<Feature, 'geometry' | 'properties'>[]): RoadLabel[] {
  const seen = new Set<string>();
  const out: RoadLabel[] = [];
  for (const f of features) {
    if (f.geometry.type !== 'Point' || !f.properties) continue;
    const [lon, lat] = f.geometry.coordinates;
    const name = String(f.properties.name ?? '');
    const roadClass = f.properties.roadClass as RoadClass;
    if (!name.trim() || !(roadClass in RANK)) continue;
    // A tile seen at two zooms while the map settles gives the same anchor twice.
    const key = `${name}|${lon.toFixed(5)}|${lat.toFixed(5)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name, roadClass, angle: Number(f.properties.angle ?? 0), lon, lat });
  }
  return out;
}

export function createRoadLabelsLayer(labels: PlacedRoadLabel[], scale: number): TextLayer<PlacedRoadLabel> {
  return new TextLayer<PlacedRoadLabel>({
    id: 'road-labels',
    data: labels,
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: 500,
    // SDF glyphs for a dark halo: the names sit on the roads and the grid fills without a plate.
    fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 16, cutoff: 0.2 },
    outlineWidth: 5,
    outlineColor: [4, 13, 30, 235],
    getPosition: (l) => [l.lon, l.lat],
    getText: (l) => l.name,
    getSize: (l) => l.size,
    getAngle: (l) => l.screenAngle,
    getColor: (l) => (l.roadClass === 'arterial' ? [214, 230, 250, 255] : [176, 196, 222, 240]),
    sizeUnits: 'pixels',
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    updateTriggers: { getSize: scale },
    parameters: { depthWriteEnabled: false, depthCompare: 'always' },
  });
}
