// Types for tiny-osmpbf: an .osm.pbf read whole into OSM-JSON elements (nodes, ways, relations).
declare module 'tiny-osmpbf' {
  export interface OsmNode {
    type: 'node';
    id: number;
    lat: number;
    lon: number;
    tags?: Record<string, string>;
  }
  export interface OsmWay {
    type: 'way';
    id: number;
    nodes: number[];
    tags?: Record<string, string>;
  }
  export interface OsmRelation {
    type: 'relation';
    id: number;
    members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[];
    tags?: Record<string, string>;
  }
  export type OsmElement = OsmNode | OsmWay | OsmRelation;
  function tinyosmpbf(data: ArrayBuffer): { elements: OsmElement[] };
  export default tinyosmpbf;
}
