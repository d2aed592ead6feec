// Labels for the areas one level below the current drill (deck.gl TextLayer: local fonts are
// rasterised in the browser, so no glyph server is needed — the wall runs offline).
import { TextLayer } from '@deck.gl/layers';
import type { AreaFeature } from '@contract/areas';
import { shortName } from '../area-names';
import { shown } from '../display-datum';

export const LABEL_FONT = '"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif';

export interface AreaLabelsProps {
  features: AreaFeature[];
  /** UI scale (1 at 1920×1080); label sizes grow with the wall like the panels do. */
  scale: number;
  /** The smaller the areas, the smaller their labels. */
  level: AreaFeature['properties']['level'] | null;
  /** Name of the area the labelled ones belong to, left out of their labels. */
  parentName?: string;
}

const SIZE_BY_LEVEL = { district: 20, street: 17, community: 15, grid: 14, special: 14 } as const;

export function createAreaLabelsLayer({ features, scale, level, parentName }: AreaLabelsProps): TextLayer<AreaFeature> {
  return new TextLayer<AreaFeature>({
    id: 'area-labels',
    data: features,
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: 600,
    // Bitmap glyphs (not SDF): crisper for CJK at small sizes; the plate behind makes an outline unnecessary.
    fontSettings: { sdf: false, fontSize: 64, buffer: 4 },
    getPosition: (f) => shown(f.properties.labelLon, f.properties.labelLat),
    getText: (f) => shortName(f.properties.name, parentName),
    getSize: SIZE_BY_LEVEL[level ?? 'street'] * scale,
    sizeUnits: 'pixels',
    getColor: [232, 248, 255, 255],
    background: true,
    backgroundPadding: [6 * scale, 3 * scale],
    getBackgroundColor: [6, 24, 50, 200],
    getBorderColor: [53, 212, 255, 150],
    getBorderWidth: 1,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    updateTriggers: { getSize: [scale, level], getText: parentName },
    parameters: { depthWriteEnabled: false, depthCompare: 'always' },
  });
}
