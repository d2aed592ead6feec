// Types for vt-pbf's geojson-vt-shaped input: features already in tile coordinates (0..extent, y down).
declare module 'vt-pbf' {
  export interface TileFeature {
    id?: number;
    /** 1 point, 2 line, 3 polygon */
    type: 1 | 2 | 3;
    /** points: [[x, y], …]; lines and polygons: [[[x, y], …], …] (rings in sequence for multipolygons) */
    geometry: number[][] | number[][][];
    tags: Record<string, string | number | boolean>;
  }
  export function fromGeojsonVt(
    layers: Record<string, { features: TileFeature[] }>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
