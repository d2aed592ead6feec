// Who the grid workers are, cached briefly in memory: name, own grids (with paths for scope and push
// rooms), grid polygons for geofences and grid roads for coverage. Ingest and the live feed read it on every
// batch; every node empties it when areas or roads change (the 'areas' invalidation, app.ts).
import { m } from '../../contract/messages/index.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Forbidden } from '../http/errors.js';
import type { RoadPieces } from './coverage.js';
import { PolygonIndex, type PolygonRings } from '../../core/geo/index.js';

export interface GridRef {
  id: number;
  name: string;
  path: string;
}

export interface WorkerInfo {
  id: number;
  name: string;
  grids: GridRef[];
}

const TTL_MS = 30_000;

export class WorkerDirectory {
  private workers = new Map<number, WorkerInfo>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;
  private district: PolygonIndex | null = null;
  private gridShapes = new Map<number, PolygonIndex>();
  /** Each grid's roads cut into pieces for the patrol coverage (filled by service.ts, emptied with the rest). */
  readonly roadPieces = new Map<number, RoadPieces>();

  constructor(private readonly db: Queryable) {}

  private async load(): Promise<void> {
    const r = await this.db.query<{ id: number; name: string; grids: GridRef[] | null }>(/* sql */ `SELECT w.id, w.name,
          (SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'path', a.path) ORDER BY a.id)
             FROM worker_grids wg JOIN areas a ON a.id = wg.grid_id WHERE wg.worker_id = w.id) AS grids
        FROM grid_workers w WHERE w.active`);
    this.workers = new Map(r.rows.map((w) => [w.id, { id: w.id, name: w.name, grids: w.grids ?? [] }]));
    this.loadedAt = Date.now();
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < TTL_MS) return;
    this.loading ??= this.load().finally(() => (this.loading = null));
    await this.loading;
  }

  async get(id: number): Promise<WorkerInfo | null> {
    await this.fresh();
    return this.workers.get(id) ?? null;
  }

  async all(): Promise<WorkerInfo[]> {
    await this.fresh();
    return [...this.workers.values()];
  }

  /** Workers with at least one grid inside the scope path. */
  async inScope(scopePath: string): Promise<WorkerInfo[]> {
    return (await this.all()).filter((w) => w.grids.some((g) => g.path.startsWith(scopePath)));
  }

  /** The district outline, for the outside-the-district flag. */
  async districtShape(): Promise<PolygonIndex> {
    if (!this.district) {
      const r = await this.db.query<{ g: string }>(
        /* sql */ `SELECT ST_AsGeoJSON(ST_Union(geom)) AS g FROM areas WHERE level = 'district'`,
      );
      this.district = shapeOf(r.rows[0]?.g ?? null);
    }
    return this.district;
  }

  /** Grid polygons by id (cached; grids do not move while the server runs). */
  async shapesOf(ids: readonly number[]): Promise<Map<number, PolygonIndex>> {
    const missing = ids.filter((id) => !this.gridShapes.has(id));
    if (missing.length) {
      const r = await this.db.query<{ id: number; g: string }>(
        /* sql */ `SELECT id, ST_AsGeoJSON(geom) AS g FROM areas WHERE id = ANY($1::int[])`,
        [missing],
      );
      for (const row of r.rows) this.gridShapes.set(row.id, shapeOf(row.g));
    }
    return new Map(ids.filter((id) => this.gridShapes.has(id)).map((id) => [id, this.gridShapes.get(id)!]));
  }

  /** Forget the cache (after the city or the workers change). */
  invalidate(): void {
    this.loadedAt = -Infinity;
    this.district = null;
    this.gridShapes.clear();
    this.roadPieces.clear();
  }
}

function shapeOf(geojson: string | null): PolygonIndex {
  if (!geojson) return new PolygonIndex([]);
  const g = JSON.parse(geojson) as { type: string; coordinates: unknown };
  if (g.type === 'Polygon') return new PolygonIndex([g.coordinates as PolygonRings]);
  if (g.type === 'MultiPolygon') return new PolygonIndex(g.coordinates as PolygonRings[]);
  return new PolygonIndex([]);
}

/** The grid worker behind a grid_worker account; 403 when the account has none. */
export async function ownWorkerId(q: Queryable, user: AuthUser): Promise<number> {
  const r = await q.query<{ worker_id: number | null }>(/* sql */ `SELECT worker_id FROM accounts WHERE id = $1`, [
    user.id,
  ]);
  const id = r.rows[0]?.worker_id;
  if (!id) throw new Forbidden(m('workers.accountNotLinked'));
  return id;
}
