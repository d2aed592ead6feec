// Root-cause items become alarms: the scheduler looks for the same category again and again at one place
// (the rule of GET /api/root-causes) and raises one `root_cause` alarm per item, on the item's grid. An item
// already raised — same category within the radius, inside the window — is not raised again as it grows.
import { m, named } from '../../contract/messages/index.js';
import { categoryByCode } from '../../contract/order-categories.js';
import * as eventLog from '../events/log.js';
import type { Published } from '../events/log.js';
import type { OrderDeps } from './service.js';
import { rootCauses } from './stats.js';

export const ROOT_CAUSE_RULE = { days: 30, radiusM: 50, minCount: 3 } as const;

export async function raiseRootCauseAlarms(deps: OrderDeps, rule = ROOT_CAUSE_RULE): Promise<Published[]> {
  const now = deps.now();
  const items = await rootCauses(deps.db, '/', now, rule.days, rule.radiusM, rule.minCount);
  const published: Published[] = [];
  for (const item of items) {
    await deps.db.tx(async (q) => {
      await eventLog.lock(q);
      const seen = await q.query(
        /* sql */ `SELECT 1 FROM root_cause_alarms
          WHERE category_code = $1 AND raised_at > $4::timestamptz - make_interval(days => $5)
            AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, $6)
          LIMIT 1`,
        [item.categoryCode, item.lon, item.lat, now.toISOString(), rule.days, rule.radiusM],
      );
      if (seen.rowCount > 0) return;
      const grid = await q.query<{ path: string }>(/* sql */ `SELECT path FROM areas WHERE id = $1`, [item.gridId]);
      if (!grid.rows[0]) return;
      const c = categoryByCode(item.categoryCode);
      const alarm = await eventLog.append(q, {
        topic: 'alarm',
        areaPath: grid.rows[0].path,
        body: {
          kind: 'root_cause',
          severity: 'warning',
          message: m('orders.alarm.rootCause', {
            category: c ? named(c) : item.categoryCode,
            days: rule.days,
            count: item.count,
          }),
          orderId: Math.max(...item.orderIds),
          areaId: item.gridId,
        },
      });
      await q.query(
        /* sql */ `INSERT INTO root_cause_alarms (category_code, geom, order_count, push_seq, raised_at) VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 4326), $4, $5, $6)`,
        [item.categoryCode, item.lon, item.lat, item.count, alarm.payload.seq, now.toISOString()],
      );
      published.push(alarm);
    });
  }
  return published;
}
