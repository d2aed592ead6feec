// Departments and the default responsibility list, written once per database (an admin edits them later).
import type { Queryable } from '../db/index.js';
import { ALL_DEPARTMENTS, defaultResponsibilities } from '../../core/orders/departments.js';

export async function ensureOrderReferenceData(q: Queryable): Promise<void> {
  await q.query(
    /* sql */ `INSERT INTO departments (code, name, name_en) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
      ON CONFLICT (code) DO NOTHING`,
    [ALL_DEPARTMENTS.map((d) => d.code), ALL_DEPARTMENTS.map((d) => d.zh), ALL_DEPARTMENTS.map((d) => d.en)],
  );
  const existing = await q.query(/* sql */ `SELECT 1 FROM responsibilities LIMIT 1`);
  if (existing.rowCount > 0) return;
  const rules = defaultResponsibilities();
  await q.query(
    /* sql */ `INSERT INTO responsibilities (category_code, area_id, hazard_level, lead_dept, assist_depts)
      SELECT c, a, h, l, coalesce(string_to_array(nullif(x, ''), ','), '{}') FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS t(c, a, h, l, x)`,
    [
      rules.map((r) => r.categoryCode),
      rules.map((r) => r.areaId),
      rules.map((r) => r.hazardLevel),
      rules.map((r) => r.leadDept),
      rules.map((r) => r.assistDepts.join(',')),
    ],
  );
}
