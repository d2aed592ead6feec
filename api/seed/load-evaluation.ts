// Loads the demo satisfaction evaluation: the Gulou-shaped indicator system (dimensions weighted by AHP), four
// quarters of questionnaire results for every community, and a few special items — one transaction, bulk inserts.
import { demoPeriods, generateResponses, generateSpecials } from '../../geodata/evaluation/questionnaires.js';
import { DEMO_DIMENSION_MATRIX, DEMO_SYSTEM, DEMO_SYSTEM_NAME } from '../../geodata/evaluation/system.js';
import type { City, Progress } from '../../geodata/city/types.js';
import type { Db, Queryable } from '../db/index.js';
import { ahp } from '../../core/evaluation/ahp.js';

export const EVALUATION_STEP = '满意度考评 evaluation';
const BATCH = 20_000;

async function insertNode(
  q: Queryable,
  systemId: number,
  parentId: number | null,
  level: string,
  sort: number,
  n: { code: string; name: string; nameEn: string; weight: number } & Partial<
    Record<'polarity' | 'source' | 'norm' | 'target' | 'worst' | 'orderMeasure' | 'orderFamilies', unknown>
  >,
): Promise<number> {
  const r = await q.query<{ id: number }>(
    /* sql */ `INSERT INTO eval_nodes (system_id, parent_id, level, code, name, name_en, sort, weight, polarity, source, norm, target, worst, order_measure, order_families)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      systemId,
      parentId,
      level,
      n.code,
      n.name,
      n.nameEn,
      sort,
      n.weight,
      n.polarity ?? null,
      n.source ?? null,
      n.norm ?? null,
      n.target ?? null,
      n.worst ?? null,
      n.orderMeasure ?? null,
      n.orderFamilies ?? [],
    ],
  );
  return r.rows[0].id;
}

/** Replaces any evaluation system with the demo one; returns its id. */
export async function insertDemoSystem(q: Queryable): Promise<number> {
  await q.query(/* sql */ `DELETE FROM eval_systems`);
  const systemId = (
    await q.query<{ id: number }>(/* sql */ `INSERT INTO eval_systems (name) VALUES ($1) RETURNING id`, [
      DEMO_SYSTEM_NAME,
    ])
  ).rows[0].id;
  const dims = ahp(DEMO_DIMENSION_MATRIX);
  const group = (
    parentKey: number,
    method: string,
    matrix: number[][] | null = null,
    lambdaMax: number | null = null,
    cr: number | null = null,
  ) =>
    q.query(
      /* sql */ `INSERT INTO eval_weight_groups (system_id, parent_key, method, matrix, lambda_max, cr) VALUES ($1, $2, $3, $4, $5, $6)`,
      [systemId, parentKey, method, matrix && JSON.stringify(matrix), lambdaMax, cr],
    );
  await group(0, 'ahp', DEMO_DIMENSION_MATRIX, dims.lambdaMax, dims.cr);
  for (const [di, d] of DEMO_SYSTEM.entries()) {
    const dId = await insertNode(q, systemId, null, 'dimension', di, { ...d, weight: dims.weights[di] });
    await group(dId, 'direct');
    for (const [fi, f] of d.focuses.entries()) {
      const fId = await insertNode(q, systemId, dId, 'focus', fi, f);
      await group(fId, 'direct');
      for (const [ii, ind] of f.indicators.entries()) await insertNode(q, systemId, fId, 'indicator', ii, ind);
    }
  }
  return systemId;
}

export async function seedEvaluation(
  db: Db,
  city: City,
  seed: number,
  progress: Progress = () => undefined,
  end = new Date(),
): Promise<number> {
  const periods = demoPeriods(end);
  const rows = generateResponses(city, seed, periods.length);
  const specials = generateSpecials(city, seed, periods.length);
  progress(EVALUATION_STEP, 0, rows.period.length);
  await db.tx(async (q) => {
    await insertDemoSystem(q);
    await q.query(/* sql */ `DELETE FROM eval_periods`);
    const ids: number[] = [];
    for (const p of periods) {
      ids.push(
        (
          await q.query<{ id: number }>(
            /* sql */ `INSERT INTO eval_periods (code, starts, ends) VALUES ($1, $2, $3) RETURNING id`,
            [p.code, p.starts, p.ends],
          )
        ).rows[0].id,
      );
    }
    for (let start = 0; start < rows.period.length; start += BATCH) {
      const stop = Math.min(rows.period.length, start + BATCH);
      const slice = <T>(a: T[]) => a.slice(start, stop);
      await q.query(
        /* sql */ `INSERT INTO eval_responses (period_id, area_id, path, respondent_group, indicator_code, respondents, score)
          SELECT t.period_id, t.area_id, a.path, t.grp, t.code, t.n, t.score
          FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::float8[]) AS t(period_id, area_id, grp, code, n, score)
          JOIN areas a ON a.id = t.area_id`,
        [
          slice(rows.period).map((p) => ids[p]),
          slice(rows.areaId),
          slice(rows.group),
          slice(rows.indicator),
          slice(rows.respondents),
          slice(rows.score),
        ],
      );
      progress(EVALUATION_STEP, stop, rows.period.length);
    }
    for (const s of specials) {
      await q.query(
        /* sql */ `INSERT INTO eval_specials (period_id, area_id, points, reason) VALUES ($1, $2, $3, $4)`,
        [ids[s.period], s.areaId, s.points, s.reason],
      );
    }
  });
  return rows.period.length;
}
