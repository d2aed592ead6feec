// Satisfaction-evaluation use cases: the system and its weights (admin), results with ranks, bands and progress,
// trends, drill-down to indicators, special items, and reverse issues dispatched through the order service.
import {
  type AhpCheck, type AreaDetail, type AreaResult, type DispatchInput, type EvalLevel, type EvalSystem, type NodeCreate, type NodePatch,
  type Results, type ReverseIssue, type ReverseList, type Special, type SpecialInput, type Trend, type WeightsInput,
} from '../../contract/evaluation.js';
import { ORDER_CATEGORIES, type OrderFamily, categoryByCode } from '../../contract/order-categories.js';
import { OrderCreate } from '../../contract/orders.js';
import { areaInScope } from '../areas/queries.js';
import { audit } from '../auth/queries.js';
import { requireEveryArea } from '../auth/scope.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { type OrderDeps, type Published, createOrder } from '../orders/service.js';
import { AhpInputError, CR_LIMIT, ahp } from './ahp.js';
import { type EvalOutput, evaluate, unitOf } from './engine.js';
import { entropyWeights } from './entropy.js';
import * as sql from './queries.js';
import { DEFAULT_BANDS, progressIndex } from './scoring.js';
import { childLevel, childrenOf, globalWeights } from './tree.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const DAY_MS = 86_400_000;

async function systemOrFail(q: Queryable) {
  const s = await sql.activeSystem(q);
  if (!s) throw new NotFound('尚未配置考评指标体系 / no evaluation system has been set up');
  return s;
}

export async function getSystem(q: Queryable): Promise<EvalSystem> {
  const s = await systemOrFail(q);
  const nodes = await sql.systemNodes(q, s.id);
  const g = globalWeights(nodes);
  const groups = await sql.weightGroups(q, s.id);
  return {
    ...s,
    nodes: nodes.map((n) => ({ ...n, globalWeight: g.get(n.id) ?? 0 })),
    groups: groups.map((x) => ({ parentId: x.parentKey === 0 ? null : x.parentKey, method: x.method, matrix: x.matrix, lambdaMax: x.lambdaMax, cr: x.cr, basisPeriod: x.basisPeriod, updatedAt: iso(x.updatedAt) })),
  };
}

export function ahpCheck(matrix: number[][]): AhpCheck {
  try {
    const r = ahp(matrix);
    return { weights: r.weights, lambdaMax: r.lambdaMax, ci: r.ci, ri: r.ri, cr: r.cr, consistent: r.consistent };
  } catch (e) {
    if (e instanceof AhpInputError) throw new Invalid(e.message);
    throw e;
  }
}

// ---- evaluation of a period ----------------------------------------------------------------------------------

async function periodByCode(q: Queryable, code?: string) {
  const all = await sql.periods(q);
  if (!all.length) throw new NotFound('尚无考评期 / no evaluation periods yet');
  const i = code ? all.findIndex((p) => p.code === code) : all.length - 1;
  if (i < 0) throw new NotFound(`考评期 ${code} 不存在 / no period ${code}`);
  return { period: all[i], previous: i > 0 ? all[i - 1] : null, all };
}

async function scopeOf(q: Queryable, user: AuthUser, areaId?: number): Promise<string> {
  if (areaId === undefined) return user.areaPath;
  const a = await areaInScope(q, user.areaPath, areaId);
  if (!a) throw new NotFound(`区域 ${areaId} 不存在或不在您的管辖范围内 / area ${areaId} not found in your scope`);
  return a.path;
}

async function run(q: Queryable, nodes: sql.NodeRow[], p: sql.PeriodRow, level: EvalLevel, path: string, bands = true): Promise<{ areas: sql.AreaBrief[]; out: EvalOutput }> {
  const [areas, responses, orders, covered, specials] = await Promise.all([
    sql.areasAt(q, level, path),
    sql.responseAggregates(q, p.id, level, path),
    sql.orderAggregates(q, p.starts, p.ends, level, path),
    sql.orderCoverageDays(q, p.starts, p.ends),
    sql.specialsIn(q, p.id, path),
  ]);
  const days = (Date.parse(p.ends) - Date.parse(p.starts)) / DAY_MS;
  // A period the order records cover for less than a week has no reverse values rather than a wild extrapolation.
  const orderScale = covered >= 7 ? days / covered : null;
  const points = new Map<number, number>();
  for (const s of specials) points.set(s.areaId, (points.get(s.areaId) ?? 0) + s.points);
  return { areas, out: evaluate({ nodes, areas, responses, orders, orderScale, specials: points, bands: bands ? undefined : null }) };
}

