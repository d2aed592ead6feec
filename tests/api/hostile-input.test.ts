// Hostile values on every route of the OpenAPI registry: ids and areas past what the database holds (2³¹,
// 2⁵³), negative ids and NUL bytes, in the path, in each query parameter and in each body field, as an
// account the route admits. Every answer is a 4xx (or a 2xx where the value is acceptable), never a 5xx;
// the same for login, Open311 forms with too many parameters, and NUL in form and multipart fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ROLES, type Role } from '../../contract/auth.js';
import { registeredRoutes, type RouteSpec } from '../../api/http/route.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
const tokens: Partial<Record<Role, string>> = {};
const ACCOUNT_OF: Record<Role, string> = {
  admin: 'admin',
  operator: 'operator',
  dispatcher: 'dispatcher',
  planner: 'planner',
  supervisor: 'supervisor',
  grid_worker: 'worker1',
  department: 'dept_urban_mgmt',
};

/** Values a hostile client sends where an id, an area or a text is expected. */
const HOSTILE: unknown[] = [2 ** 31, 2 ** 53, -1, -(2 ** 31) - 1, 'a\u0000b', '\u0000'];
const asText = (v: unknown) => encodeURIComponent(String(v));

/** The field names of an object schema, looking through optional, default, pipe, union and intersection wrappers. */
function keysOf(schema: z.ZodType | undefined, depth = 0): string[] {
  if (!schema || depth > 8) return [];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.keys(def.shape as object);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return keysOf(def.innerType as z.ZodType, depth + 1);
    case 'pipe':
      return [...new Set([...keysOf(def.in as z.ZodType, depth + 1), ...keysOf(def.out as z.ZodType, depth + 1)])];
    case 'union':
      return [...new Set((def.options as z.ZodType[]).flatMap((o) => keysOf(o, depth + 1)))];
    case 'intersection':
      return [...new Set([...keysOf(def.left as z.ZodType, depth + 1), ...keysOf(def.right as z.ZodType, depth + 1)])];
    default:
      return [];
  }
}

type Spec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
// Logging out or changing the password would end the session the walk runs under; they are checked on their own below.
const SESSION_ENDERS = /\/api\/auth\/(logout|password)/;
const routes = () =>
  registeredRoutes.filter((r) => /^\/(api|open311|tiles)/.test(r.path) && !SESSION_ENDERS.test(r.path));

const roleFor = (r: Spec): Role | null =>
  r.access === 'public' ? null : r.access === 'any' || r.access.includes('admin') ? 'admin' : r.access[0];
const pathWith = (r: Spec, value: string | null) => {
  const params = r.path.match(/:[a-zA-Z_]+/g) ?? [];
  let p = r.path.replace(/\.:format/g, '.json');
  for (const name of params) if (name !== ':format') p = p.replace(name, value ?? '1');
  return p;
};

async function send(r: Spec, path: string, body?: unknown): Promise<number> {
  const role = roleFor(r);
  const res = await fetch(t.url + path, {
    method: r.method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}) },
    body: r.method === 'get' || r.method === 'delete' ? undefined : JSON.stringify(body ?? {}),
  });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  t = await startTestApp({ GRIDWALL_INTAKE_PER_MINUTE: '0' });
  for (const role of ROLES) tokens[role] = await t.login(ACCOUNT_OF[role]);
});
afterAll(async () => {
  await t?.close();
});

describe('every route of the OpenAPI registry, with hostile values', () => {
  it('covers a good number of routes', () => {
    expect(routes().length).toBeGreaterThan(100);
  });

  it('answers ids past int4, 2⁵³, negative ids and NUL in the path with a 4xx', async () => {
    const failures: string[] = [];
    for (const r of routes().filter((x) => /:(?!format\b)[a-zA-Z_]+/.test(x.path))) {
      for (const v of HOSTILE) {
        const path = pathWith(r, asText(v));
        const status = await send(r, path);
        if (status >= 500) failures.push(`${r.method} ${path} → ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers hostile values in each query parameter with a 2xx or 4xx, never a 5xx', async () => {
    const failures: string[] = [];
    for (const r of routes()) {
      for (const key of keysOf(r.query)) {
        for (const v of HOSTILE) {
          const path = `${pathWith(r, null)}?${encodeURIComponent(key)}=${asText(v)}`;
          const status = await send(r, path);
          if (status >= 500) failures.push(`${r.method} ${path} → ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers hostile values in each body field (and NUL in a key) with a 2xx or 4xx, never a 5xx', async () => {
    const failures: string[] = [];
    for (const r of routes().filter((x) => x.body)) {
      const bodies: unknown[] = [{ 'k\u0000': 1 }, ['\u0000']];
      for (const key of keysOf(r.body))
        for (const v of HOSTILE) bodies.push({ [key]: v }, { [key]: [v] }, { [key]: { id: v } });
      for (const b of bodies) {
        const status = await send(r, pathWith(r, null), b);
        if (status >= 500) failures.push(`${r.method} ${r.path} ${JSON.stringify(b)} → ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('NUL bytes and oversized forms outside the JSON routes', () => {
  it('refuses NUL in the login name and password with 400, and logs nobody in', async () => {
    for (const body of [
      { username: 'admin\u0000', password: 'x' },
      { username: '\u0000', password: '\u0000' },
      { username: 'admin', password: 'p\u0000' },
    ]) {
      const r = await t.post('/api/auth/login', body);
      expect(r.status).toBe(400);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses NUL in an Open311 form with 400, and an Open311 form of more than 200 parameters with 413', async () => {
    const form = new URLSearchParams({
      api_key: tokens.dispatcher!,
      service_code: 'SAN-01',
      lat: '31.2',
      long: '121.45',
      description: 'x\u0000y',
    });
    const nul = await fetch(`${t.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(nul.status).toBe(400);
    const many = new URLSearchParams();
    for (let i = 0; i < 250; i++) many.append(`p${i}`, 'x');
    for (const format of ['json', 'xml']) {
      const r = await fetch(`${t.url}/open311/v2/requests.${format}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: many.toString(),
      });
      expect(r.status).toBe(413);
      const text = await r.text();
      expect(text).toMatch(/413/);
    }
  });

  it('refuses NUL inside an uploaded layer or table with 400, and writes nothing', async () => {
    const geom = (
      await t.db.query<{ g: string }>(
        `SELECT ST_AsGeoJSON(geom) AS g FROM areas WHERE level = 'community' ORDER BY id LIMIT 1`,
      )
    ).rows[0].g;
    const imports = async () =>
      Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM imports`)).rows[0].n);
    const before = await imports();
    const layer = new FormData();
    layer.append('level', 'community');
    layer.append(
      'file',
      new Blob([
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: { name: '静安\u0000社区' }, geometry: JSON.parse(geom) }],
        }),
      ]),
      'nul.geojson',
    );
    const r = await fetch(`${t.url}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}` },
      body: layer,
    });
    expect(r.status).toBe(400);
    expect(await imports()).toBe(before);
    const resources = async () =>
      Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM resources`)).rows[0].n);
    const had = await resources();
    const p = (
      await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE level = 'grid' ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    const table = new FormData();
    table.append(
      'file',
      new Blob([
        `kind,name,address,capacity,opening_hours,lon,lat\r\nelder_canteen,食堂\u0000甲,地址,10,,${p.lon},${p.lat}\r\n`,
      ]),
      'r.csv',
    );
    const c = await fetch(`${t.url}/api/resources/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}` },
      body: table,
    });
    expect(c.status).toBe(400);
    expect(await resources()).toBe(had);
  });
});
