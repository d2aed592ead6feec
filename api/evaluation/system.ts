// The indicator system and its weights: reading it, checking an AHP matrix, and the admin's changes (weights,
// indicator nodes), each one a change of a setting that covers the whole district.
import type { AhpCheck, EvalSystem, NodeCreate, NodePatch, WeightsInput } from '../../contract/evaluation.js';
import { audit } from '../auth/queries.js';
import { requireEveryArea } from '../auth/scope.js';
import type { AuthUser } from '../auth/session.js';
import type { Db, Queryable } from '../db/index.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { AhpInputError, CR_LIMIT, ahp } from '../../core/evaluation/ahp.js';
import { entropyWeights } from './entropy.js';
import { evaluatePeriod, periodByCode, systemOrFail } from './period.js';
import * as sql from './queries.js';
import { childLevel, childrenOf, globalWeights } from './tree.js';
import { m } from '../../contract/messages/index.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export async function getSystem(q: Queryable): Promise<EvalSystem> {
  const s = await systemOrFail(q);
  const nodes = await sql.systemNodes(q, s.id);
  const g = globalWeights(nodes);
  const groups = await sql.weightGroups(q, s.id);
  return {
    ...s,
    nodes: nodes.map((n) => ({ ...n, globalWeight: g.get(n.id) ?? 0 })),
    groups: groups.map((x) => ({
      parentId: x.parentKey === 0 ? null : x.parentKey,
      method: x.method,
      matrix: x.matrix,
      lambdaMax: x.lambdaMax,
      cr: x.cr,
      basisPeriod: x.basisPeriod,
      updatedAt: iso(x.updatedAt),
    })),
  };
}

export function ahpCheck(matrix: number[][]): AhpCheck {
  try {
    const r = ahp(matrix);
    return { weights: r.weights, lambdaMax: r.lambdaMax, ci: r.ci, ri: r.ri, cr: r.cr, consistent: r.consistent };
  } catch (e) {
    if (e instanceof AhpInputError) throw new Invalid(e.text);
    throw e;
  }
}

// ---- the system and its weights (admin) ------------------------------------------------------------------------

function checkIndicator(n: {
  polarity?: string | null;
  source?: string | null;
  norm?: string | null;
  target?: number | null;
  worst?: number | null;
  orderMeasure?: string | null;
  orderFamilies?: string[];
}) {
  if (!n.polarity || !n.source || !n.norm) throw new Invalid(m('evaluation.indicatorIncomplete'));
  if (n.norm === 'target') {
    if (n.target === null || n.target === undefined || n.worst === null || n.worst === undefined)
      throw new Invalid(m('evaluation.targetNeedsBounds'));
    if (n.polarity === 'positive' ? n.target <= n.worst : n.target >= n.worst) {
      throw new Invalid(m('evaluation.targetOrder'));
    }
  }
  if (n.source === 'orders') {
    if (!n.orderMeasure) throw new Invalid(m('evaluation.orderMeasureRequired'));
    if (n.orderMeasure === 'complaint_rate' && !n.orderFamilies?.length)
      throw new Invalid(m('evaluation.orderFamiliesRequired'));
    if (n.norm === 'score') throw new Invalid(m('evaluation.orderIndicatorNorm'));
  } else if (n.orderMeasure) throw new Invalid(m('evaluation.questionnaireNoMeasure'));
}

/** The indicator system ranks every street and community: only an account holding the whole district changes it. */
const SYSTEM = { zh: '考评指标体系及其权重', en: 'the indicator system and its weights' };

/** Sets the weights of one group of siblings; AHP refuses a matrix with CR ≥ 0.1. */
export async function setWeights(db: Db, user: AuthUser, input: WeightsInput): Promise<EvalSystem> {
  await requireEveryArea(db, user, SYSTEM);
  const s = await systemOrFail(db);
  const nodes = await sql.systemNodes(db, s.id);
  if (input.parentId !== null && !nodes.some((n) => n.id === input.parentId && n.level !== 'indicator'))
    throw new NotFound(m('evaluation.nodeWithoutChildren', { id: input.parentId }));
  const kids = childrenOf(nodes, input.parentId);
  if (!kids.length) throw new Invalid(m('evaluation.nothingUnderNode'));
  let weights: number[];
  let group: { method: string; matrix?: number[][]; lambdaMax?: number; cr?: number; basisPeriod?: string } = {
    method: input.method,
  };
  if (input.method === 'direct') {
    if (input.weights.length !== kids.length) throw new Invalid(m('evaluation.weightCount', { count: kids.length }));
    const sum = input.weights.reduce((a, b) => a + b, 0);
    if (sum <= 0) throw new Invalid(m('evaluation.weightsZero'));
    weights = input.weights.map((w) => w / sum);
  } else if (input.method === 'ahp') {
    if (input.matrix.length !== kids.length) throw new Invalid(m('evaluation.matrixOrder', { n: kids.length }));
    const r = ahpCheck(input.matrix);
    if (r.cr >= CR_LIMIT) {
      throw new Invalid(m('evaluation.inconsistent', { cr: r.cr.toFixed(3) }), {
        cr: r.cr,
        lambdaMax: r.lambdaMax,
        ci: r.ci,
        ri: r.ri,
      });
    }
    weights = r.weights;
    group = { method: 'ahp', matrix: input.matrix, lambdaMax: r.lambdaMax, cr: r.cr };
  } else {
    const { period } = await periodByCode(db, input.period);
    const { out } = await evaluatePeriod(db, nodes, period, 'community', user.areaPath, false);
    const cols = kids.map((k) => {
      const li = out.leaves.findIndex((l) => l.id === k.id);
      return out.score.map((row, a) => (li >= 0 ? row[li] : out.nodeScore(a, k.id)));
    });
    const matrix = out.score.map((_, a) => cols.map((c) => c[a]));
    if (matrix.length < 2) throw new Invalid(m('evaluation.entropyNeedsTwo'));
    weights = entropyWeights(matrix);
    group = { method: 'entropy', basisPeriod: period.code };
  }
  await db.tx(async (q) => {
    for (const [i, k] of kids.entries())
      await q.query(/* sql */ `UPDATE eval_nodes SET weight = $2 WHERE id = $1`, [k.id, weights[i]]);
    await sql.upsertGroup(q, s.id, input.parentId ?? 0, { ...group, by: user.id });
    await audit(q, {
      accountId: user.id,
      action: 'evaluation.weights',
      target: `node:${input.parentId ?? 'root'}`,
      detail: { method: input.method, weights },
    });
  });
  return getSystem(db);
}

