// Where a browser request comes from: cookie-authenticated writes and Socket.IO handshakes are served
// only to pages of Gridwall's own origin(s). A page elsewhere — another port of the same host included —
// rides the victim's cookie (SameSite=Lax lets a same-site request carry it), so its Origin, or failing
// that its Sec-Fetch-Site, decides. Requests that carry neither (curl, the CLI, server-to-server) and
// requests with a bearer token (no browser attaches one on its own) are not browser-ambient and pass.
// Reads with the cookie that the browser marks same-site or cross-site (an <img>, a link, a no-cors fetch
// from another page) are refused as well: some reads are audited (a person's file), and none is meant to
// be made by a foreign page in the victim's name.
import { langOf, m, renderMessage } from '../../contract/messages/index.js';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../auth/session.js';
import { Forbidden } from './errors.js';

/** Methods that change nothing: no origin check. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const FOREIGN_ORIGIN_MESSAGE = m('http.foreignOrigin');

/** `https://Example.org:443/x` → `https://example.org`; null for anything that is not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/**
 * GRIDWALL_PUBLIC_ORIGIN: a comma-separated list of origins (scheme://host[:port]); throws on anything else.
 * Empty or unset → null: the listening address (see defaultOrigins) and the origin a request names itself by.
 */
export function parsePublicOrigins(raw: string | undefined): string[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  const out: string[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const o = normalizeOrigin(part);
    if (!o || !/^https?:\/\/[^/?#]+\/?$/i.test(part))
      throw new Error(`not an origin (scheme://host[:port], no path): ${part}`);
    out.push(o);
  }
  return out.length ? out : null;
}

/** The listening address as origins: localhost, 127.0.0.1 and [::1] at the port, and the HOST given. */
export function defaultOrigins(host: string, port: number): string[] {
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  const h = host.trim();
  if (h && h !== '0.0.0.0' && h !== '::' && h !== '[::]')
    hosts.push(h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
  return [...new Set(hosts.map((x) => normalizeOrigin(`http://${x}:${port}`)).filter((x): x is string => x !== null))];
}

export interface OriginPolicy {
  /** The configured origins, or null for the defaults. */
  configured: string[] | null;
  host: string;
  /** The port this node listens on (known once it listens: tests listen on port 0). */
  port(): number;
}

export interface RequestFacts {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The origin the request was addressed to, as the Host header and the (proxy-aware) scheme name it. */
  self: string | null;
  bearer: boolean;
  /** It carries the session cookie. */
  cookie: boolean;
}

/** The origins a browser page may write from (and open a socket from) under this policy. */
export function allowedOrigins(policy: OriginPolicy, self: string | null): Set<string> {
  if (policy.configured) return new Set(policy.configured);
  const s = new Set(defaultOrigins(policy.host, policy.port()));
  // Unconfigured, a page served by this very address is its own origin (a LAN address, a proxy that keeps Host).
  if (self) s.add(self);
  return s;
}

/**
 * 'ok', or 'foreign' for a browser's request from a page elsewhere. A write (and, with safeToo, any request:
 * a socket handshake) needs an allowed Origin or, without one, no same-site/cross-site mark; a read is
 * refused only when it carries the session cookie and the browser marks it same-site or cross-site.
 */
export function originVerdict(
  facts: RequestFacts,
  allowed: Set<string>,
  opts: { safeToo?: boolean } = {},
): 'ok' | 'foreign' {
  if (facts.bearer) return 'ok';
  const site = facts.secFetchSite?.toLowerCase();
  const elsewhere = site === 'cross-site' || site === 'same-site';
  // 'null' (sandboxed frames, privacy redirects) is no origin of ours.
  const origin = facts.origin === undefined ? undefined : normalizeOrigin(facts.origin);
  const originOk = origin === undefined ? undefined : origin !== null && allowed.has(origin);
  if (!opts.safeToo && SAFE_METHODS.has(facts.method.toUpperCase())) {
    return facts.cookie && elsewhere && originOk !== true ? 'foreign' : 'ok';
  }
  if (originOk !== undefined) return originOk ? 'ok' : 'foreign';
  return elsewhere ? 'foreign' : 'ok'; // same-origin, none (typed by the user), or no browser at all
}

/** The scheme a request arrived by, as Express's req.protocol reads it (X-Forwarded-Proto from a trusted proxy). */
export function protocolOf(trust: (addr: string, i: number) => boolean) {
  return (req: IncomingMessage): string => {
    const proto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    if (!trust(req.socket.remoteAddress ?? '', 0)) return proto;
    const forwarded = header(req.headers['x-forwarded-proto']);
    return forwarded ? forwarded.split(',')[0].trim() : proto;
  };
}

function selfOrigin(protocol: string, host: string | undefined): string | null {
  return host ? normalizeOrigin(`${protocol}://${host}`) : null;
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const hasBearer = (authorization: string | undefined) => !!authorization && /^Bearer\s+\S/.test(authorization);
const COOKIE = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=[^;\\s]`);
const hasSessionCookie = (cookie: string | undefined) => !!cookie && COOKIE.test(cookie);

/** Express: refuses a request from a foreign page (see originVerdict) with 403, before any route reads it. */
export function originGuard(policy: OriginPolicy) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const facts: RequestFacts = {
      method: req.method,
      origin: header(req.headers.origin),
      secFetchSite: header(req.headers['sec-fetch-site']),
      self: selfOrigin(req.protocol, req.headers.host),
      bearer: hasBearer(req.headers.authorization),
      cookie: hasSessionCookie(req.headers.cookie),
    };
    if (originVerdict(facts, allowedOrigins(policy, facts.self)) === 'foreign')
      return next(new Forbidden(FOREIGN_ORIGIN_MESSAGE));
    next();
  };
}

/**
 * Socket.IO's allowRequest: a handshake (polling or WebSocket) from a foreign page is refused. The session
 * travels in the handshake's auth or the cookie; only the cookie is ambient, but which one a socket uses is
 * known only after this check, so a browser page elsewhere gets no socket at all.
 */
export function socketOriginCheck(policy: OriginPolicy, protocolOf: (req: IncomingMessage) => string) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const facts: RequestFacts = {
      method: req.method ?? 'GET',
      origin: header(req.headers.origin),
      secFetchSite: header(req.headers['sec-fetch-site']),
      self: selfOrigin(protocolOf(req), req.headers.host),
      bearer: false,
      cookie: hasSessionCookie(req.headers.cookie),
    };
    if (originVerdict(facts, allowedOrigins(policy, facts.self), { safeToo: true }) === 'foreign')
      return callback(renderMessage(FOREIGN_ORIGIN_MESSAGE, langOf(header(req.headers['accept-language']))), false);
    callback(null, true);
  };
}
