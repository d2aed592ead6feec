// City metadata: name, extent, the tile URL templates (relative to this origin) and the base map with its datum.
import type { CityMeta } from '@contract/meta';
import { setDisplayDatum } from '../map/display-datum';
import { request } from './client';

/** The city; reading it sets the datum this page's maps draw in (over a GCJ-02 base map, positions are shifted). */
export const getMeta = () =>
  request<CityMeta>('/api/meta').then((meta) => {
    setDisplayDatum(meta.basemap.datum);
    return meta;
  });
