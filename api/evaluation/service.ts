// Satisfaction-evaluation use cases: results with ranks, bands and progress, trends, drill-down to indicators,
// special items, and reverse issues dispatched through the order service (the system and its weights: system.ts).
import type {
  AreaDetail,
  AreaResult,
  DispatchInput,
  EvalLevel,
  Results,
  ReverseIssue,
  ReverseList,
  Special,
  SpecialInput,
  Trend,
} from '../../contract/evaluation.js';
import { ORDER_CATEGORIES, type OrderFamily, categoryByCode } from '../../contract/order-categories.js';
import { OrderCreate } from '../../contract/orders.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import type { Published } from '../events/log.js';
import { type OrderDeps, createOrder } from '../orders/service.js';
import { type EvalOutput, unitOf } from './engine.js';
import { evaluatePeriod, periodByCode, systemOrFail } from './period.js';
import * as sql from './queries.js';
import { DEFAULT_BANDS, progressIndex } from './scoring.js';
import { childrenOf, globalWeights } from './tree.js';
import { m, type MessageKey } from '../../contract/messages/index.js';
import { issueText } from '../http/route.js';

const iso = (d: Date | string) => new Date(d).toISOString();

// ---- evaluation of a period ----------------------------------------------------------------------------------

async function scopeOf(q: Queryable, user: AuthUser, areaId?: number): Promise<string> {
  if (areaId === undefined) return user.areaPath;
  const a = await areaInScope(q, user.areaPath, areaId);
  if (!a) throw new NotFound(m('areas.notFoundInScope', { id: areaId }));
  return a.path;
}

export async function results(
  q: Queryable,
  user: AuthUser,
  query: { period?: string; level: EvalLevel; area?: number },
): Promise<Results> {
  const s = await systemOrFail(q);
  const nodes = await sql.systemNodes(q, s.id);
  const { period, previous } = await periodByCode(q, query.period);
  const path = await scopeOf(q, user, query.area);
  const cur = await evaluatePeriod(q, nodes, period, query.level, path);
  const prev = previous ? await evaluatePeriod(q, nodes, previous, query.level, path, false) : null;
  const prevScore = new Map(prev ? prev.areas.map((a, i) => [a.id, prev.out.final[i]]) : []);
  const dims = childrenOf(nodes, null);
  const g = globalWeights(nodes);
  return {
    period: period.code,
    previousPeriod: previous?.code ?? null,
    level: query.level,
    dimensions: dims.map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, weight: g.get(d.id) ?? 0 })),
    bands: { draws: DEFAULT_BANDS.draws, spread: DEFAULT_BANDS.spread, seed: DEFAULT_BANDS.seed },
    areas: cur.areas
      .map((a, i) =>
        areaResult(
          a,
          i,
          cur.out,
          dims.map((d) => d.id),
          prevScore.get(a.id) ?? null,
        ),
      )
      .sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9) || x.code.localeCompare(y.code)),
  };
}

function areaResult(
  a: sql.AreaBrief,
  i: number,
  out: EvalOutput,
  dimIds: number[],
  previousScore: number | null,
): AreaResult {
  return {
    areaId: a.id,
    code: a.code,
    name: a.name,
    score: out.final[i],
    special: out.special[i],
    rank: out.rank[i],
    band: out.band[i],
    previousScore,
    progress: progressIndex(previousScore, out.final[i]),
    dimensions: dimIds.map((id) => ({ id, score: out.nodeScore(i, id) })),
    respondents: out.respondents[i],
  };
}

