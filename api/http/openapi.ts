// OpenAPI 3.1 document generated from the same zod schemas that validate the routes.
import { z } from 'zod';
import { registeredRoutes } from './route.js';

const toJson = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const js = toJson(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registeredRoutes) {
    const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      '200': {
        description: 'OK',
        content: r.produces
          ? { [r.produces]: { schema: { type: 'string', format: 'binary' } } }
          : { 'application/json': { schema: r.response ? toJson(r.response) : {} } },
      },
      '400': { description: 'invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    };
    if (r.access !== 'public') {
      responses['401'] = { description: 'not logged in' };
      responses['403'] = { description: 'role or area scope does not allow it' };
    }
    paths[p] ??= {};
    paths[p][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      'x-access': r.access,
      ...(r.access === 'public' ? { security: [] } : {}),
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Gridwall API', version, description: '网格化综合指挥平台 — grid-based community governance command center' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'gw_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
              required: ['code', 'message'],
            },
          },
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
