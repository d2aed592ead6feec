// Grid-worker use cases over the queries and the pure rules: live positions, trails with stops, patrol
// coverage per grid and day, geofence/silence alarms, nearest workers for an order. Scope: a grid
// worker sees themself; other roles the workers with a grid under their area path.
import { m } from '../../contract/messages/index.js';
import type { CoverageReport, GridCoverage, LivePosition, NearestWorker, Trail } from '../../contract/workers.js';
import { areaInScope } from '../areas/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db } from '../db/index.js';
import { Invalid, NotFound } from '../http/errors.js';
import * as orderSql from '../orders/queries.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import { alarmState, onDuty, type TrackPoint } from './alarms.js';
import { coverageOf, type Line, roadPieces, type RoadPieces } from './coverage.js';
import { DAY_MS, cstDay, dayStart } from './cst.js';
import { ownWorkerId, type WorkerDirectory, type WorkerInfo } from './directory.js';
import { haversine } from '../../core/geo/index.js';
import type { LiveFeed } from './live.js';
import type { Partitions } from './partitions.js';
import * as sql from './queries.js';
import type { WorkerSettings } from './settings.js';
import { detectStops } from './track.js';

/** A live position older than this is shown grey. */
export const STALE_MS = 10 * 60_000;
/** One trail request reads at most this many worker-days. */
export const MAX_WORKER_DAYS = 400;

export interface WorkerDeps {
  db: Db;
  directory: WorkerDirectory;
  partitions: Partitions;
  live: LiveFeed | null;
  settings: WorkerSettings;
  now: () => Date;
}

export async function workersFor(deps: WorkerDeps, user: AuthUser): Promise<WorkerInfo[]> {
  if (user.role === 'grid_worker') {
    const me = await deps.directory.get(await ownWorkerId(deps.db, user));
    return me ? [me] : [];
  }
  return deps.directory.inScope(user.areaPath);
}

export async function workerInScope(deps: WorkerDeps, user: AuthUser, id: number): Promise<WorkerInfo> {
  const w = (await workersFor(deps, user)).find((x) => x.id === id);
  if (!w) throw new NotFound(m('workers.notInScope', { id }));
  return w;
}

/** The grid shown for a worker to this user: the first of their grids inside the user's scope. */
const gridFor = (w: WorkerInfo, user: AuthUser) => w.grids.find((g) => g.path.startsWith(user.areaPath)) ?? w.grids[0];

export async function livePositions(deps: WorkerDeps, user: AuthUser): Promise<LivePosition[]> {
  const now = deps.now();
  const workers = await workersFor(deps, user);
  const byId = new Map(workers.map((w) => [w.id, w]));
  const rows = await sql.latestPositions(
    deps.db,
    workers.map((w) => w.id),
    new Date(dayStart(cstDay(now.getTime()))),
    now,
  );
  return rows.map((r) => {
    const w = byId.get(r.workerId)!;
    const g = gridFor(w, user);
    return {
      workerId: w.id,
      name: w.name,
      gridId: g?.id ?? 0,
      gridName: g?.name ?? '',
      lon: r.lon,
      lat: r.lat,
      t: new Date(r.t).toISOString(),
      stale: now.getTime() - r.t > STALE_MS,
      flags: r.flags,
    };
  });
}

function range(from: string, to: string): [Date, Date] {
  const a = new Date(from),
    b = new Date(to);
  if (!(b > a)) throw new Invalid(m('workers.toAfterFrom'));
  return [a, b];
}

function trailsOf(workers: readonly WorkerInfo[], rows: readonly sql.PointRow[]): Trail[] {
  const by = new Map<number, sql.PointRow[]>();
  for (const r of rows) {
    const list = by.get(r.workerId);
    if (list) list.push(r);
    else by.set(r.workerId, [r]);
  }
  return workers.map((w) => {
    const all = by.get(w.id) ?? [];
    const ok = all.filter((p) => p.flags === 0);
    return {
      workerId: w.id,
      name: w.name,
      gridIds: w.grids.map((g) => g.id),
      path: ok.map((p) => [p.lon, p.lat] as [number, number]),
      timestamps: ok.map((p) => p.t),
      stops: detectStops(ok).map((s) => ({
        lon: s.lon,
        lat: s.lat,
        from: new Date(s.from).toISOString(),
        to: new Date(s.to).toISOString(),
        minutes: Math.round((s.to - s.from) / 6000) / 10,
      })),
      flagged: all.length - ok.length,
    };
  });
}

