// Declares a route once: its zod schemas validate the request and generate the OpenAPI document.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../contract/auth.js';
import type { AuthUser } from '../auth/session.js';
import { isMessage, m, type Message, type MessageKey, type MessageParam } from '../../contract/messages/index.js';
import { Forbidden, Invalid, Unauthorized } from './errors.js';

/** 'public' needs no login; 'any' any logged-in account; otherwise the roles allowed. */
export type Access = 'public' | 'any' | readonly Role[];

export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. '/api/areas/:id'. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  query?: Q;
  params?: P;
  body?: B;
  response?: z.ZodType;
  /** Content type of a non-JSON response. */
  produces?: string;
}

export interface RouteContext<Q, P, B> {
  req: Request;
  res: Response;
  query: Q;
  params: P;
  body: B;
  user: AuthUser | null;
}

export const registeredRoutes: RouteSpec<z.ZodType, z.ZodType, z.ZodType>[] = [];

const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

/** Which part of a request a refusal points at. */
export type RequestPart = 'query' | 'path' | 'body' | 'fileName';
const WHERE = {
  query: m('common.where.query'),
  path: m('common.where.path'),
  body: m('common.where.body'),
  fileName: m('common.where.fileName'),
} as const satisfies Record<RequestPart, Message>;

/**
 * What a schema said about an input: a schema may name a message by its code (`.min(1, 'orders.descriptionRequired')`,
 * or `message: 'orders.unknownStatus', params: { … }` in a custom issue), rendered in the reader's language;
 * otherwise zod's own words.
 */
export function issueText(issue: z.core.$ZodIssue | undefined): MessageParam {
  if (!issue) return '';
  const params = (issue as { params?: Record<string, MessageParam> }).params;
  return isMessage({ key: issue.message }) ? m(issue.message as MessageKey, params) : issue.message;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: RequestPart): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0];
    const at = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new Invalid(m('common.invalidInput', { where: WHERE[where], at, issue: issueText(first) }), issuesOf(r.error));
  }
  return r.data;
}

/**
 * Where a NUL character sits in a request value (strings, object keys, nested), or null. PostgreSQL text
 * cannot hold NUL, and no field of this API means one: such a request is refused whole, on every route.
 */
export function nulAt(value: unknown, at = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at || '(value)' : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    const here = at ? `${at}.${k}` : k;
    if (k.includes('\u0000')) return here;
    const found = nulAt(v, here, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws 400 when a request value holds a NUL character. */
export function refuseNul(value: unknown, where: RequestPart): void {
  const at = nulAt(value);
  if (at) throw new Invalid(m('common.nulCharacter', { where: WHERE[where], at }), [{ path: at, message: 'NUL character' }]);
}

export function checkAccess(access: Access, user: AuthUser | null): void {
  if (access === 'public') return;
  if (!user) throw new Unauthorized();
  if (access !== 'any' && !access.includes(user.role)) throw new Forbidden();
}

export function route<Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  router: Router,
  spec: RouteSpec<Q, P, B>,
  handler: (ctx: RouteContext<z.infer<Q>, z.infer<P>, z.infer<B>>) => Promise<unknown>,
): void {
  registeredRoutes.push(spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>);
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    const user = (req as Request & { user?: AuthUser }).user ?? null;
    checkAccess(spec.access, user);
    refuseNul(req.query, 'query');
    refuseNul(req.params, 'path');
    refuseNul(req.body, 'body');
    const ctx = {
      req,
      res,
      user,
      query: parse(spec.query, req.query, 'query'),
      params: parse(spec.params, req.params, 'path'),
      body: parse(spec.body, req.body, 'body'),
    };
    const out = await handler(ctx);
    if (res.headersSent) return;
    if (out === undefined) res.status(204).end();
    else if (Buffer.isBuffer(out)) res.send(out);
    else res.json(out);
  });
}
