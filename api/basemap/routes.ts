// HTTP: GET /api/basemap/{z}/{x}/{y} (an extension such as .png or .pbf may follow): the base map's tiles from the
// MBTiles or PMTiles file configured, as stored. A tile the file lacks is answered 204, which MapLibre draws as empty.
import { Router } from 'express';
import { z } from 'zod';
import { Invalid, NotFound } from '../http/errors.js';
import { route } from '../http/route.js';
import { isValidTile } from '../tiles/tile-math.js';
import { m } from '../../contract/messages/index.js';
import { CONTENT_TYPES, type TileFile } from './files.js';

const FileTileParams = z.object({
  z: z.coerce.number().int().min(0).max(30),
  x: z.coerce.number().int().min(0),
  y: z
    .string()
    .regex(/^\d+(\.(png|jpg|jpeg|webp|pbf|mvt))?$/, 'a row number, with an optional .png, .jpg, .webp or .pbf')
    .transform((s) => Number.parseInt(s, 10)),
});

export function basemapFileRoutes(file: TileFile | null): Router {
  const r = Router();
  route(
    r,
    {
      method: 'get',
      path: '/api/basemap/:z/:x/:y',
      tag: 'tiles',
      access: 'any',
      summary: 'Base-map tiles from the MBTiles or PMTiles file configured (GRIDWALL_BASEMAP), as stored',
      params: FileTileParams,
      produces: Object.values(CONTENT_TYPES),
      alsoOk: { 204: 'the file holds no tile there (drawn empty)' },
      errors: { 404: 'the base map is not an MBTiles or PMTiles file' },
    },
    async ({ params, res }) => {
      if (!file) throw new NotFound(m('tiles.noBasemapFile'));
      if (!isValidTile(params.z, params.x, params.y))
        throw new Invalid(m('tiles.outOfRange', { z: params.z, x: params.x, y: params.y }));
      const tile = await file.tile(params.z, params.x, params.y);
      res.setHeader('Cache-Control', 'private, max-age=3600');
      if (!tile) {
        res.status(204);
        return undefined;
      }
      res.setHeader('Content-Type', CONTENT_TYPES[file.format]);
      if (tile.gzipped) res.setHeader('Content-Encoding', 'gzip');
      return tile.data;
    },
  );
  return r;
}