export async function results(q: Queryable, user: AuthUser, query: { period?: string; level: EvalLevel; area?: number }): Promise<Results> {
  const s = await systemOrFail(q);
  const nodes = await sql.systemNodes(q, s.id);
  const { period, previous } = await periodByCode(q, query.period);
  const path = await scopeOf(q, user, query.area);
  const cur = await run(q, nodes, period, query.level, path);
  const prev = previous ? await run(q, nodes, previous, query.level, path, false) : null;
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
      .map((a, i) => areaResult(a, i, cur.out, dims.map((d) => d.id), prevScore.get(a.id) ?? null))
      .sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9) || x.code.localeCompare(y.code)),
  };
}

function areaResult(a: sql.AreaBrief, i: number, out: EvalOutput, dimIds: number[], previousScore: number | null): AreaResult {
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
  const runs: Awaited<ReturnType<typeof run>>[] = [];
  for (const p of all) runs.push(await run(q, nodes, p, query.level, path, false));
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
export async function areaDetail(q: Queryable, user: AuthUser, areaId: number, periodCode?: string): Promise<AreaDetail> {
  const area = await areaInScope(q, user.areaPath, areaId);
  if (!area) throw new NotFound(`区域 ${areaId} 不存在或不在您的管辖范围内 / area ${areaId} not found in your scope`);
  if (area.level !== 'street' && area.level !== 'community') throw new Invalid('考评对象为街道或社区 / streets and communities are evaluated');
  const level = area.level as EvalLevel;
  const s = await systemOrFail(q);
  const nodes = await sql.systemNodes(q, s.id);
  const { period, previous } = await periodByCode(q, periodCode);
  const cur = await run(q, nodes, period, level, user.areaPath);
  const i = cur.areas.findIndex((a) => a.id === areaId);
  const prev = previous ? await run(q, nodes, previous, level, user.areaPath, false) : null;
  const responses = await sql.responseAggregates(q, period.id, level, area.path, true);
  const specials = (await sql.specialsIn(q, period.id, area.path)).filter((x) => x.areaId === areaId);
  const out = cur.out;
  const leafW = out.leaves.map((n) => out.global.get(n.id) ?? 0);
  const present = leafW.reduce((sum, w, k) => sum + (out.score[i][k] === null ? 0 : w), 0);
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  return {
    period: period.code,
    area: { id: area.id, name: area.name, level: area.level, households: area.households },
    result: areaResult(cur.areas[i], i, out, childrenOf(nodes, null).map((d) => d.id), prev?.out.final[prev.areas.findIndex((a) => a.id === areaId)] ?? null),
    of: cur.areas.length,
    indicators: out.leaves.map((n, k) => {
      const focusId = n.parentId!;
      return {
        id: n.id, code: n.code, name: n.name, nameEn: n.nameEn, dimensionId: parentOf.get(focusId)!, focusId,
        polarity: n.polarity!, source: n.source!, raw: out.raw[i][k], unit: unitOf(n), score: out.score[i][k], globalWeight: leafW[k],
        contribution: out.score[i][k] === null || present === 0 ? null : (leafW[k] / present) * out.score[i][k]!,
        groups: responses.filter((r) => r.code === n.code).map((r) => ({ group: r.group!, respondents: r.respondents, score: r.score })),
      };
    }),
    specials: specials.map((x) => ({ id: x.id, points: x.points, reason: x.reason })),
  };
}

// ---- special items ----------------------------------------------------------------------------------------

export async function listSpecials(q: Queryable, user: AuthUser, periodCode?: string): Promise<Special[]> {
  const { period } = await periodByCode(q, periodCode);
  return (await sql.specialsIn(q, period.id, user.areaPath)).map((x) => ({ ...x, period: period.code, createdAt: iso(x.createdAt) }));
}

export async function addSpecial(db: Db, user: AuthUser, input: SpecialInput): Promise<Special> {
  const { period } = await periodByCode(db, input.period);
  const area = await areaInScope(db, user.areaPath, input.areaId);
  if (!area) throw new NotFound(`区域 ${input.areaId} 不存在或不在您的管辖范围内 / area ${input.areaId} not found in your scope`);
  if (area.level !== 'street' && area.level !== 'community') throw new Invalid('专项加减分只记在街道或社区上 / special points go on a street or a community');
  return db.tx(async (q) => {
    const r = await q.query<{ id: number; createdAt: Date }>(
      /* sql */ `INSERT INTO eval_specials (period_id, area_id, points, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at AS "createdAt"`,
      [period.id, area.id, input.points, input.reason, user.id],
    );
    await audit(q, { accountId: user.id, action: 'evaluation.special', target: `area:${area.id}`, detail: { period: period.code, points: input.points, reason: input.reason } });
    return { id: r.rows[0].id, period: period.code, areaId: area.id, areaName: area.name, points: input.points, reason: input.reason, createdAt: iso(r.rows[0].createdAt) };
  });
}

export async function deleteSpecial(db: Db, user: AuthUser, id: number): Promise<void> {
  await db.tx(async (q) => {
    const r = await q.query(/* sql */ `DELETE FROM eval_specials s USING areas a WHERE s.id = $1 AND a.id = s.area_id AND a.path LIKE $2 || '%'`, [id, user.areaPath]);
    if (!r.rowCount) throw new NotFound(`专项记录 ${id} 不存在 / no special item ${id}`);
    await audit(q, { accountId: user.id, action: 'evaluation.special_delete', target: `special:${id}` });
  });
}

// ---- reverse issues -----------------------------------------------------------------------------------------

/** Complaints per community and topic (order family) in a period, most frequent per 1,000 households first. */
export async function reverseList(q: Queryable, user: AuthUser, query: { period?: string; area?: number; min: number }): Promise<ReverseList> {
  const { period } = await periodByCode(q, query.period);
  const path = await scopeOf(q, user, query.area);
  const [areas, orders, dispatches] = await Promise.all([
    sql.areasAt(q, 'community', path),
    sql.orderAggregates(q, period.starts, period.ends, 'community', path),
    sql.dispatchesIn(q, period.id, path),
  ]);
  return { period: period.code, issues: reverseIssues(areas, orders, dispatches).filter((x) => x.complaints >= query.min || x.dispatch) };
}

function reverseIssues(areas: sql.AreaBrief[], orders: sql.OrderAgg[], dispatches: Awaited<ReturnType<typeof sql.dispatchesIn>>): ReverseIssue[] {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const key = (areaId: number, topic: string) => `${areaId}:${topic}`;
  const acc = new Map<string, { areaId: number; topic: OrderFamily; complaints: number; rated: number; unsatisfied: number; cats: Map<string, number> }>();
  for (const o of orders) {
    const cat = categoryByCode(o.category);
    if (!cat || !byId.has(o.areaId) || o.complaints === 0) continue;
    const k = key(o.areaId, cat.family);
    const e = acc.get(k) ?? { areaId: o.areaId, topic: cat.family, complaints: 0, rated: 0, unsatisfied: 0, cats: new Map() };
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
        areaId: a.id, areaName: a.name, streetName: a.parentName, topic: e.topic, complaints: e.complaints,
        per1000: a.households > 0 ? (1000 * e.complaints) / a.households : 0, rated: e.rated, unsatisfied: e.unsatisfied,
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
  const seen = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c).find(free);
  return seen ?? ORDER_CATEGORIES.find((c) => c.family === topic && free(c.code))?.code ?? 'OTH-01';
}

const TOPIC_NAMES: Record<string, string> = {
  sanitation: '环境卫生', safety: '安全隐患', dispute: '矛盾纠纷', facility: '设施维护', convenience: '便民服务', special_care: '特殊群体关爱',
  property: '物业管理', parking: '停车', noise: '噪音', illegal_construction: '违章搭建', group_renting: '群租', city_appearance: '市容', other: '其他',
};

export async function dispatchReverse(deps: OrderDeps, user: AuthUser, input: DispatchInput, publish: (p: Published[]) => void): Promise<ReverseIssue> {
  const db = deps.db;
  const { period } = await periodByCode(db, input.period);
  const area = await areaInScope(db, user.areaPath, input.areaId);
  if (!area) throw new NotFound(`区域 ${input.areaId} 不存在或不在您的管辖范围内 / area ${input.areaId} not found in your scope`);
  if (area.level !== 'community') throw new Invalid('反向问题按社区派单 / reverse issues are dispatched per community');
  const [areas, orders, dispatches] = await Promise.all([
    sql.areasAt(db, 'community', area.path),
    sql.orderAggregates(db, period.starts, period.ends, 'community', area.path),
    sql.dispatchesIn(db, period.id, area.path),
  ]);
  const issue = reverseIssues(areas, orders, dispatches).find((x) => x.topic === input.topic);
  if (!issue) throw new Invalid(`${area.name} 在 ${period.code} 没有「${TOPIC_NAMES[input.topic]}」方面的投诉 / no complaints on ${input.topic} in this area and period`);
  if (issue.dispatch) throw new Conflict(`该问题已派单（工单 ${issue.dispatch.orderId}） / already dispatched as order ${issue.dispatch.orderId}`, { orderId: issue.dispatch.orderId });
  const cat = categoryByCode(issue.topCategory)!;
  const order = OrderCreate.safeParse({
    categoryCode: cat.code,
    description: `反向问题清单 ${period.code}：${area.name}「${TOPIC_NAMES[input.topic]}」居民投诉 ${issue.complaints} 件（每千户 ${issue.per1000.toFixed(1)} 件，不满意 ${issue.unsatisfied} 件），请限期整改${input.note ? `。${input.note}` : ''}`,
    lon: area.labelLon,
    lat: area.labelLat,
    source: 'wall',
    ...(cat.hazardRequired ? { hazardLevel: cat.defaultHazard } : {}),
  });
  if (!order.success) throw new Invalid(`工单无效 / invalid order: ${order.error.issues[0]?.message ?? ''}`);
  const created = await createOrder(deps, user, order.data, undefined, publish);
  try {
    await db.query(/* sql */ `INSERT INTO eval_dispatches (period_id, area_id, topic, order_id, created_by) VALUES ($1, $2, $3, $4, $5)`, [period.id, area.id, input.topic, created.order.id, user.id]);
  } catch (e) {
    // Two dispatchers at once: the second order stays an ordinary order; the list keeps the first.
    if ((e as { code?: string }).code === '23505') throw new Conflict('该问题刚被他人派单 / someone else just dispatched this issue');
    throw e;
  }
  return { ...issue, dispatch: { orderId: created.order.id, status: created.order.status, deadline: created.order.deadline } };
}

// ---- the system and its weights (admin) ------------------------------------------------------------------------

function checkIndicator(n: { polarity?: string | null; source?: string | null; norm?: string | null; target?: number | null; worst?: number | null; orderMeasure?: string | null; orderFamilies?: string[] }) {
  if (!n.polarity || !n.source || !n.norm) throw new Invalid('指标须有方向、来源和标准化方法 / an indicator needs polarity, source and norm');
  if (n.norm === 'target') {
    if (n.target === null || n.target === undefined || n.worst === null || n.worst === undefined) throw new Invalid('目标值法须填写目标值和最差值 / target normalisation needs target and worst');
    if (n.polarity === 'positive' ? n.target <= n.worst : n.target >= n.worst) {
      throw new Invalid('正向指标目标值应大于最差值，逆向指标应小于最差值 / positive: target above worst; reverse: target below worst');
    }
  }
  if (n.source === 'orders') {
    if (!n.orderMeasure) throw new Invalid('工单指标须选择口径 / an order indicator needs orderMeasure');
    if (n.orderMeasure === 'complaint_rate' && !n.orderFamilies?.length) throw new Invalid('投诉率指标须选择工单大类 / a complaint-rate indicator needs orderFamilies');
    if (n.norm === 'score') throw new Invalid('工单指标不是 0–100 分，请用目标值法或极差法 / order indicators need target or minmax normalisation');
  } else if (n.orderMeasure) throw new Invalid('问卷指标不设工单口径 / a questionnaire indicator has no orderMeasure');
}

/** The indicator system ranks every street and community: only an account holding the whole district changes it. */
const SYSTEM = { zh: '考评指标体系及其权重', en: 'the indicator system and its weights' };

/** Sets the weights of one group of siblings; AHP refuses a matrix with CR ≥ 0.1. */
export async function setWeights(db: Db, user: AuthUser, input: WeightsInput): Promise<EvalSystem> {
  await requireEveryArea(db, user, SYSTEM);
  const s = await systemOrFail(db);
  const nodes = await sql.systemNodes(db, s.id);
  if (input.parentId !== null && !nodes.some((n) => n.id === input.parentId && n.level !== 'indicator')) throw new NotFound(`节点 ${input.parentId} 不存在或没有下级 / node ${input.parentId} has no children to weigh`);
  const kids = childrenOf(nodes, input.parentId);
  if (!kids.length) throw new Invalid('该节点下没有指标 / nothing under this node');
  let weights: number[];
  let group: { method: string; matrix?: number[][]; lambdaMax?: number; cr?: number; basisPeriod?: string } = { method: input.method };
  if (input.method === 'direct') {
    if (input.weights.length !== kids.length) throw new Invalid(`应给出 ${kids.length} 个权重 / give ${kids.length} weights, one per item in order`);
    const sum = input.weights.reduce((a, b) => a + b, 0);
    if (sum <= 0) throw new Invalid('权重之和须大于 0 / the weights must not all be 0');
    weights = input.weights.map((w) => w / sum);
  } else if (input.method === 'ahp') {
    if (input.matrix.length !== kids.length) throw new Invalid(`判断矩阵应为 ${kids.length} 阶 / the matrix must be ${kids.length}×${kids.length}`);
    const r = ahpCheck(input.matrix);
    if (r.cr >= CR_LIMIT) {
      throw new Invalid(`判断矩阵一致性比率 CR = ${r.cr.toFixed(3)} ≥ 0.1，请调整两两比较 / consistency ratio CR = ${r.cr.toFixed(3)} is not below 0.1: revise the comparisons`, { cr: r.cr, lambdaMax: r.lambdaMax, ci: r.ci, ri: r.ri });
    }
    weights = r.weights;
    group = { method: 'ahp', matrix: input.matrix, lambdaMax: r.lambdaMax, cr: r.cr };
  } else {
    const { period } = await periodByCode(db, input.period);
    const { out } = await run(db, nodes, period, 'community', user.areaPath, false);
    const cols = kids.map((k) => {
      const li = out.leaves.findIndex((l) => l.id === k.id);
      return out.score.map((row, a) => (li >= 0 ? row[li] : out.nodeScore(a, k.id)));
    });
    const matrix = out.score.map((_, a) => cols.map((c) => c[a]));
    if (matrix.length < 2) throw new Invalid('熵权法至少需要两个社区的数据 / entropy weights need data from at least two communities');
    weights = entropyWeights(matrix);
    group = { method: 'entropy', basisPeriod: period.code };
  }
  await db.tx(async (q) => {
    for (const [i, k] of kids.entries()) await q.query(/* sql */ `UPDATE eval_nodes SET weight = $2 WHERE id = $1`, [k.id, weights[i]]);
    await sql.upsertGroup(q, s.id, input.parentId ?? 0, { ...group, by: user.id });
    await audit(q, { accountId: user.id, action: 'evaluation.weights', target: `node:${input.parentId ?? 'root'}`, detail: { method: input.method, weights } });
  });
  return getSystem(db);
}

/**
 * After an item was added (weight 0) or removed: a new item gets 1/k of the group and the others keep their
 * proportions; the group's weights sum to 1 again and it becomes 'direct' (an AHP matrix no longer fits).
 */
async function rebalance(q: Queryable, systemId: number, parentId: number | null, by: number, added?: number) {
  const r = await q.query<{ id: number; weight: number }>(/* sql */ `SELECT id, weight FROM eval_nodes WHERE system_id = $1 AND parent_id IS NOT DISTINCT FROM $2`, [systemId, parentId]);
  const k = r.rows.length;
  const others = r.rows.filter((x) => x.id !== added);
  const rest = others.reduce((a, x) => a + x.weight, 0);
  const share = added === undefined ? 0 : 1 / k;
  for (const x of r.rows) {
    const w = x.id === added ? share : rest > 0 ? (x.weight / rest) * (1 - share) : (1 - share) / others.length;
    await q.query(/* sql */ `UPDATE eval_nodes SET weight = $2 WHERE id = $1`, [x.id, w]);
  }
  await sql.upsertGroup(q, systemId, parentId ?? 0, { method: 'direct', by });
}

export async function createNode(db: Db, user: AuthUser, input: NodeCreate): Promise<EvalSystem> {
  await requireEveryArea(db, user, SYSTEM);
  const s = await systemOrFail(db);
  const nodes = await sql.systemNodes(db, s.id);
  const parent = input.parentId === null ? null : nodes.find((n) => n.id === input.parentId);
  if (input.parentId !== null && !parent) throw new NotFound(`节点 ${input.parentId} 不存在 / no node ${input.parentId}`);
  const level = childLevel(parent ? parent.level : null);
  if (!level) throw new Invalid('指标下不能再分 / an indicator has no children');
  if (nodes.some((n) => n.code === input.code)) throw new Conflict(`编码 ${input.code} 已存在 / code ${input.code} is taken`);
  if (level === 'indicator') checkIndicator(input);
  else if (input.polarity || input.source || input.norm) throw new Invalid('只有指标才有方向、来源和标准化方法 / only indicators have polarity, source and norm');
  await db.tx(async (q) => {
    const sort = childrenOf(nodes, input.parentId).length;
    const r = await q.query<{ id: number }>(
      /* sql */ `INSERT INTO eval_nodes (system_id, parent_id, level, code, name, name_en, sort, weight, polarity, source, norm, target, worst, order_measure, order_families)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [s.id, input.parentId, level, input.code, input.name, input.nameEn, sort, input.polarity ?? null, input.source ?? null, input.norm ?? null,
        input.target ?? null, input.worst ?? null, input.orderMeasure ?? null, input.orderFamilies ?? []],
    );
    if (level !== 'indicator') await sql.upsertGroup(q, s.id, r.rows[0].id, { method: 'direct', by: user.id });
    await rebalance(q, s.id, input.parentId, user.id, r.rows[0].id);
    await audit(q, { accountId: user.id, action: 'evaluation.node_create', target: `node:${r.rows[0].id}`, detail: { code: input.code, name: input.name } });
  });
  return getSystem(db);
}

export async function patchNode(db: Db, user: AuthUser, id: number, patch: NodePatch): Promise<EvalSystem> {
  await requireEveryArea(db, user, SYSTEM);
  const s = await systemOrFail(db);
  const node = (await sql.systemNodes(db, s.id)).find((n) => n.id === id);
  if (!node) throw new NotFound(`节点 ${id} 不存在 / no node ${id}`);
  const next = { ...node, ...patch };
  if (node.level === 'indicator') checkIndicator(next);
  else if (patch.polarity || patch.norm || patch.target !== undefined || patch.worst !== undefined || patch.orderFamilies) throw new Invalid('只有指标才有方向和标准化方法 / only indicators have polarity and norm');
  await db.tx(async (q) => {
    await q.query(
      /* sql */ `UPDATE eval_nodes SET name = $2, name_en = $3, sort = $4, polarity = $5, norm = $6, target = $7, worst = $8, order_families = $9 WHERE id = $1`,
      [id, next.name, next.nameEn, next.sort, next.polarity, next.norm, next.target, next.worst, next.orderFamilies],
    );
    await audit(q, { accountId: user.id, action: 'evaluation.node_update', target: `node:${id}`, detail: patch as Record<string, unknown> });
  });
  return getSystem(db);
}

export async function deleteNode(db: Db, user: AuthUser, id: number): Promise<EvalSystem> {
  await requireEveryArea(db, user, SYSTEM);
  const s = await systemOrFail(db);
  const nodes = await sql.systemNodes(db, s.id);
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new NotFound(`节点 ${id} 不存在 / no node ${id}`);
  if (childrenOf(nodes, node.parentId).length === 1) throw new Invalid('这是该层唯一一项，不能删除 / the only item of its group cannot be removed');
  await db.tx(async (q) => {
    await q.query(/* sql */ `DELETE FROM eval_weight_groups WHERE system_id = $1 AND parent_key IN (SELECT id FROM eval_nodes WHERE id = $2 OR parent_id = $2)`, [s.id, id]);
    await q.query(/* sql */ `DELETE FROM eval_nodes WHERE id = $1`, [id]);
    await rebalance(q, s.id, node.parentId, user.id);
    await audit(q, { accountId: user.id, action: 'evaluation.node_delete', target: `node:${id}`, detail: { code: node.code } });
  });
  return getSystem(db);
}
