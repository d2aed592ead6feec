// What the optimizer claims about its answers, over HTTP on the small demo city: an exact solve that runs out of
// time, a model too large to hand to the exact solver, capacities in the coverage table, and sites that add
// nothing — and that saved scenarios export the same verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;

describe('an exact solve that runs out of time', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ GRIDWALL_SITING_EXACT_S: '0' });
    token = await t.login('planner');
  });
  afterAll(async () => t?.close());

  it('says "no solution in time" with no objective or gap, and reports the heuristic answer with its own bound', async () => {
    for (const body of [
      { model: 'mclp', p: 3, radius: 500, candidates: { type: 'public' }, exact: true },
      { model: 'pmedian', p: 4, radius: 500, candidates: { type: 'hex' }, exact: true },
    ]) {
      const r = await t.post('/api/siting/optimize', body, token);
      expect(r.status).toBe(200);
      const o = await json(r);
      expect(o.exact).toMatchObject({
        status: 'no-solution',
        optimal: false,
        objective: null,
        bound: null,
        gap: null,
        sites: [],
      });
      expect(o.verdict.foundBy).toBe('heuristic');
      expect(o.verdict.boundBy).toBe('lagrangian');
      expect(typeof o.verdict.gap).toBe('number');
      expect(o.verdict.gap).toBeGreaterThanOrEqual(0);
      expect(o.verdict.proof).toBe(o.verdict.gap === 0 ? 'optimal' : 'bounded');
      expect(o.objective).toBe(o.heuristic.objective);
      expect(o.sites.length).toBeGreaterThan(0);
      // The bound is on the right side of the answer.
      if (body.model === 'mclp') expect(o.verdict.bound).toBeGreaterThanOrEqual(o.objective);
      else expect(o.verdict.bound).toBeLessThanOrEqual(o.objective + 1e-6);
    }
  });

  it('saves and exports that verdict: the CSV leaves the exact gap empty rather than 0', async () => {
    const s = await json(
      await t.post(
        '/api/siting/scenarios',
        { name: '超时', request: { model: 'mclp', p: 2, radius: 500, exact: true } },
        token,
      ),
    );
    expect(s.result.exact.status).toBe('no-solution');
    const csv = await (await t.get(`/api/siting/scenarios/${s.id}/export?format=csv`, token)).text();
    expect(csv).toContain('\r\nno-solution,,,,timeLimit,');
    const fc = await json(await t.get(`/api/siting/scenarios/${s.id}/export?format=geojson`, token));
    expect(fc.siting.exact).toMatchObject({ status: 'no-solution', objective: null, gap: null });
    expect(fc.siting.verdict.foundBy).toBe('heuristic');
  });
});

describe('a model too large for the exact solver', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ GRIDWALL_SITING_EXACT_MAX_NONZEROS: '50' });
    token = await t.login('planner');
  });
  afterAll(async () => t?.close());

  it('is not built: "too large", with the Lagrangian bound and its gap instead', async () => {
    const o = await json(
      await t.post(
        '/api/siting/optimize',
        { model: 'pmedian', p: 4, radius: 500, candidates: { type: 'hex' }, exact: true },
        token,
      ),
    );
    expect(o.exact).toMatchObject({
      status: 'too-large',
      solverStatus: 'not built',
      objective: null,
      bound: null,
      gap: null,
      ms: 0,
    });
    expect(o.exact.nonzeros).toBeGreaterThan(50);
    expect(o.verdict).toMatchObject({ foundBy: 'heuristic', boundBy: 'lagrangian' });
    expect(o.verdict.gap).toBeGreaterThanOrEqual(0);
  });

  it('with capacities, the coverage after is what the sites can serve: the objective, not everyone within reach', async () => {
    const free = await json(await t.post('/api/siting/optimize', { model: 'mclp', p: 3, radius: 500 }, token));
    const o = await json(
      await t.post('/api/siting/optimize', { model: 'mclp', p: 3, radius: 500, capacity: 10 }, token),
    );
    expect(o.capacity).toBe(10);
    expect(o.after.e60.covered).toBeCloseTo(o.objective, 6);
    // Counts are published rounded to base 10, each on its own (api/population/disclosure.ts): three sites of
    // capacity 10 serve at most 30 more, and the two roundings move the difference by less than 20 (so at most 10,
    // the published counts being multiples of 10).
    expect(o.after.e60.covered).toBeLessThanOrEqual(o.before.e60.covered + 3 * 10 + 10);
    expect(o.objective).toBeLessThan(free.objective);
    for (const g of ['e80', 'alone']) expect(o.after[g].covered).toBeLessThanOrEqual(free.after[g].covered + 10);
  });

  it('recommends no site that adds nothing: asked for more sites than help, it returns fewer and says how many it left out', async () => {
    const o = await json(await t.post('/api/siting/optimize', { model: 'mclp', p: 100, radius: 300 }, token));
    expect(o.verdict.dropped).toBeGreaterThan(0);
    expect(o.sites.length + o.verdict.dropped).toBe(Math.min(100, o.candidateCount));
    for (const s of o.sites) expect(s.gain).toBeGreaterThan(0);
    expect(o.sites.reduce((a: number, s: Json) => a + s.gain, 0)).toBeCloseTo(
      o.after.e60.covered - o.before.e60.covered,
      6,
    );
  });
});
