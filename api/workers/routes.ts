// HTTP (and the Socket.IO `positions` event): position batches, live positions, trails, coverage,
// visits, compliance, person files, ranking and nearest workers. Also defines the periodic upkeep job (partitions,
// retention, alarms, yesterday's coverage).
import { Router } from 'express';
import { z } from 'zod';
import { AreaId } from '../../contract/areas.js';
import { langOf, m } from '../../contract/messages/index.js';
import { OrderId } from '../../contract/orders.js';
import {
  ComplianceQuery,
  ComplianceReport,
  CoverageQuery,
  CoverageReport,
  IngestResult,
  LivePosition,
  NearestWorker,
  PersonFile,
  PersonFileQuery,
  PositionBatch,
  type PositionsAck,
  Ranking,
  WorkerSummary,
  RankingQuery,
  Trail,
  TrailCollection,
  TrailQuery,
  Visit,
  VisitCreate,
} from '../../contract/workers.js';
import type { AuthUser } from '../auth/session.js';
import { homeAreaId } from '../auth/scope.js';
import type { Db } from '../db/index.js';
import { errorBody } from '../http/error-handler.js';
import { Forbidden, HttpError, Invalid } from '../http/errors.js';
import { issueText, route } from '../http/route.js';
import { ExportCoverageQuery } from '../../contract/imports.js';
import { attach, encode } from '../export/formats.js';
import { coverageFeatures } from '../export/layers.js';
import { areaShapes } from '../export/queries.js';
import type { JobRunner } from '../jobs/runner.js';
import type { Hub } from '../realtime/hub.js';
import { careRoutes } from './care-routes.js';
import { cstDay } from './cst.js';
import { WorkerDirectory, ownWorkerId } from './directory.js';
import { ingestPositions } from './ingest.js';
import { LiveFeed, ownRoom, watchRoom } from './live.js';
import { Partitions } from './partitions.js';
import { ranking } from './ranking.js';
import {
  type WorkerDeps,
  areaTrails,
  checkWorkerAlarms,
  coverageReport,
  daysEnding,
  dailyCoverage,
  livePositions,
  nearestWorkers,
  workersFor,
  workerTrail,
} from './service.js';
import { gridsUnder } from './queries.js';
import { parseWeights, type WorkerSettings } from './settings.js';
import { PERSON_READERS, compliance, logVisit, personFile } from './visits.js';

const SUPERVISING = ['admin', 'operator', 'supervisor', 'dispatcher', 'grid_worker'] as const;
/** Who hears the live positions of the workers in their scope (a grid worker hears only their own). */
const POSITION_WATCHERS: ReadonlySet<string> = new Set(SUPERVISING.filter((r) => r !== 'grid_worker'));
const ANALYSTS = ['admin', 'operator', 'supervisor', 'dispatcher', 'planner', 'grid_worker'] as const;
const IdParams = z.object({ id: AreaId });

export interface WorkerModuleOptions {
  db: Db;
  hub: Hub;
  /** Runs the upkeep as a periodic job. */
  jobs: JobRunner;
  now?: () => Date;
  /** From the configuration (config.workers). */
  settings: WorkerSettings;
  log?: (msg: string) => void;
}

export interface WorkerModule {
  router: Router;
  deps: WorkerDeps;
  /** One upkeep pass now on this node (what the period runs); nothing when another node is at it. */
  tick(): Promise<void>;
  stop(): void;
}

export const WORKER_UPKEEP_JOB = 'workers-upkeep';

