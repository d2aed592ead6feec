// The onboarding checklist counts what each step loaded in the caller's scope, checked against the tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONBOARDING_STEPS } from '../../contract/onboarding.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
type Step = { step: string; count: number; required: boolean; synthetic: boolean };
const steps = async (token: string) => {
  const r = await t.get('/api/onboarding', token);
  expect(r.status).toBe(200);
  const body = (await r.json()) as { steps: Step[]; next: string | null };
  return { ...body, by: Object.fromEntries(body.steps.map((s) => [s.step, s])) as Record<string, Step> };
};
const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.db.query<{ n: string }>(sql, params)).rows[0].n);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('onboarding checklist', () => {
  it('lists every step in order with the rows loaded in the whole demo city', async () => {
    const s = await steps(await t.login('admin'));
    expect(s.steps.map((x) => x.step)).toEqual([...ONBOARDING_STEPS]);
    expect(s.by.grid.count).toBe(await count(`SELECT count(*) AS n FROM areas WHERE level = 'grid'`));
    expect(s.by.buildings.count).toBe(await count(`SELECT count(*) AS n FROM buildings`));
    expect(s.by.residents.count).toBe(await count(`SELECT count(*) AS n FROM residents`));
    expect(s.by.workers.count).toBe(await count(`SELECT count(DISTINCT worker_id) AS n FROM worker_grids`));
    expect(s.by.district).toMatchObject({ count: 1, required: true, synthetic: true });
    expect(s.by.roads.synthetic).toBe(true);
    expect(s.next).toBe(s.steps.find((x) => x.count === 0)?.step ?? null);
  });

  it('counts only what lies in a community account’s scope', async () => {
    const whole = await steps(await t.login('admin'));
    const one = await steps(await t.login('community1'));
    const path = (
      await t.db.query<{ path: string }>(
        `SELECT a2.path FROM accounts a JOIN areas a2 ON a2.id = a.area_id WHERE a.username = 'community1'`,
      )
    ).rows[0].path;
    expect(one.by.district.count).toBe(0);
    expect(one.by.community.count).toBe(1);
    expect(one.by.grid.count).toBe(
      await count(`SELECT count(*) AS n FROM areas WHERE level = 'grid' AND path LIKE $1 || '%'`, [path]),
    );
    expect(one.by.grid.count).toBeLessThan(whole.by.grid.count);
    expect(one.by.residents.count).toBe(
      await count(
        `SELECT count(*) AS n FROM residents r JOIN areas g ON g.id = r.grid_id WHERE g.path LIKE $1 || '%'`,
        [path],
      ),
    );
    expect(one.by.roads.count).toBeGreaterThan(0);
    expect(one.by.roads.count).toBeLessThan(whole.by.roads.count);
    // Nothing at district level in its scope: the first required step is what it lacks.
    expect(one.next).toBe('district');
  });

  it('answers only a signed-in account', async () => {
    expect((await t.get('/api/onboarding')).status).toBe(401);
  });
});
