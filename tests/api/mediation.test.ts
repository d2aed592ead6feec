// 三级调解 over HTTP: a dispute mediated at the grid, referred to the community and the street, settled with an
// agreement and visited again; refusals by the wrong stage, other scopes and personal data; statistics withheld
// for small groups; frequent causes raised as root-cause alarms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseCauseAlarms } from '../../api/mediation/stats.js';
import type { OrderDeps } from '../../api/orders/service.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
let t: TestApp;
const clock = { now: new Date('2026-03-02T02:00:00Z') };
const tokens: Record<string, string> = {};
let inside: { lon: number; lat: number };
let photo: string;
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const json = async (r: Response) => (await r.json()) as Json;
const post = (path: string, body: unknown, who: string) => t.post(path, body, tokens[who]);
const med = (id: number, step = '') => `/api/orders/${id}/mediation${step}`;
const opening = {
  causeCode: 'water_leak',
  focus: '楼上卫生间漏水至楼下，双方对维修费用分担有争议',
  parties: [
    { role: 'applicant', count: 1 },
    { role: 'respondent', count: 2 },
  ],
};

async function dispute(who = 'worker1'): Promise<number> {
  const r = await post(
    '/api/orders',
    {
      categoryCode: 'DIS-01',
      description: '邻里漏水纠纷',
      source: 'grid_worker',
      fields: { parties: 3 },
      ...inside,
    },
    who,
  );
  expect(r.status).toBe(201);
  return (await json(r)).order.id;
}

async function upload(who: string): Promise<string> {
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(png)]), 'agreement.png');
  const r = await fetch(`${t.url}/api/photos`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
  expect(r.status).toBe(201);
  return (await json(r)).id;
}

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '0' }, { now: () => clock.now });
  const line = (
    await t.db.query<{ lon: number; lat: number; community: number; street: number; other: number }>(
      `SELECT ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat, c.id AS community, c.parent_id AS street,
         (SELECT o.id FROM areas o WHERE o.level = 'community' AND o.id <> c.id ORDER BY o.id LIMIT 1) AS other
       FROM accounts a JOIN areas g ON g.id = a.area_id JOIN areas c ON c.id = g.parent_id WHERE a.username = 'worker1'`,
    )
  ).rows[0];
  inside = { lon: line.lon, lat: line.lat };
  // Community and street staff are dispatchers scoped to worker1's community and street; another community's too.
  for (const [name, area] of [
    ['m_community', line.community],
    ['m_street', line.street],
    ['m_other', line.other],
  ] as const)
    await t.db.query(
      `INSERT INTO accounts (username, display_name, password_hash, role, area_id)
       SELECT $1, $1, password_hash, 'dispatcher', $2 FROM accounts WHERE username = 'community1' ON CONFLICT DO NOTHING`,
      [name, area],
    );
  for (const u of ['worker1', 'm_community', 'm_street', 'm_other', 'dispatcher', 'planner', 'admin'])
    tokens[u] = await t.login(u);
  photo = await upload('m_street');
});
afterAll(async () => t?.close());