export async function trend(q: Queryable, user: AuthUser, query: { level: EvalLevel; area?: number }): Promise<Trend> {
  const s = await systemOrFail(q);
  const nodes = await sql.systemNodes(q, s.id);
  const all = await sql.periods(q);
  const path = await scopeOf(q, user, query.area);
  const runs: Awaited<ReturnType<typeof evaluatePeriod>>[] = [];
  for (const p of all) runs.push(await evaluatePeriod(q, nodes, p, query.level, path, false));
  const areas = runs[0]?.areas ?? (await sql.areasAt(q, query.level, path));
  return {
    periods: all.map((p) => p.code),
    areas: areas.map((a) => ({
      areaId: a.id,
      name: a.name,
      scores: runs.map((r) => r.out.final[r.areas.findIndex((x) => x.id === a.id)] ?? null),
      ranks: runs.map((r) => r.out.rank[r.areas.findIndex((x) => x.id === a.id)] ?? null),
    })),
  };
}

/** One street or community: its result among its peers in the caller's scope, and every indicator behind it. */
export async function areaDetail(
  q: Queryable,
  user: AuthUser,
  areaId: number,
  periodCode?: string,
): Promise<AreaDetail> {
  const area = await areaInScope(q, user.areaPath, areaId);
  if (!area) throw new NotFound(m('areas.notFoundInScope', { id: areaId }));
  if (area.level !== 'street' && area.level !== 'community') throw new Invalid(m('evaluation.notEvaluatedLevel'));
  const level = area.level as EvalLevel;
  const s = await systemOrFail(q);
  const nodes = await sql.systemNodes(q, s.id);
  const { period, previous } = await periodByCode(q, periodCode);
  const cur = await evaluatePeriod(q, nodes, period, level, user.areaPath);
  const i = cur.areas.findIndex((a) => a.id === areaId);
  const prev = previous ? await evaluatePeriod(q, nodes, previous, level, user.areaPath, false) : null;
  const responses = await sql.responseAggregates(q, period.id, level, area.path, true);
  const specials = (await sql.specialsIn(q, period.id, area.path)).filter((x) => x.areaId === areaId);
  const out = cur.out;
  const leafW = out.leaves.map((n) => out.global.get(n.id) ?? 0);
  const present = leafW.reduce((sum, w, k) => sum + (out.score[i][k] === null ? 0 : w), 0);
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  return {
    period: period.code,
    area: { id: area.id, name: area.name, level: area.level, households: area.households },
    result: areaResult(
      cur.areas[i],
      i,
      out,
      childrenOf(nodes, null).map((d) => d.id),
      prev?.out.final[prev.areas.findIndex((a) => a.id === areaId)] ?? null,
    ),
    of: cur.areas.length,
    indicators: out.leaves.map((n, k) => {
      const focusId = n.parentId!;
      return {
        id: n.id,
        code: n.code,
        name: n.name,
        nameEn: n.nameEn,
        dimensionId: parentOf.get(focusId)!,
        focusId,
        polarity: n.polarity!,
        source: n.source!,
        raw: out.raw[i][k],
        unit: unitOf(n),
        score: out.score[i][k],
        globalWeight: leafW[k],
        contribution: out.score[i][k] === null || present === 0 ? null : (leafW[k] / present) * out.score[i][k]!,
        groups: responses
          .filter((r) => r.code === n.code)
          .map((r) => ({ group: r.group!, respondents: r.respondents, score: r.score })),
      };
    }),
    specials: specials.map((x) => ({ id: x.id, points: x.points, reason: x.reason })),
  };
}

// ---- special items ----------------------------------------------------------------------------------------

export async function listSpecials(q: Queryable, user: AuthUser, periodCode?: string): Promise<Special[]> {
  const { period } = await periodByCode(q, periodCode);
  return (await sql.specialsIn(q, period.id, user.areaPath)).map((x) => ({
    ...x,
    period: period.code,
    createdAt: iso(x.createdAt),
  }));
}

