// OpenAPI 3.1 document generated from the same zod schemas that validate the routes.
import { z } from 'zod';
import { registeredRoutes, statusesOf } from './route.js';

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
    const { success, errors } = statusesOf(r);
    const responses: Record<string, unknown> = {};
    for (const [status, description] of success) {
      if (status === 204) responses[status] = { description: description === 'OK' ? 'No Content' : description };
      else {
        const content: Record<string, unknown> = {};
        if (r.response || !r.produces) content['application/json'] = { schema: r.response ? toJson(r.response) : {} };
        if (r.produces) content[r.produces] = { schema: { type: 'string', format: 'binary' } };
        responses[status] = { description, content };
      }
    }
    const errorSchema = r.errorBody ? toJson(r.errorBody) : { $ref: '#/components/schemas/Error' };
    for (const [status, description] of errors) responses[status] = { description, content: { 'application/json': { schema: errorSchema } } };
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