describe('three-level mediation', () => {
  let id: number;

  it('lets the grid worker open the initial mediation of a dispute of their grid', async () => {
    id = await dispute();
    const before = await json(await t.get(med(id), tokens.worker1));
    expect(before).toEqual({ mediation: null, canOpen: true });
    expect((await json(await t.get(med(id), tokens.dispatcher))).canOpen).toBe(false);
    const r = await post(med(id), opening, 'worker1');
    expect(r.status).toBe(200);
    const { mediation } = await json(r);
    expect(mediation).toMatchObject({ stage: 'grid', status: 'open', causeCode: 'water_leak', canAct: true });
    expect(mediation.parties).toEqual(opening.parties);
    expect((await post(med(id), opening, 'worker1')).status).toBe(409);
  });

  it('refuses the wrong stage, another community and the district centre', async () => {
    const session = { note: '社区调解员约谈双方', outcome: 'continued' };
    expect((await post(med(id, '/sessions'), session, 'm_community')).status).toBe(403);
    expect((await post(med(id, '/sessions'), session, 'm_street')).status).toBe(403);
    expect((await post(med(id, '/sessions'), session, 'dispatcher')).status).toBe(403);
    expect((await post(med(id, '/sessions'), session, 'm_other')).status).toBe(404);
    expect((await t.get(med(id), tokens.m_other)).status).toBe(404);
    const body = await json(await post(med(id, '/sessions'), session, 'm_community'));
    expect(body.error.messageKey).toBe('mediation.notStageParty');
  });

  it('refuses identity numbers and phones in free text', async () => {
    const r = await post(med(id, '/sessions'), { note: '申请人电话 13812345678', outcome: 'continued' }, 'worker1');
    expect(r.status).toBe(400);
    expect((await json(r)).error.messageKey).toBe('mediation.personalData');
    const other = await dispute();
    const withId = { ...opening, focus: '身份证 310104198903152817 的住户' };
    expect((await post(med(other), withId, 'worker1')).status).toBe(400);
  });

  it('goes grid → community → street with sessions and reasons', async () => {
    expect((await post(med(id, '/sessions'), { note: '初次调解，双方分歧较大' }, 'worker1')).status).toBe(200);
    let r = await post(med(id, '/refer'), { reason: '涉及维修费用认定，需调委会介入' }, 'worker1');
    expect((await json(r)).mediation.stage).toBe('community');
    expect((await post(med(id, '/refer'), { reason: '再次上移' }, 'worker1')).status).toBe(403);
    expect((await post(med(id, '/sessions'), { note: '调委会组织双方协商' }, 'm_community')).status).toBe(200);
    r = await post(med(id, '/refer'), { reason: '责任认定需司法所出具意见' }, 'm_community');
    const { mediation } = await json(r);
    expect(mediation.stage).toBe('street');
    expect(mediation.sessions.map((s: Json) => [s.stage, s.outcome])).toEqual([
      ['grid', 'continued'],
      ['grid', 'referred'],
      ['community', 'continued'],
      ['community', 'referred'],
    ]);
    expect((await post(med(id, '/refer'), { reason: '无法上移' }, 'm_street')).status).toBe(409);
  });

  it('needs the agreement photo, then closes with an agreement and schedules follow-ups at 7 and 30 days', async () => {
    const agreement = { outcome: 'agreement', note: '双方签订调解协议，楼上承担维修费用' };
    const bare = await post(med(id, '/outcome'), agreement, 'm_street');
    expect((await json(bare)).error.messageKey).toBe('mediation.agreementNeedsPhoto');
    const notMine = await post(med(id, '/outcome'), { ...agreement, photos: [await upload('worker1')] }, 'm_street');
    expect((await json(notMine)).error.messageKey).toBe('mediation.unknownPhotos');
    const r = await post(med(id, '/outcome'), { ...agreement, photos: [photo] }, 'm_street');
    expect(r.status).toBe(200);
    const { mediation } = await json(r);
    expect(mediation).toMatchObject({
      status: 'agreement',
      agreementPhotos: [photo],
      canAct: false,
      canFollowUp: true,
    });
    const due = mediation.followups.map((f: Json) => (Date.parse(f.dueAt) - clock.now.getTime()) / 86_400_000);
    expect(due).toEqual([7, 30]);
    expect((await post(med(id, '/sessions'), { note: '结束后再谈' }, 'm_street')).status).toBe(409);
    // The agreement is readable by the grid worker who handles the case, not by a planner.
    expect((await t.get(`/api/photos/${photo}`, tokens.worker1)).status).toBe(200);
    expect((await t.get(`/api/photos/${photo}`, tokens.planner)).status).toBe(404);
  });

  it('logs a follow-up visit once, and writes each step on the order’s timeline', async () => {
    const { mediation } = await json(await t.get(med(id), tokens.worker1));
    const first = mediation.followups[0].id;
    const r = await post(med(id, '/followup'), { followupId: first, note: '回访：已修复，双方无异议' }, 'worker1');
    expect(r.status).toBe(200);
    expect((await json(r)).mediation.followups[0]).toMatchObject({ note: '回访：已修复，双方无异议' });
    expect((await post(med(id, '/followup'), { followupId: first, note: '再来' }, 'worker1')).status).toBe(409);
    expect((await post(med(id, '/followup'), { followupId: first, note: '再来' }, 'dispatcher')).status).toBe(403);
    const order = await json(await t.get(`/api/orders/${id}`, tokens.dispatcher));
    const steps = order.events.filter((e: Json) => e.action === 'note').map((e: Json) => e.data.mediation.step);
    expect(steps).toEqual(['opened', 'session', 'referred', 'session', 'referred', 'closed', 'followup']);
    const list = await json(await t.get('/api/mediation', tokens.dispatcher));
    expect(list.find((x: Json) => x.orderId === id)).toMatchObject({ status: 'agreement', stage: 'street' });
    expect((await json(await t.get('/api/mediation', tokens.m_other))).some((x: Json) => x.orderId === id)).toBe(false);
  });
});

