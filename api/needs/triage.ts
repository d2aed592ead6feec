// 三级分流 three-tier triage: a need named in an area is marked community-resolvable, street project or district
// policy, and may become a work order (through the order service, like any report) or a project record.
import { NEED_ITEMS, type Triage, type TriageInput } from '../../contract/needs.js';
import { OrderCreate } from '../../contract/orders.js';
import { areaInScope } from '../areas/queries.js';
import { requireEveryArea } from '../auth/scope.js';
import type { AuthUser } from '../auth/session.js';
import type { Queryable } from '../db/index.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import type { Published } from '../events/log.js';
import { type OrderDeps, createOrder } from '../orders/service.js';
import { type TextReader, type TextView, readsRawText } from '../privacy/free-text.js';
import { maskText } from '../privacy/mask-text.js';
import { m } from '../../contract/messages/index.js';
import { issueText } from '../http/route.js';

/** Work orders for needs default to 其他 (handled by the community); any non-safety category may be chosen. */
export const NEED_ORDER_CATEGORY = 'OTH-01';

const TRIAGE_COLUMNS = /* sql */ `
  t.id, t.area_id AS "areaId", a.name AS "areaName", t.need, t.tier, t.note,
  t.order_id AS "orderId", o.status AS "orderStatus",
  t.project_id AS "projectId", p.title AS "projectTitle", p.status AS "projectStatus",
  coalesce(acc.display_name, '') AS "decidedBy", t.decided_at AS "decidedAt", t.decided_by AS "decidedById"`;
const TRIAGE_FROM = /* sql */ `
  FROM need_triage t JOIN areas a ON a.id = t.area_id
  LEFT JOIN orders o ON o.id = t.order_id LEFT JOIN need_projects p ON p.id = t.project_id
  LEFT JOIN accounts acc ON acc.id = t.decided_by`;

type TriageRow = Omit<Triage, 'decidedAt'> & { decidedAt: Date | string; decidedById: number | null };

/** A decision as this reader may see it: its note and project title are free text (api/privacy). */
function toTriage({ decidedById, ...r }: TriageRow, reader?: TextReader, view: TextView = 'console'): Triage {
  const out = { ...r, decidedAt: new Date(r.decidedAt).toISOString() };
  if (!reader || readsRawText(reader, { authorId: decidedById, view })) return out;
  return {
    ...out,
    note: maskText(out.note),
    projectTitle: out.projectTitle === null ? null : maskText(out.projectTitle),
  };
}

/** Triage decisions on areas under the path (the area itself and everything below it), as the reader may see them. */
export async function triageUnder(
  q: Queryable,
  path: string,
  need: string | undefined,
  reader: TextReader,
  view: TextView = 'console',
): Promise<Triage[]> {
  const r = await q.query<TriageRow>(
    /* sql */ `SELECT ${TRIAGE_COLUMNS} ${TRIAGE_FROM} WHERE a.path LIKE $1 || '%' AND ($2::text IS NULL OR t.need = $2) ORDER BY t.decided_at DESC, t.id DESC`,
    [path, need ?? null],
  );
  return r.rows.map((row) => toTriage(row, reader, view));
}

/**
 * A street project is the street's to open and a district one the district's: the caller's scope must hold the
 * whole street around the area (or the whole district). A community may still mark a need for the tier above.
 */
async function requireTierScope(
  q: Queryable,
  user: AuthUser,
  areaPath: string,
  tier: 'street' | 'district',
): Promise<void> {
  if (tier === 'district') return requireEveryArea(q, user, { zh: '区级项目', en: 'a district project' });
  const r = await q.query<{ path: string }>(
    /* sql */ `SELECT path FROM areas WHERE level = 'street' AND $1 LIKE path || '%'`,
    [areaPath],
  );
  const streetPath = r.rows[0]?.path ?? areaPath;
  if (!streetPath.startsWith(user.areaPath)) {
    throw new Forbidden(m('needs.streetProjectScope'));
  }
}

export async function triageNeed(
  deps: OrderDeps,
  user: AuthUser,
  input: TriageInput,
  publish: (p: Published[]) => void,
): Promise<Triage> {
  const area = await areaInScope(deps.db, user.areaPath, input.areaId);
  if (!area) throw new NotFound(m('areas.notFoundInScope', { id: input.areaId }));
  const item = NEED_ITEMS.find((i) => i.code === input.need)!;
  if (input.action === 'project' && input.tier === 'community') {
    throw new Invalid(m('needs.communityTierNoProject'));
  }
  if (input.action === 'project' && !input.projectTitle) throw new Invalid(m('needs.projectTitleRequired'));
  if (input.action === 'project') await requireTierScope(deps.db, user, area.path, input.tier as 'street' | 'district');
  let orderId: number | null = null;
  if (input.action === 'order') {
    // Checked before anything is written: a bad category changes nothing.
    const order = OrderCreate.safeParse({
      categoryCode: input.orderCategory ?? NEED_ORDER_CATEGORY,
      description: `居民需求「${item.zh}」（${area.name}）${input.note ? `：${input.note}` : ''}`,
      lon: area.labelLon,
      lat: area.labelLat,
      source: 'app',
    });
    if (!order.success) throw new Invalid(m('needs.invalidOrder', { issue: issueText(order.error.issues[0]) }));
    if (order.data.categoryCode.startsWith('SAF-')) throw new Invalid(m('needs.noSafetyOrder'));
    const out = await createOrder(deps, user, order.data, undefined, publish);
    orderId = out.order.id;
  }
  const id = await deps.db.tx(async (q) => {
    let projectId: number | null = null;
    if (input.action === 'project') {
      const p = await q.query<{ id: number }>(
        /* sql */ `INSERT INTO need_projects (area_id, need, tier, title, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [area.id, input.need, input.tier, input.projectTitle, user.id],
      );
      projectId = p.rows[0].id;
    }
    const r = await q.query<{ id: number }>(
      /* sql */ `INSERT INTO need_triage (area_id, need, tier, note, order_id, project_id, decided_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (area_id, need) DO UPDATE SET tier = EXCLUDED.tier, note = EXCLUDED.note,
          order_id = coalesce(EXCLUDED.order_id, need_triage.order_id), project_id = coalesce(EXCLUDED.project_id, need_triage.project_id),
          decided_by = EXCLUDED.decided_by, decided_at = now()
        RETURNING id`,
      [area.id, input.need, input.tier, input.note, orderId, projectId, user.id],
    );
    return r.rows[0].id;
  });
  const r = await deps.db.query<TriageRow>(/* sql */ `SELECT ${TRIAGE_COLUMNS} ${TRIAGE_FROM} WHERE t.id = $1`, [id]);
  return toTriage(r.rows[0]);
}