/**
 * After an item was added (weight 0) or removed: a new item gets 1/k of the group and the others keep their
 * proportions; the group's weights sum to 1 again and it becomes 'direct' (an AHP matrix no longer fits).
 */
async function rebalance(q: Queryable, systemId: number, parentId: number | null, by: number, added?: number) {
  const r = await q.query<{ id: number; weight: number }>(
    /* sql */ `SELECT id, weight FROM eval_nodes WHERE system_id = $1 AND parent_id IS NOT DISTINCT FROM $2`,
    [systemId, parentId],
  );
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
  if (input.parentId !== null && !parent)
    throw new NotFound(m('evaluation.nodeNotFound', { id: input.parentId ?? '' }));
  const level = childLevel(parent ? parent.level : null);
  if (!level) throw new Invalid(m('evaluation.indicatorIsLeaf'));
  if (nodes.some((n) => n.code === input.code)) throw new Conflict(m('evaluation.codeTaken', { code: input.code }));
  if (level === 'indicator') checkIndicator(input);
  else if (input.polarity || input.source || input.norm) throw new Invalid(m('evaluation.onlyIndicatorsHaveMethod'));
  await db.tx(async (q) => {
    const sort = childrenOf(nodes, input.parentId).length;
    const r = await q.query<{ id: number }>(
      /* sql */ `INSERT INTO eval_nodes (system_id, parent_id, level, code, name, name_en, sort, weight, polarity, source, norm, target, worst, order_measure, order_families)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        s.id,
        input.parentId,
        level,
        input.code,
        input.name,
        input.nameEn,
        sort,
        input.polarity ?? null,
        input.source ?? null,
        input.norm ?? null,
        input.target ?? null,
        input.worst ?? null,
        input.orderMeasure ?? null,
        input.orderFamilies ?? [],
      ],
    );
    if (level !== 'indicator') await sql.upsertGroup(q, s.id, r.rows[0].id, { method: 'direct', by: user.id });
    await rebalance(q, s.id, input.parentId, user.id, r.rows[0].id);
    await audit(q, {
      accountId: user.id,
      action: 'evaluation.node_create',
      target: `node:${r.rows[0].id}`,
      detail: { code: input.code, name: input.name },
    });
  });
  return getSystem(db);
}

export async function patchNode(db: Db, user: AuthUser, id: number, patch: NodePatch): Promise<EvalSystem> {
  await requireEveryArea(db, user, SYSTEM);
  const s = await systemOrFail(db);
  const node = (await sql.systemNodes(db, s.id)).find((n) => n.id === id);
  if (!node) throw new NotFound(m('evaluation.nodeNotFound', { id }));
  const next = { ...node, ...patch };
  if (node.level === 'indicator') checkIndicator(next);
  else if (
    patch.polarity ||
    patch.norm ||
    patch.target !== undefined ||
    patch.worst !== undefined ||
    patch.orderFamilies
  )
    throw new Invalid(m('evaluation.onlyIndicatorsHaveNorm'));
  await db.tx(async (q) => {
    await q.query(
      /* sql */ `UPDATE eval_nodes SET name = $2, name_en = $3, sort = $4, polarity = $5, norm = $6, target = $7, worst = $8, order_families = $9 WHERE id = $1`,
      [id, next.name, next.nameEn, next.sort, next.polarity, next.norm, next.target, next.worst, next.orderFamilies],
    );
    await audit(q, {
      accountId: user.id,
      action: 'evaluation.node_update',
      target: `node:${id}`,
      detail: patch as Record<string, unknown>,
    });
  });
  return getSystem(db);
}

export async function deleteNode(db: Db, user: AuthUser, id: number): Promise<EvalSystem> {
  await requireEveryArea(db, user, SYSTEM);
  const s = await systemOrFail(db);
  const nodes = await sql.systemNodes(db, s.id);
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new NotFound(m('evaluation.nodeNotFound', { id }));
  if (childrenOf(nodes, node.parentId).length === 1) throw new Invalid(m('evaluation.lastOfGroup'));
  await db.tx(async (q) => {
    await q.query(
      /* sql */ `DELETE FROM eval_weight_groups WHERE system_id = $1 AND parent_key IN (SELECT id FROM eval_nodes WHERE id = $2 OR parent_id = $2)`,
      [s.id, id],
    );
    await q.query(/* sql */ `DELETE FROM eval_nodes WHERE id = $1`, [id]);
    await rebalance(q, s.id, node.parentId, user.id);
    await audit(q, {
      accountId: user.id,
      action: 'evaluation.node_delete',
      target: `node:${id}`,
      detail: { code: node.code },
    });
  });
  return getSystem(db);
}