export function workerModule({
  db,
  hub,
  jobs,
  now = () => new Date(),
  settings,
  log = () => undefined,
}: WorkerModuleOptions): WorkerModule {
  const directory = new WorkerDirectory(db);
  const partitions = new Partitions(db);
  const live = new LiveFeed(hub.io as never, settings.livePushMs);
  const deps: WorkerDeps = { db, directory, partitions, live, settings, now };
  const ingestDeps = { db, directory, partitions, live, retentionDays: settings.retentionDays, now, recent: new Map() };

  const ingestFor = async (user: AuthUser, batch: PositionBatch) => {
    const worker = await directory.get(await ownWorkerId(db, user));
    if (!worker) throw new Invalid(m('workers.inactive'));
    return ingestPositions(ingestDeps, worker, batch.points);
  };

  const r = Router();
  route(
    r,
    {
      method: 'post',
      path: '/api/positions',
      tag: 'workers',
      access: ['grid_worker'],
      summary: `A batch of the caller's own positions (≤ 500, device time); late and out-of-order points are put in place, duplicates dropped, jumps and points outside the district flagged`,
      body: PositionBatch,
      response: IngestResult,
    },
    ({ body, user }) => ingestFor(user!, body),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/workers',
      tag: 'workers',
      access: SUPERVISING,
      summary: 'The grid workers in your scope with their grids (a grid worker: themself)',
      response: z.array(WorkerSummary),
    },
    async ({ user }) =>
      (await workersFor(deps, user!)).map((w) => ({
        id: w.id,
        name: w.name,
        grids: w.grids.map((g) => ({ id: g.id, name: g.name })),
      })),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/workers/live',
      tag: 'workers',
      access: SUPERVISING,
      summary: 'The latest position today of each worker in scope; stale after 10 minutes',
      response: z.array(LivePosition),
    },
    ({ user }) => livePositions(deps, user!),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/workers/ranking',
      tag: 'workers',
      access: ['admin', 'operator', 'supervisor', 'planner'],
      summary:
        'Grid assessment ranking per grid or worker for a month (weights as info:…,coverage:…,visits:…,onTime:…)',
      query: RankingQuery,
      response: Ranking,
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user }) => {
      let weights = settings.weights;
      if (query.weights) {
        weights = parseWeights(query.weights);
      }
      return ranking(deps, user!, { month: query.month, area: query.area, by: query.by, weights });
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/workers/:id/trail',
      tag: 'workers',
      access: SUPERVISING,
      summary: "One worker's trail (path, timestamps, stops ≥ 5 min within 30 m) between from and to",
      params: IdParams,
      query: TrailQuery,
      response: Trail,
      errors: { 404: 'no such grid worker in your scope' },
    },
    ({ params, query, user }) => workerTrail(deps, user!, params.id, query.from, query.to),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/areas/:id/trails',
      tag: 'workers',
      access: SUPERVISING,
      summary: "The trails of an area's workers between from and to (≤ 400 worker-days)",
      params: IdParams,
      query: TrailQuery,
      response: TrailCollection,
      errors: { 404: 'no such area in your scope' },
    },
    async ({ params, query, user }) => ({
      from: query.from,
      to: query.to,
      trails: await areaTrails(deps, user!, params.id, query.from, query.to),
    }),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/areas/:id/coverage',
      tag: 'workers',
      access: ANALYSTS,
      summary:
        'Patrol coverage of each grid under an area for a day or the week ending that day (share of road length within 30 m of a position)',
      params: IdParams,
      query: CoverageQuery,
      response: CoverageReport,
      errors: { 404: 'no such area in your scope' },
    },
    ({ params, query, user }) => coverageReport(deps, user!, params.id, query.day, query.period),
  );
  // The same report as a layer file (the common export encoder): grid polygons with their coverage.
  route(
    r,
    {
      method: 'get',
      path: '/api/export/coverage',
      tag: 'export',
      access: ANALYSTS,
      summary:
        'Patrol coverage per grid under an area (default: yours) for a day or the week ending it, as GeoJSON, zipped Shapefile or CSV, in WGS84 or GCJ-02',
      query: ExportCoverageQuery,
      produces: 'application/geo+json, application/zip, text/csv',
      errors: { 404: 'the area is outside your scope' },
    },
    async ({ query, user, res }) => {
      const report = await coverageReport(
        deps,
        user!,
        query.area ?? (await homeAreaId(db, user!)),
        query.day,
        query.period,
      );
      const shapes = await areaShapes(
        db,
        user!.areaPath,
        report.grids.map((g) => g.gridId),
      );
      return attach(
        res,
        await encode(coverageFeatures(report, shapes), query.format, query.crs, 'coverage'),
        `coverage_${query.day}_${query.period}`,
        query.crs,
      );
    },
  );
  route(
    r,
    {
      method: 'post',
      path: '/api/visits',
      tag: 'workers',
      access: ['admin', 'operator', 'supervisor', 'grid_worker'],
      summary: 'Log a visit to a special-group resident (photo optional: upload it first with POST /api/photos)',
      body: VisitCreate,
      response: Visit,
      status: 201,
      errors: { 404: 'no such resident in your scope' },
    },
    async ({ body, user }) => {
      return logVisit(deps, user!, body);
    },
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/visits/compliance',
      tag: 'workers',
      access: ANALYSTS,
      summary:
        "Visit compliance per ISO week (period=week, week=YYYY-Www) or month (weeks met over weeks due) per grid, under each grid's rule; persons=true lists who is behind (with purpose=…, audited)",
      query: ComplianceQuery,
      response: ComplianceReport,
      errors: { 404: 'the area is outside your scope' },
    },
    ({ query, user, req }) => compliance(deps, user!, query, req.ip ?? ''),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/residents/:id/file',
      tag: 'workers',
      access: PERSON_READERS,
      summary: "A special-group resident's file with their visits; the read is audited with the stated purpose",
      params: z.object({ id: z.coerce.number().int().positive() }),
      query: PersonFileQuery,
      response: PersonFile,
      errors: { 404: 'no such resident in your scope' },
    },
    ({ params, query, user, req }) => personFile(deps, user!, params.id, query.purpose, req.ip ?? ''),
  );
  route(
    r,
    {
      method: 'get',
      path: '/api/orders/:id/nearest-workers',
      tag: 'workers',
      access: ['admin', 'operator', 'dispatcher', 'supervisor'],
      summary: 'On-duty workers nearest an order (straight line), with their open-order load',
      params: z.object({ id: OrderId }),
      query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(5) }),
      response: z.array(NearestWorker),
      errors: { 404: 'no such order in your scope' },
    },
    ({ params, query, user }) => nearestWorkers(deps, user!, params.id, query.limit),
  );

  // Who hears `worker:position` (live.ts): staff of the roles that read GET /api/workers/live, by their
  // scope, and a grid worker only about themself — known before the socket is told it is connected.
  hub.io.use(async (socket, next) => {
    const user = socket.data.user as AuthUser | undefined;
    if (user?.role === 'grid_worker') {
      try {
        socket.data.workerId = await ownWorkerId(db, user);
      } catch (err) {
        if (!(err instanceof HttpError)) return next(new Error('unavailable'));
      }
    }
    next();
  });
  // The same ingest over Socket.IO: emit('positions', { points }, ack).
  hub.io.on('connection', (socket) => {
    const { user, workerId } = socket.data;
    if (POSITION_WATCHERS.has(user.role)) void socket.join(watchRoom(user.areaPath));
    else if (workerId !== undefined) void socket.join([ownRoom(workerId, user.areaPath), ownRoom(workerId, '*')]);
    // A refusal is acked in the HTTP error's shape, its message in the language the handshake asked for.
    const lang = langOf(socket.handshake.headers['accept-language']);
    socket.on('positions', async (body: unknown, ack?: (reply: PositionsAck) => void) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      try {
        if (user.role !== 'grid_worker') throw new Forbidden(m('workers.onlyWorkersPostPositions'));
        const parsed = PositionBatch.safeParse(body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Invalid(m('workers.invalidBatch', { at: issue?.path.join('.') ?? '', issue: issueText(issue) }));
        }
        reply({ ok: true, result: await ingestFor(user, parsed.data) });
      } catch (err) {
        const body =
          err instanceof HttpError
            ? errorBody(err.code, err.text, lang, err.details)
            : errorBody('internal', m('common.internal'), lang);
        reply({ ok: false, error: body.error });
        if (!(err instanceof HttpError)) log(`positions over socket failed: ${(err as Error).message}`);
      }
    });
  });

  // Upkeep, once per period across all nodes (a periodic job): partitions ahead and retention, alarms, yesterday's coverage.
  const upkeep = jobs.periodic(WORKER_UPKEEP_JOB, settings.checkIntervalMs, async () => {
    const t = now();
    const dropped = await partitions.upkeep(t.getTime(), settings.retentionDays);
    if (dropped) log(`dropped ${dropped} day partition(s) of positions past the retention`);
    hub.publish(await checkWorkerAlarms(deps));
    const yesterday = daysEnding(cstDay(t.getTime()), 2)[0];
    await dailyCoverage(deps, await gridsUnder(db, '/'), [yesterday]);
  });
  const tick = async () => {
    await upkeep.runNow();
  };
  const stop = () => live.stop();
  hub.io.httpServer?.on('close', stop);
  careRoutes(r, deps);
  return { router: r, deps, tick, stop };
}
