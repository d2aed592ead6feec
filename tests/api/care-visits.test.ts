// Care files against a real database: compliance per ISO week and month (the 7th of a month is not 100 %), a
// remote grid's monthly rule, who is due this week on the phone, a visit logged offline and replayed (written
// once), the referral lifecycle (raised with a visit, overdue, answered and audited, closed), and another grid's
// worker kept out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = any;
let t: TestApp;
// Monday 7 June 2027, 10:00 in Shanghai: June's first week (31 May – 6 June) is over, its second has just begun.
const clock = { now: new Date('2027-06-07T02:00:00Z') };
let tokens: Record<string, string>;
let grid: number;
let persons: number[];
let other: { grid: number; resident: number };
const json = async (r: Response) => (await r.json()) as Json;
const purpose = encodeURIComponent('本周走访 / this week’s visits');

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_WORKER_CHECK_INTERVAL_MS: '0' }, { now: () => clock.now });
  grid = (await t.db.query<{ id: number }>(`SELECT area_id AS id FROM accounts WHERE username = 'worker1'`)).rows[0].id;
  persons = (
    await t.db.query<{ id: number }>(`SELECT id::int FROM residents WHERE grid_id = $1 AND flags <> 0 ORDER BY id`, [
      grid,
    ])
  ).rows.map((r) => r.id);
  await t.db.query(`DELETE FROM visits WHERE grid_id = $1`, [grid]);
  // A second grid worker, of another grid of the same community.
  other = (
    await t.db.query<{ grid: number; resident: number }>(
      `SELECT wg.grid_id AS grid, (SELECT min(id)::int FROM residents WHERE grid_id = wg.grid_id AND flags <> 0) AS resident
       FROM worker_grids wg JOIN areas a ON a.id = wg.grid_id
       WHERE a.parent_id = (SELECT parent_id FROM areas WHERE id = $1) AND wg.grid_id <> $1
         AND wg.worker_id NOT IN (SELECT worker_id FROM worker_grids WHERE grid_id = $1)
         AND EXISTS (SELECT 1 FROM residents WHERE grid_id = wg.grid_id AND flags <> 0)
       ORDER BY wg.grid_id LIMIT 1`,
      [grid],
    )
  ).rows[0];
  await t.db.query(
    `INSERT INTO accounts (username, display_name, password_hash, role, area_id, worker_id)
     SELECT 'worker2', '网格员二', password_hash, 'grid_worker', $1, (SELECT worker_id FROM worker_grids WHERE grid_id = $1 LIMIT 1)
     FROM accounts WHERE username = 'worker1'`,
    [other.grid],
  );
  tokens = {};
  for (const u of ['worker1', 'worker2', 'supervisor', 'planner', 'admin']) tokens[u] = await t.login(u);
});
afterAll(async () => t?.close());

const visit = (body: Json, who = 'worker1') => t.post('/api/visits', body, tokens[who]);

