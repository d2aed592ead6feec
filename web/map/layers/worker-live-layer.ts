// Live grid-worker positions: a dot per on-duty worker (cyan when fresh, grey when stale > 10 min) with
// the worker's name beside it. Data goes in as props; the caller rebuilds the layers when positions change.
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { LivePosition } from '@contract/workers';
import { LABEL_FONT } from './area-labels-layer';
import { shown } from '../display-datum';

export const WORKER_LIVE_LAYER_ID = 'worker-live';
const FRESH: [number, number, number, number] = [53, 230, 200, 255];
const STALE: [number, number, number, number] = [130, 140, 150, 200];

export function createWorkerLiveLayers(positions: readonly LivePosition[], scale = 1, labels = true) {
  const data = positions as LivePosition[];
  const layers = [
    new ScatterplotLayer<LivePosition>({
      id: WORKER_LIVE_LAYER_ID,
      data,
      getPosition: (p) => shown(p.lon, p.lat),
      getFillColor: (p) => (p.stale ? STALE : FRESH),
      getLineColor: [4, 18, 40, 255],
      lineWidthMinPixels: 1.5,
      stroked: true,
      radiusUnits: 'pixels',
      getRadius: 5 * scale,
      pickable: true,
      updateTriggers: { getFillColor: data.map((p) => (p.stale ? 1 : 0)).join('') },
    }),
  ];
  if (!labels) return layers;
  return [
    ...layers,
    new TextLayer<LivePosition>({
      id: `${WORKER_LIVE_LAYER_ID}-names`,
      data,
      getPosition: (p) => shown(p.lon, p.lat),
      getText: (p) => p.name,
      getSize: 12 * scale,
      getColor: (p) => (p.stale ? [160, 170, 180, 220] : [210, 255, 245, 255]),
      getPixelOffset: [8 * scale, 0],
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      characterSet: 'auto',
      fontFamily: LABEL_FONT,
      // Bitmap glyphs on a plate, as the area labels: crisp CJK at small sizes.
      fontSettings: { sdf: false, fontSize: 48, buffer: 4 },
      background: true,
      backgroundPadding: [4 * scale, 2 * scale],
      getBackgroundColor: [6, 24, 50, 190],
    }),
  ];
}