export async function addSpecial(db: Db, user: AuthUser, input: SpecialInput): Promise<Special> {
  const { period } = await periodByCode(db, input.period);
  const area = await areaInScope(db, user.areaPath, input.areaId);
  if (!area) throw new NotFound(m('areas.notFoundInScope', { id: input.areaId }));
  if (area.level !== 'street' && area.level !== 'community') throw new Invalid(m('evaluation.specialLevel'));
  return db.tx(async (q) => {
    const r = await q.query<{ id: number; createdAt: Date }>(
      /* sql */ `INSERT INTO eval_specials (period_id, area_id, points, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at AS "createdAt"`,
      [period.id, area.id, input.points, input.reason, user.id],
    );
    await audit(q, {
      accountId: user.id,
      action: 'evaluation.special',
      target: `area:${area.id}`,
      detail: { period: period.code, points: input.points, reason: input.reason },
    });
    return {
      id: r.rows[0].id,
      period: period.code,
      areaId: area.id,
      areaName: area.name,
      points: input.points,
      reason: input.reason,
      createdAt: iso(r.rows[0].createdAt),
    };
  });
}

export async function deleteSpecial(db: Db, user: AuthUser, id: number): Promise<void> {
  await db.tx(async (q) => {
    const r = await q.query(
      /* sql */ `DELETE FROM eval_specials s USING areas a WHERE s.id = $1 AND a.id = s.area_id AND a.path LIKE $2 || '%'`,
      [id, user.areaPath],
    );
    if (!r.rowCount) throw new NotFound(m('evaluation.specialNotFound', { id }));
    await audit(q, { accountId: user.id, action: 'evaluation.special_delete', target: `special:${id}` });
  });
}

// ---- reverse issues -----------------------------------------------------------------------------------------

/** Complaints per community and topic (order family) in a period, most frequent per 1,000 households first. */
export async function reverseList(
  q: Queryable,
  user: AuthUser,
  query: { period?: string; area?: number; min: number },
): Promise<ReverseList> {
  const { period } = await periodByCode(q, query.period);
  const path = await scopeOf(q, user, query.area);
  const [areas, orders, dispatches] = await Promise.all([
    sql.areasAt(q, 'community', path),
    sql.orderAggregates(q, period.starts, period.ends, 'community', path),
    sql.dispatchesIn(q, period.id, path),
  ]);
  return {
    period: period.code,
    issues: reverseIssues(areas, orders, dispatches).filter((x) => x.complaints >= query.min || x.dispatch),
  };
}

function reverseIssues(
  areas: sql.AreaBrief[],
  orders: sql.OrderAgg[],
  dispatches: Awaited<ReturnType<typeof sql.dispatchesIn>>,
): ReverseIssue[] {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const key = (areaId: number, topic: string) => `${areaId}:${topic}`;
  const acc = new Map<
    string,
    {
      areaId: number;
      topic: OrderFamily;
      complaints: number;
      rated: number;
      unsatisfied: number;
      cats: Map<string, number>;
    }
  >();
  for (const o of orders) {
    const cat = categoryByCode(o.category);
    if (!cat || !byId.has(o.areaId) || o.complaints === 0) continue;
    const k = key(o.areaId, cat.family);
    const e = acc.get(k) ?? {
      areaId: o.areaId,
      topic: cat.family,
      complaints: 0,
      rated: 0,
      unsatisfied: 0,
      cats: new Map(),
    };
    e.complaints += o.complaints;
    e.rated += o.rated;
    e.unsatisfied += o.unsatisfied;
    e.cats.set(o.category, (e.cats.get(o.category) ?? 0) + o.complaints);
    acc.set(k, e);
  }
  const d = new Map(dispatches.map((x) => [key(x.areaId, x.topic), x]));
  return [...acc.values()]
    .map((e) => {
      const a = byId.get(e.areaId)!;
      const x = d.get(key(e.areaId, e.topic));
      return {
        areaId: a.id,
        areaName: a.name,
        streetName: a.parentName,
        topic: e.topic,
        complaints: e.complaints,
        per1000: a.households > 0 ? (1000 * e.complaints) / a.households : 0,
        rated: e.rated,
        unsatisfied: e.unsatisfied,
        topCategory: dispatchCategory(e.topic, e.cats),
        dispatch: x ? { orderId: x.orderId, status: x.status, deadline: iso(x.deadline) } : null,
      };
    })
    .sort((x, y) => y.per1000 - x.per1000 || y.complaints - x.complaints);
}

