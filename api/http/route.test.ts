import { m } from '../../contract/messages/index.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DbId, DbIdText, INT4_MAX } from '../../contract/ids.js';
import { errorHandler } from './error-handler.js';
import { Conflict, NotFound } from './errors.js';
import { checkAccess, nulAt, refuseNul, route, statusesOf } from './route.js';
import type { AuthUser } from '../auth/session.js';

const user = (role: AuthUser['role']): AuthUser => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  role,
  areaId: 1,
  areaPath: '/1/',
  areaName: 'd',
  areaLevel: 'district',
});

describe('checkAccess', () => {
  it('lets anyone through public routes', () => {
    expect(() => checkAccess('public', null)).not.toThrow();
  });
  it('answers 401 without a session and 403 for the wrong role', () => {
    expect(() => checkAccess('any', null)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => checkAccess(['admin'], user('operator'))).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => checkAccess(['admin', 'operator'], user('operator'))).not.toThrow();
  });
});

describe('NUL characters and int4 ids', () => {
  it('finds a NUL in a value, a nested value or a key, and nowhere else', () => {
    expect(nulAt({ a: 'x', b: [1, { c: 'ok' }] })).toBeNull();
    expect(nulAt('a\u0000')).toBe('(value)');
    expect(nulAt({ a: { b: ['x', 'y\u0000'] } })).toBe('a.b.1');
    expect(nulAt({ 'k\u0000': 1 })).toBe('k\u0000');
    expect(() => refuseNul({ name: '\u0000' }, 'body')).toThrow(expect.objectContaining({ status: 400 }));
  });
  it('bounds ids to int4, from JSON and from text', () => {
    expect(DbId.safeParse(INT4_MAX).success).toBe(true);
    expect(DbId.safeParse(INT4_MAX + 1).success).toBe(false);
    expect(DbIdText.safeParse(String(INT4_MAX)).success).toBe(true);
    expect(DbIdText.safeParse('2147483648').success).toBe(false);
    expect(DbIdText.safeParse('0').success).toBe(false);
  });
});

describe('responses held to their spec', () => {
  const Item = z.object({ id: z.number(), name: z.string() });
  let server: http.Server;
  let base = '';
  const logged: string[] = [];

  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation((msg: string) => void logged.push(msg));
    const r = Router();
    route(
      r,
      { method: 'post', path: '/items', tag: 't', access: 'public', summary: 'create', status: 201, response: Item },
      async () => ({ id: 1, name: 'a' }),
    );
    route(
      r,
      {
        method: 'delete',
        path: '/items/:id',
        tag: 't',
        access: 'public',
        summary: 'remove',
        status: 204,
        errors: { 404: 'no such item' },
      },
      async ({ req }) => {
        if (req.params.id !== '1') throw new NotFound();
      },
    );
    route(
      r,
      { method: 'get', path: '/wrong-body', tag: 't', access: 'public', summary: 'bad', response: Item },
      async () => ({ id: 'one', name: 'a' }),
    );
    route(r, { method: 'get', path: '/no-schema', tag: 't', access: 'public', summary: 'bad' }, async () => ({
      id: 1,
    }));
    route(
      r,
      { method: 'get', path: '/undeclared', tag: 't', access: 'public', summary: 'bad', response: Item },
      async () => {
        throw new Conflict(m('common.notFound'));
      },
    );
    route(
      r,
      {
        method: 'get',
        path: '/dated',
        tag: 't',
        access: 'public',
        summary: 'dates as sent',
        response: z.object({ at: z.string() }),
      },
      async () => ({ at: new Date(0) }),
    );
    const app = express();
    app.locals.checkResponses = true;
    app.use(r);
    const unchecked = express();
    unchecked.use(r);
    app.use('/unchecked', unchecked);
    app.use(errorHandler(() => undefined));
    unchecked.use(errorHandler(() => undefined));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the success status the spec declares: 201 for a create, 204 for no content', async () => {
    const created = await fetch(`${base}/items`, { method: 'POST' });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: 1, name: 'a' });
    expect((await fetch(`${base}/items/1`, { method: 'DELETE' })).status).toBe(204);
  });

  it('lets a declared error through with its own status', async () => {
    const r = await fetch(`${base}/items/2`, { method: 'DELETE' });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers 500 with the zod issues, and logs it, when a body breaks its response schema', async () => {
    logged.length = 0;
    const r = await fetch(`${base}/wrong-body`);
    expect(r.status).toBe(500);
    const body = (await r.json()) as { error: { code: string; message: string; details: { path: string }[] } };
    expect(body.error.code).toBe('response_mismatch');
    expect(body.error.details.map((d) => d.path)).toEqual(['id']);
    expect(logged.join('\n')).toMatch(/GET \/wrong-body: the body does not match/);
  });

  it('answers 500 for a JSON body without a response schema, and for an error status the spec does not declare', async () => {
    const none = await fetch(`${base}/no-schema`);
    expect(none.status).toBe(500);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(
      /declares no response schema/,
    );
    const undeclared = await fetch(`${base}/undeclared`);
    expect(undeclared.status).toBe(500);
    expect(((await undeclared.json()) as { error: { message: string } }).error.message).toMatch(
      /error status 409 .* not declared/,
    );
  });

  it('checks the body as the client receives it (a Date as its ISO string)', async () => {
    const r = await fetch(`${base}/dated`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('checks nothing when the app does not ask for it (production)', async () => {
    const r = await fetch(`${base}/unchecked/wrong-body`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ id: 'one', name: 'a' });
    expect((await fetch(`${base}/unchecked/undeclared`)).status).toBe(409);
  });
});

describe('statusesOf', () => {
  it('adds 400 to every route, 401/403 unless public, 413 with a JSON body, and the declared ones', () => {
    const s = statusesOf({
      access: ['admin'],
      body: z.object({}),
      status: 201,
      alsoOk: { 200: 'retry' },
      errors: { 409: 'taken' },
    });
    expect([...s.success.keys()]).toEqual([201, 200]);
    expect([...s.errors.keys()].sort()).toEqual([400, 401, 403, 409, 413]);
    const p = statusesOf({ access: 'public' });
    expect([...p.success.keys()]).toEqual([200]);
    expect([...p.errors.keys()]).toEqual([400]);
  });
});
