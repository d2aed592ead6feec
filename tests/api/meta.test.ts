// Health, city meta data, the OpenAPI document, and what happens on unknown routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CityMeta, Health } from '../../contract/meta.js';
import { OpenApiDocument } from '../../api/http/openapi.js';
import { registeredRoutes, statusesOf } from '../../api/http/route.js';
import { startTestApp, type TestApp } from '../helpers/test-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('GET /api/health', () => {
  it('names the database kind and PostGIS version', async () => {
    const h = Health.parse(await (await t.get('/api/health')).json());
    expect(h.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(h.database.postgis).toMatch(/^3\.\d+/);
  });
});

describe('GET /api/meta', () => {
  it("describes the synthetic city and the extent of the caller's scope", async () => {
    const token = await t.login('operator');
    const m = CityMeta.parse(await (await t.get('/api/meta', token)).json());
    expect(m.synthetic).toBe(true);
    expect(m.name).toMatch(/合成/);
    const [w, s, e, n] = m.bbox!;
    expect(w).toBeGreaterThan(121.3);
    expect(e).toBeLessThan(121.6);
    expect(s).toBeGreaterThan(31.1);
    expect(n).toBeLessThan(31.4);
    const small = CityMeta.parse(await (await t.get('/api/meta', await t.login('community1'))).json());
    expect(small.bbox![2] - small.bbox![0]).toBeLessThan(e - w);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every route with its access rule, generated from the validating schemas', async () => {
    const doc = (await (await t.get('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { 'x-access': unknown; parameters: { name: string }[]; requestBody?: unknown }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/areas',
        '/api/areas/{id}',
        '/api/areas/{id}/profile',
        '/tiles/areas/{z}/{x}/{y}.pbf',
      ]),
    );
    const list = doc.paths['/api/areas'].get;
    expect(list.parameters.map((p) => p.name).sort()).toEqual(['level', 'parent']);
    expect(list['x-access']).toBe('any');
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it("lists each route's success status and every error its spec declares, with the shared error schema", async () => {
    const doc = OpenApiDocument.parse(await (await t.get('/api/openapi.json')).json());
    const specs = new Map(registeredRoutes.map((s) => [`${s.method} ${s.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`, s]));
    const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => [`${m} ${p}`, op!] as const),
    );
    expect(ops.map(([key]) => key).sort()).toEqual([...specs.keys()].sort());
    // Routes that name one stored thing answer 404 when it is not there (or not yours); a PUT of a layout stores it under the id it names.
    const byId = /\{(id|seq|token|service_request_id|service_code)\}/;
    const upserts = ['put /api/wall/layouts/{id}'];
    for (const [key, op] of ops) {
      const spec = specs.get(key)!;
      const { success, errors } = statusesOf(spec);
      expect(Object.keys(op.responses).sort(), key).toEqual([...success.keys(), ...errors.keys()].map(String).sort());
      for (const status of success.keys()) {
        const content = op.responses[status].content;
        if (status === 204) expect(content, key).toBeUndefined();
        else {
          expect(Object.keys(content ?? {}), `${key} ${status}`).not.toEqual([]);
          for (const [type, c] of Object.entries(content ?? {}))
            expect(c.schema, `${key} ${status} ${type}: a schema, not "anything"`).not.toEqual({});
        }
      }
      for (const status of errors.keys()) {
        const schema = op.responses[status].content?.['application/json']?.schema;
        expect(schema, `${key} ${status}`).toEqual(
          spec.errorBody ? expect.objectContaining({ type: 'array' }) : { $ref: '#/components/schemas/Error' },
        );
      }
      if (spec.access !== 'public')
        expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['401', '403']));
      if (spec.body) expect(Object.keys(op.responses), key).toContain('413');
      if (byId.test(key) && !upserts.includes(key)) expect(Object.keys(op.responses), key).toContain('404');
      if (spec.method === 'delete')
        expect(
          Object.keys(op.responses).filter((s) => s.startsWith('2')),
          key,
        ).toEqual(spec.response ? ['200'] : ['204']);
    }
    expect(Object.keys(doc.paths['/api/orders'].post!.responses)).toEqual(
      expect.arrayContaining(['201', '200', '409', '429']),
    );
    expect(doc.paths['/api/orders/{id}/actions'].post!.responses['409'].description).toMatch(/status does not allow/);
  });
});

describe('unknown routes', () => {
  it('answer JSON 404 under /api', async () => {
    const r = await t.get('/api/nope');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('send security headers', async () => {
    const r = await t.get('/api/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('refuse bodies over 1 MB with 413', async () => {
    const r = await t.post('/api/auth/login', { username: 'x', password: 'y'.repeat(1_100_000) });
    expect(r.status).toBe(413);
  });
});