export async function workerTrail(
  deps: WorkerDeps,
  user: AuthUser,
  id: number,
  from: string,
  to: string,
): Promise<Trail> {
  const w = await workerInScope(deps, user, id);
  const [a, b] = range(from, to);
  if (b.getTime() - a.getTime() > 31 * DAY_MS) throw new Invalid(m('workers.trailTooLong', { days: 31 }));
  return trailsOf([w], await sql.positions(deps.db, [w.id], a, b))[0];
}

export async function areaTrails(
  deps: WorkerDeps,
  user: AuthUser,
  areaId: number,
  from: string,
  to: string,
): Promise<Trail[]> {
  const area = await areaInScope(deps.db, user.areaPath, areaId);
  if (!area) throw new NotFound(m('workers.areaNotInScope', { id: areaId }));
  const [a, b] = range(from, to);
  const workers = (await workersFor(deps, user)).filter((w) => w.grids.some((g) => g.path.startsWith(area.path)));
  const days = Math.ceil((b.getTime() - a.getTime()) / DAY_MS);
  if (workers.length * days > MAX_WORKER_DAYS) {
    throw new Invalid(m('workers.tooManyWorkerDays', { workers: workers.length, days, max: MAX_WORKER_DAYS }));
  }
  const trails = trailsOf(
    workers,
    await sql.positions(
      deps.db,
      workers.map((w) => w.id),
      a,
      b,
    ),
  );
  return trails.filter((t) => t.path.length > 0);
}

// ---- coverage ----

/** Each grid's roads cut into pieces, kept in the directory's cache (emptied on every node when areas or roads change). */
async function piecesOf(
  db: Db,
  directory: WorkerDirectory,
  grids: readonly sql.GridRow[],
): Promise<Map<number, RoadPieces>> {
  const cache = directory.roadPieces;
  const missing = grids.filter((g) => !cache.has(g.id));
  if (missing.length) {
    const lines = new Map<number, Line[]>(missing.map((g) => [g.id, []]));
    for (const r of await sql.gridRoads(
      db,
      missing.map((g) => g.id),
    )) {
      const g = JSON.parse(r.geom) as { type: string; coordinates: unknown };
      if (g.type === 'LineString') lines.get(r.gridId)!.push(g.coordinates as Line);
      else if (g.type === 'MultiLineString') lines.get(r.gridId)!.push(...(g.coordinates as Line[]));
    }
    for (const g of missing) cache.set(g.id, roadPieces(lines.get(g.id)!, g.lat));
  }
  return cache;
}

/** Coverage of each grid on each CST day: stored rows for completed days, computed (and stored) otherwise. */
export async function dailyCoverage(
  deps: WorkerDeps,
  grids: readonly sql.GridRow[],
  days: readonly string[],
): Promise<sql.StoredCoverage[]> {
  const today = cstDay(deps.now().getTime());
  const ids = grids.map((g) => g.id);
  const stored = await sql.storedCoverage(
    deps.db,
    ids,
    days.filter((d) => d < today),
  );
  const have = new Set(stored.map((s) => `${s.gridId}|${s.day}`));
  const out = [...stored];
  const pieces = await piecesOf(deps.db, deps.directory, grids);
  for (const day of days) {
    const todo = grids.filter((g) => !have.has(`${g.id}|${day}`));
    if (!todo.length) continue;
    const from = new Date(dayStart(day));
    const to = new Date(Math.min(from.getTime() + DAY_MS, deps.now().getTime() + 1));
    const points = new Map<number, [number, number][]>();
    for (const p of await sql.gridPoints(
      deps.db,
      todo.map((g) => g.id),
      from,
      to,
    )) {
      const list = points.get(p.gridId);
      if (list) list.push([p.lon, p.lat]);
      else points.set(p.gridId, [[p.lon, p.lat]]);
    }
    const shapes = await deps.directory.shapesOf(todo.map((g) => g.id));
    const rows = todo.map((g) => {
      const pts = points.get(g.id) ?? [];
      const inside = pts.filter(([lon, lat]) => shapes.get(g.id)?.contains(lon, lat)).length;
      const pc = pieces.get(g.id)!;
      return {
        gridId: g.id,
        day,
        coverage: Math.round(coverageOf(pc, pts, g.lat) * 10000) / 10000,
        roadMetres: Math.round(pc.total),
        points: inside,
      };
    });
    if (day < today) await sql.storeCoverage(deps.db, rows);
    out.push(...rows);
  }
  return out;
}

