// Account administration and the audit log: admins create accounts in their scope, change roles and
// scopes (audited, sessions ended at once), reset passwords; the log shows logins and changes, never a password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let admin: string;
let district: number;
let community: { id: number; path: string };
let otherCommunity: number;

const send = (method: string, path: string, body: unknown, token: string) =>
  fetch(t.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const create = (body: Record<string, unknown>, token = admin) => send('POST', '/api/accounts', body, token);
const auditOf = async (action: string) =>
  (
    await t.db.query<{ account_id: number; target: string; detail: Record<string, unknown> }>(
      `SELECT account_id, target, detail FROM audit_log WHERE action = $1 ORDER BY id`,
      [action],
    )
  ).rows;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  district = (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE level = 'district' LIMIT 1`)).rows[0].id;
  community = (
    await t.db.query<{ id: number; path: string }>(
      `SELECT a.id, a.path FROM accounts x JOIN areas a ON a.id = x.area_id WHERE x.username = 'community1'`,
    )
  ).rows[0];
  otherCommunity = (
    await t.db.query<{ id: number }>(
      `SELECT id FROM areas WHERE level = 'community' AND id <> $1 ORDER BY code LIMIT 1`,
      [community.id],
    )
  ).rows[0].id;
});
afterAll(async () => t?.close());

describe('creating accounts', () => {
  it('creates an account that can sign in with its role and scope, and audits it without the password', async () => {
    const r = await create({
      username: 'Zhang.Wei',
      displayName: '张伟',
      role: 'dispatcher',
      areaId: community.id,
      password: 'a-long-password-1',
    });
    expect(r.status).toBe(201);
    const a = (await r.json()) as { id: number; username: string; role: string; areaId: number; active: boolean };
    expect(a).toMatchObject({ username: 'zhang.wei', role: 'dispatcher', areaId: community.id, active: true });
    const me = await t.get('/api/auth/me', await t.login('zhang.wei', 'a-long-password-1'));
    expect(((await me.json()) as { user: { role: string; areaId: number } }).user).toMatchObject({
      role: 'dispatcher',
      areaId: community.id,
    });
    const entries = await auditOf('account.create');
    expect(entries.at(-1)).toMatchObject({
      target: `account:${a.id}`,
      detail: { username: 'zhang.wei', role: 'dispatcher', areaId: community.id },
    });
    const anywhere = await t.db.query(
      `SELECT 1 FROM audit_log WHERE detail::text LIKE '%a-long-password-1%' OR target LIKE '%a-long-password-1%'`,
    );
    expect(anywhere.rowCount).toBe(0);
  });

  it('creates a department account only with a known department, which it then acts for', async () => {
    const base = { displayName: '消防工作人员', areaId: district, password: 'a-long-password-2' };
    const none = await create({ ...base, username: 'fire.staff', role: 'department' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { messageKey: string } }).error.messageKey).toBe(
      'accounts.departmentRequired',
    );
    const unknown = await create({ ...base, username: 'fire.staff', role: 'department', departmentCode: 'nope' });
    expect(unknown.status).toBe(400);
    const wrongRole = await create({ ...base, username: 'fire.staff', role: 'operator', departmentCode: 'fire' });
    expect(wrongRole.status).toBe(400);
    const r = await create({ ...base, username: 'fire.staff', role: 'department', departmentCode: 'fire' });
    expect(r.status, await r.clone().text()).toBe(201);
    expect(await r.json()).toMatchObject({ role: 'department', departmentCode: 'fire' });
    const me = await t.get('/api/auth/me', await t.login('fire.staff', 'a-long-password-2'));
    expect(((await me.json()) as { user: Record<string, unknown> }).user).toMatchObject({
      role: 'department',
      departmentCode: 'fire',
    });
  });

  it('refuses a taken username, a short password, an unknown role and a grid worker without a grid, writing nothing', async () => {
    const before = Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM accounts`)).rows[0].n);
    expect(
      (
        await create({
          username: 'operator',
          displayName: '重名',
          role: 'operator',
          areaId: district,
          password: 'a-long-password-1',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await create({
          username: 'short.pw',
          displayName: '短密码',
          role: 'operator',
          areaId: district,
          password: 'short',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await create({
          username: 'bad.role',
          displayName: '角色',
          role: 'mayor',
          areaId: district,
          password: 'a-long-password-1',
        })
      ).status,
    ).toBe(400);
    const gw = await create({
      username: 'gw.nogrid',
      displayName: '网格员',
      role: 'grid_worker',
      areaId: community.id,
      password: 'a-long-password-1',
    });
    expect(gw.status).toBe(400);
    expect(((await gw.json()) as { error: { message: string } }).error.message).toContain('网格');
    expect(Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM accounts`)).rows[0].n)).toBe(before);
  });

  it('keeps a community admin inside their community: others are neither listed nor reachable', async () => {
    expect(
      (
        await create({
          username: 'c.admin',
          displayName: '社区管理员',
          role: 'admin',
          areaId: community.id,
          password: 'a-long-password-1',
        })
      ).status,
    ).toBe(201);
    const cAdmin = await t.login('c.admin', 'a-long-password-1');
    const out = await create(
      {
        username: 'elsewhere',
        displayName: '外社区',
        role: 'operator',
        areaId: otherCommunity,
        password: 'a-long-password-1',
      },
      cAdmin,
    );
    expect(out.status).toBe(400);
    const listed = (await (await t.get('/api/accounts', cAdmin)).json()) as { username: string; areaId: number }[];
    expect(listed.map((a) => a.username)).toContain('community1');
    expect(listed.map((a) => a.username)).not.toContain('operator');
    const operatorId = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'operator'`)).rows[0]
      .id;
    expect((await send('PATCH', `/api/accounts/${operatorId}`, { active: false }, cAdmin)).status).toBe(404);
    const log = (await (await t.get('/api/audit?limit=500', cAdmin)).json()) as { username: string | null }[];
    // Only accounts of the community; failures under unknown names are the district's to see.
    expect(new Set(log.map((e) => e.username))).toEqual(new Set(['c.admin', 'zhang.wei']));
  });
});

