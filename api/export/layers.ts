// Analysis layers as features for export: elder-density H3 cells, need rates and patrol coverage per grid,
// resource points. Built from what the source endpoints answer (their suppression applied already), so an
// export never holds more than the map shows: no person-level record, no suppressed value.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { cellToBoundary } from 'h3-js';
import { NEED_ITEMS, type NeedBreakdown } from '../../contract/needs.js';
import type { ElderDensity } from '../../contract/population.js';
import type { Resource } from '../../contract/resources.js';
import type { CoverageReport } from '../../contract/workers.js';
import type { AreaShape } from './queries.js';

const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** One hexagon per kept cell; `suppressed` cells (under the minimum count) are not in it at all. */
export function elderDensityFeatures(d: ElderDensity): FeatureCollection {
  return collection(
    d.cells.map((c) => {
      const ring = cellToBoundary(c.h3, true);
      return {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { h3: c.h3, res: d.res, metric: d.metric, value: c.value },
      };
    }),
  );
}

/** Each grid's polygon with its respondents and the weighted rate of every need item; a suppressed grid carries no rates. */
export function needFeatures(b: NeedBreakdown, shapes: Map<number, AreaShape>): FeatureCollection {
  const out: Feature[] = [];
  for (const row of b.rows) {
    const shape = row.areaId === null ? undefined : shapes.get(row.areaId);
    if (!shape) continue;
    const rates = new Map(row.needs.map((n) => [n.code, n.rate]));
    const props: Record<string, unknown> = {
      grid_code: shape.code,
      name: shape.name,
      month: b.month,
      respondents: row.respondents,
      suppressed: row.suppressed,
      first: row.suppressed ? null : row.first,
    };
    for (const item of NEED_ITEMS)
      props[item.code] = row.suppressed || !rates.has(item.code) ? null : round(rates.get(item.code)!);
    out.push({ type: 'Feature', geometry: shape.geometry, properties: props });
  }
  return collection(out);
}

export function resourceFeatures(list: Resource[], gridCodes: Map<number, string>): FeatureCollection {
  return collection(
    list.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: {
        id: r.id,
        kind: r.kind,
        name: r.name,
        address: r.address,
        capacity: r.capacity,
        unit: r.capacityUnit,
        hours: r.openingHours,
        grid_code: r.gridId === null ? null : (gridCodes.get(r.gridId) ?? null),
      },
    })),
  );
}

export function coverageFeatures(c: CoverageReport, shapes: Map<number, AreaShape>): FeatureCollection {
  return collection(
    c.grids.flatMap((g): Feature[] => {
      const shape = shapes.get(g.gridId);
      if (!shape) return [];
      return [
        {
          type: 'Feature',
          geometry: shape.geometry as Geometry,
          properties: {
            grid_code: shape.code,
            name: g.name,
            from: c.from,
            to: c.to,
            coverage: g.coverage,
            road_m: g.roadMetres,
            points: g.points,
            unpatrolled: g.unpatrolled,
          },
        },
      ];
    }),
  );
}
