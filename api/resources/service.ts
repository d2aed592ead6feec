// Resource use cases: scoped list and CRUD (the grid comes from the point, and must be in the caller's scope),
// CSV import (good rows in, bad rows reported by line), and need ↔ resource gaps ranked per grid.
import { MIN_RESPONDENTS, NEED_ITEMS, needBit } from '../../contract/needs.js';
import {
  type GapQuery,
  type Gaps,
  RESOURCE_IMPORT_COLUMNS,
  type Resource,
  ResourceInput,
  type ResourcePatch,
} from '../../contract/resources.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { readCsv } from '../needs/import-parse.js';
import { countedPath, respondentsKey } from '../needs/analytics.js';
import { areaNames, responseSums } from '../needs/queries.js';
import { weightedWilson } from '../needs/wilson.js';
import { gridAt } from '../orders/queries.js';
import { discloseRate } from '../population/disclosure.js';
import { disclosureOf } from '../population/queries.js';
import { scopePath } from '../population/service.js';
import * as sql from './queries.js';
import { m, type Message, type MessageKey } from '../../contract/messages/index.js';
import { issueText } from '../http/route.js';

async function gridFor(q: Queryable, user: AuthUser, lon: number, lat: number): Promise<number> {
  const grid = await gridAt(q, lon, lat);
  if (!grid) throw new Invalid(m('resources.pointInNoGrid', { lon, lat }));
  if (!grid.path.startsWith(user.areaPath)) throw new Forbidden(m('resources.placeOutsideScope'));
  return grid.id;
}

export async function createResource(db: Db, user: AuthUser, input: ResourceInput): Promise<Resource> {
  const gridId = await gridFor(db, user, input.lon, input.lat);
  const [id] = await sql.insertResources(db, [{ ...input, gridId }]);
  return (await sql.resourceInScope(db, user.areaPath, id))!;
}

export async function patchResource(db: Db, user: AuthUser, id: number, patch: ResourcePatch): Promise<Resource> {
  const cur = await sql.resourceInScope(db, user.areaPath, id);
  if (!cur) throw new NotFound(m('resources.notFoundInScope', { id }));
  const next = ResourceInput.parse({ ...cur, openingHours: cur.openingHours ?? undefined, ...patch });
  const gridId = await gridFor(db, user, next.lon, next.lat);
  await sql.updateResource(db, id, { ...next, gridId });
  return (await sql.resourceInScope(db, user.areaPath, id))!;
}

export async function removeResource(db: Db, user: AuthUser, id: number): Promise<void> {
  if (!(await sql.resourceInScope(db, user.areaPath, id))) throw new NotFound(m('resources.notFoundInScope', { id }));
  await sql.deleteResource(db, id);
}

/** CSV (UTF-8 or GBK) with columns kind,name,address,capacity,opening_hours,lon,lat: good rows in one transaction. */
export async function importResources(db: Db, user: AuthUser, buf: Buffer) {
  const table = readCsv(buf);
  const head = table.header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const missing = RESOURCE_IMPORT_COLUMNS.filter(
    (c) => !head.includes(c) && c !== 'address' && c !== 'opening_hours' && c !== 'capacity',
  );
  const unknown = head.filter((h) => h && !(RESOURCE_IMPORT_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    const problems = [
      ...(missing.length ? [m('resources.missingColumns', { columns: missing.join(', ') })] : []),
      ...(unknown.length ? [m('resources.unknownColumns', { columns: unknown.join(', ') })] : []),
    ];
    throw new Invalid(
      m('resources.headerMismatch', {
        problems: problems.length === 2 ? m('resources.twoProblems', { a: problems[0], b: problems[1] }) : problems[0],
        expected: RESOURCE_IMPORT_COLUMNS.join(', '),
      }),
    );
  }
  const col = (cells: string[], c: string) => (head.indexOf(c) >= 0 ? (cells[head.indexOf(c)] ?? '').trim() : '');
  const errors: { line: number; column?: string; reason: string | Message }[] = [];
  const good: (ResourceInput & { gridId: number })[] = [];
  for (const row of table.rows) {
    const raw = {
      kind: col(row.cells, 'kind'),
      name: col(row.cells, 'name'),
      address: col(row.cells, 'address'),
      capacity: col(row.cells, 'capacity') === '' ? undefined : Number(col(row.cells, 'capacity')),
      openingHours: col(row.cells, 'opening_hours') || undefined,
      lon: Number(col(row.cells, 'lon')),
      lat: Number(col(row.cells, 'lat')),
    };
    const p = ResourceInput.safeParse(raw);
    if (!p.success) {
      const issue = p.error.issues[0];
      errors.push({ line: row.line, column: String(issue.path[0] ?? ''), reason: issueText(issue) });
      continue;
    }
    const grid = await gridAt(db, p.data.lon, p.data.lat);
    if (!grid || !grid.path.startsWith(user.areaPath)) {
      errors.push({ line: row.line, column: 'lon', reason: m('resources.rowOutsideScope') });
      continue;
    }
    good.push({ ...p.data, gridId: grid.id });
  }
  const ids = good.length ? await db.tx((q) => sql.insertResources(q, good)) : [];
  return { inserted: ids.length, errors };
}

export async function resourceGaps(db: Db, user: AuthUser, query: GapQuery): Promise<Gaps> {
  const item = NEED_ITEMS.find((i) => i.code === query.need)!;
  if (!item.resourceKinds.length)
    throw new Invalid(m('resources.needHasNoKind', { need: m(`needs.item.${item.code}` as MessageKey) }));
  const path = await scopePath(db, user, query.area);
  const [coverage, sums, disclose] = await Promise.all([
    sql.coverageByGrid(db, path, item.resourceKinds, query.radius),
    responseSums(db, path, 'grid'),
    disclosureOf(db),
  ]);
  const grids = await areaNames(
    db,
    coverage.map((c) => c.gridId),
  );
  const bit = needBit(item.code);
  const perGrid = new Map<number, { n: number; sw: number; sw2: number; named: number }>();
  for (const s of sums) {
    const g = perGrid.get(Number(s.key)) ?? { n: 0, sw: 0, sw2: 0, named: 0 };
    perGrid.set(Number(s.key), { n: g.n + s.n, sw: g.sw + s.sw, sw2: g.sw2 + s.sw2, named: g.named + s.named[bit] });
  }
  const rows = coverage
    .map((c) => {
      const s = perGrid.get(c.gridId);
      if (!s || s.n < MIN_RESPONDENTS || c.uncovered === 0) return null;
      const w = weightedWilson(s.named, s.sw, s.sw2);
      // Respondents and rates as the needs routes publish them (the same key for the same grid, all months pooled);
      // the score from the published rate, so it gives nothing finer back.
      const rate = discloseRate(w.rate);
      return {
        gridId: c.gridId,
        name: c.name,
        communityName: c.communityName,
        lon: c.lon,
        lat: c.lat,
        respondents:
          disclose.count(s.n, respondentsKey(countedPath(grids.get(c.gridId)?.path, path), null, undefined)) ?? 0,
        rate,
        low: discloseRate(w.low),
        high: discloseRate(w.high),
        households: c.households,
        uncoveredHouseholds: c.uncovered,
        nearestM: c.nearestM === null ? null : Math.round(c.nearestM),
        score: rate * c.uncovered,
      };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => b.score - a.score || a.gridId - b.gridId)
    .slice(0, query.limit);
  return { need: item.code, kinds: item.resourceKinds, radius: query.radius, rows, minRespondents: MIN_RESPONDENTS };
}

export { scopePath };