/**
 * The category the dispatched order takes: the most frequent one among the complaints that needs no extra
 * field only a reporter could fill in; else the topic's first such category in the catalogue; else 其他.
 */
export function dispatchCategory(topic: string, counts: Map<string, number>): string {
  const free = (code: string) => !(categoryByCode(code)?.fields ?? []).some((f) => f.required);
  const seen = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c)
    .find(free);
  return seen ?? ORDER_CATEGORIES.find((c) => c.family === topic && free(c.code))?.code ?? 'OTH-01';
}

const TOPIC_NAMES: Record<string, string> = {
  sanitation: '环境卫生',
  safety: '安全隐患',
  dispute: '矛盾纠纷',
  facility: '设施维护',
  convenience: '便民服务',
  special_care: '特殊群体关爱',
  property: '物业管理',
  parking: '停车',
  noise: '噪音',
  illegal_construction: '违章搭建',
  group_renting: '群租',
  city_appearance: '市容',
  other: '其他',
};

export async function dispatchReverse(
  deps: OrderDeps,
  user: AuthUser,
  input: DispatchInput,
  publish: (p: Published[]) => void,
): Promise<ReverseIssue> {
  const db = deps.db;
  const { period } = await periodByCode(db, input.period);
  const area = await areaInScope(db, user.areaPath, input.areaId);
  if (!area) throw new NotFound(m('areas.notFoundInScope', { id: input.areaId }));
  if (area.level !== 'community') throw new Invalid(m('evaluation.reversePerCommunity'));
  const [areas, orders, dispatches] = await Promise.all([
    sql.areasAt(db, 'community', area.path),
    sql.orderAggregates(db, period.starts, period.ends, 'community', area.path),
    sql.dispatchesIn(db, period.id, area.path),
  ]);
  const issue = reverseIssues(areas, orders, dispatches).find((x) => x.topic === input.topic);
  if (!issue)
    throw new Invalid(
      m('evaluation.noComplaints', {
        area: area.name,
        period: period.code,
        topic: m(`evaluation.topic.${input.topic}` as MessageKey),
      }),
    );
  if (issue.dispatch)
    throw new Conflict(m('evaluation.alreadyDispatched', { orderId: issue.dispatch.orderId }), {
      orderId: issue.dispatch.orderId,
    });
  const cat = categoryByCode(issue.topCategory)!;
  const order = OrderCreate.safeParse({
    categoryCode: cat.code,
    description: `反向问题清单 ${period.code}：${area.name}「${TOPIC_NAMES[input.topic]}」居民投诉 ${issue.complaints} 件（每千户 ${issue.per1000.toFixed(1)} 件，不满意 ${issue.unsatisfied} 件），请限期整改${input.note ? `。${input.note}` : ''}`,
    lon: area.labelLon,
    lat: area.labelLat,
    source: 'wall',
    ...(cat.hazardRequired ? { hazardLevel: cat.defaultHazard } : {}),
  });
  if (!order.success) throw new Invalid(m('evaluation.invalidOrder', { issue: issueText(order.error.issues[0]) }));
  const created = await createOrder(deps, user, order.data, undefined, publish);
  try {
    await db.query(
      /* sql */ `INSERT INTO eval_dispatches (period_id, area_id, topic, order_id, created_by) VALUES ($1, $2, $3, $4, $5)`,
      [period.id, area.id, input.topic, created.order.id, user.id],
    );
  } catch (e) {
    // Two dispatchers at once: the second order stays an ordinary order; the list keeps the first.
    if ((e as { code?: string }).code === '23505') throw new Conflict(m('evaluation.dispatchedMeanwhile'));
    throw e;
  }
  return {
    ...issue,
    dispatch: { orderId: created.order.id, status: created.order.status, deadline: created.order.deadline },
  };
}
