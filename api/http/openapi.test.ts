import { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenApiDocument, openApiDocument } from './openapi.js';
import { route } from './route.js';

const r = Router();
const Item = z.object({ id: z.number() });
const none = async () => undefined;
route(
  r,
  {
    method: 'post',
    path: '/api/items',
    tag: 't',
    access: ['admin'],
    summary: 'create',
    body: Item,
    response: Item,
    status: 201,
    alsoOk: { 200: 'a retry' },
    errors: { 409: 'taken' },
  },
  none,
);
route(
  r,
  {
    method: 'delete',
    path: '/api/items/:id',
    tag: 't',
    access: 'any',
    summary: 'remove',
    params: z.object({ id: z.string() }),
    status: 204,
    errors: { 404: 'no such item' },
  },
  none,
);
route(
  r,
  {
    method: 'get',
    path: '/api/items.:format',
    tag: 't',
    access: 'public',
    summary: 'list',
    response: z.array(Item),
    produces: 'text/csv',
    errorBody: z.array(z.object({ code: z.number() })),
  },
  none,
);
const doc = OpenApiDocument.parse(openApiDocument('1'));
const ERROR = { $ref: '#/components/schemas/Error' };

describe('the OpenAPI document', () => {
  it('documents a create with 201 and its schema, the other success it declares, and every error with the error schema', () => {
    const op = doc.paths['/api/items'].post!;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '201', '400', '401', '403', '409', '413']);
    expect(op.responses['201'].content?.['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['id'],
    });
    expect(op.responses['200'].description).toBe('a retry');
    for (const s of ['400', '401', '403', '409', '413'])
      expect(op.responses[s].content?.['application/json'].schema, s).toEqual(ERROR);
    expect(op.responses['409'].description).toBe('taken');
  });

  it('documents no content as 204 without a body, and its path parameter', () => {
    const op = doc.paths['/api/items/{id}'].delete!;
    expect(Object.keys(op.responses).sort()).toEqual(['204', '400', '401', '403', '404']);
    expect(op.responses['204'].content).toBeUndefined();
    expect(op.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('gives a public route no 401/403, both its content types, and its own error shape', () => {
    const op = doc.paths['/api/items.{format}'].get!;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400']);
    expect(Object.keys(op.responses['200'].content ?? {}).sort()).toEqual(['application/json', 'text/csv']);
    expect(op.responses['400'].content?.['application/json'].schema).toMatchObject({ type: 'array' });
    expect(op.security).toEqual([]);
  });
});
