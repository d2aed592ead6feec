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

const JsonSchema = z.record(z.string(), z.unknown());
const Content = z.record(z.string(), z.object({ schema: JsonSchema }));
/** An operation as this document writes it: every status it answers with, each described. */
export const OpenApiOperation = z.object({
  summary: z.string(),
  tags: z.array(z.string()),
  'x-access': z.union([z.enum(['public', 'any']), z.array(z.string())]),
  security: z.array(z.unknown()).optional(),
  parameters: z.array(
    z.object({ name: z.string(), in: z.enum(['path', 'query']), required: z.boolean(), schema: z.unknown() }),
  ),
  requestBody: z.object({ required: z.boolean(), content: Content }).optional(),
  responses: z.record(
    z.string().regex(/^[1-5]\d\d$/),
    z.object({ description: z.string(), content: Content.optional() }),
  ),
});
export type OpenApiOperation = z.infer<typeof OpenApiOperation>;

/** The document GET /api/openapi.json answers with. */
export const OpenApiDocument = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  components: z.object({
    securitySchemes: z.record(z.string(), JsonSchema),
    schemas: z.record(z.string(), JsonSchema),
  }),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  paths: z.record(z.string(), z.partialRecord(z.enum(['get', 'post', 'put', 'patch', 'delete']), OpenApiOperation)),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;

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
        for (const type of [r.produces ?? []].flat()) content[type] = { schema: { type: 'string', format: 'binary' } };
        responses[status] = { description, content };
      }
    }
    const errorSchema = r.errorBody ? toJson(r.errorBody) : { $ref: '#/components/schemas/Error' };
    for (const [status, description] of errors)
      responses[status] = { description, content: { 'application/json': { schema: errorSchema } } };
    paths[p] ??= {};
    paths[p][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      'x-access': r.access,
      ...(r.access === 'public' ? { security: [] } : {}),
      parameters: [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gridwall API',
      version,
      description: '网格化综合指挥平台 — grid-based community governance command center',
    },
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
