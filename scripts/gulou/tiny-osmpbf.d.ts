// Types of tiny-osmpbf (a small OSM PBF reader that ships none): the elements it reads, as in OSM JSON.
declare module 'tiny-osmpbf' {
  interface OsmElement {
    type: 'node' | 'way' | 'relation';
    id: number;
    lat?: number;
    lon?: number;
    nodes?: number[];
    tags?: Record<string, string>;
  }
  export default function read(input: Uint8Array): { elements: OsmElement[] };
}
