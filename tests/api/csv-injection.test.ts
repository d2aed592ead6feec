// Formula injection: names, addresses and hours that a spreadsheet would run (=cmd|…, @SUM(…), +1+1, -2+3,
// a leading tab) are written into the data; every route of the OpenAPI registry that produces CSV is fetched
// as CSV, and no cell of any of them starts as a formula — the planted values come back neutralised ('=…).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../api/http/route.js';
import { parseCsv } from '../../api/needs/import-parse.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
let admin: string;
let planner: string;
let scenarioId: number;

const PAYLOADS = ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '+1+1', "-2+3+cmd|' /C calc'!A0", '\t=1+1'];
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '0' });
  admin = await t.login('admin');
  planner = await t.login('planner');
  // Every level of area, every resource and every building gets a name that would run as a formula.
  await t.db.query(`UPDATE areas SET name = $1 || ' ' || id WHERE level = 'grid'`, [PAYLOADS[0]]);
  await t.db.query(`UPDATE areas SET name = $1 || ' ' || id WHERE level = 'community'`, [PAYLOADS[1]]);
  await t.db.query(`UPDATE areas SET name = $1 WHERE level IN ('street', 'district')`, [PAYLOADS[2]]);
  await t.db.query(`UPDATE resources SET name = $1, address = $2, opening_hours = $3`, [
    PAYLOADS[3],
    PAYLOADS[0],
    PAYLOADS[4],
  ]);
  await t.db.query(`UPDATE buildings SET address = $1 || id`, [PAYLOADS[2]]);
  const s = await t.post(
    '/api/siting/scenarios',
    { name: PAYLOADS[0], request: { model: 'mclp', p: 2, radius: 500 } },
    planner,
  );
  expect(s.status).toBe(201);
  scenarioId = ((await s.json()) as { id: number }).id;
});
afterAll(async () => {
  await t?.close();
});

/** The CSV routes of the registry, each as a request to send. */
const csvRoutes = () =>
  registeredRoutes
    .filter((r) => r.method === 'get' && (r.produces ?? '').includes('text/csv'))
    .map((r) => {
      const path = r.path.replace(':id', String(scenarioId));
      const extra: Record<string, string> = {
        '/api/export/areas': '&level=grid',
        '/api/export/coverage': `&day=${new Date().toISOString().slice(0, 10)}&period=week`,
      };
      const query = path.endsWith('.csv') ? '' : `?format=csv${extra[r.path] ?? ''}`;
      const role = r.access !== 'public' && r.access !== 'any' && !r.access.includes('admin') ? 'planner' : 'admin';
      return { route: r.path, url: path + query, token: () => (role === 'admin' ? admin : planner) };
    });

describe('every CSV the API writes', () => {
  it('finds the CSV routes: exports, reports, scenarios and templates', () => {
    const paths = csvRoutes().map((c) => c.route);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/export/areas',
        '/api/export/orders',
        '/api/export/coverage',
        '/api/export/resources',
        '/api/export/needs',
        '/api/export/elder-density',
        '/api/needs/report',
        '/api/siting/scenarios/:id/export',
        '/api/population/import/template.csv',
        '/api/needs/import/template.csv',
        '/api/evaluation/import/template.csv',
      ]),
    );
  });

  it('starts no cell as a formula, and writes the planted names neutralised', async () => {
    const formulas: string[] = [];
    const neutralised = new Set<string>();
    for (const c of csvRoutes()) {
      const r = await fetch(t.url + c.url, { headers: { authorization: `Bearer ${c.token()}` } });
      expect(r.status, `${c.url}: ${r.status}`).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/csv/);
      const text = (await r.text()).replace(/^\uFEFF/, '');
      for (const row of parseCsv(text)) {
        for (const cell of row.cells) {
          if (FORMULA.test(cell) && !NUMBER.test(cell))
            formulas.push(`${c.url} line ${row.line}: ${JSON.stringify(cell)}`);
          if (PAYLOADS.some((p) => cell.startsWith(`'${p}`))) neutralised.add(c.route);
        }
      }
    }
    expect(formulas.slice(0, 20)).toEqual([]);
    expect([...neutralised]).toEqual(
      expect.arrayContaining([
        '/api/export/areas',
        '/api/export/resources',
        '/api/needs/report',
        '/api/population/import/template.csv',
        '/api/needs/import/template.csv',
      ]),
    );
  });
});