describe('statistics and root causes', () => {
  it('withholds groups of fewer than 10 mediations', async () => {
    const s = await json(await t.get('/api/mediation/stats?groupBy=stage', tokens.dispatcher));
    expect(s.rows).toEqual([]);
    expect(s.suppressed).toBeGreaterThan(0);
    expect(s.total).toMatchObject({ count: null, settlementRate: null });
  });

  it('publishes the settlement rate and cycle time once enough have ended', async () => {
    const mine = await upload('worker1');
    for (let i = 0; i < 12; i++) {
      const id = await dispute();
      const cause = i < 11 ? 'parking_shortage' : 'noise';
      expect((await post(med(id), { ...opening, causeCode: cause }, 'worker1')).status).toBe(200);
      clock.now = new Date(clock.now.getTime() + 86_400_000);
      const outcome = i < 9 ? { outcome: 'agreement', photos: [mine] } : { outcome: 'no_agreement' };
      expect((await post(med(id, '/outcome'), { ...outcome, note: '调解结束' }, 'worker1')).status).toBe(200);
    }
    const s = await json(await t.get('/api/mediation/stats?groupBy=cause', tokens.dispatcher));
    const parking = s.rows.find((r: Json) => r.key === 'parking_shortage');
    expect(parking.count % 10).toBe(0);
    expect(parking.settlementRate).toBeCloseTo(9 / 11, 2);
    expect(parking.medianDays).toBe(1);
    expect(s.rows.some((r: Json) => r.key === 'noise')).toBe(false);
    expect(s.suppressed).toBeGreaterThanOrEqual(2);
    const byArea = await json(await t.get('/api/mediation/stats?groupBy=area', tokens.dispatcher));
    expect(byArea.rows[0].name).toBeTruthy();
    expect((await t.get('/api/mediation/stats?area=999999', tokens.dispatcher)).status).toBe(404);
  });

  it('raises one root-cause alarm for a cause frequent in one community', async () => {
    const deps = { db: t.db, now: () => clock.now } as unknown as OrderDeps;
    const raised = await raiseCauseAlarms(deps);
    const parking = raised.filter((a) => JSON.stringify(a.payload).includes('停车位不足'));
    expect(parking).toHaveLength(1);
    expect(parking[0].payload).toMatchObject({ kind: 'root_cause', message: { key: 'mediation.alarm.cause' } });
    expect(JSON.stringify(raised)).not.toContain('噪音扰民'); // one case of noise is no pattern
    expect(await raiseCauseAlarms(deps)).toEqual([]);
  });
});
