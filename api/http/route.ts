// Declares a route once: its zod schemas validate the request and generate the OpenAPI document, and (with
// GRIDWALL_CHECK_RESPONSES, in tests) hold every response to the schema and statuses it declares.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../contract/auth.js';
import type { AuthUser } from '../auth/session.js';
import { langOf, m, type Message } from '../../contract/messages/index.js';
import { issueMessage } from '../../contract/messages/issues.js';
import { speak } from '../../contract/messages/speak.js';
import { Forbidden, HttpError, Invalid, Unauthorized } from './errors.js';

/** 'public' needs no login; 'any' any logged-in account; otherwise the roles allowed. */
export type Access = 'public' | 'any' | readonly Role[];

/** A success status: 201 for a create, 202 for work accepted and done later, 204 for no content. */
export type SuccessStatus = 200 | 201 | 202 | 204;
/** An error status a handler may answer with, beyond those every route has (see statusesOf). */
export type ErrorStatus = 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

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
  /** Content type(s) of a non-JSON response (beside JSON when the route declares a response schema too). */
  produces?: string | readonly string[];
  /** The success status the helper sends; 200 when left out. */
  status?: SuccessStatus;
  /** Another success status the handler sets itself, and when (200 for a create that was a retry). */
  alsoOk?: Partial<Record<SuccessStatus, string>>;
  /** The errors the handler itself answers with, and when. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** The shape of this route's error bodies, where not the shared `{ error: { code, message, details } }`. */
  errorBody?: z.ZodType;
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

/**
 * Every status a route answers with, and when: its success statuses, 400 (every route validates and refuses
 * NUL characters), 401/403 unless public, 413 when it reads a JSON body, and the errors it declares.
 */
export function statusesOf(
  spec: Pick<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, 'status' | 'alsoOk' | 'errors' | 'access' | 'body'>,
) {
  const success = new Map<number, string>([[spec.status ?? 200, 'OK']]);
  for (const [s, why] of Object.entries(spec.alsoOk ?? {})) success.set(Number(s), why);
  const errors = new Map<number, string>([[400, 'invalid input']]);
  if (spec.access !== 'public') {
    errors.set(401, 'not logged in');
    errors.set(403, 'role or area scope does not allow it');
  }
  if (spec.body) errors.set(413, 'request body too large');
  for (const [s, why] of Object.entries(spec.errors ?? {})) errors.set(Number(s), why);
  return { success, errors };
}

/** A response that breaks its route's spec: a bug in the handler or the spec, answered 500 in checked mode. */
export class ResponseMismatch extends HttpError {
  constructor(spec: { method: string; path: string }, problem: string, details?: unknown) {
    super(
      500,
      'response_mismatch',
      m('common.responseMismatch', { problem: `${spec.method.toUpperCase()} ${spec.path}: ${problem}` }),
      details,
    );
  }
}

/** Whether a sent status and JSON body keep to the spec; throws ResponseMismatch where they do not. */
export function checkResponse(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>, status: number, body: unknown): void {
  const { success } = statusesOf(spec);
  if (!success.has(status))
    throw new ResponseMismatch(spec, `status ${status} is not among the declared ${[...success.keys()].join(', ')}`);
  if (status === 204 || Buffer.isBuffer(body)) return;
  if (!spec.response) throw new ResponseMismatch(spec, 'a JSON body, but the route declares no response schema');
  const sent: unknown = JSON.parse(JSON.stringify(body) ?? 'null'); // what the client receives: dates as strings
  const r = spec.response.safeParse(sent);
  if (!r.success)
    throw new ResponseMismatch(
      spec,
      `the body does not match the response schema: ${z.prettifyError(r.error)}`,
      issuesOf(r.error),
    );
}

/** Whether an error a handler threw is among the statuses its spec declares; the ResponseMismatch when not. */
export function undeclaredError(
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>,
  err: unknown,
): ResponseMismatch | null {
  if (!(err instanceof HttpError) || err.status >= 500) return null;
  if (statusesOf(spec).errors.has(err.status)) return null;
  return new ResponseMismatch(spec, `error status ${err.status} (${err.message}) is not declared in the route spec`);
}

// Each issue's message is a code where the schema gives one: spoken with the error, in the reader's language.
const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join('.'), message: issueText(i) }));

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
export function issueText(issue: z.core.$ZodIssue | undefined): Message | string {
  return issueMessage(issue);
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: RequestPart): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0];
    const at = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new Invalid(
      m('common.invalidInput', { where: WHERE[where], at, issue: issueText(first) }),
      issuesOf(r.error),
    );
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
  if (at)
    throw new Invalid(m('common.nulCharacter', { where: WHERE[where], at }), [{ path: at, message: 'NUL character' }]);
}

/** What an account signed in with a one-time password may do before it sets its own. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/password', '/api/auth/logout', '/api/auth/me']);

export function checkAccess(access: Access, user: AuthUser | null): void {
  if (access === 'public') return;
  if (!user) throw new Unauthorized();
  if (access !== 'any' && !access.includes(user.role)) throw new Forbidden();
}

export function route<
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(
  router: Router,
  spec: RouteSpec<Q, P, B>,
  handler: (ctx: RouteContext<z.infer<Q>, z.infer<P>, z.infer<B>>) => Promise<unknown>,
): void {
  const declared = spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
  registeredRoutes.push(declared);
  const mismatch = (e: ResponseMismatch) => {
    console.error(`response check: ${e.message}`);
    return e;
  };
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    const checked = req.app.locals.checkResponses === true;
    const user = (req as Request & { user?: AuthUser }).user ?? null;
    checkAccess(spec.access, user);
    if (user?.mustChangePassword && spec.access !== 'public' && !BEFORE_PASSWORD_CHANGE.has(spec.path))
      throw new Forbidden(m('auth.mustChangePassword'));
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
    res.status(spec.status ?? 200); // the handler may set another of its declared statuses
    let out: unknown;
    try {
      out = await handler(ctx);
    } catch (err) {
      const undeclared = checked ? undeclaredError(declared, err) : null;
      throw undeclared ? mismatch(undeclared) : err;
    }
    if (res.headersSent) return;
    if (out === undefined) res.status(204);
    // Notices inside the answer are spoken in the request's language; what is checked is what the client gets.
    const body = out === undefined || Buffer.isBuffer(out) ? out : speak(out, langOf(req.headers['accept-language']));
    if (checked) {
      try {
        checkResponse(declared, res.statusCode, body);
      } catch (e) {
        throw e instanceof ResponseMismatch ? mismatch(e) : e;
      }
    }
    if (body === undefined) res.end();
    else if (Buffer.isBuffer(body)) res.send(body);
    else res.vary('Accept-Language').json(body);
  });
}