describe('weekly compliance', () => {
  it('on the 7th counts the week that is over: a grid without visits is at 0 %, not 100 %', async () => {
    expect(persons.length).toBeGreaterThanOrEqual(3);
    const m = await json(await t.get(`/api/visits/compliance?area=${grid}`, tokens.supervisor));
    expect(m).toMatchObject({
      period: 'month',
      month: '2027-06',
      weeks: 4,
      weeksOver: 1,
      rule: { per: 'week', visits: 1 },
    });
    const g = m.grids.find((x: Json) => x.gridId === grid);
    expect(g).toMatchObject({ persons: persons.length, due: persons.length, met: 0, rate: 0, behind: persons.length });
  });

  it('counts a week met by one visit in it, and this week as soon as it is met', async () => {
    expect((await visit({ residentId: persons[0], visitedAt: '2027-06-02T09:00:00+08:00', note: '上门' })).status).toBe(
      201,
    );
    expect((await visit({ residentId: persons[1], visitedAt: '2027-06-07T09:00:00+08:00' })).status).toBe(201);
    const m = await json(
      await t.get(`/api/visits/compliance?area=${grid}&persons=true&purpose=${purpose}`, tokens.supervisor),
    );
    const g = m.grids.find((x: Json) => x.gridId === grid);
    // persons[0]: 1 of 1 week; persons[1]: 1 of 2 (the first missed, this one met); the rest 0 of 1
    expect(g).toMatchObject({ due: persons.length + 1, met: 2, compliant: 1, behind: persons.length - 1 });
    expect(g.workers.length).toBeGreaterThan(0);
    const lag = m.lagging.map((p: Json) => p.residentId);
    expect(lag).not.toContain(persons[0]);
    expect(lag).toContain(persons[1]);
    expect(m.lagging.find((p: Json) => p.residentId === persons[1])).toMatchObject({ behind: 1, visits: 1 });

    const w = await json(await t.get(`/api/visits/compliance?period=week&area=${grid}`, tokens.supervisor));
    expect(w).toMatchObject({ period: 'week', week: '2027-W23', weeks: 1, weeksOver: 0 });
    expect(w.grids.find((x: Json) => x.gridId === grid)).toMatchObject({ due: persons.length, met: 1 });
    const last = await json(
      await t.get(`/api/visits/compliance?period=week&week=2027-W22&area=${grid}`, tokens.supervisor),
    );
    expect(last.grids.find((x: Json) => x.gridId === grid)).toMatchObject({ met: 1, compliant: 1 });
    expect((await t.get(`/api/visits/compliance?period=week&week=2026-W53x`, tokens.supervisor)).status).toBe(400);
    expect((await t.get(`/api/visits/compliance?period=week&week=2027-W53`, tokens.supervisor)).status).toBe(400);
    // a reader of published figures gets no person-week counts
    const p = await json(await t.get(`/api/visits/compliance?area=${grid}`, tokens.planner));
    expect(p.grids[0]).toMatchObject({ due: null, met: null, behind: null });
  });

  it("lists who is due this week on the worker's phone, audited with the purpose", async () => {
    expect((await t.get('/api/visits/due', tokens.worker1)).status).toBe(400);
    const before = (await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'person_list.read'`)).rowCount!;
    const d = await json(await t.get(`/api/visits/due?purpose=${purpose}`, tokens.worker1));
    expect(d.week).toBe('2027-W23');
    const ids = d.persons.filter((p: Json) => p.due).map((p: Json) => p.residentId);
    expect(ids).toContain(persons[0]);
    expect(ids).not.toContain(persons[1]);
    expect(d.persons.find((p: Json) => p.residentId === persons[1])).toMatchObject({ due: false, visits: 1 });
    expect(d.persons[0].due).toBe(true); // those due come first
    expect(d.done).toBe(1);
    expect(d.persons.every((p: Json) => p.gridId === grid && p.address)).toBe(true);
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'person_list.read'`)).rowCount).toBe(before + 1);
    expect((await t.get(`/api/visits/due?purpose=${purpose}`, tokens.planner)).status).toBe(403);
  });

  it("follows a remote grid's own rule: 2 a month, due when the month is over or met", async () => {
    const put = (who: string, area: number) =>
      fetch(`${t.url}/api/visit-rules/${area}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ per: 'month', visits: 2 }),
      });
    expect((await put('worker1', grid)).status).toBe(403);
    expect((await put('admin', grid)).status).toBe(200);
    expect(await json(await t.get('/api/visit-rules', tokens.supervisor))).toContainEqual(
      expect.objectContaining({ areaId: grid, per: 'month', visits: 2 }),
    );
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'visit_rule.set'`)).rowCount).toBe(1);
    try {
      const m = await json(await t.get(`/api/visits/compliance?area=${grid}`, tokens.supervisor));
      const g = m.grids.find((x: Json) => x.gridId === grid);
      expect(g.rule).toEqual({ per: 'month', visits: 2 });
      expect(g).toMatchObject({ due: 0, met: 0, rate: null }); // nobody has 2 yet, and June is not over
      const d = await json(await t.get(`/api/visits/due?purpose=${purpose}`, tokens.worker1));
      expect(d.persons.filter((p: Json) => p.due)).toEqual([]); // four weeks left for two visits: nobody is due this week
      const july = new Date('2027-07-05T02:00:00Z');
      clock.now = july;
      const after = await json(await t.get(`/api/visits/compliance?month=2027-06&area=${grid}`, tokens.supervisor));
      expect(after.grids.find((x: Json) => x.gridId === grid)).toMatchObject({ due: persons.length, met: 0 });
    } finally {
      clock.now = new Date('2027-06-07T02:00:00Z');
      const del = await fetch(`${t.url}/api/visit-rules/${grid}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${tokens.admin}` },
      });
      expect(del.status).toBe(204);
    }
  });
});

