// Visits to special-group residents: logging one (with the needs found, the help given and referrals; a phone's
// replay of the same client id returns the visit first written), and reading a person's file — every read audited
// with the purpose the request states. Compliance is api/workers/compliance.ts. A visit's note and help are free
// text: masked for a supervisor, as written for the center's staff and the grid's workers (api/privacy/free-text.ts).
import { m } from '../../contract/messages/index.js';
import type { PersonFile, Visit, VisitCreate } from '../../contract/workers.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import { Invalid, NotFound } from '../http/errors.js';
import { textFor } from '../privacy/free-text.js';
import { DAY_MS } from './cst.js';
import { ownWorkerId } from './directory.js';
import { insertReferrals } from './referrals.js';
import type { WorkerDeps } from './service.js';

export { PERSON_READERS, compliance } from './compliance.js';
/** A visit may be logged this long after it happened. */
export const VISIT_BACKDATE_DAYS = 62;

interface ResidentRow {
  id: number;
  gridId: number;
  gridName: string;
  path: string;
  flags: number;
}

/** The resident, if the user's scope (a grid worker: their own grids) holds them. */
async function residentInScope(deps: WorkerDeps, user: AuthUser, id: number): Promise<ResidentRow | null> {
  const r = await deps.db.query<ResidentRow>(
    /* sql */ `SELECT r.id::int AS id, r.grid_id AS "gridId", a.name AS "gridName", a.path, r.flags FROM residents r JOIN areas a ON a.id = r.grid_id
      WHERE r.id = $1 AND a.path LIKE $2 || '%'`,
    [id, user.areaPath],
  );
  const row = r.rows[0] ?? null;
  if (row && user.role === 'grid_worker') {
    const me = await deps.directory.get(await ownWorkerId(deps.db, user));
    if (!me?.grids.some((g) => g.id === row.gridId)) return null;
  }
  return row;
}

const VISIT_COLUMNS = /* sql */ `id, resident_id::int AS "residentId", grid_id AS "gridId", worker_id AS "workerId", visited_at AS "visitedAt", note, photo_id AS "photoId",
  needs_found AS "needsFound", help_given AS "helpGiven", client_id AS "clientId"`;
const toVisit = (v: Visit & { visitedAt: string | Date }): Visit => ({
  ...v,
  visitedAt: new Date(v.visitedAt).toISOString(),
});

export async function logVisit(deps: WorkerDeps, user: AuthUser, body: VisitCreate): Promise<Visit> {
  const now = deps.now().getTime();
  if (body.clientId) {
    // A replay from the phone: the visit it wrote the first time (its referrals were written with it).
    const first = await deps.db.query<Visit>(
      /* sql */ `SELECT ${VISIT_COLUMNS} FROM visits WHERE account_id = $1 AND client_id = $2`,
      [user.id, body.clientId],
    );
    if (first.rows[0]) return toVisit(first.rows[0]);
  }
  const res = await residentInScope(deps, user, body.residentId);
  if (!res) throw new NotFound(m('workers.residentNotInScope', { id: body.residentId }));
  if (res.flags === 0) throw new Invalid(m('workers.residentNotSpecial'));
  const at = body.visitedAt ? Date.parse(body.visitedAt) : now;
  if (at > now + 5 * 60_000) throw new Invalid(m('workers.visitInFuture'));
  if (at < now - VISIT_BACKDATE_DAYS * DAY_MS)
    throw new Invalid(m('workers.visitTooOld', { days: VISIT_BACKDATE_DAYS }));
  if (body.photoId) {
    const p = await deps.db.query(/* sql */ `SELECT 1 FROM photos WHERE id = $1`, [body.photoId]);
    if (!p.rowCount) throw new Invalid(m('workers.photoNotFound', { id: body.photoId }));
  }
  const depts = (body.referrals ?? []).map((r) => r.toDept);
  if (new Set(depts).size !== depts.length) throw new Invalid(m('care.referralTwice'));
  const workerId = user.role === 'grid_worker' ? await ownWorkerId(deps.db, user) : null;
  return deps.db.tx(async (q) => {
    const r = await q.query<Visit>(
      /* sql */ `INSERT INTO visits (resident_id, grid_id, area_path, worker_id, account_id, visited_at, note, photo_id,
          needs_found, help_given, client_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (account_id, client_id) WHERE client_id IS NOT NULL DO NOTHING RETURNING ${VISIT_COLUMNS}`,
      [
        res.id,
        res.gridId,
        res.path,
        workerId,
        user.id,
        new Date(at).toISOString(),
        body.note || null,
        body.photoId ?? null,
        [...new Set(body.needsFound ?? [])],
        body.helpGiven || null,
        body.clientId ?? null,
      ],
    );
    if (!r.rows[0]) {
      // The same replay, sent twice at once: the other one wrote it.
      const first = await q.query<Visit>(
        /* sql */ `SELECT ${VISIT_COLUMNS} FROM visits WHERE account_id = $1 AND client_id = $2`,
        [user.id, body.clientId],
      );
      return toVisit(first.rows[0]);
    }
    const v = r.rows[0];
    await insertReferrals(
      q,
      user,
      { id: v.id, residentId: res.id, gridId: res.gridId, path: res.path },
      body.referrals ?? [],
      deps.now(),
    );
    return toVisit(v);
  });
}

export async function personFile(
  deps: WorkerDeps,
  user: AuthUser,
  residentId: number,
  purpose: string,
  ip: string,
): Promise<PersonFile> {
  const res = await residentInScope(deps, user, residentId);
  if (!res) throw new NotFound(m('workers.residentNotInScope', { id: residentId }));
  return deps.db.tx(async (q) => {
    const r = await q.query<{ address: string; household: number; age: number; sex: number }>(
      /* sql */ `SELECT b.address, r.household, r.age, r.sex FROM residents r JOIN buildings b ON b.id = r.building_id WHERE r.id = $1`,
      [residentId],
    );
    const visits = await q.query<Visit & { authorId: number | null }>(
      /* sql */ `SELECT ${VISIT_COLUMNS}, account_id AS "authorId" FROM visits WHERE resident_id = $1 ORDER BY visited_at DESC LIMIT 100`,
      [residentId],
    );
    await audit(q, {
      accountId: user.id,
      action: 'person_file.read',
      target: `resident:${residentId}`,
      detail: { purpose, gridId: res.gridId },
      ip,
    });
    const p = r.rows[0];
    return {
      residentId,
      gridId: res.gridId,
      gridName: res.gridName,
      address: p.address,
      household: p.household,
      age: p.age,
      sex: p.sex,
      flags: res.flags,
      visits: visits.rows.map(({ authorId, ...v }) =>
        toVisit({
          ...v,
          note: v.note === null ? null : textFor(user, { authorId, handler: user.role === 'grid_worker' }, v.note),
          helpGiven:
            v.helpGiven === null
              ? null
              : textFor(user, { authorId, handler: user.role === 'grid_worker' }, v.helpGiven),
        }),
      ),
    };
  });
}