export function daysEnding(day: string, n: number): string[] {
  const end = dayStart(day);
  return Array.from({ length: n }, (_, i) => cstDay(end - (n - 1 - i) * DAY_MS));
}

export async function coverageReport(
  deps: WorkerDeps,
  user: AuthUser,
  areaId: number,
  day: string,
  period: 'day' | 'week',
): Promise<CoverageReport> {
  const area = await areaInScope(deps.db, user.areaPath, areaId);
  if (!area) throw new NotFound(m('workers.areaNotInScope', { id: areaId }));
  if (Number.isNaN(dayStart(day))) throw new Invalid(m('workers.invalidDate', { day }));
  if (dayStart(day) > deps.now().getTime()) throw new Invalid(m('workers.dateInFuture'));
  const days = daysEnding(day, period === 'week' ? 7 : 1);
  const grids = await sql.gridsUnder(deps.db, area.path);
  const rows = await dailyCoverage(deps, grids, days);
  const by = new Map<number, sql.StoredCoverage[]>();
  for (const r of rows) by.set(r.gridId, [...(by.get(r.gridId) ?? []), r]);
  const out: GridCoverage[] = grids.map((g) => {
    const list = by.get(g.id) ?? [];
    const points = list.reduce((s, r) => s + r.points, 0);
    return {
      gridId: g.id,
      name: g.name,
      coverage: list.length ? Math.round((list.reduce((s, r) => s + r.coverage, 0) / days.length) * 10000) / 10000 : 0,
      roadMetres: list[0]?.roadMetres ?? 0,
      points,
      unpatrolled: points === 0,
    };
  });
  return {
    from: new Date(dayStart(days[0])).toISOString(),
    to: new Date(dayStart(day) + DAY_MS).toISOString(),
    grids: out,
  };
}

// ---- alarms ----

const areaIdOf = (path: string) => Number(path.split('/').filter(Boolean).pop());

/** Positions read back a page at a time while looking for where a worker's time outside began. */
const STREAK_PAGE = 240;

/**
 * Each worker's track today back to its last point inside an own grid (or the whole day when there is none),
 * oldest first: all the geofence rule looks at, without reading the whole day of a worker who stepped out.
 */
async function currentStreaks(
  deps: WorkerDeps,
  workerIds: readonly number[],
  inside: (workerId: number, lon: number, lat: number) => boolean,
  from: Date,
  t: number,
): Promise<Map<number, TrackPoint[]>> {
  const newestFirst = new Map<number, TrackPoint[]>(workerIds.map((id) => [id, []]));
  let pages = workerIds.map((workerId) => ({ workerId, before: new Date(t + 1) }));
  while (pages.length) {
    const got = new Map<number, number>();
    for (const p of await sql.positionsBefore(deps.db, pages, from, STREAK_PAGE)) {
      newestFirst.get(p.workerId)!.push({ t: p.t, inside: inside(p.workerId, p.lon, p.lat) });
      got.set(p.workerId, (got.get(p.workerId) ?? 0) + 1);
    }
    pages = pages.flatMap(({ workerId }) => {
      const list = newestFirst.get(workerId)!.sort((a, b) => b.t - a.t);
      const done = (got.get(workerId) ?? 0) < STREAK_PAGE || list.some((x) => x.inside);
      return done ? [] : [{ workerId, before: new Date(list[list.length - 1].t) }];
    });
  }
  return new Map([...newestFirst].filter(([, list]) => list.length).map(([id, list]) => [id, list.reverse()]));
}

/**
 * One pass of the geofence and silence rules over the workers who sent a position today: raises an
 * `alarm` push when an episode starts (once), and closes episodes that ended. Returns what to publish.
 */
