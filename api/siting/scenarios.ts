// Saved scenarios: the server runs the request itself (a saved result is never taken from the client),
// stores it under the area's path, and lists, reads, exports and deletes within the caller's scope.
import type { OptimizeResult, Scenario, ScenarioCreate, ScenarioSummary } from '../../contract/siting.js';
import { ScenarioCreate as ScenarioCreateSchema } from '../../contract/siting.js';
import type { AuthUser } from '../auth/session.js';
import { NotFound } from '../http/errors.js';
import { verdictOf } from './export.js';
import * as sql from './queries.js';
import type { SitingDeps } from './area-scope.js';
import { optimize } from './service.js';
import { m } from '../../contract/messages/index.js';

const notFound = (id: number) => new NotFound(m('siting.scenarioNotFound', { id }));

function toScenario(row: sql.ScenarioRow): Scenario {
  const stored = row.result as unknown as OptimizeResult;
  // Results saved before verdicts existed: say "unknown" (and no exact gap) rather than show a number never proved.
  const result: OptimizeResult = stored.verdict
    ? stored
    : {
        ...stored,
        verdict: verdictOf(stored),
        exact: stored.exact && {
          ...stored.exact,
          status: stored.exact.optimal ? 'optimal' : 'stopped',
          gap: stored.exact.optimal ? stored.exact.gap : null,
          solverStatus: String(stored.exact.solverStatus ?? stored.exact.status),
          nonzeros: stored.exact.nonzeros ?? 0,
        },
      };
  const t = result.target;
  return {
    id: row.id,
    name: row.name,
    areaId: row.areaId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    model: result.model,
    sites: result.sites.length,
    coveredBefore: result.before[t].covered,
    coveredAfter: result.after[t].covered,
    request: row.request,
    result,
  };
}

export async function saveScenario(deps: SitingDeps, user: AuthUser, raw: ScenarioCreate): Promise<Scenario> {
  const body = ScenarioCreateSchema.parse(raw);
  const result = await optimize(deps, user, body.request);
  const area = await sql.areaInScope(deps.db, user.areaPath, result.area.id);
  if (!area) throw new NotFound();
  const id = await sql.insertScenario(deps.db, {
    name: body.name,
    areaId: area.id,
    areaPath: area.path,
    createdBy: user.id,
    model: result.model,
    request: body.request,
    result,
  });
  return getScenario(deps, user, id);
}

export async function listScenarios(deps: SitingDeps, user: AuthUser): Promise<ScenarioSummary[]> {
  const rows = await sql.scenariosUnder(deps.db, user.areaPath);
  return rows.map((r) => ({ ...r, model: r.model as ScenarioSummary['model'] }));
}

export async function getScenario(deps: SitingDeps, user: AuthUser, id: number): Promise<Scenario> {
  const row = await sql.scenarioInScope(deps.db, user.areaPath, id);
  if (!row) throw notFound(id);
  return toScenario(row);
}

export async function removeScenario(deps: SitingDeps, user: AuthUser, id: number): Promise<void> {
  if (!(await sql.deleteScenario(deps.db, user.areaPath, id))) throw notFound(id);
}
