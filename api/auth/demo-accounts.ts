// The demo accounts a fresh city gets: five district-wide roles, a community operator and a grid worker. They
// exist only while the demo city does: none when its district, communities or grids were replaced by real ones.
import type { Role } from '../../contract/auth.js';
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
  }>(/* sql */ `SELECT d.id AS district, d.name AS "districtName", c.id AS community, c.name AS "communityName",
        g.id AS grid, g.name AS "gridName", w.id AS worker, w.name AS "workerName"
      FROM areas d
      JOIN LATERAL (SELECT id, name, path FROM areas WHERE level = 'community' AND synthetic AND path LIKE d.path || '%' ORDER BY code LIMIT 1) c ON true
      JOIN LATERAL (SELECT id, name FROM areas WHERE level = 'grid' AND synthetic AND parent_id = c.id ORDER BY code LIMIT 1) g ON true
      LEFT JOIN LATERAL (SELECT gw.id, gw.name FROM worker_grids wg JOIN grid_workers gw ON gw.id = wg.worker_id
                         WHERE wg.grid_id = g.id ORDER BY gw.id LIMIT 1) w ON true
      WHERE d.level = 'district' AND d.synthetic ORDER BY d.id LIMIT 1`);
  const s = scope.rows[0];
  if (!s) return [];
  const hash = await hashPassword(password);
  const accounts: (DemoAccount & { areaId: number; workerId?: number | null })[] = [
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
  ];
  for (const a of accounts) {
    await insertAccountIfMissing(db, {
      username: a.username,
      displayName: a.displayName,
      passwordHash: hash,
      role: a.role,
      areaId: a.areaId,
      workerId: a.workerId,
    });
  }
  return accounts.map(({ username, displayName, role, scope: sc }) => ({ username, displayName, role, scope: sc }));
}