export async function checkWorkerAlarms(deps: WorkerDeps): Promise<Published[]> {
  const now = deps.now();
  const t = now.getTime();
  const workers = await deps.directory.all();
  const byId = new Map(workers.map((w) => [w.id, w]));
  const from = new Date(dayStart(cstDay(t)));
  const latest = await sql.latestPositions(
    deps.db,
    workers.map((w) => w.id),
    from,
    now,
  );
  const open = await sql.openAlarms(deps.db);
  const openKey = new Set(open.map((o) => `${o.workerId}|${o.kind}`));
  const rules = {
    duty: deps.settings.duty,
    outOfGridMinutes: deps.settings.outOfGridMinutes,
    silentMinutes: deps.settings.silentMinutes,
  };
  // Tracks only on duty (off duty no rule applies) and only for the workers whose latest point is outside
  // their grids or who hold an open alarm: most workers are inside, and one latest point each decides that.
  const shapes = await deps.directory.shapesOf([...new Set(workers.flatMap((w) => w.grids.map((g) => g.id)))]);
  const insideLatest = (w: WorkerInfo, lon: number, lat: number) =>
    w.grids.some((g) => shapes.get(g.id)?.contains(lon, lat));
  const suspects = onDuty(t, rules.duty)
    ? latest
        .filter((l) => !insideLatest(byId.get(l.workerId)!, l.lon, l.lat) || openKey.has(`${l.workerId}|out_of_grid`))
        .map((l) => l.workerId)
    : [];
  const tracks = await currentStreaks(deps, suspects, (id, lon, lat) => insideLatest(byId.get(id)!, lon, lat), from, t);
  const published: Published[] = [];
  const active = new Set<string>();
  for (const l of latest) {
    const w = byId.get(l.workerId)!;
    const track = tracks.get(l.workerId) ?? [{ t: l.t, inside: insideLatest(w, l.lon, l.lat) }];
    const state = alarmState(track, t, rules);
    for (const [kind, since] of [
      ['out_of_grid', state.outOfGrid],
      ['silent', state.silent],
    ] as const) {
      if (since === null) continue;
      active.add(`${w.id}|${kind}`);
      const grid = w.grids[0];
      if (!grid) continue;
      await deps.db.tx(async (q) => {
        if (!(await sql.openAlarm(q, w.id, kind, new Date(since), now))) return;
        const minutes = Math.round((t - since) / 60_000);
        const message = m(kind === 'out_of_grid' ? 'workers.alarm.outOfGrid' : 'workers.alarm.silent', {
          name: w.name,
          grid: grid.name,
          minutes,
        });
        const body = {
          kind: 'system',
          severity: 'warning',
          message,
          areaId: areaIdOf(grid.path),
          workerId: w.id,
          workerAlarm: kind,
          since: new Date(since).toISOString(),
        };
        published.push(await eventLog.append(q, { topic: 'alarm', areaPath: grid.path, body }));
      });
    }
  }
  for (const o of open) if (!active.has(`${o.workerId}|${o.kind}`)) await sql.closeAlarm(deps.db, o.workerId, o.kind);
  return published;
}

// ---- dispatch help ----

export async function nearestWorkers(
  deps: WorkerDeps,
  user: AuthUser,
  orderId: number,
  limit: number,
): Promise<NearestWorker[]> {
  const order = await orderSql.orderInScope(deps.db, user.areaPath, orderId);
  if (!order) throw new NotFound(m('workers.orderNotInScope', { id: orderId }));
  const now = deps.now();
  const workers = await deps.directory.inScope(user.areaPath);
  const byId = new Map(workers.map((w) => [w.id, w]));
  const latest = await sql.latestPositions(
    deps.db,
    workers.map((w) => w.id),
    new Date(dayStart(cstDay(now.getTime()))),
    now,
  );
  const ranked = latest
    .map((l) => ({ l, w: byId.get(l.workerId)!, d: haversine([order.lon, order.lat], [l.lon, l.lat]) }))
    .sort((a, b) => Number(now.getTime() - a.l.t > STALE_MS) - Number(now.getTime() - b.l.t > STALE_MS) || a.d - b.d)
    .slice(0, limit);
  const load = await deps.db.query<{ workerId: number; n: number }>(
    /* sql */ `SELECT wg.worker_id AS "workerId", count(o.id)::int AS n FROM worker_grids wg
      LEFT JOIN orders o ON o.grid_id = wg.grid_id AND o.status NOT IN ('closed', 'cancelled', 'duplicate')
      WHERE wg.worker_id = ANY($1::int[]) GROUP BY wg.worker_id`,
    [ranked.map((r) => r.w.id)],
  );
  const loadOf = new Map(load.rows.map((r) => [r.workerId, r.n]));
  return ranked.map(({ l, w, d }) => ({
    workerId: w.id,
    name: w.name,
    gridName: gridFor(w, user)?.name ?? '',
    lon: l.lon,
    lat: l.lat,
    t: new Date(l.t).toISOString(),
    distanceM: Math.round(d),
    openOrders: loadOf.get(w.id) ?? 0,
    stale: now.getTime() - l.t > STALE_MS,
  }));
}