describe('changing accounts', () => {
  it('audits a role change with both roles and ends the account’s sessions at once', async () => {
    const r = await create({
      username: 'li.na',
      displayName: '李娜',
      role: 'operator',
      areaId: district,
      password: 'a-long-password-2',
    });
    const id = ((await r.json()) as { id: number }).id;
    const token = await t.login('li.na', 'a-long-password-2');
    expect((await t.get('/api/orders/kpis', token)).status).toBe(200);
    const p = await send('PATCH', `/api/accounts/${id}`, { role: 'planner' }, admin);
    expect(p.status).toBe(200);
    expect((await p.json()) as { role: string; sessions: number }).toMatchObject({ role: 'planner', sessions: 0 });
    expect((await t.get('/api/orders/kpis', token)).status).toBe(401);
    expect((await auditOf('account.role_change')).at(-1)).toMatchObject({
      target: `account:${id}`,
      detail: { from: 'operator', to: 'planner' },
    });
    const again = await t.get('/api/auth/me', await t.login('li.na', 'a-long-password-2'));
    expect(((await again.json()) as { user: { role: string } }).user.role).toBe('planner');
  });

  it('keeps the sessions when only the display name changes', async () => {
    const id = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'li.na'`)).rows[0].id;
    const token = await t.login('li.na', 'a-long-password-2');
    expect((await send('PATCH', `/api/accounts/${id}`, { displayName: '李娜（规划）' }, admin)).status).toBe(200);
    const me = (await (await t.get('/api/auth/me', token)).json()) as { user: { displayName: string } };
    expect(me.user.displayName).toBe('李娜（规划）');
  });

  it('deactivates an account: its sessions end and it can no longer sign in', async () => {
    const id = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'li.na'`)).rows[0].id;
    const token = await t.login('li.na', 'a-long-password-2');
    expect((await send('PATCH', `/api/accounts/${id}`, { active: false }, admin)).status).toBe(200);
    expect((await t.get('/api/auth/me', token)).status).toBe(401);
    expect((await t.post('/api/auth/login', { username: 'li.na', password: 'a-long-password-2' })).status).toBe(401);
    expect((await auditOf('account.deactivate')).at(-1)?.target).toBe(`account:${id}`);
  });

  it('does not let an admin change their own role or deactivate themselves', async () => {
    const self = (await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'admin'`)).rows[0].id;
    expect((await send('PATCH', `/api/accounts/${self}`, { role: 'operator' }, admin)).status).toBe(409);
    expect((await send('PATCH', `/api/accounts/${self}`, { active: false }, admin)).status).toBe(409);
    expect((await t.get('/api/accounts', admin)).status).toBe(200);
  });

  it('resets a password: the old one and the old sessions stop working', async () => {
    const r = await create({
      username: 'wang.fang',
      displayName: '王芳',
      role: 'supervisor',
      areaId: district,
      password: 'old-password-123',
    });
    const id = ((await r.json()) as { id: number }).id;
    const token = await t.login('wang.fang', 'old-password-123');
    expect((await send('POST', `/api/accounts/${id}/password`, { password: 'new-password-456' }, admin)).status).toBe(
      200,
    );
    expect((await t.get('/api/auth/me', token)).status).toBe(401);
    expect((await t.post('/api/auth/login', { username: 'wang.fang', password: 'old-password-123' })).status).toBe(401);
    expect((await t.post('/api/auth/login', { username: 'wang.fang', password: 'new-password-456' })).status).toBe(200);
    expect((await auditOf('account.password_reset')).at(-1)).toMatchObject({
      target: `account:${id}`,
      detail: { sessionsEnded: 1 },
    });
  });
});

describe('the audit log', () => {
  it('lists logins, failed logins and account changes, newest first, by action and a page at a time', async () => {
    expect((await t.post('/api/auth/login', { username: 'nobody.here', password: 'guess-guess' })).status).toBe(401);
    await t.login('supervisor', TEST_PASSWORD);
    const all = (await (await t.get('/api/audit?limit=500', admin)).json()) as {
      id: number;
      action: string;
      username: string | null;
      target: string | null;
    }[];
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(all.some((e) => e.action === 'login' && e.username === 'supervisor')).toBe(true);
    expect(all.some((e) => e.action === 'login.failed' && e.target === 'nobody.here')).toBe(true);
    const changes = (await (await t.get('/api/audit?action=account', admin)).json()) as { action: string }[];
    expect(changes.length).toBeGreaterThanOrEqual(4);
    expect(changes.every((e) => e.action.startsWith('account.'))).toBe(true);
    const page = (await (await t.get(`/api/audit?limit=2&before=${all[1].id}`, admin)).json()) as { id: number }[];
    expect(page.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    expect(JSON.stringify(all)).not.toContain(TEST_PASSWORD);
  });

  it('is for admins only', async () => {
    expect((await t.get('/api/audit', await t.login('operator'))).status).toBe(403);
    expect((await t.get('/api/accounts', await t.login('dispatcher'))).status).toBe(403);
  });
});
