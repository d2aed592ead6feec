// Synthetic reports and their lives for the load generators (benchmarks and `npm run simulate`): a report
// drawn from the demo city's category mix at one of the given points, and the steps that walk an order
// from its status to close-out.
import { categoryByCode } from '../../contract/order-categories.js';
import type { OrderActionInput, OrderCreate, OrderSummary } from '../../contract/orders.js';
import type { Rng } from '../../geodata/city/rng.js';
import { describe, sampleFields, syntheticReporter } from '../../geodata/orders/content.js';
import { localMonth, pickCategoryIn, pickFamily, pickHazard, pickSource } from '../../geodata/orders/mix.js';

export function newOrderBody(rng: Rng, points: readonly { lon: number; lat: number }[], label: string): OrderCreate {
  const family = pickFamily(rng);
  const categoryCode = pickCategoryIn(rng, family, localMonth(Date.now()));
  const { lon, lat } = rng.pick(points);
  return {
    categoryCode,
    description: describe(categoryCode, label, rng),
    lon,
    lat,
    hazardLevel: pickHazard(rng, categoryCode),
    source: pickSource(rng, family),
    fields: sampleFields(categoryByCode(categoryCode)!, rng),
    ...(rng.chance(0.6) ? { reporter: syntheticReporter(rng) } : {}),
  };
}

/** Who takes a step: the dispatcher, or a second account for the review (whoever dispatched may not review). */
export type StepActor = 'dispatcher' | 'reviewer';

/** The steps still to take for an order in its status: accept → dispatch → start → resolve → review_pass → rate → close. */
export function lifeSteps(
  o: Pick<OrderSummary, 'status' | 'categoryCode'>,
  hasReporter: boolean,
  rng: Rng,
): [OrderActionInput, StepActor][] {
  const lead = categoryByCode(o.categoryCode)?.defaultDept ?? 'community';
  const steps: [OrderActionInput, StepActor][] = [];
  if (o.status === 'reported')
    steps.push([{ action: 'accept' }, 'dispatcher'], [{ action: 'dispatch', leadDept: lead }, 'dispatcher']);
  steps.push(
    [{ action: 'start' }, 'dispatcher'],
    [{ action: 'resolve', note: '模拟：已处置完毕' }, 'dispatcher'],
    [{ action: 'review_pass' }, 'reviewer'],
  );
  if (hasReporter) steps.push([{ action: 'rate', rating: rng.chance(0.9) ? 'satisfied' : 'basic' }, 'reviewer']);
  steps.push([{ action: 'close' }, 'reviewer']);
  return steps;
}
