// HTTP: GET /tiles/areas/{z}/{x}/{y}.pbf and /tiles/basemap/{z}/{x}/{y}.pbf (Mapbox Vector Tiles); `?datum=gcj02`
// shifts their geometry for display over a GCJ-02 base map.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { Invalid } from '../http/errors.js';
import { route } from '../http/route.js';
import type { TileCache } from './cache.js';
import { cachedTile, type Tileset } from './service.js';
import { isValidTile } from './tile-math.js';
import { m } from '../../contract/messages/index.js';
import { BasemapDatum } from '../../contract/meta.js';

const TileParams = z.object({
  z: z.coerce.number().int().min(0).max(22),
  x: z.coerce.number().int().min(0),
  y: z.coerce.number().int().min(0),
});
const TileQuery = z.object({ datum: BasemapDatum.default('wgs84') });

export function tileRoutes(db: Db, cache: TileCache): Router {
  const r = Router();
  const serve = (tileset: Tileset, summary: string) =>
    route(
      r,
      {
        method: 'get',
        path: `/tiles/${tileset}/:z/:x/:y.pbf`,
        tag: 'tiles',
        access: 'any',
        summary,
        params: TileParams,
        query: TileQuery,
        produces: 'application/vnd.mapbox-vector-tile',
      },
      async ({ params, query, res, user }) => {
        if (!isValidTile(params.z, params.x, params.y))
          throw new Invalid(m('tiles.outOfRange', { z: params.z, x: params.x, y: params.y }));
        const tile = await cachedTile(db, cache, tileset, params.z, params.x, params.y, user!.areaPath, query.datum);
        res.setHeader('Content-Type', 'application/vnd.mapbox-vector-tile');
        res.setHeader('Cache-Control', 'private, max-age=60');
        return tile;
      },
    );
  serve('areas', 'Area boundaries (district, street, community, grid, special) in your scope');
  serve('basemap', 'Offline base map: water, roads, road-name anchors, building footprints and points of interest');
  return r;
}