describe('offline replay', () => {
  it('writes a visit once however often the phone sends it, with its needs, help and referral', async () => {
    const body = {
      residentId: persons[2],
      clientId: 'c0ffee00-1111-4222-8333-944445555666',
      note: '独居老人，行动不便',
      needsFound: ['daily_care', 'medical'],
      helpGiven: '协助预约社区医生',
      referrals: [{ toDept: 'health', reason: '需要医生上门' }],
    };
    const a = await visit(body);
    const b = await visit(body);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [va, vb] = [await json(a), await json(b)];
    expect(vb.id).toBe(va.id);
    expect(va).toMatchObject({
      needsFound: ['daily_care', 'medical'],
      helpGiven: '协助预约社区医生',
      clientId: body.clientId,
    });
    const rows = await t.db.query(`SELECT 1 FROM visits WHERE client_id = $1`, [body.clientId]);
    expect(rows.rowCount).toBe(1);
    expect((await t.db.query(`SELECT 1 FROM care_referrals WHERE visit_id = $1`, [va.id])).rowCount).toBe(1);
    // the same client id from another account is another visit
    const c = await json(await visit(body, 'admin'));
    expect(c.id).not.toBe(va.id);
    expect((await visit({ residentId: persons[2], needsFound: ['flying'] })).status).toBe(400);
    expect(
      (
        await visit({
          residentId: persons[2],
          referrals: [
            { toDept: 'health', reason: '一' + '次' },
            { toDept: 'health', reason: '两次' },
          ],
        })
      ).status,
    ).toBe(400);
  });
});

describe('referrals', () => {
  it('are raised, overdue after the deadline, answered (audited) and closed', async () => {
    const v = await json(await visit({ residentId: persons[3] ?? persons[0], note: '低保复核' }));
    const r = await t.post(
      `/api/visits/${v.id}/referrals`,
      { referrals: [{ toDept: 'civil_affairs', reason: '申请临时救助' }] },
      tokens.worker1,
    );
    expect(r.status).toBe(201);
    const [ref] = await json(r);
    expect(ref).toMatchObject({ toDept: 'civil_affairs', status: 'open', overdue: false, gridId: grid });
    const open = await json(await t.get('/api/referrals?status=open', tokens.worker1));
    expect(open.map((x: Json) => x.id)).toContain(ref.id);
    expect(
      (await json(await t.get('/api/referrals?overdue=true', tokens.supervisor))).map((x: Json) => x.id),
    ).not.toContain(ref.id);
    clock.now = new Date('2027-06-15T02:00:00Z');
    try {
      const late = await json(await t.get('/api/referrals?overdue=true', tokens.supervisor));
      expect(late.find((x: Json) => x.id === ref.id)).toMatchObject({ overdue: true });
      expect((await t.post(`/api/referrals/${ref.id}/answer`, { answer: '已受理' }, tokens.worker1)).status).toBe(403);
      const ans = await t.post(
        `/api/referrals/${ref.id}/answer`,
        { answer: '民政已受理，三日内上门' },
        tokens.supervisor,
      );
      expect(ans.status).toBe(200);
      expect(await json(ans)).toMatchObject({ status: 'answered', overdue: false });
      expect((await t.post(`/api/referrals/${ref.id}/answer`, { answer: '再次答复' }, tokens.supervisor)).status).toBe(
        409,
      );
      const log = await t.db.query(
        `SELECT account_id FROM audit_log WHERE action = 'referral.answer' AND target = $1`,
        [`referral:${ref.id}`],
      );
      expect(log.rowCount).toBe(1);
      const closed = await t.post(`/api/referrals/${ref.id}/close`, {}, tokens.worker1);
      expect(await json(closed)).toMatchObject({ status: 'closed' });
      expect((await t.post(`/api/referrals/${ref.id}/close`, {}, tokens.worker1)).status).toBe(409);
    } finally {
      clock.now = new Date('2027-06-07T02:00:00Z');
    }
  });
});

describe('scope', () => {
  it("keeps another grid's worker out of this grid's residents, visits and referrals", async () => {
    expect(other).toBeTruthy();
    expect((await visit({ residentId: persons[0] }, 'worker2')).status).toBe(404);
    expect((await visit({ residentId: other.resident }, 'worker2')).status).toBe(201); // their own grid: allowed
    const v = await json(await visit({ residentId: persons[0] }));
    expect(
      (
        await t.post(
          `/api/visits/${v.id}/referrals`,
          { referrals: [{ toDept: 'education', reason: '学业帮扶' }] },
          tokens.worker2,
        )
      ).status,
    ).toBe(404);
    const [ref] = await json(
      await t.post(
        `/api/visits/${v.id}/referrals`,
        { referrals: [{ toDept: 'education', reason: '学业帮扶' }] },
        tokens.worker1,
      ),
    );
    expect((await t.post(`/api/referrals/${ref.id}/close`, {}, tokens.worker2)).status).toBe(404);
    expect((await json(await t.get('/api/referrals', tokens.worker2))).map((x: Json) => x.gridId)).not.toContain(grid);
    const due = await json(await t.get(`/api/visits/due?purpose=${purpose}`, tokens.worker2));
    expect(due.persons.map((p: Json) => p.gridId)).not.toContain(grid);
    expect(due.persons.length).toBeGreaterThan(0);
  });
});
