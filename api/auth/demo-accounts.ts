// The demo accounts a fresh city gets: five district-wide roles, a community operator and a grid worker, and the
// parties of 五级联动 along the grid worker's line of areas: the community's and the street's staff, one account per
// department, a second district dispatcher who reviews, and a supervisor over the whole installation. They exist only
// while the demo city does: none when its district, communities or grids were replaced by real ones.
import type { Role } from '../../contract/auth.js';
import { DEPARTMENTS } from '../../contract/order-categories.js';
import type { Db } from '../db/index.js';
import { hashPassword } from './passwords.js';
import { insertAccountIfMissing } from './queries.js';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: string;
}

export async function ensureDemoAccounts(db: Db, password: string): Promise<DemoAccount[]> {
  const scope = await db.query<{
    district: number;
    districtName: string;
    community: number;
    communityName: string;
    grid: number;
    gridName: string;
    worker: number | null;
    workerName: string | null;
    street: number | null;
    streetName: string | null;
  }>(/* sql */ `SELECT d.id AS district, d.name AS "districtName", c.id AS community, c.name AS "communityName",
        g.id AS grid, g.name AS "gridName", w.id AS worker, w.name AS "workerName", st.id AS street,
        st.name AS "streetName"
      FROM areas d
      JOIN LATERAL (SELECT id, name, path, parent_id FROM areas WHERE level = 'community' AND synthetic AND path LIKE d.path || '%' ORDER BY code LIMIT 1) c ON true
      LEFT JOIN areas st ON st.id = c.parent_id AND st.level = 'street'
      JOIN LATERAL (SELECT id, name FROM areas WHERE level = 'grid' AND synthetic AND parent_id = c.id ORDER BY code LIMIT 1) g ON true
      LEFT JOIN LATERAL (SELECT gw.id, gw.name FROM worker_grids wg JOIN grid_workers gw ON gw.id = wg.worker_id
                         WHERE wg.grid_id = g.id ORDER BY gw.id LIMIT 1) w ON true
      WHERE d.level = 'district' AND d.synthetic ORDER BY d.id LIMIT 1`);
  const s = scope.rows[0];
  if (!s) return [];
  const hash = await hashPassword(password);
  const departments = await db.query<{ code: string; name: string }>(
    /* sql */ `SELECT code, name FROM departments WHERE code = ANY($1) ORDER BY array_position($1, code)`,
    [[...DEPARTMENTS]],
  );
  const accounts: (DemoAccount & { areaId: number | null; workerId?: number | null; departmentCode?: string })[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', areaId: s.district, scope: s.districtName },
    {
      username: 'operator',
      displayName: '指挥中心值班员',
      role: 'operator',
      areaId: s.district,
      scope: s.districtName,
    },
    {
      username: 'dispatcher',
      displayName: '派单调度员',
      role: 'dispatcher',
      areaId: s.district,
      scope: s.districtName,
    },
    { username: 'planner', displayName: '规划分析员', role: 'planner', areaId: s.district, scope: s.districtName },
    {
      username: 'supervisor',
      displayName: '网格督导员',
      role: 'supervisor',
      areaId: s.district,
      scope: s.districtName,
    },
    {
      username: 'community1',
      displayName: `${s.communityName}值班员`,
      role: 'operator',
      areaId: s.community,
      scope: s.communityName,
    },
    {
      username: 'worker1',
      displayName: s.workerName ?? '网格员',
      role: 'grid_worker',
      areaId: s.grid,
      scope: s.gridName,
      workerId: s.worker,
    },
    {
      username: 'community_staff',
      displayName: `${s.communityName}工作人员`,
      role: 'dispatcher',
      areaId: s.community,
      scope: s.communityName,
    },
    ...(s.street !== null
      ? [
          {
            username: 'street_staff',
            displayName: `${s.streetName}工作人员`,
            role: 'dispatcher' as const,
            areaId: s.street,
            scope: s.streetName ?? '',
          },
        ]
      : []),
    ...departments.rows.map((d) => ({
      username: `dept_${d.code}`,
      displayName: `${d.name}工作人员`,
      role: 'department' as const,
      areaId: s.district,
      scope: s.districtName,
      departmentCode: d.code,
    })),
    {
      username: 'reviewer',
      displayName: '核查调度员',
      role: 'dispatcher',
      areaId: s.district,
      scope: s.districtName,
    },
    { username: 'city_supervisor', displayName: '城市督导员', role: 'supervisor', areaId: null, scope: '' },
  ];
  for (const a of accounts) {
    await insertAccountIfMissing(db, {
      username: a.username,
      displayName: a.displayName,
      passwordHash: hash,
      role: a.role,
      areaId: a.areaId,
      workerId: a.workerId,
      departmentCode: a.departmentCode,
    });
  }
  return accounts.map(({ username, displayName, role, scope: sc }) => ({ username, displayName, role, scope: sc }));
}
